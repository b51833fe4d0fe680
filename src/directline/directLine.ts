import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import type { Activity, ChannelAccount, ConversationAccount } from 'botbuilder';
import type { Request, RequestHandler, Response, Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import { Conversation, ConversationRegistry, type StoredActivity } from './conversations.js';
import { RateLimiter } from './rateLimiter.js';
import { TokenService, deriveKey, randomId, type TokenGrant, type VerifiedToken } from './tokens.js';

/** Settings of the embedded Direct Line channel. */
export interface DirectLineOptions {
  /** The Direct Line secret for server-side clients; never sent to a page. */
  secret: string;
  /** Lifetime of every token, in seconds. */
  tokenTtlSeconds: number;
  /** Page token requests (`POST /api/directline/token`) allowed per client IP and minute. */
  pageTokenRate: number;
  /** The bot's account id in activities (default `bot`). */
  botId?: string;
  /** The bot's display name (default: the bot id). */
  botName?: string;
  /** Hands an activity from a user to the bot; the app runs the bot turn here. */
  deliver: (activity: Partial<Activity>) => Promise<void>;
  /** Clock in ms (default `Date.now`), injectable for tests. */
  now?: () => number;
  /**
   * The client IP for rate limiting (default: the socket's remote address). Behind a reverse
   * proxy, pass a function that reads the address the proxy appends to `X-Forwarded-For`.
   */
  clientIp?: (req: IncomingMessage) => string;
  /** Told when a bot turn fails (default: `console.error` with the conversation id only). */
  onError?: (error: unknown, conversationId: string) => void;
  /** Activities kept per conversation (default 500). */
  maxActivitiesPerConversation?: number;
  /** Conversations kept at once; the least recently active is dropped beyond (default 10 000). */
  maxConversations?: number;
  /** Idle time after which a conversation is removed, in ms (default 3 hours). */
  idleTimeoutMs?: number;
}

/** Where the bot reaches this server: the app's own base URL as seen from the bot (e.g. `http://127.0.0.1:3978`). */
export interface RegisterOptions {
  internalBaseUrl: () => string;
}

/** The Direct Line error body: `{ error: { code, message } }`. */
export class DirectLineError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
  }
}

/** Direct Line's own prefix for user ids that only a token may carry (Web Chat and DirectLineJS treat it so). */
const TOKEN_USER_PREFIX = 'dl_';
/** User ids the page may choose and keep in localStorage. */
export const PAGE_USER_ID = /^dl_[A-Za-z0-9_-]{16,64}$/;
const LOCALE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$/;
const HOST = /^[A-Za-z0-9.:[\]-]{1,255}$/;
const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;
const MAX_USER_ID_LENGTH = 256;
/** A client that queues more turns than this is sending faster than any person types. */
const MAX_PENDING_TURNS = 20;
const HEARTBEAT_MS = 30_000;

type Auth = { kind: 'secret' } | { kind: 'token'; token: VerifiedToken };

/**
 * An embedded Direct Line 3.0 service: the official Web Chat and DirectLineJS talk to it as to
 * Azure's, and the bot (behind botbuilder's CloudAdapter) answers through a connector endpoint on
 * this same server. Many conversations at once, each with its own bounded history.
 *
 * Client side, under `/v3/directline`: `tokens/generate`, `tokens/refresh`, `conversations`,
 * `conversations/:id` (reconnect), `conversations/:id/activities` (GET and POST), `.../upload`
 * (501), and the WebSocket `conversations/:id/stream`. Page side: `POST /api/directline/token`.
 * Bot side: `/v3/directline/connector/<capability>/v3/conversations/...`, where the capability is
 * derived from the secret, so only the bot (which gets it in `serviceUrl`) can post as the bot.
 */
export class DirectLine {
  private readonly tokens: TokenService;
  private readonly registry: ConversationRegistry;
  private readonly pageLimiter: RateLimiter;
  private readonly capability: string;
  private readonly bot: ChannelAccount;
  private readonly now: () => number;
  private readonly clientIp: (req: IncomingMessage) => string;
  private readonly onError: (error: unknown, conversationId: string) => void;
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly sockets = new Map<WebSocket, { alive: boolean }>();
  private internalBaseUrl?: () => string;
  private wss?: WebSocketServer;
  private heartbeatTimer?: NodeJS.Timeout;
  private detachUpgrade?: () => void;

