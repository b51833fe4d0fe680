import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import type { z } from 'zod';
import { LANGUAGE_CODES, language, type LanguageCode, SOURCE_LANGUAGE } from '../i18n/languages.js';
import {
  type ConceptsFile,
  conceptsSchema,
  type Region,
  regionSchema,
  type TopicFile,
  type TopicText,
  topicSchema,
  type UnderstandingFile,
  understandingSchema
} from './schema.js';

/** A content file is invalid; the message names the file and the field. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[]
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

/** Thrown when a topic or region id is not in the content. */
export class ContentNotFoundError extends Error {}

/** A topic's text as shown to a person: the best available language and its status. */
export interface LocalizedTopic {
  id: string;
  icon: string;
  reviewed: string;
  sources: TopicFile['sources'];
  text: TopicText;
  /** The language the text is actually written in (differs from the asked one on fallback). */
  language: LanguageCode;
  /** The German text changed after this translation was made. */
  stale: boolean;
}

/** A message with the topic it is about and the language it is written in, for training. */
export interface LabelledText {
  text: string;
  topic: string;
  language: LanguageCode;
}

/** Version of the German text of a topic; translations record it in `from`. */
export function sourceHash(text: TopicText): string {
  const questions = (text.questions ?? []).flatMap((q) => [q.id, q.q, q.a]);
  return createHash('sha256').update([text.title, text.answer, text.more ?? '', ...questions].join('\u0000')).digest('hex').slice(0, 12);
}

function parseFile<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    // The YAML 1.2 core schema: "2026-11-22" stays a string, as the schemas expect.
    raw = load(readFileSync(path, 'utf8'), { schema: CORE_SCHEMA });
  } catch (e) {
    throw new ContentError(path, [`not valid YAML (${(e as Error).message.split('\n')[0]})`]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ContentError(
      path,
      result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`)
    );
  }
  const id = (result.data as { id?: string }).id;
  if (id !== undefined && id !== basename(path, '.yaml')) throw new ContentError(path, [`id: "${id}" must equal the file name`]);
  return result.data;
}

/** The languages to try for a text, in order: the asked one, its fallbacks, German. */
function fallbackChain(lang: LanguageCode): LanguageCode[] {
  return [lang, ...language(lang).fallback, SOURCE_LANGUAGE];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * All content, loaded and validated once at start-up. Topics are data: adding a topic is adding a
 * file under `content/topics/`. Throws ContentError for the first invalid file.
 */
export class ContentRepository {
  readonly topics: readonly TopicFile[];
  readonly regions: readonly Region[];

  constructor(
    topics: TopicFile[],
    regions: Region[],
    readonly understanding: UnderstandingFile = { outOfScope: {}, emergencyWords: {} },
    readonly concepts: ConceptsFile = {}
  ) {
    this.topics = [...topics].sort((a, b) => a.order - b.order);
    this.regions = [...regions].sort((a, b) => a.order - b.order);
    for (const region of regions) {
      for (const offer of region.offers) {
        if (!this.topics.some((t) => t.id === offer.topic)) {
          throw new ContentError(`regions/${region.id}.yaml`, [`offers.topic: unknown topic "${offer.topic}"`]);
        }
      }
    }
  }

  /** Loads `<dir>/topics/*.yaml`, `<dir>/regions/*.yaml`, `understanding.yaml` and `concepts.yaml`. */
  static load(dir: string): ContentRepository {
    return new ContentRepository(
      yamlFiles(join(dir, 'topics')).map((f) => parseFile(f, topicSchema)),
      yamlFiles(join(dir, 'regions')).map((f) => parseFile(f, regionSchema)),
      parseFile(join(dir, 'understanding.yaml'), understandingSchema),
      parseFile(join(dir, 'concepts.yaml'), conceptsSchema)
    );
  }

  /**
   * Everything free-text understanding learns from: each topic's examples, titles and
   * sub-questions in every language, and the out-of-scope messages (topic `none`).
   */
  trainingTexts(): LabelledText[] {
    const out: LabelledText[] = [];
    for (const topic of this.topics) {
      for (const language of LANGUAGE_CODES) {
        const text = topic[language];
        if (!text) continue;
        for (const t of [text.title, ...(text.examples ?? []), ...(text.questions ?? []).map((q) => q.q)]) {
          out.push({ text: t, topic: topic.id, language });
        }
      }
    }
    for (const [language, texts] of Object.entries(this.understanding.outOfScope)) {
      for (const text of texts ?? []) out.push({ text, topic: 'none', language: language as LanguageCode });
    }
    return out;
  }

  topic(id: string): TopicFile {
    const found = this.topics.find((t) => t.id === id);
    if (!found) throw new ContentNotFoundError(`No topic "${id}"`);
    return found;
  }

  region(id: string): Region | undefined {
    return this.regions.find((r) => r.id === id);
  }

  /** The topic in `lang`, falling back along the language's fallback chain to German. */
  localize(id: string, lang: LanguageCode): LocalizedTopic {
    const topic = this.topic(id);
    const chain = fallbackChain(lang);
    const used = chain.find((code) => topic[code]) ?? SOURCE_LANGUAGE;
    const text = topic[used] as TopicText;
    const stale = used !== SOURCE_LANGUAGE && text.from !== undefined && text.from !== sourceHash(topic[SOURCE_LANGUAGE] as TopicText);
    return { id, icon: topic.icon, reviewed: topic.reviewed, sources: topic.sources, text, language: used, stale };
  }

  /** The offers of a region for one topic, in `lang` where translated (else German). */
  offers(regionId: string | undefined, topicId: string, lang: LanguageCode): { text: string; confirm: boolean; url?: string }[] {
    const region = regionId ? this.region(regionId) : undefined;
    if (!region) return [];
    const chain = fallbackChain(lang);
    return region.offers
      .filter((o) => o.topic === topicId)
      .map((o) => ({ text: chain.map((c) => o.text[c]).find(Boolean) as string, confirm: o.confirm, url: o.url }));
  }
}
