import type { LanguageCode } from '../../src/i18n/languages.js';

/** The script a language is written in, as a pattern that matches its letters. */
export const SCRIPT: Record<LanguageCode, RegExp> = {
  de: /[a-zäöüß]/i,
  en: /[a-z]/i,
  fr: /[a-zéèàç]/i,
  tr: /[a-zçğışöü]/i,
  ku: /[a-zçêîşû]/i,
  so: /[a-z]/i,
  ar: /[\u0600-\u06FF]/,
  fa: /[\u0600-\u06FF]/,
  ps: /[\u0600-\u06FF]/,
  ti: /[\u1200-\u137F]/,
  uk: /[\u0400-\u04FF]/,
  ru: /[\u0400-\u04FF]/
};

/**
 * Share of words in `text` (links and markdown removed) written in the language's script. Words,
 * not letters: one Ge'ez letter is a whole syllable, so letters would undercount Tigrinya beside
 * Latin office names.
 */
export function scriptShare(text: string, lang: LanguageCode): number {
  const words = text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, '')
    .match(/\p{L}[\p{L}\p{M}]*/gu) ?? [];
  if (!words.length) return 0;
  return words.filter((w) => SCRIPT[lang].test(w)).length / words.length;
}
