import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellStatus, checkContent } from '../../src/content/check.js';
import { ContentError, ContentRepository } from '../../src/content/repository.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { tempDir, testApp } from '../helpers/app.js';
import { Chat, last } from '../helpers/chat.js';

describe('the real content', () => {
  const content = ContentRepository.load('content');

  test('passes content:check: every topic in every language, same links, sources, no placeholders', () => {
    expect(checkContent(content).errors).toEqual([]);
  });

  test('has every topic of the contract and the six regions of the source documents', () => {
    expect(content.topics.map((t) => t.id).sort()).toEqual(
      ['appointment', 'benefits', 'clothing', 'counselling', 'emergency', 'furniture', 'health', 'housing', 'integration-course',
        'language-course', 'office', 'recognition', 'residence', 'training-education', 'women', 'work'].sort()
    );
    expect(content.regions.map((r) => r.id).sort()).toEqual(['dresden', 'heinsberg', 'krefeld', 'peine', 'stendal', 'viersen']);
  });

  test('emergency comes first and gives 112 and 110 in every language', () => {
    const emergency = content.topics[0];
    expect(emergency.id).toBe('emergency');
    for (const lang of ['de', 'en', 'ar', 'fa', 'ti', 'uk', 'ru', 'tr', 'ku', 'ps', 'so', 'fr'] as const) {
      expect(emergency[lang]?.answer).toMatch(/112[\s\S]*110|110[\s\S]*112/);
    }
  });

  test('no office states a house number that no source gives: unconfirmed details are flagged', () => {
    for (const region of content.regions) {
      for (const office of region.offices) if (!office.url) expect([region.id, office.name, office.confirm]).toEqual([region.id, office.name, true]);
    }
  });
});

describe('a broken content file is refused, naming the file and the field', () => {
  function withFixture(edit: (dir: string) => void): { load: () => ContentRepository } {
    const { dir, cleanup } = tempDir();
    cpSync('content', dir, { recursive: true });
    edit(dir);
    afterAll(cleanup);
    return { load: () => ContentRepository.load(dir) };
  }
  const rewrite = (dir: string, file: string, change: (text: string) => string) =>
    writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));

  const missingSource = withFixture((dir) => rewrite(dir, 'topics/clothing.yaml', (t) => t.replace(/^sources:[\s\S]*?(?=^\w)/m, 'sources: []\n')));
  test('no source', () => {
    expect(missingSource.load).toThrow(ContentError);
    expect(missingSource.load).toThrow(/topics\/clothing\.yaml: sources: needs at least one official source/);
  });

  const missingLanguage = withFixture((dir) => rewrite(dir, 'topics/furniture.yaml', (t) => t.replace(/^ti:[\s\S]*?(?=^\w)/m, '')));
  test('a missing language', () => {
    expect(checkContent(missingLanguage.load()).errors).toContain('topics/furniture.yaml: ti: translation missing');
  });

  const changedLink = withFixture((dir) =>
    rewrite(dir, 'topics/recognition.yaml', (t) => t.replace(/^(uk:\n(?:  .*\n|\n)*?  answer: \|\n)/m, '$1    https://example.org/anerkennung\n'))
  );
  test('a link in one language that German does not have', () => {
    expect(checkContent(changedLink.load()).errors.join('\n')).toMatch(/topics\/recognition\.yaml: uk: links differ from de \(https:\/\/example\.org\/anerkennung\)/);
  });

  const placeholder = withFixture((dir) =>
    rewrite(dir, 'topics/work.yaml', (t) => t.replace(/^(ru:\n(?:  .*\n|\n)*?  answer: \|\n)/m, '$1    {{office}}\n'))
  );
  test('a placeholder left in a translation', () => {
    expect(checkContent(placeholder.load()).errors).toContain('topics/work.yaml: ru.answer: contains a {{placeholder}}');
  });

  const badField = withFixture((dir) => rewrite(dir, 'topics/housing.yaml', (t) => t.replace(/^reviewed: .*$/m, 'reviewed: yesterday')));
  test('a bad date', () => {
    expect(badField.load).toThrow(/topics\/housing\.yaml: reviewed: must be a date like 2026-11-22/);
  });

  const brokenYaml = withFixture((dir) => rewrite(dir, 'concepts.yaml', (t) => t.replace(/^vaccination: .*$/m, 'vaccination: [impf')));
  test('a file that is not valid YAML names the file and the line', () => {
    expect(brokenYaml.load).toThrow(/concepts\.yaml: not valid YAML \(.*\(\d+:\d+\)\)/);
  });

  const badConcept = withFixture((dir) => rewrite(dir, 'concepts.yaml', (t) => t.replace(/^(vaccination: .*\n  de: \[)/m, '$1"two words", ')));
  test('a concept entry of two words', () => {
    expect(badConcept.load).toThrow(/concepts\.yaml: vaccination\.de\.0: one word, optionally starting with \* or =/);
  });
});

describe('a translation made from an older German text', () => {
  const { dir, cleanup } = tempDir();
  cpSync('content', dir, { recursive: true });
  const file = join(dir, 'topics', 'clothing.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^(de:\n(?:  .*\n|\n)*?  answer: \|\n)/m, '$1    Neu: Die Kleiderkammer hat jetzt auch Schuhe.\n'));
  afterAll(cleanup);

  test('is reported stale, and the bot shows it with a note in that language', async () => {
    const content = ContentRepository.load(dir);
    expect(cellStatus(content, 'clothing', 'ar')).toBe('stale');
    expect(cellStatus(content, 'furniture', 'ar')).toBe('machine');

    const app = await testApp({ CONTENT_DIR: dir });
    try {
      const chat = new Chat(app.bot, 'stale-1');
      const regions = last(await chat.tap(last(await chat.start()), 'ar'));
      const menu = last(await chat.tap(regions, 'krefeld'));
      const answer = last(await chat.tap(menu, 'clothing'));
      const note = createI18n('locales').getFixedT('ar')('topic.stale');
      expect(answer.text).toContain(note);
      expect(answer.locale).toBe('ar');
      const other = last(await chat.tap(last(await chat.tap(answer, 'another')), 'furniture'));
      expect(other.text).not.toContain(note);
    } finally {
      await app.dispose();
    }
  });
});
