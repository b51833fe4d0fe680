import type { HandoffStatus } from '../../src/handoff/model.js';
import { type Actor, FINAL, transition, TransitionError, TRANSITIONS } from '../../src/handoff/transitions.js';

const STATUSES: HandoffStatus[] = ['open', 'claimed', 'scheduled', 'closed', 'cancelled', 'expired'];
const ACTORS: Actor[] = ['person', 'caseworker', 'system'];

/** What the product allows, written out by hand so that a wrong row in the table is caught. */
const EXPECTED: [HandoffStatus, HandoffStatus, Actor][] = [
  ['open', 'claimed', 'caseworker'],
  ['open', 'cancelled', 'person'],
  ['open', 'expired', 'system'],
  ['claimed', 'scheduled', 'caseworker'],
  ['claimed', 'closed', 'caseworker'],
  ['claimed', 'open', 'caseworker'],
  ['claimed', 'cancelled', 'person'],
  ['scheduled', 'closed', 'caseworker'],
  ['scheduled', 'cancelled', 'person']
];

describe('handoff status transitions', () => {
  test.each(EXPECTED)('%s → %s by %s is allowed', (from, to, by) => {
    expect(transition(from, to, by)).toBe(to);
  });

  test('the table has exactly these rows', () => {
    expect(TRANSITIONS.map((t) => [t.from, t.to, t.by])).toEqual(EXPECTED);
  });

  test('every other change is refused', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        for (const by of ACTORS) {
          if (TRANSITIONS.some((t) => t.from === from && t.to === to && t.by === by)) continue;
          expect(() => transition(from, to, by)).toThrow(TransitionError);
        }
      }
    }
  });

  test('final statuses never change again; only the person cancels; only the clock expires', () => {
    for (const t of TRANSITIONS) {
      expect(FINAL).not.toContain(t.from);
      if (t.to === 'cancelled') expect(t.by).toBe('person');
      if (t.to === 'expired') expect(t.by).toBe('system');
    }
  });
});
