import type { LanguageCode } from '../i18n/languages.js';
import { charNgrams, hash, NaiveBayes } from './naiveBayes.js';
import { normalize, simplify } from './normalize.js';

/** A language guess with its calibrated confidence (0..1). */
export interface LanguageGuess {
  language: LanguageCode;
  confidence: number;
}

type Script = 'latin' | 'arabic' | 'cyrillic' | 'ethiopic';

const SCRIPTS: readonly Script[] = ['latin', 'arabic', 'cyrillic', 'ethiopic'];

/** The script of a UTF-16 code unit, by the Unicode blocks our 12 languages are written in. */
function scriptOfCode(c: number): Script | undefined {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff)) return 'latin';
  if ((c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f) || (c >= 0x8a0 && c <= 0x8ff) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) return 'arabic';
  if (c >= 0x400 && c <= 0x52f) return 'cyrillic';
  if ((c >= 0x1200 && c <= 0x139f) || (c >= 0x2d80 && c <= 0x2ddf) || (c >= 0xab00 && c <= 0xab2f)) return 'ethiopic';
  return undefined;
}

/** Which of our languages are written in each script (ar and fa also in Latin: Arabizi, Finglish). */
const WRITTEN_IN: Record<Script, LanguageCode[]> = {
  latin: ['de', 'en', 'fr', 'tr', 'ku', 'so', 'ar', 'fa'],
  arabic: ['ar', 'fa', 'ps'],
  cyrillic: ['uk', 'ru'],
  ethiopic: ['ti']
};

/** Letters only Pashto uses, and letters that only Ukrainian or only Russian use. */
const PASHTO_ONLY = /[ټډړښږڼۍېځڅګ]/;
const UKRAINIAN_ONLY = /[іїєґ]/;
const RUSSIAN_ONLY = /[ыэъё]/;

/**
 * German office words that people use inside every language ("Jobcenter", "Termin"): they say
 * nothing about the language a person writes in, so they never count as German.
 */
export const INSTITUTION_WORDS = new Set(
  (
    'jobcenter jobcentre jobcenters termin termine ausländerbehörde bamf integrationskurs integrationskurses ' +
    'sozialamt kleiderkammer möbellager anerkennung ausbildung krankenkasse krankenschein wbs bescheid brief amt ' +
    'agentur arbeitsagentur aufenthaltserlaubnis aufenthaltsgestattung duldung bürgergeld grundsicherung ' +
    'berufssprachkurs sprachkurs deutschkurs dtz kita schule heim asylbewerberleistungen erstausstattung sozialkaufhaus ' +
    'integration point mbe jmd vhs b1 b2 a1 a2 c1 eservices kindergeld bezahlkarte auslaenderbehoerde moebellager buergergeld'
  )
    .split(' ')
    .flatMap((w) => [w, normalize(w)])
);

/** The script most letters of `text` are written in, if any. */
function scriptOf(text: string): Script | undefined {
  const counts = { latin: 0, arabic: 0, cyrillic: 0, ethiopic: 0 };
  for (let i = 0; i < text.length; i++) {
    const script = scriptOfCode(text.charCodeAt(i));
    if (script) counts[script]++;
  }
  const best = SCRIPTS.reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] ? best : undefined;
}

/** Words that say something about the language: office words and numbers removed. */
export function languageWords(text: string): string[] {
  // The list holds each word with and without umlauts, so no per-word folding is needed here.
  return simplify(text)
    .split(' ')
    .filter((w) => w && !/^\d+$/.test(w) && !INSTITUTION_WORDS.has(w));
}

const features = (words: string[]) => charNgrams(words, 1, 3, words.map((w) => hash(w)));

/**
 * Identifies which of the 12 languages a short message is written in. Script facts decide first
 * (Ge'ez is Tigrinya; Pashto-only letters; Ukrainian- or Russian-only letters); naive Bayes over
 * character n-grams, trained on our own texts per script, decides the rest. German office words
 * are ignored, so "Termin" inside an Arabic sentence never makes it German.
 */
export class LanguageIdentifier {
  private readonly models = new Map<Script, NaiveBayes<LanguageCode>>();

  /** `samples[lang]` are texts in that language: examples, answers, UI strings. */
  constructor(samples: Partial<Record<LanguageCode, string[]>>, temperature = 6) {
    for (const script of SCRIPTS) this.models.set(script, new NaiveBayes<LanguageCode>(WRITTEN_IN[script], 0.05, temperature));
    for (const [lang, texts] of Object.entries(samples) as [LanguageCode, string[]][]) {
      for (const text of texts) {
        const words = languageWords(text);
        const script = scriptOf(words.join(''));
        if (script && WRITTEN_IN[script].includes(lang)) this.models.get(script)!.train([{ features: features(words), label: lang }]);
      }
    }
  }

  /** The most likely language, or undefined when the message has no telling words. */
  identify(text: string): LanguageGuess | undefined {
    const words = languageWords(text);
    const telling = words.join(' ');
    const script = scriptOf(telling);
    if (!script) return undefined;
    if (script === 'ethiopic') return { language: 'ti', confidence: 0.99 };
    if (script === 'arabic' && PASHTO_ONLY.test(telling)) return { language: 'ps', confidence: 0.97 };
    if (script === 'cyrillic' && UKRAINIAN_ONLY.test(telling) !== RUSSIAN_ONLY.test(telling)) {
      return { language: UKRAINIAN_ONLY.test(telling) ? 'uk' : 'ru', confidence: 0.97 };
    }
    const model = this.models.get(script)!;
    const [best] = model.classify(features(words));
    if (!best) return undefined;
    // One short word is thin evidence whatever the model says.
    const letters = telling.replace(/\s/g, '').length;
    const evidence = Math.min(1, letters / 12);
    return { language: best.label, confidence: best.p * (0.5 + 0.5 * evidence) };
  }
}

