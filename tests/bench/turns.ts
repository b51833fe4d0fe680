/**
 * Benchmark (not a test): turns per second and latency of the real bot over HTTP, as Azure Bot
 * Service drives it: POST /api/messages, the bot's replies posted back to a connector sink. The bot
 * runs in its own process (`src/index.ts`), so the load generator does not share its CPU time.
 * Run with `npm run bench`; BENCH_CONNECTIONS and BENCH_SECONDS tune it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startBotProcess } from '../helpers/botProcess.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TOPICS = ['clothing', 'furniture', 'integration-course', 'recognition', 'language-course'];

// The connector sink counts replies by conversation, to check the walk reached the answers.
const answers = new Map<string, number>();
const sink = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const activity = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { channelData?: { topic?: string }; conversation?: { id: string } };
    if (activity.channelData?.topic && activity.conversation) answers.set(activity.conversation.id, (answers.get(activity.conversation.id) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"1"}');
  });
});
await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
const serviceUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;

const dataDir = mkdtempSync(join(tmpdir(), 'ipbot-bench-'));
const bootStarted = performance.now();
const { bot, base } = await startBotProcess(await freePort(), { DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, 'inherit');
const startupMs = performance.now() - bootStarted;

let seq = 0;
async function send(conversation: string, value: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message', id: String(++seq), channelId: 'bench', serviceUrl, text: Object.values(value)[0], value,
      from: { id: `user-${conversation}` }, recipient: { id: 'bot' }, conversation: { id: conversation }, locale: 'de-DE'
    })
  });
  await response.arrayBuffer();
  if (response.status >= 300) throw new Error(`HTTP ${response.status}`);
  return performance.now() - started;
}

const latencies: number[] = [];
const deadline = Date.now() + SECONDS * 1000;
const startedAt = performance.now();
await Promise.all(
  Array.from({ length: CONNECTIONS }, async (_, c) => {
    const id = `bench-${c}`;
    await send(id, { choice: 'hello' }); // starts the conversation: the language question
    await send(id, { choice: 'de' });
    await send(id, { choice: 'krefeld' });
    for (let i = 0; Date.now() < deadline; i++) latencies.push(await send(id, { choice: TOPICS[i % TOPICS.length] }), await send(id, { choice: 'another' }));
  })
);
const elapsed = (performance.now() - startedAt) / 1000;
const answered = [...answers.values()].reduce((a, b) => a + b, 0);
if (answered < latencies.length / 2 - CONNECTIONS) throw new Error(`only ${answered} topic answers for ${latencies.length} turns: the walk went wrong`);

latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
console.log(`start-up: ${startupMs.toFixed(0)} ms until /healthz answered`);
console.log(`turns: ${latencies.length} in ${elapsed.toFixed(1)} s with ${CONNECTIONS} connections (${answered} topic answers)`);
console.log(`throughput: ${(latencies.length / elapsed).toFixed(0)} turns/s`);
console.log(`latency ms: median ${pct(0.5)}, p99 ${pct(0.99)}`);

bot.kill('SIGTERM');
await new Promise((r) => bot.once('exit', r));
sink.close();
rmSync(dataDir, { recursive: true, force: true });