  constructor(private readonly options: DirectLineOptions) {
    this.now = options.now ?? Date.now;
    this.tokens = new TokenService(options.secret, options.tokenTtlSeconds, this.now);
    const idleMs = options.idleTimeoutMs ?? 3 * 60 * 60 * 1000;
    this.registry = new ConversationRegistry({
      maxActivities: options.maxActivitiesPerConversation ?? 500,
      maxConversations: options.maxConversations ?? 10_000,
      idleMs,
      now: this.now
    });
    this.pageLimiter = new RateLimiter(options.pageTokenRate, 60_000, this.now);
    this.capability = deriveKey(options.secret, 'directline-connector').toString('base64url');
    const botId = options.botId ?? 'bot';
    this.bot = { id: botId, name: options.botName ?? botId, role: 'bot' };
    this.clientIp = options.clientIp ?? ((req) => req.socket.remoteAddress ?? 'unknown');
    this.onError =
      options.onError ??
      ((error, conversationId) =>
        console.error('[directline] bot turn failed', { conversationId, error: error instanceof Error ? error.message : String(error) }));
    this.sweepTimer = setInterval(() => {
      this.registry.sweep();
      this.pageLimiter.sweep();
    }, Math.max(1000, Math.min(idleMs / 2, 10 * 60_000)));
    this.sweepTimer.unref();
  }

  /** The connector base path the bot posts its replies to (secret: do not log it). */
  get connectorPath(): string {
    return `/v3/directline/connector/${this.capability}`;
  }

  /** Mounts every HTTP route on `server`. The app must install restify's bodyParser and queryParser. */
  register(server: Server, options: RegisterOptions): void {
    this.internalBaseUrl = options.internalBaseUrl;
    const dl = '/v3/directline';
    server.post('/api/directline/token', this.route((req, res) => this.pageToken(req, res)));
    server.post(`${dl}/tokens/generate`, this.route((req, res) => this.generateToken(req, res)));
    server.post(`${dl}/tokens/refresh`, this.route((req, res) => this.refreshToken(req, res)));
    server.post(`${dl}/conversations`, this.route((req, res) => this.startConversation(req, res)));
    server.get(`${dl}/conversations/:conversationId`, this.route((req, res) => this.reconnect(req, res)));
    server.get(`${dl}/conversations/:conversationId/activities`, this.route((req, res) => this.getActivities(req, res)));
    server.post(`${dl}/conversations/:conversationId/activities`, this.route((req, res) => this.postActivity(req, res)));
    server.post(`${dl}/conversations/:conversationId/upload`, this.route((req) => this.upload(req)));

    const connector = `${dl}/connector/:capability/v3/conversations/:conversationId`;
    server.post(`${connector}/activities`, this.route((req, res) => this.botActivity(req, res)));
    server.post(`${connector}/activities/:activityId`, this.route((req, res) => this.botActivity(req, res)));
    server.put(`${connector}/activities/:activityId`, this.route((req, res) => this.botUpdate(req, res)));
    server.del(`${connector}/activities/:activityId`, this.route((req, res) => this.botDelete(req, res)));
    server.get(`${connector}/members`, this.route((req, res) => this.members(req, res)));
    server.get(`${connector}/activities/:activityId/members`, this.route((req, res) => this.members(req, res)));
  }

  /** Serves the WebSocket stream (`streamUrl`) on the upgrade requests of `httpServer`. */
  attachWebSocket(httpServer: HttpServer): void {
    if (this.wss) throw new Error('DirectLine.attachWebSocket() was already called');
    const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
    const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => this.upgrade(wss, req, socket, head);
    httpServer.on('upgrade', onUpgrade);
    this.wss = wss;
    this.detachUpgrade = () => httpServer.off('upgrade', onUpgrade);
    // Dead connections (a phone that lost its network) are found by ping/pong and closed.
    this.heartbeatTimer = setInterval(() => {
      for (const [ws, state] of this.sockets) {
        if (!state.alive) {
          ws.terminate();
          continue;
        }
        state.alive = false;
        ws.ping();
      }
    }, HEARTBEAT_MS);
    this.heartbeatTimer.unref();
  }

