import { z } from 'zod';
import { LANGUAGE_CODES, SOURCE_LANGUAGE } from '../i18n/languages.js';

/** Review status of a translation. `stale` is derived, never written by hand. */
export const REVIEW_STATES = ['machine', 'reviewed'] as const;

const text = z.string().trim().min(1, 'must not be empty');
const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-22'));

/** The text of a topic in one language. */
export const topicTextSchema = z.strictObject({
  review: z.enum(REVIEW_STATES).optional(),
  reviewer: z.string().optional(),
  reviewedOn: isoDate.optional(),
  /** Version (hash) of the German text this translation was made from. */
  from: z.string().regex(/^[0-9a-f]{8,64}$/, 'must be the hash printed by content:status').optional(),
  title: text,
  answer: text,
  more: text.optional(),
  /** Follow-up sub-questions shown as buttons under the answer; the same ids in every language. */
  questions: z
    .array(z.strictObject({ id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be an id like "who-pays"'), q: text, a: text }))
    .optional(),
  /** Messages as people write them about this topic: they teach the bot to understand free text. */
  examples: z.array(text).optional()
});

const languageFields = Object.fromEntries(
  LANGUAGE_CODES.map((code) => [code, code === SOURCE_LANGUAGE ? topicTextSchema : topicTextSchema.optional()])
) as { [K in (typeof LANGUAGE_CODES)[number]]: typeof topicTextSchema | z.ZodOptional<typeof topicTextSchema> };

/** One file under `content/topics/`. */
export const topicSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z-]*$/, 'must be a topic id like "clothing"'),
  icon: text,
  order: z.number().int(),
  reviewed: isoDate,
  /** Extra buttons under the answer: ask for a caseworker, or check who is responsible. */
  actions: z.array(z.enum(['handoff', 'responsible'])).default([]),
  sources: z
    .array(z.strictObject({ title: text, url: z.url({ protocol: /^https$/, error: 'must be an https URL' }) }))
    .min(1, 'needs at least one official source'),
  ...languageFields
});

const localized = z.partialRecord(z.enum(LANGUAGE_CODES), text);

/** One file under `content/regions/`. */
export const regionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z-]*$/, 'must be a region id like "krefeld"'),
  name: text,
  order: z.number().int(),
  offices: z
    .array(
      z.strictObject({
        name: text,
        street: text.optional(),
        houseNumber: text.optional(),
        audience: z.enum(['all', 'under25', 'over25']).default('all'),
        confirm: z.boolean().default(false),
        url: z.url({ protocol: /^https$/ }).optional()
      })
    )
    .min(1, 'needs at least one office'),
  /** The caseworker teams that receive handoff requests from this region. */
  teams: z.strictObject({
    agentur: z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), name: text }),
    jobcenter: z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), name: text }),
    integrationPoint: z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), name: text })
  }),
  /** Recognised people under 25 go to the Agentur für Arbeit (Krefeld's U25 / Ü25 split). */
  under25ToAgentur: z.boolean().default(false),
  offers: z
    .array(
      z.strictObject({
        topic: z.string(),
        confirm: z.boolean().default(false),
        url: z.url({ protocol: /^https$/ }).optional(),
        text: localized.refine((t) => t[SOURCE_LANGUAGE], `needs a "${SOURCE_LANGUAGE}" text`)
      })
    )
    .default([])
});

/** `content/understanding.yaml`: what teaches free-text understanding beyond the topic files. */
export const understandingSchema = z.strictObject({
  /** Messages outside the bot's scope, per language. */
  outOfScope: z.partialRecord(z.enum(LANGUAGE_CODES), z.array(text)),
  /** Word starts that signal acute danger, per language, already normalised. */
  emergencyWords: z.partialRecord(z.enum(LANGUAGE_CODES), z.array(text))
});

/**
 * `content/concepts.yaml`: the cross-lingual keyword layer. Concept id → language → word starts
 * ("*kurs": anywhere in a word; "=iş": the whole word only).
 */
export const conceptsSchema = z.record(
  z.string().regex(/^[a-z]+$/, 'concept ids are lower-case letters'),
  z.partialRecord(z.enum(LANGUAGE_CODES), z.array(z.string().trim().regex(/^[*=]?[^\s*=]+$/u, 'one word, optionally starting with * or =')))
);

export type TopicFile = z.infer<typeof topicSchema>;
export type ConceptsFile = z.infer<typeof conceptsSchema>;
export type UnderstandingFile = z.infer<typeof understandingSchema>;
export type TopicText = z.infer<typeof topicTextSchema>;
export type Region = z.infer<typeof regionSchema>;
export type Office = Region['offices'][number];
export type Offer = Region['offers'][number];
