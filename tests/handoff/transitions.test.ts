import type { HandoffStatus } from '../../src/handoff/model.js';
import { type Actor, FINAL, transition, TransitionError, TRANSITIONS } from '../../src/handoff/transitions.js';

const STATUSES: HandoffStatus[] = ['open', 'claimed', 'scheduled', 'closed', 'cancelled', 'expired'];
const ACTORS: Actor[] = ['person', 'caseworker', 'system'];

describe('handoff status transitions', () => {
  test.each(TRANSITIONS.map((t) => [t.from, t.to, t.by] as const))('%s → %s by %s is allowed', (from, to, by) => {
    expect(transition(from, to, by)).toBe(to);
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
