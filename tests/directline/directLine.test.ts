import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import restify from 'restify';
import { WebSocket } from 'ws';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import { DirectLine as DirectLineClient, type Activity as ClientActivity } from 'botframework-directlinejs';
import { DirectLine } from '../../src/directline/directLine.js';

// DirectLineJS polls with RxJS's ajax, which needs XMLHttpRequest; Node has none.
const require = createRequire(import.meta.url);
(globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = require('xhr2') as unknown;

const SECRET = 'test-secret-0123456789abcdefghij';
const TTL_SECONDS = 1800;
const PAGE_TOKEN_RATE = 5;

/** What the client receives as JSON from the REST routes. */
type Json = Record<string, unknown>;
interface ActivitySet {
  activities: Array<Json & { id: string; text?: string; from: { id: string; role?: string }; replyToId?: string }>;
  watermark: string;
}

let base = '';
let server: restify.Server;
let directLine: DirectLine;
/** Shifts the server's clock, to expire tokens and end rate-limit windows. */
let clockOffset = 0;
/** Everything the bot received, in order. */
const delivered: Array<Partial<Activity>> = [];
const clients: DirectLineClient[] = [];
const sockets: WebSocket[] = [];

async function echoBot(context: TurnContext): Promise<void> {
  const activity = context.activity;
  if (activity.type === 'message') {
    if (activity.text?.startsWith('slow')) await new Promise((resolve) => setTimeout(resolve, 300));
    await context.sendActivity(`You said: ${activity.text}`);
  } else if (activity.type === 'conversationUpdate') {
    for (const member of activity.membersAdded ?? []) {
      if (member.id !== activity.recipient.id) await context.sendActivity(`Welcome! (${activity.locale ?? 'no locale'})`);
    }
  }
}

beforeAll(async () => {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  directLine = new DirectLine({
    secret: SECRET,
    tokenTtlSeconds: TTL_SECONDS,
    pageTokenRate: PAGE_TOKEN_RATE,
    botId: 'integration-point-bot',
    now: () => Date.now() + clockOffset,
    // As behind the production reverse proxy: the client address is the one it appends.
    clientIp: (req) => String(req.headers['x-forwarded-for'] ?? req.socket.remoteAddress).split(',').pop()!.trim(),
    deliver: async (activity) => {
      delivered.push(activity);
      await adapter.processActivityDirect('', activity as Activity, echoBot);
    }
  });
  server = restify.createServer();
  server.use(restify.plugins.queryParser(), restify.plugins.bodyParser());
  directLine.register(server, { internalBaseUrl: () => base });
  directLine.attachWebSocket(server.server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${server.address().port}`;
});

afterEach(() => {
  for (const client of clients.splice(0)) client.end();
  for (const socket of sockets.splice(0)) socket.terminate();
});

afterAll(async () => {
  directLine.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let nextClient = 0;

async function call(
  method: string,
  path: string,
  auth?: string,
  body?: unknown,
  clientIp = `10.0.${Math.floor(++nextClient / 250)}.${nextClient % 250}`
): Promise<{ status: number; body: Json; headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-forwarded-for': clientIp };
  if (auth) headers.authorization = `Bearer ${auth}`;
  const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {}, headers: response.headers };
}

async function pageToken(body: Json = {}): Promise<{ conversationId: string; token: string; userId: string; expires_in: number }> {
  const response = await call('POST', '/api/directline/token', undefined, body);
  expect(response.status).toBe(200);
  return response.body as { conversationId: string; token: string; userId: string; expires_in: number };
}

async function startConversation(token: string): Promise<{ conversationId: string; token: string; streamUrl: string }> {
  const response = await call('POST', '/v3/directline/conversations', token);
  expect(response.status).toBe(201);
  return response.body as { conversationId: string; token: string; streamUrl: string };
}

async function history(conversationId: string, token: string, watermark = ''): Promise<ActivitySet> {
  const response = await call('GET', `/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, token);
  expect(response.status).toBe(200);
  return response.body as unknown as ActivitySet;
}

async function waitFor<T>(find: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The official client, in polling mode as the contract names it, or over the WebSocket stream. */
function officialClient(
  token: string,
  mode: 'polling' | 'websocket' = 'polling'
): { client: DirectLineClient; received: ClientActivity[] } {
  // DirectLineJS picks WebSockets only when a global WebSocket exists at construction (Node 20 has none).
  const global = globalThis as { WebSocket?: unknown };
  const previous = global.WebSocket;
  if (mode === 'websocket') global.WebSocket = WebSocket;
  let client: DirectLineClient;
  try {
    client = new DirectLineClient({
      token,
      domain: `${base}/v3/directline`,
      webSocket: mode === 'websocket',
      pollingInterval: 200, // DirectLineJS ignores anything under 200 ms
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket
    });
  } finally {
    global.WebSocket = previous;
  }
  clients.push(client);
  const received: ClientActivity[] = [];
  client.activity$.subscribe({
    next: (activity) => received.push(activity),
    error: () => undefined // end() ends the stream with "conversation ended"
  });
  return { client, received };
}

function post(client: DirectLineClient, activity: ClientActivity): Promise<string> {
  return new Promise((resolve, reject) => client.postActivity(activity).subscribe((id: string) => resolve(id), reject));
}

function textOf(activity: ClientActivity): string | undefined {
  return activity.type === 'message' ? activity.text : undefined;
}

describe('embedded Direct Line with the official client', () => {
  it('greets, echoes the user message back in the history and answers, with growing watermarks', async () => {
    const page = await pageToken({ locale: 'ar' });
    expect(page.userId).toMatch(/^dl_[A-Za-z0-9_-]{22}$/);
    expect(page.expires_in).toBe(TTL_SECONDS);
    const { client, received } = officialClient(page.token);

    const greeting = await waitFor(() => received.find((a) => textOf(a)?.startsWith('Welcome')), 'the greeting');
    expect(textOf(greeting)).toBe('Welcome! (ar)');
    expect(greeting.from.role).toBe('bot');

    const before = await history(page.conversationId, page.token);
    const id = await post(client, {
      type: 'message',
      from: { id: page.userId },
      text: 'Wo ist das Jobcenter?',
      channelData: { clientActivityID: 'client-1' }
    } as ClientActivity);
    expect(id).toMatch(new RegExp(`^${page.conversationId}\\|\\d{7}$`));

    const echo = await waitFor(() => received.find((a) => a.id === id), 'the echo of our own message');
    expect(echo.from.id).toBe(page.userId);
    expect(textOf(echo)).toBe('Wo ist das Jobcenter?');
    expect((echo.channelData as Json).clientActivityID).toBe('client-1'); // Web Chat matches its echo by this
    const reply = await waitFor(() => received.find((a) => textOf(a) === 'You said: Wo ist das Jobcenter?'), 'the reply');
    expect((reply as { replyToId?: string }).replyToId).toBe(id);
    expect(received.indexOf(echo)).toBeLessThan(received.indexOf(reply));

    const after = await history(page.conversationId, page.token, before.watermark);
    expect(after.activities.map((a) => a.text)).toEqual(['Wo ist das Jobcenter?', 'You said: Wo ist das Jobcenter?']);
    expect(Number(after.watermark)).toBeGreaterThan(Number(before.watermark));
    expect((await history(page.conversationId, page.token, after.watermark)).activities).toEqual([]);
    // The connector capability in serviceUrl never reaches a client.
    expect(JSON.stringify(await history(page.conversationId, page.token))).not.toContain(directLine.connectorPath);

    const message = delivered.find((a) => a.id === id);
    expect(message).toMatchObject({
      type: 'message',
      channelId: 'directline',
      serviceUrl: `${base}${directLine.connectorPath}`,
      conversation: { id: page.conversationId },
      from: { id: page.userId },
      recipient: { id: 'integration-point-bot' },
      text: 'Wo ist das Jobcenter?',
      channelData: { clientActivityID: 'client-1' }
    });
    expect(Object.prototype.toString.call(message?.timestamp)).toBe('[object Date]');
    const update = delivered.find((a) => a.type === 'conversationUpdate' && a.conversation?.id === page.conversationId);
    expect(update?.membersAdded?.map((m) => m.id)).toEqual(['integration-point-bot', page.userId]);
    expect(update?.locale).toBe('ar');
  });

  it('keeps a returning person\'s id from the page but gives every visit a new conversation', async () => {
    const userId = 'dl_abcdefghijklmnop_-123';
    const first = await pageToken({ userId });
    const second = await pageToken({ userId });
    expect([first.userId, second.userId]).toEqual([userId, userId]);
    expect(second.conversationId).not.toBe(first.conversationId);
    const invalid = await pageToken({ userId: 'alice' });
    expect(invalid.userId).toMatch(/^dl_/);
    expect(invalid.userId).not.toBe('alice');
  });

  it('answers the POST before a slow bot turn ends, and keeps the turns in order', async () => {
    const page = await pageToken();
    const { client, received } = officialClient(page.token);
    await waitFor(() => received.find((a) => textOf(a)?.startsWith('Welcome')), 'the greeting');
    const slowId = await post(client, { type: 'message', from: { id: page.userId }, text: 'slow question' } as ClientActivity);
    const fastId = await post(client, { type: 'message', from: { id: page.userId }, text: 'quick question' } as ClientActivity);
    const sent = await history(page.conversationId, page.token);
    expect(sent.activities.map((a) => a.id)).toEqual(expect.arrayContaining([slowId, fastId]));
    expect(sent.activities.some((a) => a.text === 'You said: slow question')).toBe(false); // the bot is still busy
    await waitFor(() => received.find((a) => textOf(a) === 'You said: quick question'), 'the second reply');
    const replies = received.map(textOf).filter((t) => t?.startsWith('You said'));
    expect(replies).toEqual(['You said: slow question', 'You said: quick question']);
  });

  it('keeps two simultaneous conversations apart', async () => {
    const [a, b] = await Promise.all([pageToken(), pageToken()]);
    const one = officialClient(a.token);
    const two = officialClient(b.token);
    await Promise.all([
      post(one.client, { type: 'message', from: { id: a.userId }, text: 'from A' } as ClientActivity),
      post(two.client, { type: 'message', from: { id: b.userId }, text: 'from B' } as ClientActivity)
    ]);
    await waitFor(() => one.received.find((x) => textOf(x) === 'You said: from A'), 'reply in A');
    await waitFor(() => two.received.find((x) => textOf(x) === 'You said: from B'), 'reply in B');
    expect(one.received.map(textOf).filter((t) => t?.includes('from B'))).toEqual([]);
    expect(two.received.map(textOf).filter((t) => t?.includes('from A'))).toEqual([]);
    expect(one.received.every((x) => x.conversation?.id === a.conversationId)).toBe(true);
  });
});

describe('tokens and authorisation', () => {
  it('refuses a token of conversation A on conversation B (403), and bad or expired tokens (401)', async () => {
    const a = await pageToken();
    const b = await pageToken();
    await startConversation(a.token);
    await startConversation(b.token);
    const message = { type: 'message', from: { id: a.userId }, text: 'hi' };

    expect((await call('GET', `/v3/directline/conversations/${b.conversationId}/activities`, a.token)).status).toBe(403);
    const forbidden = await call('POST', `/v3/directline/conversations/${b.conversationId}/activities`, a.token, message);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({ error: { code: 'Forbidden', message: expect.any(String) } });
    expect((await call('GET', `/v3/directline/conversations/${b.conversationId}`, a.token)).status).toBe(403);

    expect((await call('GET', `/v3/directline/conversations/${a.conversationId}/activities`)).status).toBe(401);
    const tampered = a.token.slice(0, -2) + (a.token.endsWith('AA') ? 'BB' : 'AA');
    expect((await call('GET', `/v3/directline/conversations/${a.conversationId}/activities`, tampered)).status).toBe(401);
    expect((await call('POST', `/v3/directline/conversations/${a.conversationId}/activities`, 'not-a-token', message)).status).toBe(401);

    clockOffset += (TTL_SECONDS + 1) * 1000;
    try {
      const expired = await call('GET', `/v3/directline/conversations/${a.conversationId}/activities`, a.token);
      expect(expired.status).toBe(401);
      expect(expired.body).toEqual({ error: { code: 'TokenExpired', message: expect.any(String) } });
      expect((await call('POST', '/v3/directline/tokens/refresh', a.token)).status).toBe(401);
    } finally {
      clockOffset -= (TTL_SECONDS + 1) * 1000;
    }
    // The secret reaches every conversation.
    expect((await call('GET', `/v3/directline/conversations/${b.conversationId}/activities`, SECRET)).status).toBe(200);
  });

  it('generates tokens only with the secret, binds them to the user, and refreshes them', async () => {
    expect((await call('POST', '/v3/directline/tokens/generate')).status).toBe(401);
    expect((await call('POST', '/v3/directline/tokens/generate', 'wrong-secret')).status).toBe(401);
    const page = await pageToken();
    expect((await call('POST', '/v3/directline/tokens/generate', page.token)).status).toBe(401);

    const generated = await call('POST', '/v3/directline/tokens/generate', SECRET, { user: { id: 'dl_server-side-user' } });
    expect(generated.status).toBe(200);
    const { conversationId, token, expires_in } = generated.body as { conversationId: string; token: string; expires_in: number };
    expect(expires_in).toBe(TTL_SECONDS);

    const started = await call('POST', '/v3/directline/conversations', token);
    expect(started.status).toBe(201);
    expect(started.body.conversationId).toBe(conversationId);
    expect((await call('POST', '/v3/directline/conversations', token)).status).toBe(200); // resumed, not restarted

    // The bound user speaks, whatever "from" the client claims.
    const posted = await call('POST', `/v3/directline/conversations/${conversationId}/activities`, token, {
      type: 'message',
      from: { id: 'someone-else' },
      text: 'who am I'
    });
    expect(posted.status).toBe(200);
    const echo = (await history(conversationId, token)).activities.find((a) => a.id === posted.body.id);
    expect(echo?.from.id).toBe('dl_server-side-user');

    clockOffset += 2000; // a later token, not the same signature
    try {
      const refreshed = await call('POST', '/v3/directline/tokens/refresh', token);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.conversationId).toBe(conversationId);
      expect(refreshed.body.token).not.toBe(token);
      expect((await history(conversationId, refreshed.body.token as string)).activities.length).toBeGreaterThan(0);
    } finally {
      clockOffset -= 2000;
    }
    expect((await call('POST', '/v3/directline/tokens/refresh', SECRET)).status).toBe(400);
  });

  it('answers bad requests in the Direct Line error shape', async () => {
    const page = await pageToken();
    await startConversation(page.token);
    const path = `/v3/directline/conversations/${page.conversationId}`;
    const noType = await call('POST', `${path}/activities`, page.token, { text: 'no type' });
    expect(noType.status).toBe(400);
    expect(noType.body).toEqual({ error: { code: 'MissingProperty', message: expect.any(String) } });
    expect((await call('GET', `${path}/activities?watermark=abc`, page.token)).status).toBe(400);
    const upload = await call('POST', `${path}/upload?userId=${page.userId}`, page.token, {});
    expect(upload.status).toBe(501);
    expect(upload.body).toEqual({ error: { code: 'NotImplemented', message: expect.any(String) } });
    expect((await call('GET', '/v3/directline/conversations/unknown/activities', SECRET)).status).toBe(404);
    // A conversation the token names but nobody started yet.
    const fresh = await pageToken();
    expect((await call('GET', `/v3/directline/conversations/${fresh.conversationId}/activities`, fresh.token)).status).toBe(404);
  });

  it('lets only a token carry a dl_ user id', async () => {
    const generated = await call('POST', '/v3/directline/tokens/generate', SECRET, {});
    const { token, conversationId } = generated.body as { token: string; conversationId: string };
    await call('POST', '/v3/directline/conversations', token);
    const posted = await call('POST', `/v3/directline/conversations/${conversationId}/activities`, token, {
      type: 'message',
      from: { id: 'dl_somebody_else_0123456789' },
      text: 'hi'
    });
    const echo = (await history(conversationId, token)).activities.find((a) => a.id === posted.body.id);
    expect(echo?.from.id).not.toBe('dl_somebody_else_0123456789');
  });
});

describe('WebSocket stream', () => {
  function connect(url: string): { socket: WebSocket; frames: ActivitySet[]; opened: Promise<void> } {
    const socket = new WebSocket(url);
    sockets.push(socket);
    const frames: ActivitySet[] = [];
    socket.on('message', (data: Buffer) => {
      if (data.length > 0) frames.push(JSON.parse(data.toString()) as ActivitySet);
    });
    const opened = new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return { socket, frames, opened };
  }

  function refusal(url: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      sockets.push(socket);
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('open', () => reject(new Error('the upgrade was accepted')));
      socket.once('error', () => undefined);
    });
  }

  it('pushes the bot reply on the streamUrl', async () => {
    const page = await pageToken();
    const started = await startConversation(page.token);
    const streamPath = `/v3/directline/conversations/${started.conversationId}/stream`;
    expect(started.streamUrl.startsWith(`ws://127.0.0.1:${server.address().port}${streamPath}?t=`)).toBe(true);
    const { frames, opened } = connect(started.streamUrl);
    await opened;
    const posted = await call('POST', `/v3/directline/conversations/${started.conversationId}/activities`, started.token, {
      type: 'message',
      from: { id: page.userId },
      text: 'over the socket'
    });
    expect(posted.status).toBe(200);
    const replyFrame = await waitFor(
      () => frames.find((f) => f.activities.some((a) => a.text === 'You said: over the socket')),
      'the reply frame'
    );
    expect(Number(replyFrame.watermark)).toBeGreaterThan(0);
    expect(frames.some((f) => f.activities.some((a) => a.id === posted.body.id))).toBe(true);
  });

  it('replays from the watermark after a reconnect and refuses bad tokens', async () => {
    const page = await pageToken();
    const started = await startConversation(page.token);
    const all = await waitFor(async () => {
      const set = await history(started.conversationId, started.token);
      return set.activities.length > 0 ? set : undefined;
    }, 'the greeting in the history');
    const reconnect = await call('GET', `/v3/directline/conversations/${started.conversationId}?watermark=0`, started.token);
    expect(reconnect.status).toBe(200);
    const streamUrl = reconnect.body.streamUrl as string;
    expect(streamUrl).toContain('watermark=0');
    const { frames, opened } = connect(streamUrl);
    await opened;
    const backlog = await waitFor(() => frames[0], 'the backlog');
    expect(backlog.activities.map((a) => a.id)).toEqual(all.activities.map((a) => a.id));

    const other = await pageToken();
    const path = `ws://127.0.0.1:${server.address().port}/v3/directline/conversations/${started.conversationId}/stream`;
    expect(await refusal(`${path}?t=garbage`)).toBe(401);
    expect(await refusal(`${path}?t=${other.token}`)).toBe(403);
  });

  it('works with the official client in WebSocket mode', async () => {
    const page = await pageToken();
    const upgrades: string[] = [];
    const onUpgrade = (req: { url?: string }): number => upgrades.push(req.url ?? '');
    server.server.on('upgrade', onUpgrade);
    try {
      const { client, received } = officialClient(page.token, 'websocket');
      await waitFor(() => received.find((a) => textOf(a)?.startsWith('Welcome')), 'the greeting over the socket');
      await post(client, { type: 'message', from: { id: page.userId }, text: 'socket mode' } as ClientActivity);
      await waitFor(() => received.find((a) => textOf(a) === 'You said: socket mode'), 'the reply over the socket');
      expect(upgrades.some((url) => url.startsWith(`/v3/directline/conversations/${page.conversationId}/stream?`))).toBe(true);
    } finally {
      server.server.off('upgrade', onUpgrade);
    }
  });
});

