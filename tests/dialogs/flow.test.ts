import { rmSync } from 'node:fs';
import { LANGUAGES, type LanguageCode } from '../../src/i18n/languages.js';
import { Chat, last } from '../helpers/chat.js';
import { testApp } from '../helpers/app.js';
import { scriptShare, SCRIPT } from '../helpers/script.js';

type TestApp = Awaited<ReturnType<typeof testApp>>;
let app: TestApp;

beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.dispose());

/** Starts a conversation and walks language → region → menu; returns the menu reply. */
async function toMenu(chat: Chat, lang: LanguageCode, region = 'krefeld') {
  const start = await chat.start();
  const languages = await chat.tap(last(start), lang);
  return last(await chat.tap(last(languages), region));
}

const nonLatin = ['ar', 'fa', 'ti'] as const;

describe.each(['de', 'ar', 'fa', 'ti'] as const)('guided dialogs in %s', (lang) => {
  test('greets, offers the 12 languages by their own names, then speaks only the chosen language', async () => {
    const chat = new Chat(app.bot, `flow-${lang}-1`);
    const start = await chat.start();
    expect(last(start).buttons.map((b) => b.title)).toEqual(LANGUAGES.map((l) => l.endonym));

    const afterLanguage = await chat.tap(last(start), lang);
    for (const reply of afterLanguage) {
      expect(reply.locale).toBe(lang);
      if ((nonLatin as readonly string[]).includes(lang)) expect(scriptShare(reply.text, lang)).toBeGreaterThan(0.6);
    }
    const regionPrompt = last(afterLanguage);
    expect(regionPrompt.buttons.map((b) => (b.value as { choice: string }).choice)).toEqual(
      [...app.content.regions.map((r) => r.id), 'other']
    );

    const menu = last(await chat.tap(regionPrompt, 'krefeld'));
    expect(menu.locale).toBe(lang);
    expect(menu.buttons.map((b) => (b.value as { choice: string }).choice)).toEqual(app.content.topics.map((t) => t.id));
    for (const [i, topic] of app.content.topics.entries()) expect(menu.buttons[i].title.startsWith(topic.icon)).toBe(true);
  });

  test('every topic on the menu opens its answer, for the region, with source and follow-ups', async () => {
    const chat = new Chat(app.bot, `flow-${lang}-2`);
    let menu = await toMenu(chat, lang);
    for (const topic of app.content.topics) {
      const answer = last(await chat.tap(menu, topic.id));
      expect(answer.topic).toBe(topic.id);
      expect(answer.locale).toBe(lang);
      expect(answer.text).toContain(topic.sources[0].url);
      expect(answer.text).not.toMatch(/\{\{|\}\}/);
      // The nationwide text in the person's script (source titles and office names stay German).
      const nationwide = app.content.localize(topic.id, lang).text.answer;
      expect(answer.text).toContain(nationwide);
      expect(scriptShare(nationwide, lang)).toBeGreaterThan(0.6);
      if (topic.id !== 'emergency') expect(answer.text).toContain('Philadelphiastraße');
      const ids = answer.buttons.map((b) => Object.values(b.value as object)[0]);
      expect(ids).toEqual(expect.arrayContaining(['another', 'menu', 'language']));
      menu = last(await chat.tap(answer, 'another'));
      expect(menu.buttons.length).toBe(app.content.topics.length);
    }
  });

  test('clothing: more detail, then back to the menu, then change language', async () => {
    const chat = new Chat(app.bot, `flow-${lang}-3`);
    const menu = await toMenu(chat, lang);
    const answer = last(await chat.tap(menu, 'clothing'));
    const detail = last(await chat.tap(answer, 'more'));
    expect(detail.topic).toBe('clothing');
    expect(detail.text).not.toEqual(answer.text);
    expect(detail.buttons.map((b) => Object.values(b.value as object)[0])).not.toContain('more');

    const backToMenu = last(await chat.tap(detail, 'menu'));
    expect(backToMenu.buttons.map((b) => (b.value as { choice: string }).choice)).toContain('clothing');

    const again = last(await chat.tap(backToMenu, 'clothing'));
    const languages = last(await chat.tap(again, 'language'));
    expect(languages.buttons.map((b) => b.title)).toContain('English');
  });
});

