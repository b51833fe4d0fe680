import { rmSync } from 'node:fs';
import { testApp } from '../helpers/app.js';
import { button, type Received, Visitor } from '../helpers/directLineClient.js';
import { scriptShare } from '../helpers/script.js';

type TestApp = Awaited<ReturnType<typeof testApp>>;
let app: TestApp;
let base: string;
const visitors: Visitor[] = [];

async function start(dataDir?: string) {
  app = await testApp(dataDir ? { DATA_DIR: dataDir } : {});
  base = await app.listen(0, '127.0.0.1');
}

beforeAll(() => start());
afterEach(() => visitors.splice(0).forEach((v) => v.end()));
afterAll(async () => {
  await app.close();
  rmSync(app.dataDir, { recursive: true, force: true });
});

const hasButton = (id: string) => (a: Received) => Visitor.buttons(a).some((b) => Object.values(b.value as object)[0] === id);

test('through our Direct Line: choose Arabic and a region, ask for clothing, get the Arabic answer; remembered after a restart', async () => {
  const visitor = await new Visitor(base).connect({ locale: 'de-DE' });
  visitors.push(visitor);
  const languages = await visitor.waitFor(hasButton('ar'));

  let since = await visitor.tap(button(languages, 'ar'));
  const regions = await visitor.waitFor(hasButton('krefeld'), since);
  expect(regions.locale).toBe('ar');

  since = await visitor.tap(button(regions, 'krefeld'));
  const menu = await visitor.waitFor(hasButton('clothing'), since);

  since = await visitor.tap(button(menu, 'clothing'));
  const answer = (await visitor.waitFor((a) => Boolean((a.channelData as { topic?: string })?.topic), since));
  expect(answer.channelData).toEqual(expect.objectContaining({ topic: 'clothing' }));
  expect(answer.locale).toBe('ar');
  expect(scriptShare(answer.text ?? '', 'ar')).toBeGreaterThan(0.5);
  // The person's own messages come back through the history, as Web Chat expects.
  expect(visitor.received.some((a) => a.from.role !== 'bot' && (a.value as { choice?: string } | undefined)?.choice === 'clothing')).toBe(true);
  visitor.end();

  // Restart the server on the same data: the same browser (user id) is greeted in Arabic.
  const dataDir = app.dataDir;
  await app.close();
  await start(dataDir);
  const returning = await new Visitor(base).connect({ userId: visitor.userId, locale: 'de-DE' });
  visitors.push(returning);
  const greeting = await returning.waitFor(() => true);
  expect(greeting.locale).toBe('ar');
  expect(scriptShare(greeting.text ?? '', 'ar')).toBeGreaterThan(0.6);
  await returning.waitFor(hasButton('clothing'));
});

test('two conversations at once do not see each other, and a token for one is refused on the other', async () => {
  const [a, b] = await Promise.all([new Visitor(base).connect(), new Visitor(base).connect()]);
  visitors.push(a, b);
  const [menuA, menuB] = await Promise.all([a.waitFor(hasButton('de')), b.waitFor(hasButton('fa'))]);
  await Promise.all([a.tap(button(menuA, 'de')), b.tap(button(menuB, 'fa'))]);
  await Promise.all([a.waitFor(hasButton('krefeld')), b.waitFor(hasButton('krefeld'))]);

  expect(a.received.every((x) => x.conversation?.id === a.conversationId)).toBe(true);
  expect(b.received.every((x) => x.conversation?.id === b.conversationId)).toBe(true);
  expect(b.received.some((x) => (x.value as { choice?: string } | undefined)?.choice === 'de')).toBe(false);
  expect(a.received.filter((x) => x.from.role === 'bot').every((x) => x.locale !== 'fa')).toBe(true);

  const stolen = await fetch(`${base}/v3/directline/conversations/${b.conversationId}/activities`, {
    headers: { authorization: `Bearer ${a.token}` }
  });
  expect(stolen.status).toBe(403);
  const injected = await fetch(`${base}/v3/directline/conversations/${b.conversationId}/activities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text: 'hi' })
  });
  expect(injected.status).toBe(403);
});

describe('the HTTP server', () => {
  test('health check, security headers, and the page served with Web Chat from our own server', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual(expect.objectContaining({ status: 'ok', topics: 16, regions: 6 }));

    const page = await fetch(`${base}/`);
    const html = await page.text();
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(html).toContain('/static/webchat.js');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)[a-z]/i);

    const bundle = await fetch(`${base}/static/webchat.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('cache-control')).toMatch(/max-age/);
    const font = await fetch(`${base}/static/fonts/noto-sans-ethiopic/index.css`);
    expect(await font.text()).toContain('Noto Sans Ethiopic');
    expect((await fetch(`${base}/static/../../package.json`)).status).toBe(404);
  });

  test('a too-large body is refused, and local mode refuses a stranger\'s serviceUrl', async () => {
    const big = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) })
    });
    expect(big.status).toBe(413);
    const stranger = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi', serviceUrl: 'https://attacker.example', channelId: 'x', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } })
    });
    expect(stranger.status).toBe(401);
  });

  test('the page learns the 12 languages with their direction', async () => {
    const languages = (await (await fetch(`${base}/api/languages`)).json()) as { code: string; rtl: boolean; page: { title: string } }[];
    expect(languages).toHaveLength(12);
    expect(languages.filter((l) => l.rtl).map((l) => l.code)).toEqual(['ar', 'fa', 'ps']);
    expect(languages.find((l) => l.code === 'ti')!.page.title).toMatch(/[\u1200-\u137F]/);
  });
});

test('"delete my data" also empties the Direct Line transcript kept on the server', async () => {
  const visitor = await new Visitor(base).connect();
  visitors.push(visitor);
  let since = await visitor.tap(button(await visitor.waitFor(hasButton('en')), 'en'));
  since = await visitor.tap(button(await visitor.waitFor(hasButton('dresden'), since), 'dresden'));
  await visitor.waitFor(hasButton('clothing'), since);
  since = await visitor.tap({ title: 'where can I find cheap furniture for my bedroom', value: undefined });
  await visitor.waitFor((a) => Boolean((a.channelData as { topic?: string })?.topic), since);
  since = await visitor.tap({ title: 'delete my data', value: undefined });
  since = await visitor.tap(button(await visitor.waitFor(hasButton('delete'), since), 'delete'));
  await visitor.waitFor((a) => /deleted/.test(a.text ?? ''), since);

  const history = (await (
    await fetch(`${base}/v3/directline/conversations/${visitor.conversationId}/activities`, { headers: { authorization: `Bearer ${visitor.token}` } })
  ).json()) as { activities: { text?: string }[] };
  const texts = history.activities.map((a) => a.text ?? '').join('\n');
  expect(texts).not.toContain('furniture for my bedroom');
  expect(texts).toMatch(/deleted/);
});
