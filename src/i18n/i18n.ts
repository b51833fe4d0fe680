import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { LANGUAGE_CODES, LANGUAGES, type LanguageCode, SOURCE_LANGUAGE } from './languages.js';

export type { TFunction };

type Json = string | { [key: string]: Json };

/** A locale file is missing, unreadable, or differs in keys or placeholders from German. */
export class LocaleError extends Error {}

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g;

function readJson(path: string): Record<string, Json> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, Json>;
  } catch (e) {
    throw new LocaleError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

/** key → sorted placeholder names, for every leaf string. */
function leaves(obj: Record<string, Json>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix + k;
    if (typeof v === 'string') {
      if (!v.trim()) out.set(key, '\u0000empty');
      else out.set(key, [...new Set([...v.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort().join(','));
    } else if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      out.set(key, '\u0000empty'); // only strings and nested objects belong in a locale file
    } else {
      for (const [k2, v2] of leaves(v, key + '.')) out.set(k2, v2);
    }
  }
  return out;
}

/**
 * Reads `locales/<lng>/<namespace>.json` for every language and checks them against German:
 * the same files, the same keys, the same placeholders, nothing empty. Throws LocaleError
 * listing every difference. Returns the resources for i18next.
 */
export function loadLocales(dir: string): Record<string, Record<string, Record<string, Json>>> {
  const problems: string[] = [];
  const sourceDir = join(dir, SOURCE_LANGUAGE);
  if (!existsSync(sourceDir)) throw new LocaleError(`${sourceDir}: missing`);
  const namespaces = readdirSync(sourceDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  const resources: Record<string, Record<string, Record<string, Json>>> = {};
  const reference = new Map(namespaces.map((ns) => [ns, leaves(readJson(join(sourceDir, `${ns}.json`)))]));
  for (const code of LANGUAGE_CODES) {
    resources[code] = {};
    for (const ns of namespaces) {
      const path = join(dir, code, `${ns}.json`);
      if (!existsSync(path)) {
        problems.push(`${path}: missing`);
        continue;
      }
      const data = readJson(path);
      resources[code][ns] = data;
      const mine = leaves(data);
      for (const [key, placeholders] of reference.get(ns)!) {
        const found = mine.get(key);
        if (found === undefined) problems.push(`${path}: missing key "${key}"`);
        else if (found === '\u0000empty') problems.push(`${path}: "${key}" is empty`);
        else if (found !== placeholders) problems.push(`${path}: "${key}" has placeholders {${found}}, German has {${placeholders}}`);
      }
      for (const key of mine.keys()) if (!reference.get(ns)!.has(key)) problems.push(`${path}: unknown key "${key}"`);
    }
  }
  if (problems.length) throw new LocaleError(`Locale files differ:\n  ${problems.join('\n  ')}`);
  return resources;
}

/**
 * One i18next instance for the whole process. Never call `changeLanguage` on it: each turn takes
 * a fixed `t` for the person's language (`i18n.getFixedT(lang)`), so concurrent turns never speak
 * each other's language.
 */
export function createI18n(localesDir: string): i18n {
  const resources = loadLocales(localesDir);
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: SOURCE_LANGUAGE,
    supportedLngs: [...LANGUAGE_CODES],
    fallbackLng: Object.fromEntries([
      ...LANGUAGES.map((l) => [l.code, [...l.fallback]]),
      ['default', [SOURCE_LANGUAGE]]
    ]),
    ns: Object.keys(resources[SOURCE_LANGUAGE]),
    defaultNS: 'bot',
    returnObjects: true,
    interpolation: { escapeValue: false },
    initAsync: false
  });
  return instance;
}

/** The fixed translation function for one language. */
export function fixedT(instance: i18n, lang: LanguageCode): TFunction {
  return instance.getFixedT(lang);
}
