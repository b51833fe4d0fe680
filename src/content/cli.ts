import { resolve } from 'node:path';
import { LANGUAGE_CODES } from '../i18n/languages.js';
import { type CellStatus, cellStatus, checkContent } from './check.js';
import { ContentError, ContentRepository, sourceHash } from './repository.js';
import type { TopicText } from './schema.js';

/**
 * Editor tools: `content:check` validates every file and exits non-zero on errors;
 * `content:status` prints topics × languages with their translation status.
 */
function main(command: string | undefined, dir: string): number {
  let content: ContentRepository;
  try {
    content = ContentRepository.load(dir);
  } catch (e) {
    if (!(e instanceof ContentError)) throw e;
    console.error(`✗ ${e.message}`);
    return 1;
  }
  const report = checkContent(content);
  if (command === 'status') {
    const mark: Record<CellStatus, string> = { missing: '—', machine: 'm', reviewed: '✓', stale: 'S' };
    console.log(['topic'.padEnd(20), ...LANGUAGE_CODES.map((l) => l.padEnd(3)), 'German version (from:)'].join(' '));
    for (const topic of content.topics) {
      const cells = LANGUAGE_CODES.map((l) => mark[cellStatus(content, topic.id, l)].padEnd(3));
      console.log([topic.id.padEnd(20), ...cells, sourceHash(topic.de as TopicText)].join(' '));
    }
    console.log('\n✓ reviewed   m machine translation   S stale (German changed)   — missing');
  }
  console.log(`\n${report.unconfirmed.length} facts await confirmation by an editor${report.unconfirmed.length ? ':' : '.'}`);
  for (const u of report.unconfirmed) console.log(`  ? ${u}`);
  if (report.errors.length) {
    console.error(`\n✗ ${report.errors.length} errors:`);
    for (const e of report.errors) console.error(`  ${e}`);
    return 1;
  }
  console.log(`✓ ${content.topics.length} topics and ${content.regions.length} regions are valid.`);
  return 0;
}

const [command = 'check', dir = 'content'] = process.argv.slice(2);
process.exitCode = main(command, resolve(dir));
