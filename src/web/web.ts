import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { i18n } from 'i18next';
import type { Next, Request, Response, Server } from 'restify';
import { LANGUAGES } from '../i18n/languages.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Folders the page may load files from, by URL prefix. Web Chat's `exports` hides its dist/. */
function staticRoots(): Record<string, string> {
  const packageDir = (name: string) => {
    const entry = require.resolve(name);
    return entry.slice(0, entry.lastIndexOf(`${sep}node_modules${sep}`) + `${sep}node_modules${sep}`.length + name.length);
  };
  return {
    '/static/fonts/noto-sans-ethiopic/': packageDir('@fontsource/noto-sans-ethiopic'),
    '/static/fonts/noto-naskh-arabic/': packageDir('@fontsource/noto-naskh-arabic'),
    '/static/webchat.js': join(packageDir('botframework-webchat'), 'dist', 'webchat.js'),
    '/static/': join(here, 'public')
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff'
};

interface Asset {
  body: Buffer;
  gzip?: Buffer;
  type: string;
  etag: string;
}

/**
 * The web chat page and its static files, all served from our own server (never a CDN):
 * compressed once, cached with an ETag, and limited to the known folders.
 */
export class WebAssets {
  private readonly roots = staticRoots();
  private readonly cache = new Map<string, Asset>();

  constructor(private readonly i18n: i18n) {}

  register(server: Server): void {
    server.get('/', (req, res, next) => this.send(req, res, next, join(here, 'public', 'index.html'), 'no-cache'));
    server.get('/privacy', (req, res, next) => this.send(req, res, next, join(here, 'public', 'privacy.html'), 'no-cache'));
    server.get('/static/*', (req, res, next) => {
      const file = this.resolve(req.getPath());
      if (!file) {
        res.send(404, { error: { code: 'NotFound', message: 'Not found' } });
        return next(false);
      }
      return this.send(req, res, next, file, 'public, max-age=86400');
    });
    server.get('/api/languages', (_req, res, next) => {
      res.send(
        LANGUAGES.map((l) => ({
          code: l.code,
          endonym: l.endonym,
          rtl: l.rtl,
          page: this.i18n.getFixedT(l.code)('page', { returnObjects: true })
        }))
      );
      return next();
    });
  }

  private resolve(path: string): string | undefined {
    for (const [prefix, root] of Object.entries(this.roots)) {
      if (prefix.endsWith('/') ? !path.startsWith(prefix) : path !== prefix) continue;
      if (!prefix.endsWith('/')) return root;
      try {
        const file = normalize(join(root, decodeURIComponent(path.slice(prefix.length))));
        if (!file.startsWith(root + sep) || !TYPES[extname(file)]) return undefined;
        return statSync(file).isFile() ? file : undefined;
      } catch {
        return undefined; // a malformed %-escape or a missing file: not found
      }
    }
    return undefined;
  }

  private asset(file: string): Asset {
    let asset = this.cache.get(file);
    if (!asset) {
      const body = readFileSync(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const compressible = type.startsWith('text/') && body.length > 1024;
      asset = {
        body,
        type,
        gzip: compressible ? gzipSync(body) : undefined,
        etag: `"${createHash('sha1').update(body).digest('base64url')}"`
      };
      this.cache.set(file, asset);
    }
    return asset;
  }

  private send(req: Request, res: Response, next: Next, file: string, cacheControl: string): void {
    const asset = this.asset(file);
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('ETag', asset.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === asset.etag) {
      res.writeHead(304);
      res.end();
      return next(false);
    }
    const gzip = asset.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? asset.gzip! : asset.body;
    res.writeHead(200, {
      'Content-Type': asset.type,
      'Content-Length': body.length,
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {})
    });
    res.end(body);
    return next(false);
  }
}
