import { LANGUAGE_CODES, type LanguageCode } from '../i18n/languages.js';
import { normalize } from './normalize.js';

/** `content/concepts.yaml`: concept id → language → word starts (see content/README.md). */
export type ConceptLexicon = Record<string, Partial<Record<LanguageCode, string[]>>>;

/** Languages whose words people mix into every other language ("Termin", "job", "online"). */
const MIXED_IN: readonly LanguageCode[] = ['de', 'en'];

/** Arabic-script proclitics ("and", "with", "the"…) that may stand before a stem: وال, بال, ال, و … */
const PROCLITICS = ['وال', 'بال', 'فال', 'كال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل'];
const ARABIC = /\p{Script=Arabic}/u;

/** One bit per language, so a set of languages is one number. */
const bit = (language: LanguageCode) => 1 << LANGUAGE_CODES.indexOf(language);
const ALL_LANGUAGES = LANGUAGE_CODES.reduce((mask, l) => mask | bit(l), 0);
const MIXED_IN_MASK = MIXED_IN.reduce((mask, l) => mask | bit(l), 0);

/** A concept an entry names, the languages it is an entry of, and whether it must be the whole word. */
interface Hit {
  concept: string;
  languages: number;
  whole: boolean;
}

/** A letter trie of entries; each node holds the hits of the entries that end there. */
class Trie {
  private readonly next = new Map<number, Trie>();
  private readonly hits: Hit[] = [];

  add(entry: string, concept: string, language: LanguageCode, whole: boolean): void {
    let node: Trie = this;
    for (let i = 0; i < entry.length; i++) {
      const code = entry.charCodeAt(i);
      let child = node.next.get(code);
      if (!child) node.next.set(code, (child = new Trie()));
      node = child;
    }
    const hit = node.hits.find((h) => h.concept === concept && h.whole === whole);
    if (hit) hit.languages |= bit(language);
    else node.hits.push({ concept, languages: bit(language), whole });
  }

  /** Adds to `found` the concepts of the entries in `languages` (a mask) that `word` holds from `from` on. */
  walk(word: string, from: number, languages: number, found: Set<string>): void {
    let node: Trie | undefined = this;
    for (let i = from; i < word.length; i++) {
      node = node.next.get(word.charCodeAt(i));
      if (!node) return;
      for (const hit of node.hits) {
        if (hit.languages & languages && (!hit.whole || i === word.length - 1)) found.add(hit.concept);
      }
    }
  }
}

/**
 * The cross-lingual keyword layer: finds which concepts ("vaccination", "landlord") a message
 * names, in its own language or in the German and English words people mix in. A concept is a
 * feature shared by all languages, so an Arabic example about vaccinations also teaches the model
 * about a Somali message on vaccinations.
 *
 * An entry matches at a word start ("lern" in "lernen"; in Arabic script also after a proclitic,
 * "لقاح" in "واللقاحات"), anywhere in a word when written "*kurs", or only as the whole word
 * (after a proclitic: the rest of it, "=دم" in "الدم") when written "=iş".
 */
export class ConceptMatcher {
  /** Entries that match at a word start, or as the whole word. */
  private readonly starts = new Trie();
  /** Entries that match anywhere in a word. */
  private readonly parts = new Trie();

  constructor(lexicon: ConceptLexicon) {
    for (const [concept, byLanguage] of Object.entries(lexicon)) {
      for (const [language, raws] of Object.entries(byLanguage) as [LanguageCode, string[]][]) {
        for (const raw of raws) {
          const entry = normalize(raw.replace(/^[*=]/, ''));
          if (!entry) continue;
          if (raw.startsWith('*')) this.parts.add(entry, concept, language, false);
          else this.starts.add(entry, concept, language, raw.startsWith('='));
        }
      }
    }
  }

  /**
   * The concepts named in normalised `words`, each once. `language` is the message's language,
   * if known; without it every language's entries count.
   */
  find(words: readonly string[], language?: LanguageCode): string[] {
    const languages = language ? bit(language) | MIXED_IN_MASK : ALL_LANGUAGES;
    const found = new Set<string>();
    for (const word of words) {
      this.starts.walk(word, 0, languages, found);
      if (ARABIC.test(word)) {
        for (const p of PROCLITICS) if (word.length > p.length + 1 && word.startsWith(p)) this.starts.walk(word, p.length, languages, found);
      }
      for (let i = 0; i < word.length; i++) this.parts.walk(word, i, languages, found);
    }
    return [...found];
  }
}
