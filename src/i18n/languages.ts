/**
 * The one list of the languages the bot speaks. Codes are the contract (see PRODUCT.md);
 * everything else (locales, content, the web page's picker) is checked against this list.
 */
export interface Language {
  /** ISO 639-1 code, also the folder name under `locales/` and the key in content files. */
  readonly code: LanguageCode;
  /** The language's name in itself, shown on buttons. */
  readonly endonym: string;
  /** Right-to-left script. */
  readonly rtl: boolean;
  /** Language to fall back to for a missing string (i18next `fallbackLng`). */
  readonly fallback: readonly LanguageCode[];
}

export const LANGUAGE_CODES = ['de', 'en', 'ar', 'fa', 'ti', 'uk', 'ru', 'tr', 'ku', 'ps', 'so', 'fr'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

/** The language every text is written in first, and the last fallback. */
export const SOURCE_LANGUAGE: LanguageCode = 'de';

export const LANGUAGES: readonly Language[] = [
  { code: 'de', endonym: 'Deutsch', rtl: false, fallback: [] },
  { code: 'en', endonym: 'English', rtl: false, fallback: ['de'] },
  { code: 'ar', endonym: 'العربية', rtl: true, fallback: ['en', 'de'] },
  { code: 'fa', endonym: 'فارسی / دری', rtl: true, fallback: ['en', 'de'] },
  { code: 'ti', endonym: 'ትግርኛ', rtl: false, fallback: ['en', 'de'] },
  { code: 'uk', endonym: 'Українська', rtl: false, fallback: ['en', 'de'] },
  { code: 'ru', endonym: 'Русский', rtl: false, fallback: ['en', 'de'] },
  { code: 'tr', endonym: 'Türkçe', rtl: false, fallback: ['en', 'de'] },
  { code: 'ku', endonym: 'Kurmancî', rtl: false, fallback: ['tr', 'en', 'de'] },
  { code: 'ps', endonym: 'پښتو', rtl: true, fallback: ['fa', 'en', 'de'] },
  { code: 'so', endonym: 'Soomaali', rtl: false, fallback: ['en', 'de'] },
  { code: 'fr', endonym: 'Français', rtl: false, fallback: ['en', 'de'] }
];

/** True when `value` is one of our language codes. */
export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && (LANGUAGE_CODES as readonly string[]).includes(value);
}

/** The entry for a code; throws for an unknown code, which is a programming error. */
export function language(code: LanguageCode): Language {
  const found = LANGUAGES.find((l) => l.code === code);
  if (!found) throw new Error(`Unknown language code: ${code}`);
  return found;
}

/**
 * Maps a BCP-47 tag such as `ar-SY`, `fa-AF`, `prs` or `de_DE` to one of our codes, or undefined.
 * Dari (`prs`) shares `fa`; Kurdish tags (`kmr`, `ku-Latn`) map to Kurmanji.
 */
export function matchLocale(tag: string | undefined): LanguageCode | undefined {
  if (!tag) return undefined;
  const base = tag.toLowerCase().replace('_', '-').split('-')[0];
  const alias: Record<string, LanguageCode> = { prs: 'fa', kmr: 'ku', pbt: 'ps', pus: 'ps', tir: 'ti', som: 'so' };
  const code = alias[base] ?? base;
  return isLanguageCode(code) ? code : undefined;
}

/**
 * Checks the list at start-up: codes unique and all present, fallbacks known and not cyclic.
 * Throws with a message naming the bad entry.
 */
export function checkLanguages(list: readonly Language[] = LANGUAGES): void {
  const codes = list.map((l) => l.code);
  const missing = LANGUAGE_CODES.filter((c) => !codes.includes(c));
  if (missing.length) throw new Error(`languages.ts: missing languages ${missing.join(', ')}`);
  if (new Set(codes).size !== codes.length) throw new Error('languages.ts: a language code is listed twice');
  for (const l of list) {
    if (!l.endonym.trim()) throw new Error(`languages.ts: ${l.code} has no endonym`);
    for (const f of l.fallback) {
      if (!codes.includes(f) || f === l.code) throw new Error(`languages.ts: ${l.code} has a bad fallback ${f}`);
    }
  }
  if (language(SOURCE_LANGUAGE).fallback.length) throw new Error('languages.ts: the source language must not fall back');
}
