/**
 * Minimal types for restify 12, which ships no declarations (and `@types/restify` targets older
 * versions). Only what this project uses is declared; extend it when you need more.
 */
declare module 'restify' {
  import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
  import type { AddressInfo } from 'node:net';

  /** A request as restify hands it to a handler, after the body and query parsers ran. */
  export interface Request extends IncomingMessage {
    /** Path parameters (`/conversations/:id` → `params.id`), URL-decoded. */
    params: Record<string, string>;
    /** Set by `plugins.queryParser()`. */
    query: Record<string, unknown>;
    /** Set by `plugins.bodyParser()`: parsed JSON for `application/json`, otherwise raw. */
    body?: unknown;
    getQuery(): string;
    getPath(): string;
    header(name: string, defaultValue?: string): string | undefined;
    isSecure(): boolean;
  }

  /** A response with restify's helpers. */
  export interface Response extends ServerResponse {
    send(code?: number | unknown, body?: unknown, headers?: Record<string, string>): this;
    json(code?: number | unknown, body?: unknown, headers?: Record<string, string>): this;
    header(name: string, value?: string | number | string[]): unknown;
    status(code: number): number;
    redirect(code: number, url: string, next: Next): void;
  }

  /** Continues the chain; `false` stops it, an Error sends an error response. */
  export type Next = (err?: Error | false | null) => void;

  /**
   * A handler is either callback style `(req, res, next)` or an `async (req, res)` function with
   * no `next` parameter (restify checks the arity and the function type at registration).
   */
  export type RequestHandler = (req: Request, res: Response, next: Next) => unknown;

  /** restify flattens nested handler arrays (the body parser is one). */
  export type HandlerOrList = RequestHandler | RequestHandler[];

  export type RouteOptions = string | { path: string; name?: string; version?: string };

  export interface ServerOptions {
    name?: string;
    handleUpgrades?: boolean;
    [option: string]: unknown;
  }

  export interface Server {
    /** The underlying Node HTTP server (for `upgrade` listeners, timeouts, ...). */
    readonly server: HttpServer;
    readonly name: string;
    readonly url: string;
    use(...handlers: HandlerOrList[]): this;
    pre(...handlers: HandlerOrList[]): this;
    get(route: RouteOptions, ...handlers: HandlerOrList[]): unknown;
    head(route: RouteOptions, ...handlers: HandlerOrList[]): unknown;
    post(route: RouteOptions, ...handlers: HandlerOrList[]): unknown;
    put(route: RouteOptions, ...handlers: HandlerOrList[]): unknown;
    patch(route: RouteOptions, ...handlers: HandlerOrList[]): unknown;
    del(route: RouteOptions, ...handlers: HandlerOrList[]): unknown;
    opts(route: RouteOptions, ...handlers: HandlerOrList[]): unknown;
    listen(port: number, host?: string | (() => void), callback?: () => void): HttpServer;
    close(callback?: () => void): HttpServer;
    address(): AddressInfo;
    on(event: string, listener: (...args: never[]) => void): this;
  }

  export function createServer(options?: ServerOptions): Server;

  export namespace plugins {
    function bodyParser(options?: { maxBodySize?: number; mapParams?: boolean; rejectUnknown?: boolean }): RequestHandler[];
    function jsonBodyParser(options?: { mapParams?: boolean }): RequestHandler[];
    function queryParser(options?: { mapParams?: boolean }): RequestHandler;
    function serveStatic(options: { directory: string; file?: string; default?: string; appendRequestPath?: boolean; maxAge?: number }): RequestHandler;
    function serveStaticFiles(directory: string, options?: { maxAge?: number; etag?: boolean; setHeaders?: (res: Response, path: string) => void }): RequestHandler;
  }
}
