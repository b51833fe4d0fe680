import { createInterface } from 'node:readline';
import { loadConfig } from '../config.js';
import { ContentRepository } from '../content/repository.js';
import { loadLocales } from '../i18n/i18n.js';
import { createUnderstander } from './index.js';

/**
 * `npm run --silent understand`: reads JSON lines `{"text": "..."}` on stdin and writes one JSON
 * line per input: `{"language", "topic", "confidence"}`. A bad line gets `{"error": "..."}`.
 */
const config = loadConfig();
const locales = loadLocales(config.LOCALES_DIR);
const understander = createUnderstander(
  ContentRepository.load(config.CONTENT_DIR),
  Object.fromEntries(Object.entries(locales).map(([lang, ns]) => [lang, ns.bot]))
);

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  let text: unknown;
  try {
    text = (JSON.parse(line) as { text?: unknown }).text;
  } catch {
    text = undefined;
  }
  if (typeof text !== 'string') {
    process.stdout.write(`${JSON.stringify({ error: 'expected a JSON object with a "text" string' })}\n`);
    continue;
  }
  const u = understander.understand(text);
  const language = u.language?.language ?? 'de';
  process.stdout.write(`${JSON.stringify({ language, topic: u.topic, confidence: Number(u.confidence.toFixed(3)) })}\n`);
}
