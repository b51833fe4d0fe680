import { LANGUAGE_CODES, type LanguageCode } from '../../src/i18n/languages.js';
import { testApp } from '../helpers/app.js';
import { Chat, last } from '../helpers/chat.js';
import { scriptShare } from '../helpers/script.js';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.dispose());

async function toMenu(chat: Chat, lang: LanguageCode) {
  const regions = last(await chat.tap(last(await chat.start()), lang));
  return last(await chat.tap(regions, 'viersen'));
}

describe('typing works as well as tapping', () => {
  test('writing in a language at the language question chooses it', async () => {
    const chat = new Chat(app.bot, 'free-0');
    await chat.start();
    const replies = await chat.say('سلام، من دنبال کلاس زبان آلمانی هستم');
    expect(replies[0].locale).toBe('fa');
    expect(last(replies).buttons.map((b) => (b.value as { choice: string }).choice)).toContain('viersen');
  });

  test('a question typed at the menu opens its topic', async () => {
    const chat = new Chat(app.bot, 'free-1');
    await toMenu(chat, 'de');
    const answer = last(await chat.say('wo bekomme ich gebrauchte möbel für die neue wohnung?'));
    expect([answer.topic, answer.locale]).toEqual(['furniture', 'de']);
  });

  test('a new question inside a topic switches topic', async () => {
    const chat = new Chat(app.bot, 'free-2');
    const menu = await toMenu(chat, 'en');
    await chat.tap(menu, 'clothing');
    const answer = last(await chat.say('how can i get my engineering degree recognised in germany'));
    expect([answer.topic, answer.locale]).toEqual(['recognition', 'en']);
  });

  test('a question in another language asks, in that language, to switch; one tap switches and answers', async () => {
    const chat = new Chat(app.bot, 'free-3');
    await toMenu(chat, 'de');
    const ask = last(await chat.say('أين أجد ملابس شتوية مجانية لأطفالي؟'));
    expect(scriptShare(ask.text, 'ar')).toBeGreaterThan(0.6);
    expect(ask.buttons.map((b) => b.title)).toEqual(['العربية', 'Deutsch']);
    const answer = last(await chat.tap(ask, 'switch'));
    expect([answer.topic, answer.locale]).toEqual(['clothing', 'ar']);
  });

  test('keeping the language answers in the chosen one', async () => {
    const chat = new Chat(app.bot, 'free-4');
    await toMenu(chat, 'de');
    const ask = last(await chat.say('я шукаю безкоштовні меблі для квартири'));
    const answer = last(await chat.tap(ask, 'keep'));
    expect([answer.topic, answer.locale]).toEqual(['furniture', 'de']);
  });

  test('German office words inside another language never ask to switch', async () => {
    const chat = new Chat(app.bot, 'free-5');
    await toMenu(chat, 'ar');
    const reply = last(await chat.say('Kleiderkammer?'));
    expect(reply.locale).toBe('ar');
    expect(reply.buttons.map((b) => b.title)).not.toContain('Deutsch');
  });

  test('out of scope gets "I can help with …" and the menu, in the person\'s language', async () => {
    const chat = new Chat(app.bot, 'free-6');
    await toMenu(chat, 'fr');
    const replies = await chat.say('qui a gagné le match de foot hier soir ?');
    const t = (await import('../../src/i18n/i18n.js')).createI18n('locales').getFixedT('fr');
    expect(replies[0].text).toBe(t('understand.outOfScope'));
    expect(last(replies).buttons.length).toBe(app.content.topics.length);
  });
});

// One acute-danger message per language, written for this test (not from the development set).
const EMERGENCIES: Record<LanguageCode, string> = {
  de: 'mein mann schlägt mich gerade, ich habe todesangst',
  en: 'my friend collapsed and is not breathing',
  ar: 'أخي فقد الوعي ولا يتنفس',
  fa: 'دیگر نمی‌خواهم زنده باشم، می‌خواهم خودم را بکشم',
  ti: 'ገዛና ይነድድ ኣሎ ሓዊ',
  uk: 'у квартирі пожежа, повно диму',
  ru: 'ребенок не дышит, что делать',
  tr: 'evde yangın çıktı, her yer duman',
  ku: 'zarokê min bêhiş bûye, nefesê nagire',
  ps: 'زما ماشوم ساه نشي اخیستلی',
  so: 'gurigeenna dab ayaa ka kacay',
  fr: 'mon mari me menace avec un couteau'
};

describe('emergencies first', () => {
  test.each(LANGUAGE_CODES)('%s: answered at once with 112 and 110, even in the middle of a topic', async (lang) => {
    const chat = new Chat(app.bot, `emergency-${lang}`);
    const menu = await toMenu(chat, 'de');
    await chat.tap(menu, 'integration-course');
    const [reply] = await chat.say(EMERGENCIES[lang]);
    expect(reply.topic).toBe('emergency');
    expect(reply.text).toMatch(/112/);
    expect(reply.text).toMatch(/110/);
    expect(reply.locale).toBe(lang); // in the language of the message
  });

  test('before the language is even chosen', async () => {
    const chat = new Chat(app.bot, 'emergency-first');
    await chat.start();
    const [reply] = await chat.say('النار في البيت، الدخان في كل مكان');
    expect([reply.topic, reply.locale]).toEqual(['emergency', 'ar']);
    const next = last(await chat.say('hallo'));
    expect(next.buttons.length).toBeGreaterThan(0); // the conversation goes on
  });
});
