import { LANGUAGE_CODES, type LanguageCode, SOURCE_LANGUAGE } from '../i18n/languages.js';
import { type ContentRepository, sourceHash } from './repository.js';
import type { TopicText } from './schema.js';

/** What an editor needs to fix (errors) or know (the rest). */
export interface CheckReport {
  errors: string[];
  /** Facts in region files that an editor still has to confirm. */
  unconfirmed: string[];
}

export type CellStatus = 'missing' | 'machine' | 'reviewed' | 'stale';

/** Example messages needed per topic and language for free-text understanding. */
export const MIN_EXAMPLES = 15;

const LINK = /https:\/\/[^\s)\]>"]+/g;
const links = (t: TopicText) =>
  [...[t.answer, t.more ?? '', ...(t.questions ?? []).map((q) => q.a)].join('\n').matchAll(LINK)].map((m) => m[0]).sort().join(' ');

/** The status of one topic in one language, as `content:status` shows it. */
export function cellStatus(content: ContentRepository, topicId: string, lang: LanguageCode): CellStatus {
  const topic = content.topic(topicId);
  const text = topic[lang];
  if (!text) return 'missing';
  if (lang === SOURCE_LANGUAGE) return 'reviewed';
  if (text.from && text.from !== sourceHash(topic[SOURCE_LANGUAGE] as TopicText)) return 'stale';
  return text.review === 'reviewed' ? 'reviewed' : 'machine';
}

/**
 * Checks what the schema cannot: every language present, the same links in every language,
 * no template placeholders, a `more` text in every language when German has one. Each message
 * names the file and the field.
 */
export function checkContent(content: ContentRepository): CheckReport {
  const errors: string[] = [];
  for (const topic of content.topics) {
    const file = `topics/${topic.id}.yaml`;
    const source = topic[SOURCE_LANGUAGE] as TopicText;
    for (const lang of LANGUAGE_CODES) {
      const text = topic[lang];
      if (!text) {
        errors.push(`${file}: ${lang}: translation missing`);
        continue;
      }
      if (links(text) !== links(source)) errors.push(`${file}: ${lang}: links differ from ${SOURCE_LANGUAGE} (${links(text) || 'none'})`);
      for (const field of ['title', 'answer', 'more'] as const) {
        if (/\{\{|\}\}/.test(text[field] ?? '')) errors.push(`${file}: ${lang}.${field}: contains a {{placeholder}}`);
      }
      if (source.more && !text.more) errors.push(`${file}: ${lang}.more: missing (German has it)`);
      const ids = (t?: TopicText) => (t?.questions ?? []).map((q) => q.id).join(', ');
      if (ids(text) !== ids(source)) errors.push(`${file}: ${lang}.questions: ids [${ids(text)}] differ from ${SOURCE_LANGUAGE} [${ids(source)}]`);
      if ((text.examples?.length ?? 0) < MIN_EXAMPLES) {
        errors.push(`${file}: ${lang}.examples: ${text.examples?.length ?? 0} messages, at least ${MIN_EXAMPLES} are needed to understand free text`);
      }
      if (lang !== SOURCE_LANGUAGE && !text.review) errors.push(`${file}: ${lang}.review: must be "machine" or "reviewed"`);
      if (text.review === 'reviewed' && (!text.reviewer || !text.reviewedOn)) {
        errors.push(`${file}: ${lang}: a reviewed translation needs reviewer and reviewedOn`);
      }
    }
  }
  for (const lang of LANGUAGE_CODES) {
    const outOfScope = content.understanding.outOfScope[lang]?.length ?? 0;
    if (outOfScope < MIN_EXAMPLES) errors.push(`understanding.yaml: outOfScope.${lang}: ${outOfScope} messages, at least ${MIN_EXAMPLES} are needed`);
    if (!content.understanding.emergencyWords[lang]?.length) errors.push(`understanding.yaml: emergencyWords.${lang}: missing`);
  }
  const unconfirmed: string[] = [];
  for (const region of content.regions) {
    const file = `regions/${region.id}.yaml`;
    region.offices.forEach((o, i) => o.confirm && unconfirmed.push(`${file}: offices[${i}] ${o.name}`));
    region.offers.forEach((o, i) => o.confirm && unconfirmed.push(`${file}: offers[${i}] (${o.topic})`));
  }
  return { errors, unconfirmed };
}
