import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createI18n, loadLocales, LocaleError } from '../../src/i18n/i18n.js';
import { checkLanguages, LANGUAGE_CODES, LANGUAGES, matchLocale } from '../../src/i18n/languages.js';
import { tempDir } from '../helpers/app.js';
import { SCRIPT, scriptShare } from '../helpers/script.js';

describe('the language list', () => {
  test('has the 12 languages of the contract, with right-to-left for ar, fa and ps', () => {
    expect(() => checkLanguages()).not.toThrow();
    expect(LANGUAGES.map((l) => l.code).sort()).toEqual([...LANGUAGE_CODES].sort());
    expect(LANGUAGES.filter((l) => l.rtl).map((l) => l.code)).toEqual(['ar', 'fa', 'ps']);
  });

  test('a broken list is refused at start-up', () => {
    expect(() => checkLanguages(LANGUAGES.slice(1))).toThrow(/missing languages de/);
    expect(() => checkLanguages(LANGUAGES.map((l) => (l.code === 'ku' ? { ...l, fallback: ['xx' as 'de'] } : l)))).toThrow(/ku has a bad fallback/);
  });

  test('client locales map to our codes, Dari to fa', () => {
    expect(matchLocale('ar-SY')).toBe('ar');
    expect(matchLocale('prs-AF')).toBe('fa');
    expect(matchLocale('de_DE')).toBe('de');
    expect(matchLocale('am-ET')).toBeUndefined();
    expect(matchLocale(undefined)).toBeUndefined();
  });
});

describe('locale files', () => {
  test('every language has the same keys and placeholders as German, nothing empty', () => {
    const resources = loadLocales('locales');
    expect(Object.keys(resources).sort()).toEqual([...LANGUAGE_CODES].sort());
  });

  test('each language is written in its own script', () => {
    const i18n = createI18n('locales');
    for (const code of LANGUAGE_CODES) {
      const t = i18n.getFixedT(code);
      for (const key of ['welcome.hello', 'language.prompt', 'menu.prompt', 'topic.more', 'help']) {
        expect([code, key, scriptShare(t(key), code) > 0.7]).toEqual([code, key, true]);
      }
    }
    expect(i18n.getFixedT('ti')('menu.prompt')).toMatch(SCRIPT.ti);
  });

  describe('a broken translation is refused, naming file and key', () => {
    interface Bot {
      region: { heading: string };
      topic: { more?: string };
      menu: { prompt: string };
    }
    const broken = (edit: (json: Bot) => void) => {
      const { dir, cleanup } = tempDir();
      cpSync('locales', dir, { recursive: true });
      const file = join(dir, 'fa', 'bot.json');
      const json = JSON.parse(readFileSync(file, 'utf8')) as Bot;
      edit(json);
      writeFileSync(file, JSON.stringify(json));
      try {
        loadLocales(dir);
        return '';
      } catch (e) {
        expect(e).toBeInstanceOf(LocaleError);
        return (e as Error).message;
      } finally {
        cleanup();
      }
    };

    test('a changed placeholder', () => {
      expect(broken((j) => (j.region.heading = j.region.heading.replace('{{region}}', '{{regio}}')))).toMatch(
        /fa\/bot\.json: "region\.heading" has placeholders \{regio\}, German has \{region\}/
      );
    });
    test('a missing key', () => {
      expect(broken((j) => delete j.topic.more)).toMatch(/fa\/bot\.json: missing key "topic\.more"/);
    });
    test('an empty string', () => {
      expect(broken((j) => (j.menu.prompt = ' '))).toMatch(/fa\/bot\.json: "menu\.prompt" is empty/);
    });
  });
});