  /** Forgets what was said in a conversation (the person asked to delete their data). */
  forgetHistory(conversationId: string): void {
    this.registry.get(conversationId)?.clearHistory();
  }

  /** Stops the timers, closes every WebSocket and forgets every conversation. */
  close(): void {
    clearInterval(this.sweepTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.detachUpgrade?.();
    for (const ws of this.sockets.keys()) ws.terminate();
    this.sockets.clear();
    this.wss?.close();
    this.registry.clear();
  }

  // --- page and token routes ---------------------------------------------------------------

  private pageToken(req: Request, res: Response): void {
    const wait = this.pageLimiter.take(this.clientIp(req));
    if (wait > 0) {
      throw new DirectLineError(429, 'TooManyRequests', 'Too many token requests; try again later.', { 'Retry-After': String(wait) });
    }
    const body = objectBody(req.body);
    const userId = typeof body.userId === 'string' && PAGE_USER_ID.test(body.userId) ? body.userId : newUserId();
    const grant: TokenGrant = { conversationId: randomId(), userId, locale: locale(body.locale) };
    res.json(200, { ...this.tokenResponse(grant), userId });
  }

  private generateToken(req: Request, res: Response): void {
    if (this.authenticate(req).kind !== 'secret') {
      throw new DirectLineError(401, 'Unauthorized', 'tokens/generate needs the Direct Line secret.');
    }
    const user = objectBody(objectBody(req.body).user);
    if (user.id !== undefined && !validUserId(user.id)) {
      throw new DirectLineError(400, 'BadArgument', 'user.id must be a non-empty string.');
    }
    res.json(200, this.tokenResponse({ conversationId: randomId(), userId: user.id }));
  }

  private refreshToken(req: Request, res: Response): void {
    const auth = this.authenticate(req);
    if (auth.kind !== 'token') {
      throw new DirectLineError(400, 'BadArgument', 'tokens/refresh needs a token; use tokens/generate with the secret.');
    }
    const { conversationId, userId, locale } = auth.token;
    res.json(200, this.tokenResponse({ conversationId, userId, locale }));
  }

  // --- conversation routes -----------------------------------------------------------------

  private startConversation(req: Request, res: Response): void {
    const auth = this.authenticate(req);
    const body = objectBody(req.body);
    const requested = objectBody(body.user).id;
    let conversation: Conversation | undefined;
    let created = false;
    if (auth.kind === 'token') {
      conversation = this.registry.get(auth.token.conversationId);
      if (!conversation) {
        const userId = auth.token.userId ?? (validUserId(requested) && !requested.startsWith(TOKEN_USER_PREFIX) ? requested : newUserId());
        conversation = this.registry.create(auth.token.conversationId, userId, auth.token.locale ?? locale(body.locale));
        created = true;
      }
    } else {
      conversation = this.registry.create(randomId(), validUserId(requested) ? requested : newUserId(), locale(body.locale));
      created = true;
    }
    if (created) this.greet(conversation);
    // The token handed back is bound to the conversation's user, so Web Chat sends as that user.
    const grant = { conversationId: conversation.id, userId: conversation.userId, locale: conversation.locale };
    const { token, ...rest } = this.tokenResponse(grant);
    // The stream replays from the current watermark, so nothing the bot says before the client connects is lost.
    const streamUrl = this.streamUrl(req, conversation.id, token, conversation.watermark);
    res.json(created ? 201 : 200, { ...rest, token, streamUrl });
  }

  private reconnect(req: Request, res: Response): void {
    const conversation = this.conversationFor(req);
    // Without a watermark the stream carries only what arrives after this request (as Azure's does).
    const watermark = parseWatermark(queryParam(req, 'watermark')) ?? conversation.watermark;
    const token = this.tokens.issue({ conversationId: conversation.id, userId: conversation.userId, locale: conversation.locale });
    res.json(200, {
      conversationId: conversation.id,
      token,
      expires_in: this.tokens.ttlSeconds,
      streamUrl: this.streamUrl(req, conversation.id, token, watermark)
    });
  }

  private getActivities(req: Request, res: Response): void {
    const conversation = this.conversationFor(req);
    res.json(200, conversation.since(parseWatermark(queryParam(req, 'watermark'))));
  }

  private postActivity(req: Request, res: Response): void {
    const auth = this.authorize(req);
    const conversation = this.existing(req.params.conversationId);
    const body = req.body;
    if (!isObject(body) || typeof body.type !== 'string' || body.type === '') {
      throw new DirectLineError(400, 'MissingProperty', 'The body must be an activity with a "type".');
    }
    if (conversation.pendingTurns >= MAX_PENDING_TURNS) {
      throw new DirectLineError(429, 'TooManyRequests', 'The bot is still busy with earlier activities.', { 'Retry-After': '1' });
    }
    const claimed = objectBody(body.from);
    const from: ChannelAccount = {
      id: this.senderId(auth, conversation, claimed.id),
      name: typeof claimed.name === 'string' ? claimed.name : '',
      role: 'user'
    };
    const stored = conversation.append({
      ...userFields(body),
      channelId: 'directline',
      conversation: conversationAccount(conversation.id),
      from,
      recipient: this.bot,
      timestamp: conversation.timestamp(this.now())
    });
    this.toBot(conversation, stored);
    // Answer once the activity is stored and queued, not after the bot's turn: Web Chat marks it
    // sent when it has the id and sees the echo, and the bot's replies arrive through the history.
    res.json(200, { id: stored.id });
  }

  private upload(req: Request): void {
    this.conversationFor(req);
    throw new DirectLineError(501, 'NotImplemented', 'File upload is not supported by this server; send text instead.');
  }

  // --- connector (bot side) ----------------------------------------------------------------

  private botActivity(req: Request, res: Response): void {
    const conversation = this.botConversation(req);
    const body = botBody(req.body);
    const stored = conversation.append({
      ...body,
      replyToId: req.params.activityId ?? body.replyToId,
      channelId: 'directline',
      conversation: conversationAccount(conversation.id),
      from: this.bot,
      timestamp: conversation.timestamp(this.now())
    });
    res.json(200, { id: stored.id });
  }

  private botUpdate(req: Request, res: Response): void {
    const conversation = this.botConversation(req);
    const id = req.params.activityId;
    const updated: StoredActivity = {
      ...botBody(req.body),
      id,
      channelId: 'directline',
      conversation: conversationAccount(conversation.id),
      from: this.bot,
      timestamp: conversation.timestamp(this.now())
    };
    if (!conversation.update(updated)) {
      throw new DirectLineError(404, 'NotFound', 'Unknown activity.');
    }
    res.json(200, { id });
  }

  private botDelete(req: Request, res: Response): void {
    const conversation = this.botConversation(req);
    if (!conversation.remove(req.params.activityId)) throw new DirectLineError(404, 'NotFound', 'Unknown activity.');
    res.json(200, {});
  }

  private members(req: Request, res: Response): void {
    const conversation = this.botConversation(req);
    res.json(200, [this.bot, { id: conversation.userId, name: '', role: 'user' }]);
  }

  // --- helpers -----------------------------------------------------------------------------

  /** Wraps a handler as an async restify handler that answers errors in the Direct Line shape. */
  private route(handler: (req: Request, res: Response) => void): RequestHandler {
    return async (req: Request, res: Response): Promise<void> => {
      try {
        handler(req, res);
      } catch (error) {
        if (error instanceof DirectLineError) {
          for (const [name, value] of Object.entries(error.headers)) res.header(name, value);
          res.json(error.status, { error: { code: error.code, message: error.message } });
          return;
        }
        this.onError(error, typeof req.params?.conversationId === 'string' ? req.params.conversationId : '');
        res.json(500, { error: { code: 'ServiceError', message: 'Internal error.' } });
      }
    };
  }

  private authenticate(req: Request): Auth {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) throw new DirectLineError(401, 'Unauthorized', 'An Authorization header "Bearer <secret or token>" is required.');
    if (this.tokens.isSecret(match[1])) return { kind: 'secret' };
    const check = this.tokens.verify(match[1]);
    if (!check.ok) {
      const code = check.reason === 'expired' ? 'TokenExpired' : 'Unauthorized';
      throw new DirectLineError(401, code, check.reason === 'expired' ? 'The token has expired.' : 'Invalid token.');
    }
    return { kind: 'token', token: check.token };
  }

