import { Culture, recognizeDateTime, recognizeEmail, recognizePhoneNumber } from '@microsoft/recognizers-text-suite';
import * as chrono from 'chrono-node';
import type { LanguageCode } from '../i18n/languages.js';
import { asciiDigits } from '../understanding/normalize.js';

/**
 * Reads a phone number from what a person typed ("٠١٧٦ ١٢٣ ٤٥٦٧", "+49 176 1234567", "my number is
 * 0176/1234567"). The recognizer only knows ASCII digits, so Arabic-Indic and Persian digits are
 * converted first. Returns the number as typed (digits, +, spaces), or undefined.
 */
export function readPhone(text: string): string | undefined {
  const ascii = asciiDigits(text);
  const [found] = recognizePhoneNumber(ascii, Culture.English);
  const value = (found?.resolution as { value?: string } | undefined)?.value;
  if (!value) return undefined;
  const digits = value.replace(/\D/g, '');
  return digits.length >= 6 && digits.length <= 15 ? value.replace(/[^\d+ ]/g, ' ').replace(/\s+/g, ' ').trim() : undefined;
}

/**
 * Reads an email address. The recognizer cuts addresses at non-ASCII letters ("ahmad.müller@…"),
 * so the whole address must be recognised, else it is refused rather than stored wrongly.
 */
export function readEmail(text: string): string | undefined {
  const typed = text.trim().split(/\s+/).find((w) => w.includes('@'))?.replace(/[.,;:!?)]+$/, '');
  if (!typed) return undefined;
  const [found] = recognizeEmail(typed, Culture.English);
  const value = (found?.resolution as { value?: string } | undefined)?.value;
  return value && value.toLowerCase() === typed.toLowerCase() ? value : undefined;
}

/** Cultures whose date-time model exists in the JS recognizers (measured: en, es, fr, zh). */
const DATE_CULTURES: Partial<Record<LanguageCode, string>> = { en: Culture.English, fr: Culture.French };

/** Where the recognizers have no model, chrono-node's parsers for these languages. */
const CHRONO: Partial<Record<LanguageCode, { parseDate(text: string, ref: Date): Date | null }>> = {
  de: chrono.de,
  ru: chrono.ru,
  uk: chrono.uk,
  ar: chrono.ar
};

/**
 * Preferred times typed as free text: resolved to a date or range where a parser knows the
 * language ("next Tuesday morning" → "2026-11-24 08:00–12:00", "Dienstag vormittag" →
 * "2026-11-24 09:00"), and always kept as the person wrote it, so nothing is lost.
 */
export function readTimes(text: string, language: LanguageCode, now = new Date()): string {
  const typed = asciiDigits(text.trim()).slice(0, 200);
  const culture = DATE_CULTURES[language];
  let resolved: string | undefined;
  if (culture) {
    const [found] = recognizeDateTime(typed, culture, undefined, now);
    const value = (found?.resolution as { values?: { start?: string; end?: string; value?: string }[] } | undefined)?.values?.[0];
    resolved = value && (value.value ?? [value.start, value.end?.slice(11)].filter(Boolean).join('–'));
  } else {
    const date = CHRONO[language]?.parseDate(typed, now);
    resolved = date ? date.toISOString().slice(0, 16).replace('T', ' ') : undefined;
  }
  return resolved ? `${typed} (${resolved})` : typed;
}
