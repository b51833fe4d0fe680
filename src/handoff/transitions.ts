import type { HandoffStatus } from './model.js';

/** Who may cause a change: the person, a caseworker, or the retention clock. */
export type Actor = 'person' | 'caseworker' | 'system';

/**
 * Every allowed status change, in one table. A request is open until a caseworker claims it,
 * scheduled when an appointment is proposed, and closed when done; the person can cancel it
 * before it is closed; the retention clock expires requests nobody took up. A claimed or scheduled
 * request stays until its team closes it (an appointment may be weeks ahead).
 */
export const TRANSITIONS: readonly { from: HandoffStatus; to: HandoffStatus; by: Actor }[] = [
  { from: 'open', to: 'claimed', by: 'caseworker' },
  { from: 'open', to: 'cancelled', by: 'person' },
  { from: 'open', to: 'expired', by: 'system' },
  { from: 'claimed', to: 'scheduled', by: 'caseworker' },
  { from: 'claimed', to: 'closed', by: 'caseworker' },
  { from: 'claimed', to: 'open', by: 'caseworker' },
  { from: 'claimed', to: 'cancelled', by: 'person' },
  { from: 'scheduled', to: 'closed', by: 'caseworker' },
  { from: 'scheduled', to: 'cancelled', by: 'person' }
];

/** Statuses that end a request; their personal data is removed after the retention period. */
export const FINAL: readonly HandoffStatus[] = ['closed', 'cancelled', 'expired'];

/** Thrown for a change the table does not allow. */
export class TransitionError extends Error {
  constructor(
    readonly from: HandoffStatus,
    readonly to: HandoffStatus,
    readonly by: Actor
  ) {
    super(`A request cannot go from ${from} to ${to} (by ${by})`);
  }
}

/** Checks a change against the table; returns the new status or throws TransitionError. */
export function transition(from: HandoffStatus, to: HandoffStatus, by: Actor): HandoffStatus {
  if (!TRANSITIONS.some((t) => t.from === from && t.to === to && t.by === by)) throw new TransitionError(from, to, by);
  return to;
}