  /** Authenticates and checks that a token reaches the conversation in the path. */
  private authorize(req: Request): Auth {
    const auth = this.authenticate(req);
    if (auth.kind === 'token' && auth.token.conversationId !== req.params.conversationId) {
      throw new DirectLineError(403, 'Forbidden', 'The token is for another conversation.');
    }
    return auth;
  }

  private conversationFor(req: Request): Conversation {
    this.authorize(req);
    return this.existing(req.params.conversationId);
  }

  private existing(conversationId: string): Conversation {
    const conversation = this.registry.get(conversationId);
    if (!conversation) throw new DirectLineError(404, 'NotFound', 'Unknown or ended conversation.');
    return conversation;
  }

  private botConversation(req: Request): Conversation {
    const given = Buffer.from(req.params.capability ?? '');
    const expected = Buffer.from(this.capability);
    // 404 rather than 401: the path itself is the credential, and a wrong one names nothing.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DirectLineError(404, 'NotFound', 'Not found.');
    }
    return this.existing(req.params.conversationId);
  }

  /**
   * Who sent a client activity. A token bound to a user decides it; otherwise the client's id is
   * kept, except ids with the `dl_` prefix, which only a token may carry (so nobody can speak as a
   * page user whose profile the bot remembers). Clients holding the secret are trusted.
   */
  private senderId(auth: Auth, conversation: Conversation, claimed: unknown): string {
    if (auth.kind === 'token' && auth.token.userId) return auth.token.userId;
    if (!validUserId(claimed)) return conversation.userId;
    if (auth.kind === 'token' && claimed.startsWith(TOKEN_USER_PREFIX)) return conversation.userId;
    return claimed;
  }

  private tokenResponse(grant: TokenGrant): { conversationId: string; token: string; expires_in: number } {
    return { conversationId: grant.conversationId, token: this.tokens.issue(grant), expires_in: this.tokens.ttlSeconds };
  }

  /** Tells the bot that it and the user joined, so it can greet. */
  private greet(conversation: Conversation): void {
    const user: ChannelAccount = { id: conversation.userId, name: '', role: 'user' };
    this.toBot(conversation, {
      type: 'conversationUpdate',
      id: conversation.activityId(0),
      channelId: 'directline',
      conversation: conversationAccount(conversation.id),
      from: user,
      recipient: this.bot,
      membersAdded: [this.bot, user],
      locale: conversation.locale,
      timestamp: new Date(this.now())
    });
  }

  /** Queues a turn for the bot with its own copy of the activity (the bot may change it). */
  private toBot(conversation: Conversation, activity: StoredActivity): void {
    const serviceUrl = this.serviceUrl();
    const copy: Partial<Activity> = { ...structuredClone(activity), serviceUrl };
    if (copy.locale === undefined) delete copy.locale;
    conversation.enqueueTurn(
      () => this.options.deliver(copy),
      (error) => this.onError(error, conversation.id)
    );
  }

  private serviceUrl(): string {
    if (!this.internalBaseUrl) throw new Error('DirectLine.register() must be called before conversations start');
    return this.internalBaseUrl().replace(/\/+$/, '') + this.connectorPath;
  }

  /** ws:// or wss:// as the client reached us (a TLS proxy says so in X-Forwarded-Proto), on the Host it used. */
  private streamUrl(req: Request, conversationId: string, token: string, watermark: number): string {
    const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim().toLowerCase();
    const scheme = req.isSecure() || forwarded === 'https' ? 'wss' : 'ws';
    const host = HOST.test(req.headers.host ?? '') ? req.headers.host : 'localhost';
    const query = new URLSearchParams({ t: token, watermark: String(watermark) });
    return `${scheme}://${host}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream?${query.toString()}`;
  }

  private upgrade(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return; // not ours: another upgrade listener may serve it
    const conversationId = safeDecode(match[1]);
    const check = this.tokens.verify(url.searchParams.get('t') ?? '');
    if (!check.ok) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (check.token.conversationId !== conversationId) return refuseUpgrade(socket, 403, 'Forbidden');
    const conversation = this.registry.get(conversationId);
    if (!conversation) return refuseUpgrade(socket, 404, 'Not Found');
    const watermark = parseWatermarkOrUndefined(url.searchParams.get('watermark'));
    wss.handleUpgrade(req, socket, head, (ws) => this.stream(ws, conversation, watermark));
  }

  private stream(ws: WebSocket, conversation: Conversation, watermark: number | undefined): void {
    const state = { alive: true };
    this.sockets.set(ws, state);
    if (watermark !== undefined) {
      const backlog = conversation.since(watermark);
      if (backlog.activities.length > 0) ws.send(JSON.stringify(backlog));
    }
    const unsubscribe = conversation.subscribe({
      activity: (activity, mark) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ activities: [activity], watermark: mark }));
      },
      ended: () => ws.close(1000, 'conversation ended')
    });
    ws.on('pong', () => {
      state.alive = true;
    });
    ws.on('message', () => {
      state.alive = true; // DirectLineJS sends empty frames as keep-alive; nothing else is expected
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      unsubscribe();
      this.sockets.delete(ws);
    });
  }
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function conversationAccount(id: string): ConversationAccount {
  return { id, isGroup: false, conversationType: 'personal', name: '' };
}

