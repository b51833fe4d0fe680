import { ContentRepository } from '../../src/content/repository.js';
import { ConceptMatcher } from '../../src/understanding/concepts.js';
import { normalize } from '../../src/understanding/normalize.js';

const words = (text: string) => normalize(text).split(' ');

describe('ConceptMatcher', () => {
  const matcher = new ConceptMatcher({
    vaccination: { de: ['impf'], ar: ['لقاح', 'تطعيم'] },
    course: { de: ['*kurs'], tr: ['kurs'] },
    work: { tr: ['=iş', 'çalış'], ku: ['kar'] },
    flat: { en: ['flat', 'apartment'] }
  });

  it('matches word starts, whatever the ending', () => {
    expect(matcher.find(words('Wo kann ich mein Kind impfen lassen?'), 'de')).toEqual(['vaccination']);
  });

  it('matches an Arabic stem after a proclitic (ال, و, بال)', () => {
    expect(matcher.find(words('وين اللقاحات للاطفال'), 'ar')).toEqual(['vaccination']);
    expect(matcher.find(words('بالتطعيم'), 'ar')).toEqual(['vaccination']);
    const blood = new ConceptMatcher({ bleeding: { ar: ['=دم'] } });
    expect(blood.find(words('في كتير الدم'), 'ar')).toEqual(['bleeding']);
    expect(blood.find(words('دمشق'), 'ar')).toEqual([]);
  });

  it('matches a *-entry inside a compound, a plain entry only at the start', () => {
    expect(matcher.find(words('Deutschkurs gesucht'), 'de')).toEqual(['course']);
    const courses = new ConceptMatcher({ part: { tr: ['*kurs'] }, start: { fr: ['cours'] } });
    expect(courses.find(words('entegrasyonkursu'), 'tr')).toEqual(['part']);
    expect(courses.find(words('un discours'), 'fr')).toEqual([]);
    expect(courses.find(words('des cours du soir'), 'fr')).toEqual(['start']);
  });

  it('matches an =-entry only as a whole word, after the same folding as the message', () => {
    expect(matcher.find(words('İŞ arıyorum'), 'tr')).toEqual(['work']);
    expect(matcher.find(words('işte bir sorun var'), 'tr')).toEqual([]);
    expect(matcher.find(words('çalışmak istiyorum'), 'tr')).toEqual(['work']);
  });

  it("counts the message's language and the German and English words people mix in, not other languages", () => {
    // Kurmanji "kar" (work) must not fire on a German "Karte".
    expect(matcher.find(words('Versichertenkarte verloren'), 'de')).toEqual([]);
    expect(matcher.find(words('ez li kar digerim'), 'ku')).toEqual(['work']);
    expect(matcher.find(words('ich suche eine flat'), 'fr')).toEqual(['flat']);
  });

  it('counts every language when the language is not known', () => {
    expect(matcher.find(words('kar impf'))).toEqual(expect.arrayContaining(['work', 'vaccination']));
  });
});

describe('content/concepts.yaml', () => {
  const content = ContentRepository.load('content');

  it('names concepts in all 12 languages, and each concept in most of them', () => {
    const concepts = Object.entries(content.concepts);
    expect(concepts.length).toBeGreaterThan(100);
    const thin = concepts.filter(([, byLanguage]) => Object.keys(byLanguage).length < 10).map(([id]) => id);
    expect(thin).toEqual([]);
  });

  it('finds the same concept in a message about vaccinations in all 12 languages', () => {
    const matcher = new ConceptMatcher(content.concepts);
    // Written for this test: not from the development set, not from the training examples.
    const messages = {
      de: 'brauche eine Impfung für mein Kind',
      en: 'where can my son get his vaccinations',
      fr: 'où faire vacciner mon bébé',
      ar: 'وين اخذ التطعيم لابني',
      ru: 'где сделать прививку ребёнку',
      uk: 'де зробити щеплення дитині',
      tr: 'çocuğuma aşı yaptırmak istiyorum',
      fa: 'واکسن بچه‌ام را کجا بزنم',
      ps: 'د ماشوم لپاره واکسین چېرته کېږي',
      ti: 'ንውላደይ ክታበት ኣበይ ይረክብ',
      ku: 'ji bo zarokê xwe derzî li ku derê bikim',
      so: 'tallaalka ilmaha xagee laga helaa'
    } as const;
    for (const [language, text] of Object.entries(messages)) {
      expect([language, matcher.find(words(text), language as keyof typeof messages)]).toEqual([language, expect.arrayContaining(['vaccination'])]);
    }
  });
});
