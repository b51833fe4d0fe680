import { Writable } from 'node:stream';
import { AccountFile } from '../../src/handoff/accounts.js';
import { teamIds } from '../../src/handoff/routing.js';
import { createLogger } from '../../src/app.js';
import { testApp } from '../helpers/app.js';
import { Chat, last, type Reply } from '../helpers/chat.js';
import { sampleRequest } from '../helpers/handoff.js';

const lines: string[] = [];
const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
let app: Awaited<ReturnType<typeof testApp>>;
let base: string;

beforeAll(async () => {
  // The production logger at its most talkative, writing into `lines`.
  app = await testApp({ LOG_LEVEL: 'debug' }, createLogger({ LOG_LEVEL: 'debug' }, sink));
  base = await app.listen(0, '127.0.0.1');
});
afterAll(() => app.dispose());

const ids = (r: Reply) => r.buttons.map((b) => Object.values(b.value as object)[0]);

describe('the person never gets stuck', () => {
  test('typing a new question at the "switch language?" question answers it', async () => {
    const chat = new Chat(app.bot, 'stuck-1');
    const menu = last(await chat.tap(last(await chat.tap(last(await chat.start()), 'de')), 'krefeld'));
    const ask = last(await chat.say('где найти бесплатную одежду для детей'));
    expect(ids(ask)).toEqual(['switch', 'keep']);
    const answer = last(await chat.say('wo gibt es eine kleiderkammer'));
    expect([answer.topic, answer.locale]).toEqual(['clothing', 'de']);
    expect(menu.buttons.length).toBeGreaterThan(0);
  });

  test('a typed "ja" at the consent question asks again instead of counting as "no"', async () => {
    const chat = new Chat(app.bot, 'stuck-2');
    const menu = last(await chat.tap(last(await chat.tap(last(await chat.start()), 'de')), 'krefeld'));
    const appointment = last(await chat.tap(menu, 'appointment'));
    const age = last(await chat.tap(appointment, 'handoff'));
    const consent = last(await chat.tap(last(await chat.tap(age, 'over25')), 'recognised'));
    const retry = last(await chat.say('ja'));
    expect(ids(retry)).toEqual(['agree', 'decline']);
    expect(retry.text).not.toMatch(/nichts gespeichert/);
    expect(consent.text.length).toBeGreaterThan(0);
  });

  test('"delete my data", then "no": nothing is deleted and the menu comes back', async () => {
    const chat = new Chat(app.bot, 'stuck-3');
    await chat.tap(last(await chat.tap(last(await chat.start()), 'en')), 'dresden');
    const confirm = last(await chat.say('delete my data'));
    const replies = await chat.tap(confirm, 'keep');
    expect(replies[0].text).toMatch(/not deleted/);
    expect(ids(last(replies))).toContain('clothing');
    expect(await app.store.getProfile('test:stuck-3')).toEqual(expect.objectContaining({ language: 'en', region: 'dresden' }));
  });
});

describe('caseworker API status changes', () => {
  test('401 without a token, 404 for another team, 400 for a bad status, 409 against the table, 200 when allowed', async () => {
    const request = await app.handoffs.create(sampleRequest('test:api-1', 'krefeld-jobcenter'));
    const accounts = new AccountFile(app.dataDir);
    const teams = teamIds(app.content.regions);
    const own = accounts.add({ name: 'A', role: 'caseworker', teams: ['krefeld-jobcenter'] }, teams).token;
    const other = accounts.add({ name: 'B', role: 'caseworker', teams: ['krefeld-agentur'] }, teams).token;
    const post = (token: string | undefined, status: unknown) =>
      fetch(`${base}/api/handoffs/${request.reference}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ status })
      });
    expect((await post(undefined, 'claimed')).status).toBe(401);
    expect((await post(other, 'claimed')).status).toBe(404);
    expect((await post(own, 'done')).status).toBe(400);
    expect((await post(own, 'closed')).status).toBe(409); // open → closed skips "claimed"
    const ok = await post(own, 'claimed');
    expect([ok.status, await ok.json()]).toEqual([200, { reference: request.reference, status: 'claimed' }]);
  });
});

describe('logs', () => {
  test('a whole conversation and API use at debug level leave no message text, contact data or token in the log', async () => {
    const chat = new Chat(app.bot, 'logs-1');
    const menu = last(await chat.tap(last(await chat.tap(last(await chat.start()), 'de')), 'krefeld'));
    await chat.say('Wo finde ich gebrauchte Möbel? Meine Nummer ist 0176 9998887');
    const accounts = new AccountFile(app.dataDir);
    const token = accounts.add({ name: 'C', role: 'caseworker', teams: ['krefeld-ip'] }, teamIds(app.content.regions)).token;
    await fetch(`${base}/api/handoffs/IP-XXXX`, { headers: { authorization: `Bearer ${token}` } });
    await fetch(`${base}/api/handoffs/IP-XXXX/status`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"status":"claimed"}' });
    const logged = lines.join('');
    for (const secret of ['gebrauchte', '9998887', token]) expect(logged).not.toContain(secret);
    expect(menu.buttons.length).toBeGreaterThan(0);
  });

  test('the production logger keeps no request body from an error', () => {
    const logger = createLogger({ LOG_LEVEL: 'info' }, sink);
    const error = Object.assign(new Error('connector failed'), { request: { body: '{"text":"my phone is 0176 1234567"}' }, statusCode: 502 });
    logger.error({ err: error, conversation: 'c1' }, 'turn failed');
    const logged = lines.join('');
    expect(logged).toContain('connector failed');
    expect(logged).toContain('502');
    expect(logged).not.toContain('0176');
  });
});