/** Read from the raw query string, so the routes work with or without restify's queryParser. */
function queryParam(req: Request, name: string): string | undefined {
  return new URLSearchParams(req.getQuery() ?? '').get(name) ?? undefined;
}

function newUserId(): string {
  return TOKEN_USER_PREFIX + randomId(16);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectBody(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

function validUserId(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_USER_ID_LENGTH;
}

function locale(value: unknown): string | undefined {
  return typeof value === 'string' && LOCALE.test(value) ? value : undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function parseWatermarkOrUndefined(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/** `?watermark=` as a number; missing or empty means "from the start"; anything else is a 400. */
function parseWatermark(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = parseWatermarkOrUndefined(value);
  if (parsed === undefined) throw new DirectLineError(400, 'BadArgument', 'The watermark must be a number.');
  return parsed;
}

/** The fields of a client activity the bot gets; everything that identifies sender and place is set by us. */
function userFields(body: Record<string, unknown>): Partial<Activity> {
  const fields: Partial<Activity> = { type: String(body.type) };
  if (typeof body.text === 'string') fields.text = body.text;
  if (typeof body.textFormat === 'string') fields.textFormat = body.textFormat;
  if (typeof body.name === 'string') fields.name = body.name;
  if (typeof body.locale === 'string') fields.locale = body.locale;
  if (typeof body.localTimezone === 'string') fields.localTimezone = body.localTimezone;
  if (typeof body.replyToId === 'string') fields.replyToId = body.replyToId;
  if (body.value !== undefined) fields.value = body.value;
  if (isObject(body.channelData)) fields.channelData = body.channelData;
  if (Array.isArray(body.entities)) fields.entities = body.entities.filter(isObject).map((e) => ({ ...e, type: String(e.type) }));
  return fields;
}

/**
 * A bot activity as posted by the connector client, without any `serviceUrl` (the bot copies the
 * conversation reference into what it sends, and that URL holds the capability clients must not see).
 */
function botBody(value: unknown): Partial<Activity> {
  if (!isObject(value) || typeof value.type !== 'string') {
    throw new DirectLineError(400, 'MissingProperty', 'The body must be an activity with a "type".');
  }
  const clean: unknown = JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'serviceUrl' ? undefined : v)));
  return clean as Partial<Activity>;
}
