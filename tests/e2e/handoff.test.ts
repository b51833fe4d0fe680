import { type ChildProcess, spawnSync } from 'node:child_process';
import { SMTPServer } from 'smtp-server';
import { tempDir } from '../helpers/app.js';
import { freePort, startBotProcess } from '../helpers/botProcess.js';
import { button, Visitor } from '../helpers/directLineClient.js';

/**
 * The whole handoff through the real server process: a person in Krefeld, 25 or over, with a
 * residence permit asks in Arabic via our Direct Line; the request is durable even when the
 * server is killed right after the reference is sent; the Krefeld Jobcenter team sees it through
 * the API, another team does not; the team's email notice carries no personal data.
 */
const { dir: dataDir, cleanup } = tempDir('ipbot-handoff-');
const mails: string[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
let port = 0;
let bot: ChildProcess | undefined;
const visitors: Visitor[] = [];

async function startBot(): Promise<string> {
  const started = await startBotProcess(port, {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    HANDOFF_EMAIL_TO: 'team@integration-point.test',
    PUBLIC_URL: `http://127.0.0.1:${port}`
  });
  bot = started.bot;
  return started.base;
}

function account(...args: string[]): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/handoff/accountCli.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      let text = '';
      stream.on('data', (c: Buffer) => (text += c.toString()));
      stream.on('end', () => {
        mails.push(text);
        done();
      });
    }
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  smtpPort = (smtp.server.address() as { port: number }).port;
  port = await freePort();
});

afterAll(async () => {
  visitors.forEach((v) => v.end());
  bot?.kill('SIGKILL');
  await new Promise<void>((r) => smtp.close(() => r()));
  cleanup();
});

test('Arabic request in Krefeld reaches the Jobcenter team, survives a kill, and only that team sees it', async () => {
  let base = await startBot();
  const visitor = await new Visitor(base).connect({ locale: 'ar-SY' });
  visitors.push(visitor);
  let since = 0;
  for (const id of ['ar', 'krefeld', 'appointment', 'handoff', 'over25', 'recognised', 'agree', 'phone']) {
    const activity = await visitor.waitFor((a) => Visitor.buttons(a).some((b) => Object.values(b.value as object)[0] === id), since);
    since = await visitor.tap(button(activity, id));
  }
  await visitor.waitFor((a) => Boolean(a.text) && !Visitor.buttons(a).length, since);
  since = await visitor.tap({ title: '٠١٧٦ ١٢٣٤٥٦٧', value: undefined });
  for (const id of ['morning', 'yes', 'skip', 'send']) {
    const activity = await visitor.waitFor((a) => Visitor.buttons(a).some((b) => Object.values(b.value as object)[0] === id), since);
    since = await visitor.tap(button(activity, id));
  }
  const confirmed = await visitor.waitFor((a) => /IP-[A-Z0-9]{4}/.test(a.text ?? ''), since);
  const reference = confirmed.text!.match(/IP-[A-Z0-9]{4}/)![0];
  expect(confirmed.locale).toBe('ar');

  // Kill the server the moment the reference is out; the request must already be on disk.
  bot!.kill('SIGKILL');
  await new Promise((r) => bot!.once('exit', r));
  visitor.end();
  base = await startBot();

  expect(JSON.parse(account('teams'))).toContain('krefeld-jobcenter');
  const jobcenter = JSON.parse(account('add', '--role', 'caseworker', '--team', 'krefeld-jobcenter', '--name', 'Team Jobcenter')) as { token: string };
  const dresden = JSON.parse(account('add', '--role', 'caseworker', '--team', 'dresden-ip', '--name', 'Team Dresden')) as { token: string };
  expect(() => account('add', '--role', 'caseworker', '--team', 'mars', '--name', 'X')).toThrow(/Valid teams: .*krefeld-jobcenter/);

  const get = (path: string, token?: string) => fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const seen = (await (await get('/api/handoffs', jobcenter.token)).json()) as { reference: string; team: string; contact: unknown; language: string; consent: unknown }[];
  const request = seen.find((r) => r.reference === reference);
  expect(request).toEqual(expect.objectContaining({ team: 'krefeld-jobcenter', language: 'ar', contact: { method: 'phone', value: '0176 1234567' } }));
  expect(request?.consent).toEqual(expect.objectContaining({ language: 'ar' }));

  const other = (await (await get('/api/handoffs', dresden.token)).json()) as { reference: string }[];
  expect(other.map((r) => r.reference)).not.toContain(reference);
  expect((await get(`/api/handoffs/${reference}`, dresden.token)).status).toBe(404);
  expect((await get(`/api/handoffs/${reference}`, jobcenter.token)).status).toBe(200);
  expect((await get('/api/handoffs')).status).toBe(401);
  expect((await get('/api/handoffs', 'not-a-token')).status).toBe(401);

  // The team was told by email: the reference and a link, no phone number, no personal data.
  for (let i = 0; i < 50 && !mails.some((m) => m.includes(reference)); i++) await new Promise((r) => setTimeout(r, 100));
  const mail = mails.find((m) => m.includes(reference));
  expect(mail).toBeDefined();
  expect(mail).toContain('krefeld-jobcenter');
  expect(mail).not.toMatch(/0176|1234567|dl_/);
}, 90_000); // two real bot processes start, each compiling and training (5–6 s idle, more under a loaded CI)