describe('global commands', () => {
  test('typed in any of the 12 languages, at any point', async () => {
    const chat = new Chat(app.bot, 'commands-1');
    const menu = await toMenu(chat, 'de');
    await chat.tap(menu, 'clothing');

    // Arabic "menu" while the person chose German: the menu comes, in German.
    const arabicMenu = last(await chat.say('القائمة'));
    expect(arabicMenu.buttons.map((b) => (b.value as { choice: string }).choice)).toContain('furniture');
    expect(arabicMenu.locale).toBe('de');

    const help = await chat.say('hilfe');
    expect(help[0].text).toMatch(/Menü/);
    expect(last(help).buttons.length).toBe(app.content.topics.length); // the menu is asked again

    const language = last(await chat.say('Sprache'));
    expect(language.buttons.map((b) => b.title)).toContain('ትግርኛ');
    const russian = await chat.tap(language, 'ru');
    expect(russian[0].text).toMatch(SCRIPT.ru);
    expect(last(russian).buttons.length).toBe(app.content.topics.length); // region known: straight to the menu

    const restart = await chat.say('Заново!');
    expect(last(restart).buttons.map((b) => b.title)).toContain('العربية');
  });

  test('the language is understood when typed by name, and unknown input gets a translated retry', async () => {
    const chat = new Chat(app.bot, 'commands-2');
    const start = await chat.start();
    const chosen = await chat.say('arabic');
    expect(chosen[0].locale).toBe('ar');
    const regions = last(chosen);
    const retry = last(await chat.say('xyz'));
    expect(retry.locale).toBe('ar');
    expect(scriptShare(retry.text, 'ar')).toBeGreaterThan(0.6);
    expect(retry.buttons.length).toBe(regions.buttons.length);
    expect(start.length).toBeGreaterThan(0);
  });

  test("the page's language picker switches the language and the bot follows", async () => {
    const chat = new Chat(app.bot, 'commands-3');
    await toMenu(chat, 'de');
    const switched = await chat.event('setLanguage', 'fa');
    expect(switched[0].locale).toBe('fa');
    expect(scriptShare(switched[0].text, 'fa')).toBeGreaterThan(0.6);
    expect(last(switched).buttons.length).toBe(app.content.topics.length);
  });
});

describe('dialog state', () => {
  test('stays flat however long a person browses (no dialog nested in itself)', async () => {
    const chat = new Chat(app.bot, 'browsing-1');
    let menu = await toMenu(chat, 'de');
    const sizes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const answer = last(await chat.tap(menu, i % 2 ? 'clothing' : 'furniture'));
      const detail = last(await chat.tap(answer, 'more'));
      menu = last(await chat.tap(detail, 'another'));
      sizes.push(await chat.stateSize(app.store));
    }
    expect(Math.max(...sizes.slice(2))).toBeLessThanOrEqual(sizes[1] + 100);
  });
});

describe('memory', () => {
  test('a returning person is greeted in their language with the menu, also after a restart', async () => {
    const first = new Chat(app.bot, 'returning-1');
    await toMenu(first, 'ti', 'dresden');
    const dataDir = app.dataDir;
    await app.close();
    const reopened = await testApp({ DATA_DIR: dataDir });
    app = { ...reopened, dispose: async () => (await reopened.close(), rmSync(dataDir, { recursive: true, force: true })) };

    const again = new Chat(app.bot, 'returning-1', 'de-DE');
    const replies = await again.start();
    expect(replies[0].locale).toBe('ti');
    expect(scriptShare(replies[0].text, 'ti')).toBeGreaterThan(0.6);
    expect(last(replies).buttons.length).toBe(app.content.topics.length);
  });
});
