import type { Store } from '../store/store.js';
import type { HandoffRecord, HandoffStatus } from './model.js';
import type { Notifier } from './notify.js';
import { newReference } from './reference.js';
import { type Actor, FINAL, transition } from './transitions.js';

/** What a person's answers make of a request; the service adds reference, status and times. */
export type NewHandoff = Omit<HandoffRecord, 'reference' | 'status' | 'createdAt' | 'updatedAt'>;

/** The fields a caseworker sees (GET /api/handoffs); no user key, no conversation address. */
export type CaseworkerView = Pick<
  HandoffRecord,
  'reference' | 'status' | 'language' | 'topic' | 'region' | 'team' | 'note' | 'createdAt' | 'contact' | 'preferredTimes' | 'interpreter' | 'consent' | 'name'
>;

export function caseworkerView(h: HandoffRecord): CaseworkerView {
  const { reference, status, language, topic, region, team, note, createdAt, contact, preferredTimes, interpreter, consent, name } = h;
  return { reference, status, language, topic, region, team, note, createdAt, contact, preferredTimes, interpreter, consent, name };
}

/**
 * Handoff requests: created durably before the person sees a reference, changed only through the
 * transition table, deletable by the person, and expired after the retention period, leaving
 * only anonymous counts.
 */
export class HandoffService {
  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    private readonly options: {
      retentionMs: number;
      dashboardUrl: string;
      /** Translates the team notice into the staff language (locales: staff.*). */
      staffT: (key: string, vars: Record<string, string>) => string;
      now?: () => Date;
    }
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Writes the request to disk, then notifies the team (without personal data). */
  async create(input: NewHandoff): Promise<HandoffRecord> {
    let reference = newReference();
    while (await this.store.getHandoff(reference)) reference = newReference();
    const at = this.now().toISOString();
    const request: HandoffRecord = { ...input, reference, status: 'open', createdAt: at, updatedAt: at };
    await this.store.saveHandoff(request);
    const facts = { reference, team: request.team, topic: request.topic ?? '—', language: request.language, link: `${this.options.dashboardUrl}/${reference}` };
    void this.notifier.notify({
      ...facts,
      topic: request.topic,
      subject: this.options.staffT('staff.noticeSubject', facts),
      text: this.options.staffT('staff.noticeBody', facts)
    });
    return request;
  }

  /** A person's requests that are still going on, newest first. */
  async active(userKey: string): Promise<HandoffRecord[]> {
    return (await this.store.listHandoffs({ userKey })).filter((h) => !FINAL.includes(h.status)).reverse();
  }

  /** Changes a request's status if the table allows it (throws TransitionError otherwise). */
  async change(reference: string, to: HandoffStatus, by: Actor): Promise<HandoffRecord | undefined> {
    const request = await this.store.getHandoff(reference);
    if (!request) return undefined;
    const changed = { ...request, status: transition(request.status, to, by), updatedAt: this.now().toISOString() };
    await this.store.saveHandoff(changed);
    return changed;
  }

  /** The person cancels their newest active request; undefined when there is none. */
  async cancelNewest(userKey: string): Promise<HandoffRecord | undefined> {
    const [newest] = await this.active(userKey);
    return newest ? this.change(newest.reference, 'cancelled', 'person') : undefined;
  }

  /** One request, if it belongs to one of these teams (else undefined: never another team's). */
  async forTeamsOne(reference: string, teams: readonly string[]): Promise<CaseworkerView | undefined> {
    const request = await this.store.getHandoff(reference);
    return request && teams.includes(request.team) ? caseworkerView(request) : undefined;
  }

  /** Requests for a caseworker's teams; another team's requests are never returned. */
  async forTeams(teams: readonly string[]): Promise<CaseworkerView[]> {
    return (await this.store.listHandoffs({ teams })).map(caseworkerView);
  }

  /** "Delete my data": the profile and every request of the person (the bot deletes the dialog state). */
  async deletePerson(userKey: string): Promise<void> {
    const references = (await this.store.listHandoffs({ userKey })).map((h) => h.reference);
    await this.store.deleteHandoffs(references, 'deleted');
    await this.store.deleteProfile(userKey);
  }

  /**
   * Retention: an open request nobody took up within the period expires, and a finished one
   * (closed or cancelled) is removed once the period has passed since it finished. Their
   * personal data goes; only anonymous counts remain. Returns how many requests were removed.
   */
  async expire(): Promise<number> {
    const cutoff = this.now().getTime() - this.options.retentionMs;
    const old = (await this.store.listHandoffs({})).filter((h) => Date.parse(h.updatedAt) < cutoff);
    for (const status of ['open', ...FINAL] as const) {
      const group = old.filter((h) => h.status === status);
      if (status === 'open') for (const h of group) transition(h.status, 'expired', 'system');
      await this.store.deleteHandoffs(group.map((h) => h.reference), status === 'open' ? 'expired' : status);
    }
    return old.filter((h) => h.status === 'open' || FINAL.includes(h.status)).length;
  }
}
