import type { HandoffRecord } from '../handoff/model.js';
import type { LanguageCode } from '../i18n/languages.js';

/** What the bot remembers about a person between conversations. Nothing else personal. */
export interface Profile {
  language?: LanguageCode;
  region?: string;
  /** ISO time of the last change; profiles idle longer than the retention period expire. */
  updatedAt?: string;
}

/** One stored item of conversation state, as botbuilder's Storage sees it. */
export interface StateItem {
  [key: string]: unknown;
  eTag?: string;
}

/** Thrown when a write carries an eTag that no longer matches the stored item. */
export class EtagConflictError extends Error {
  constructor(readonly key: string) {
    super(`eTag conflict for state key ${key}`);
  }
}

/** Thrown when another process already holds the data directory. */
export class StoreLockedError extends Error {}

/**
 * The persistence boundary. Kept narrow so that a PostgreSQL implementation can sit beside the
 * lowdb one. No botbuilder types here: `src/botStorage.ts` adapts this to botbuilder's Storage.
 */
export interface Store {
  getProfile(userKey: string): Promise<Profile | undefined>;
  /** Saves durably: resolves only when the profile is on disk. */
  saveProfile(userKey: string, profile: Profile): Promise<void>;
  deleteProfile(userKey: string): Promise<void>;

  /** Reads state items; absent keys are left out of the result. */
  readState(keys: string[]): Promise<Record<string, StateItem>>;
  /**
   * Writes state items with optimistic concurrency: an item whose `eTag` is set, is not `*`,
   * and differs from the stored one is rejected with EtagConflictError (and nothing is written).
   * Writes may be coalesced with other turns' writes; call `flush` for durability.
   */
  writeState(changes: Record<string, StateItem>): Promise<void>;
  deleteState(keys: string[]): Promise<void>;

  /** Saves a handoff request durably: resolves only when it is on disk. */
  saveHandoff(request: HandoffRecord): Promise<void>;
  getHandoff(reference: string): Promise<HandoffRecord | undefined>;
  /** Requests of these teams, or of this person, oldest first. */
  listHandoffs(filter: { teams?: readonly string[]; userKey?: string }): Promise<HandoffRecord[]>;
  /** Removes requests durably and adds them to the anonymous counts under `countAs`. */
  deleteHandoffs(references: readonly string[], countAs: string): Promise<void>;
  /** Anonymous counts of removed requests (e.g. `expired:clothing`). */
  stats(): Promise<Record<string, number>>;

  /** Removes expired conversation state and profiles; returns how many records went. */
  expire(now?: Date): Promise<number>;
  /** Resolves when every accepted write is on disk. */
  flush(): Promise<void>;
  /** Flushes and releases the data directory. */
  close(): Promise<void>;
}
