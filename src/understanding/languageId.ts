import type { LanguageCode } from '../i18n/languages.js';
import { charNgrams, NaiveBayes } from './naiveBayes.js';
import { normalize, simplify } from './normalize.js';

/** A language guess with its calibrated confidence (0..1). */
export interface LanguageGuess {
  language: LanguageCode;
  confidence: number;
}

type Script = 'latin' | 'arabic' | 'cyrillic' | 'ethiopic';

const SCRIPTS: Record<Script, RegExp> = {
  latin: /\p{Script=Latin}/gu,
  arabic: /\p{Script=Arabic}/gu,
  cyrillic: /\p{Script=Cyrillic}/gu,
  ethiopic: /\p{Script=Ethiopic}/gu
};

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

function scriptOf(text: string): { script: Script; share: number } | undefined {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (!letters) return undefined;
  let best: { script: Script; share: number } | undefined;
  for (const script of Object.keys(SCRIPTS) as Script[]) {
    const share = (text.match(SCRIPTS[script])?.length ?? 0) / letters;
    if (!best || share > best.share) best = { script, share };
  }
  return best;
}

/** Words that say something about the language: office words and numbers removed. */
export function languageWords(text: string): string[] {
  // The list holds each word with and without umlauts, so no per-word folding is needed here.
  return simplify(text)
    .split(' ')
    .filter((w) => w && !/^\d+$/.test(w) && !INSTITUTION_WORDS.has(w));
}

const features = (text: string) => {
  const words = simplify(text).split(' ').filter(Boolean);
  return [...charNgrams(words, 1, 3), ...words.map((w) => `w:${w}`)];
};

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
    for (const script of Object.keys(SCRIPTS) as Script[]) this.models.set(script, new NaiveBayes<LanguageCode>(features, 0.05, temperature));
    for (const [lang, texts] of Object.entries(samples) as [LanguageCode, string[]][]) {
      for (const text of texts) {
        const script = scriptOf(text)?.script;
        if (script && WRITTEN_IN[script].includes(lang)) this.models.get(script)!.train([{ text: languageWords(text).join(' '), label: lang }]);
      }
    }
  }

  /** The most likely language, or undefined when the message has no telling words. */
  identify(text: string): LanguageGuess | undefined {
    const words = languageWords(text);
    const telling = words.join(' ');
    const found = scriptOf(telling);
    if (!found) return undefined;
    const { script } = found;
    if (script === 'ethiopic') return { language: 'ti', confidence: 0.99 };
    if (script === 'arabic' && PASHTO_ONLY.test(telling)) return { language: 'ps', confidence: 0.97 };
    if (script === 'cyrillic' && UKRAINIAN_ONLY.test(telling) !== RUSSIAN_ONLY.test(telling)) {
      return { language: UKRAINIAN_ONLY.test(telling) ? 'uk' : 'ru', confidence: 0.97 };
    }
    const model = this.models.get(script)!;
    const [best] = model.classify(telling, model.knownLabels);
    if (!best) return undefined;
    // One short word is thin evidence whatever the model says.
    const letters = telling.replace(/\s/g, '').length;
    const evidence = Math.min(1, letters / 12);
    return { language: best.label, confidence: best.p * (0.5 + 0.5 * evidence) };
  }
}

