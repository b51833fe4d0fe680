import type { ContentRepository } from '../content/repository.js';
import type { TopicText } from '../content/schema.js';
import { LANGUAGE_CODES, type LanguageCode } from '../i18n/languages.js';
import { type TrainingData, Understander } from './understand.js';

export { Understander, type Understanding } from './understand.js';

type Strings = { [key: string]: Strings | string };
const flatten = (o: Strings): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : flatten(v)));

/**
 * The training data in the content: topic examples, titles and sub-questions, out-of-scope
 * messages, the emergency words, and (for language identification only) each topic's short answer
 * and every UI string.
 */
export function trainingData(content: ContentRepository, uiStrings: Partial<Record<LanguageCode, Strings>> = {}): TrainingData {
  const languageTexts: Partial<Record<LanguageCode, string[]>> = {};
  for (const lang of LANGUAGE_CODES) {
    const texts = (languageTexts[lang] = [] as string[]);
    for (const topic of content.topics) {
      const t = topic[lang] as TopicText | undefined;
      if (t) texts.push(t.answer);
    }
    if (uiStrings[lang]) texts.push(...flatten(uiStrings[lang]!));
  }
  return { texts: content.trainingTexts(), languageTexts, emergencyWords: content.understanding.emergencyWords, concepts: content.concepts };
}

/** Trains the understander from the content at start-up (well under a second). */
export function createUnderstander(content: ContentRepository, uiStrings: Partial<Record<LanguageCode, Strings>> = {}): Understander {
  return new Understander(trainingData(content, uiStrings));
}
