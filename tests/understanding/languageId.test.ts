import { ContentRepository } from '../../src/content/repository.js';
import { loadLocales } from '../../src/i18n/i18n.js';
import type { LanguageCode } from '../../src/i18n/languages.js';
import { createUnderstander } from '../../src/understanding/index.js';
import { languageWords } from '../../src/understanding/languageId.js';
import { SWITCH_CONFIDENCE } from '../../src/understanding/understand.js';

const locales = loadLocales('locales');
const understander = createUnderstander(
  ContentRepository.load('content'),
  Object.fromEntries(Object.entries(locales).map(([l, ns]) => [l, ns.bot]))
);
const identify = (text: string) => understander.understand(text).language;

// Written for these tests: not from the development set, not from the training examples.
const CASES: [LanguageCode, string][] = [
  ['de', 'Wo bekomme ich günstige Möbel für meine neue Wohnung?'],
  ['de', 'brauche hilfe beim lebenslauf bitte'],
  ['en', 'where can i get free winter clothes for my kids'],
  ['en', 'my appointment is tomorrow, can i move it to next week'],
  ['fr', 'je cherche un cours d allemand gratuit pour ma femme'],
  ['fr', 'ou trouver des meubles pas cher svp'],
  ['tr', 'çocuklarım için kışlık kıyafet lazım'],
  ['tr', 'oturum izni uzatmak icin nereye gitmeliyim'],
  ['ku', 'ez li karekî digerim, hûn dikarin alîkariya min bikin?'],
  ['ku', 'ji bo zarokên min dibistanek li ku derê heye'],
  ['so', 'waxaan u baahanahay shaqo, sidee ayaan u helaa'],
  ['so', 'xagee laga helaa dhar bilaash ah carruurta'],
  ['ar', 'أريد أن أتعلم اللغة الألمانية بسرعة'],
  ['ar', 'وين بلاقي اثاث رخيص للبيت الجديد'],
  ['ar', 'عندي Termin بالJobcenter بكرا بدي غير الموعد'], // German office words inside Arabic
  ['fa', 'می‌خواهم در کلاس زبان آلمانی ثبت نام کنم'],
  ['fa', 'برای اولادهایم مکتب پیدا کنم، کمک کنید'], // Dari wording
  ['fa', 'یه نامه از Ausländerbehörde گرفتم، معنیش چیه؟'], // Iranian colloquial with a German office
  ['ps', 'زه د کار اجازه لرم که نه؟'],
  ['ps', 'ماشومانو ته د ژمي جامې غواړم'],
  ['ti', 'ስራሕ ክረክብ እየ ዝደሊ'],
  ['ti', 'Kleiderkammer ኣበይ ኣሎ?'],
  ['uk', 'де можна знайти безкоштовні курси німецької'],
  ['uk', 'мені потрібна квартира, що робити'],
  ['ru', 'где найти бесплатные курсы немецкого языка'],
  ['ru', 'мне нужна квартира срочно, что делать']
];

describe('language identification', () => {
  test.each(CASES)('%s: %s', (lang, text) => {
    expect(identify(text)?.language).toBe(lang);
  });

  test('Persian and Arabic-Indic digits do not confuse it', () => {
    expect(identify('عندي ٣ أطفال وأحتاج ملابس')?.language).toBe('ar');
    expect(identify('من ۲۵ سالمه و دنبال کار هستم')?.language).toBe('fa');
  });

  test('German office words alone say nothing about the language, so they never switch it', () => {
    expect(languageWords('Jobcenter Termin Ausländerbehörde')).toEqual([]);
    expect(identify('Jobcenter Termin?')).toBeUndefined();
    expect(identify('Kleiderkammer')).toBeUndefined();
  });

  test('Arabizi and Finglish are at least not confidently misrouted', () => {
    for (const [text, lang] of [
      ['ana badi 3amal, wen fi shoghol', 'ar'],
      ['salam, man donbale kar hastam, komak mikonid?', 'fa']
    ] as const) {
      const guess = identify(text);
      expect(guess?.language === lang || (guess?.confidence ?? 0) < SWITCH_CONFIDENCE).toBe(true);
    }
  });
});
