import { ContentRepository } from '../../src/content/repository.js';
import type { AgeBand, ResidenceStatus } from '../../src/handoff/model.js';
import { route, teamIds } from '../../src/handoff/routing.js';

const content = ContentRepository.load('content');
const AGES: AgeBand[] = ['under25', 'over25'];
const STATUSES: ResidenceStatus[] = ['asylum', 'recognised', 'toleration', 'ukraine', 'unknown'];

/** The rules of PRODUCT.md, written out per case. */
function expected(region: string, age: AgeBand, status: ResidenceStatus): string {
  if (status === 'unknown') return `${region}-ip`;
  if (status === 'asylum' || status === 'toleration') return `${region}-agentur`;
  if (region === 'krefeld' && age === 'under25') return 'krefeld-agentur';
  return `${region}-jobcenter`;
}

const cases = content.regions.flatMap((r) => AGES.flatMap((age) => STATUSES.map((status) => [r.id, age, status] as const)));

describe('who is responsible: every region × age × status', () => {
  test.each(cases)('%s, %s, %s', (regionId, age, status) => {
    const found = route(content.region(regionId)!, age, status);
    expect(found.team).toBe(expected(regionId, age, status));
    expect(found.unknownStatus).toBe(status === 'unknown');
  });

  test('Krefeld: under 25 → Agentur (Philadelphiastraße), 25 and over → Jobcenter (Fütingsweg)', () => {
    const krefeld = content.region('krefeld')!;
    expect(route(krefeld, 'under25', 'recognised').teamName).toMatch(/Agentur für Arbeit Krefeld/);
    expect(route(krefeld, 'over25', 'recognised').teamName).toMatch(/Jobcenter Krefeld/);
    expect(krefeld.offices.find((o) => o.audience === 'under25')?.street).toBe('Philadelphiastraße');
    expect(krefeld.offices.find((o) => o.audience === 'over25')?.street).toBe('Fütingsweg');
  });

  test('team ids are unique across regions', () => {
    const ids = teamIds(content.regions);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