describe('page token rate limit', () => {
  it('answers 429 with Retry-After to the (rate+1)-th request from one IP within a minute', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < PAGE_TOKEN_RATE; i++) expect((await call('POST', '/api/directline/token', undefined, {}, ip)).status).toBe(200);
    const limited = await call('POST', '/api/directline/token', undefined, {}, ip);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: { code: 'TooManyRequests', message: expect.any(String) } });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Other people are not affected; the route opens again in the next window.
    expect((await call('POST', '/api/directline/token', undefined, {}, '203.0.113.8')).status).toBe(200);
    clockOffset += 61_000;
    expect((await call('POST', '/api/directline/token', undefined, {}, ip)).status).toBe(200);
  });
});

describe('connector endpoint for the bot', () => {
  it('accepts bot activities only under the capability path', async () => {
    const page = await pageToken();
    await startConversation(page.token);
    const activity = { type: 'message', text: 'injected', from: { id: 'integration-point-bot' } };
    const conv = page.conversationId;
    expect((await call('POST', `/v3/conversations/${conv}/activities`, undefined, activity)).status).toBe(404);
    const guessed = `/v3/directline/connector/guess/v3/conversations/${conv}/activities`;
    expect((await call('POST', guessed, undefined, activity)).status).toBe(404);
    const wrongSameLength = directLine.connectorPath.slice(0, -1) + (directLine.connectorPath.endsWith('A') ? 'B' : 'A');
    expect((await call('POST', `${wrongSameLength}/v3/conversations/${conv}/activities`, undefined, activity)).status).toBe(404);
    expect((await history(conv, page.token)).activities.some((a) => a.text === 'injected')).toBe(false);

    // The real path works, and the bot's serviceUrl is stripped from what clients see.
    const sent = await call('POST', `${directLine.connectorPath}/v3/conversations/${conv}/activities`, undefined, {
      ...activity,
      text: 'from the bot',
      serviceUrl: `${base}${directLine.connectorPath}`
    });
    expect(sent.status).toBe(200);
    const seen = (await history(conv, page.token)).activities.find((a) => a.id === sent.body.id);
    expect(seen).toMatchObject({ text: 'from the bot', from: { id: 'integration-point-bot', role: 'bot' } });
    expect(JSON.stringify(seen)).not.toContain(directLine.connectorPath);

    const activityPath = `${directLine.connectorPath}/v3/conversations/${conv}/activities/${encodeURIComponent(sent.body.id as string)}`;
    const updated = await call('PUT', activityPath, undefined, {
      type: 'message',
      text: 'edited'
    });
    expect(updated.status).toBe(200);
    const after = (await history(conv, page.token)).activities.filter((a) => a.id === sent.body.id);
    expect(after.map((a) => a.text)).toEqual(['edited']);
  });
});
