import type { LanguageCode } from '../i18n/languages.js';
import { type ConceptLexicon, ConceptMatcher } from './concepts.js';
import { type LanguageGuess, LanguageIdentifier } from './languageId.js';
import { charNgrams, hash, NaiveBayes, type Scored } from './naiveBayes.js';
import { normalize } from './normalize.js';

/** What the bot understood of one message. */
export interface Understanding {
  /** The language the message is written in, if it says enough to tell. */
  language?: LanguageGuess;
  /** The topic id, or `none` when out of scope or not sure enough. */
  topic: string;
  /** Calibrated confidence of `topic` (for `none`: of the best guess being wrong). */
  confidence: number;
  /** The likeliest topics with their probabilities, best first (no `none`). */
  candidates: Scored<string>[];
  /** Acute danger: answer with the emergency numbers before anything else. */
  emergency: boolean;
}

/** What understanding learns from (see ContentRepository.trainingTexts and content/understanding.yaml). */
export interface TrainingData {
  texts: { text: string; topic: string; language: LanguageCode }[];
  /** Further texts per language for language identification (answers, UI strings). */
  languageTexts: Partial<Record<LanguageCode, string[]>>;
  /** Normalised word starts that signal acute danger, per language. */
  emergencyWords: Partial<Record<LanguageCode, string[]>>;
  /** The cross-lingual keyword layer (content/concepts.yaml). */
  concepts: ConceptLexicon;
}

/** Thresholds, set from the measurements printed by `npm run eval`. */
export interface Thresholds {
  /** At or above: answer the topic. */
  answer: number;
  /** At or above (and below `answer`): ask which of the likeliest topics is meant. */
  clarify: number;
  /** The emergency class at or above this probability counts as an emergency. */
  emergency: number;
  /** Temperature of the topic model's softmax. */
  temperature: number;
}

/** A message in another language switches (or chooses) the language only when at least this sure. */
export const SWITCH_CONFIDENCE = 0.9;

/** Below this many words only the emergency word list counts, not the classifier. */
export const MIN_WORDS_FOR_CLASSIFIER_EMERGENCY = 3;

export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.5, clarify: 0.15, emergency: 0.2, temperature: 12 };

/** A message's normalised words. */
const wordsOf = (text: string) => normalize(text).split(' ').filter(Boolean);

/** How many times a concept counts against one word or character n-gram. */
export const CONCEPT_WEIGHT = 10;
/** Concept features hash apart from words: "bed" the concept is not "bed" the word. */
const CONCEPT_SEED = 0x2c1b3c6d;

/**
 * Free-text understanding, offline: language identification, a topic classifier (naive Bayes over
 * words, character n-grams and concepts, all languages in one model so German office words and
 * concepts help everywhere), and an emergency detector that favours recall (word list OR classifier).
 */
export class Understander {
  private readonly topics: NaiveBayes<string>;
  private readonly languages: LanguageIdentifier;
  private readonly emergencyPattern: RegExp;
  private readonly concepts: ConceptMatcher;

  constructor(
    data: TrainingData,
    readonly thresholds: Thresholds = DEFAULT_THRESHOLDS
  ) {
    this.concepts = new ConceptMatcher(data.concepts);
    this.topics = new NaiveBayes<string>([...new Set(data.texts.map((t) => t.topic))], 0.1, thresholds.temperature).train(
      data.texts.map((t) => ({ features: this.features(wordsOf(t.text), t.language), label: t.topic }))
    );
    const samples: Partial<Record<LanguageCode, string[]>> = {};
    for (const t of data.texts) (samples[t.language] ??= []).push(t.text);
    for (const [lang, texts] of Object.entries(data.languageTexts)) (samples[lang as LanguageCode] ??= []).push(...(texts ?? []));
    this.languages = new LanguageIdentifier(samples);
    const words = [...new Set(Object.values(data.emergencyWords).flat())].map((w) => normalize(w!)).filter(Boolean);
    // An empty list must match nothing (an empty alternation would match everything).
    this.emergencyPattern = words.length ? emergencyPattern(words) : /(?!)/;
  }

  understand(text: string): Understanding {
    const language = this.languages.identify(text);
    const normalized = wordsOf(text);
    const scored = this.topics.classify(this.features(normalized, language?.language));
    const emergencyP = scored.find((s) => s.label === 'emergency')?.p ?? 0;
    // The classifier alone needs a few words: "ja bitte" is no cry for help. Short cries are in the word list.
    const emergency = this.hasEmergencyWord(text) || (normalized.length >= MIN_WORDS_FOR_CLASSIFIER_EMERGENCY && emergencyP >= this.thresholds.emergency);
    if (emergency) return { language, topic: 'emergency', confidence: Math.max(emergencyP, 0.9), candidates: scored, emergency };

    const [best] = scored;
    const candidates = scored.filter((s) => s.label !== 'none');
    if (!best || best.label === 'none' || best.p < this.thresholds.clarify) {
      return { language, topic: 'none', confidence: best?.label === 'none' ? best.p : 1 - (best?.p ?? 0), candidates, emergency };
    }
    return { language, topic: best.label, confidence: best.p, candidates, emergency };
  }

  /** Normalised words, their character n-grams, and the concepts they name in `language` (all languages if unknown). */
  private features(words: string[], language?: LanguageCode): number[] {
    const features = charNgrams(words, 3, 5, words.map((w) => hash(w)));
    for (const concept of this.concepts.find(words, language)) features.push(...Array<number>(CONCEPT_WEIGHT).fill(hash(concept, CONCEPT_SEED)));
    return features;
  }

  /**
   * A danger word start ("bewusstlo" in "bewusstlos"), a phrase of word starts, or a whole number
   * (112). A message with a phone number in it ("0176 110 4567") has its numbers ignored.
   */
  private hasEmergencyWord(text: string): boolean {
    const normalized = normalize(text);
    const phoneLike = (normalized.match(/\d/g) ?? []).length > 4;
    return this.emergencyPattern.test(phoneLike ? normalized.replace(/\d+/g, ' ') : normalized);
  }
}

/** One pattern for the whole list: each entry at a word start, its words in order, numbers whole. */
function emergencyPattern(words: string[]): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const entry = (w: string) => w.split(' ').map(escape).join('\\S* ') + (/^\d+$/.test(w) ? '(?!\\d)' : '');
  return new RegExp(`(?:^| )(?:${words.map(entry).join('|')})`);
}
