import type { TFunction } from 'i18next';
import { language, type LanguageCode } from '../i18n/languages.js';
import type { ContentRepository } from './repository.js';

/** The region id for "other region / not sure". */
export const OTHER_REGION = 'other';

/** A topic answer ready to send: markdown text and the language it is written in. */
export interface RenderedAnswer {
  topic: string;
  text: string;
  language: LanguageCode;
}

/**
 * Composes a topic's answer for one person: the nationwide text (short or detailed), what their
 * region adds (local offers, then the offices), the official sources and the review date. Anything
 * an editor has not confirmed is marked so, never stated as fact. No botbuilder here.
 */
export function renderTopic(
  content: ContentRepository,
  topicId: string,
  options: { lang: LanguageCode; region?: string; detail?: boolean; question?: string; t: TFunction }
): RenderedAnswer {
  const { lang, t } = options;
  const topic = content.localize(topicId, lang);
  const question = topic.text.questions?.find((q) => q.id === options.question);
  const parts: string[] = [`**${topic.icon} ${topic.text.title}${question ? ` – ${question.q}` : ''}**`];
  if (topic.language !== lang) parts.push(`_${t('topic.fallback', { language: language(topic.language).endonym })}_`);
  if (topic.stale) parts.push(`_${t('topic.stale')}_`);
  parts.push(question?.a ?? ((options.detail && topic.text.more) || topic.text.answer));

  if (topicId !== 'emergency') parts.push(regionalBlock(content, topicId, options));

  const sources = topic.sources.map((s) => `[${s.title}](${s.url})`).join(', ');
  parts.push(`${t('topic.source', { sources })} · ${t('topic.reviewed', { date: topic.reviewed })}`);
  return { topic: topicId, text: parts.join('\n\n'), language: topic.language };
}

function regionalBlock(
  content: ContentRepository,
  topicId: string,
  { lang, region: regionId, t }: { lang: LanguageCode; region?: string; t: TFunction }
): string {
  const region = regionId ? content.region(regionId) : undefined;
  if (!region) return t('region.otherAdvice');
  const lines = [`**${t('region.heading', { region: region.name })}**`];
  for (const offer of content.offers(region.id, topicId, lang)) {
    lines.push(`- ${offer.text}${offer.url ? ` (${offer.url})` : ''}${offer.confirm ? ` ${t('region.unconfirmed')}` : ''}`);
  }
  for (const office of region.offices) {
    const address = [office.street, office.houseNumber].filter(Boolean).join(' ');
    const audience = office.audience === 'all' ? '' : ` (${t(`region.audience.${office.audience}`)})`;
    lines.push(`- ${office.name}${address ? `, ${address}` : ''}${audience}${office.url ? ` – ${office.url}` : ''}`);
  }
  if (region.offices.some((o) => o.confirm)) lines.push(`_${t('region.confirmNote')}_`);
  return lines.join('\n');
}
