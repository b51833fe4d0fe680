import type { LanguageCode } from '../i18n/languages.js';

/** Where a request stands. Changes only through the TRANSITIONS table (transitions.ts). */
export type HandoffStatus = 'open' | 'claimed' | 'scheduled' | 'closed' | 'cancelled' | 'expired';

/** Legal status as the person says it; decides the responsible office. */
export type ResidenceStatus = 'asylum' | 'recognised' | 'toleration' | 'ukraine' | 'unknown';

/** Age band: the Krefeld Integration Point splits at 25. */
export type AgeBand = 'under25' | 'over25';

/** How the person wants to be reached. Chat needs no phone or email. */
export type ContactMethod = 'chat' | 'phone' | 'email';

/** The consent a request was made under. */
export interface Consent {
  /** Version of the privacy notice shown (see locales: handoff.consent). */
  version: string;
  language: LanguageCode;
  at: string;
}

/** A person's request for a caseworker. Personal data: written durably, deletable, expires. */
export interface HandoffRecord {
  reference: string;
  /** Links the request to the person (channel + user id) for status, cancel and delete. */
  userKey: string;
  /** Where to reach the conversation again (a Bot Framework conversation reference). */
  conversation?: Record<string, unknown>;
  status: HandoffStatus;
  language: LanguageCode;
  topic?: string;
  region: string;
  team: string;
  /** Set when the person did not know their status: the team should check it. */
  note?: string;
  age: AgeBand;
  residence: ResidenceStatus;
  contact: { method: ContactMethod; value?: string };
  preferredTimes?: string;
  interpreter: { needed: boolean; language?: LanguageCode };
  name?: string;
  consent: Consent;
  createdAt: string;
  updatedAt: string;
}

/** A caseworker (or admin) account; the API token is stored only as a hash. */
export interface Account {
  id: string;
  name: string;
  role: 'caseworker';
  teams: string[];
  tokenHash: string;
  createdAt: string;
}
