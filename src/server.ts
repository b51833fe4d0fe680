import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from 'pino';

/** Bodies larger than this are refused (413). Bot Framework activities are small. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Security headers for every response. The page loads scripts, styles and fonts only from us;
 * Web Chat needs inline styles (it renders with CSS-in-JS) and connects back to us over ws(s).
 */
function securityHeaders(frameAncestors: string) {
  const csp = (host: string) =>
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "font-src 'self' data:",
      "img-src 'self' data: blob:",
      // The Direct Line stream: our own host only, over ws or wss.
      `connect-src 'self'${host ? ` ws://${host} wss://${host}` : ''}`,
      "object-src 'none'",
      "base-uri 'none'",
      `frame-ancestors ${frameAncestors}`
    ].join('; ');
  return (req: Request, res: Response, next: () => void) => {
    const host = /^[a-z0-9.-]+(:\d+)?$|^\[[0-9a-f:.]+\](:\d+)?$/i.test(req.headers.host ?? '') ? req.headers.host! : '';
    res.setHeader('Content-Security-Policy', csp(host));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    next();
  };
}

/**
 * The HTTP server with its cross-cutting parts: body limits, security headers, and error
 * responses that never show internals. Routes are added by their owners (see app.ts).
 */
export function createServer(options: { log: Logger; frameAncestors: string }): Server {
  const server = restify.createServer({ name: 'integration-point-bot', handleUncaughtExceptions: false, log: options.log });
  server.use(securityHeaders(options.frameAncestors));
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: false }));

  // 5xx bodies say only that something went wrong; the log gets the error, never request bodies.
  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, done: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      // No URL: connector paths and stream URLs carry capabilities.
      options.log.error({ err, method: req.method }, 'request failed');
      err.toJSON = () => ({ error: { code: 'InternalError', message: 'Internal error' } });
    } else {
      err.toJSON = () => ({ error: { code: err.name.replace(/Error$/, ''), message: err.message } });
    }
    done();
  });
  return server;
}
