/**
 * Benchmark (not a test): training time at start-up and the time to understand one message
 * (median and p99), over the development set's messages repeated. Part of `npm run bench`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { ContentRepository } from '../../src/content/repository.js';
import { loadLocales } from '../../src/i18n/i18n.js';
import { createUnderstander } from '../../src/understanding/index.js';

const content = ContentRepository.load('content');
const locales = Object.fromEntries(Object.entries(loadLocales('locales')).map(([l, ns]) => [l, ns.bot]));
const trainings: number[] = [];
let understander = createUnderstander(content, locales);
for (let i = 0; i < 5; i++) {
  // Start-up trains once on a fresh heap: collect the previous model first so it is not timed.
  understander = undefined as unknown as typeof understander;
  globalThis.gc?.();
  const started = performance.now();
  understander = createUnderstander(content, locales);
  trainings.push(performance.now() - started);
}

const devSet = '../shared/eval/dev-utterances.jsonl';
const messages = existsSync(devSet)
  ? readFileSync(devSet, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text)
  : content.trainingTexts().map((t) => t.text).slice(0, 500);
const times: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const text of messages) {
    const started = performance.now();
    understander.understand(text);
    times.push(performance.now() - started);
  }
}
const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
const at = (a: number[], p: number) => sorted(a)[Math.min(a.length - 1, Math.floor(p * a.length))].toFixed(3);
console.log(`understanding: training ${at(trainings, 0.5)} ms (median of ${trainings.length}), ${content.trainingTexts().length} texts`);
console.log(`understanding: per message median ${at(times, 0.5)} ms, p99 ${at(times, 0.99)} ms (${times.length} messages)`);
