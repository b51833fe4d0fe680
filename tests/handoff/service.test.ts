import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HandoffNotice } from '../../src/handoff/notify.js';
import { HandoffService } from '../../src/handoff/service.js';
import { openLowdbStore } from '../../src/store/lowdbStore.js';
import { tempDir } from '../helpers/app.js';
import { sampleRequest } from '../helpers/handoff.js';

const DAY = 24 * 3_600_000;

describe('handoff service', () => {
  let clock = new Date('2026-11-22T10:00:00Z');
  const notices: HandoffNotice[] = [];
  const { dir, cleanup } = tempDir();
  let store: Awaited<ReturnType<typeof openLowdbStore>>;
  let service: HandoffService;

  beforeAll(async () => {
    store = await openLowdbStore({ dataDir: dir, stateTtlMs: DAY, profileTtlMs: 180 * DAY, now: () => clock });
    service = new HandoffService(store, { notify: async (n) => void notices.push(n) }, { retentionMs: 30 * DAY, dashboardUrl: 'http://x/api/handoffs', staffT: (key, vars) => `${key} ${JSON.stringify(vars)}`, now: () => clock });
  });
  afterAll(async () => {
    await store.close();
    cleanup();
  });

  test('a request is on disk before its reference is returned, and the notice carries no personal data', async () => {
    const request = await service.create(sampleRequest());
    expect(request.reference).toMatch(/^IP-[ACDEFGHJKMNPQRTUVWXY34679]{4}$/);
    const onDisk = JSON.parse(readFileSync(join(dir, 'db.json'), 'utf8')) as { handoffs: Record<string, unknown> };
    expect(onDisk.handoffs[request.reference]).toEqual(expect.objectContaining({ status: 'open', team: 'krefeld-jobcenter' }));
    const notice = JSON.stringify(notices.at(-1));
    expect(notice).toContain(request.reference);
    for (const personal of ['Amal', '0176', 'directline:dl_user']) expect(notice).not.toContain(personal);
  });

  test('status, cancel, and a caseworker sees only their teams', async () => {
    const mine = await service.create(sampleRequest('directline:dl_two'));
    await service.create(sampleRequest('directline:dl_three', 'dresden-ip'));
    expect((await service.active('directline:dl_two')).map((r) => r.reference)).toEqual([mine.reference]);
    expect((await service.forTeams(['dresden-ip'])).every((r) => r.team === 'dresden-ip')).toBe(true);
    expect(await service.forTeams(['dresden-ip'])).not.toContainEqual(expect.objectContaining({ reference: mine.reference }));
    const cancelled = await service.cancelNewest('directline:dl_two');
    expect(cancelled?.status).toBe('cancelled');
    expect(await service.active('directline:dl_two')).toEqual([]);
  });

  test('retention: after the period, requests are removed and only anonymous counts stay', async () => {
    const fresh = await service.create(sampleRequest('directline:dl_four'));
    clock = new Date(clock.getTime() + 20 * DAY);
    const recent = await service.create(sampleRequest('directline:dl_five'));
    clock = new Date(clock.getTime() + 11 * DAY); // 31 days after the first ones, 11 after `recent`
    const claimed = await service.change(recent.reference, 'claimed', 'caseworker');
    clock = new Date(clock.getTime() + 40 * DAY); // claimed requests wait for their team, however long
    const removed = await service.expire();
    expect(removed).toBeGreaterThanOrEqual(3);
    expect(await store.getHandoff(fresh.reference)).toBeUndefined();
    expect(await store.getHandoff(recent.reference)).toEqual(expect.objectContaining({ status: 'claimed' }));
    const stats = await store.stats();
    expect(stats['expired:furniture']).toBeGreaterThanOrEqual(2); // open ones nobody took up
    expect(stats['cancelled:furniture']).toBe(1); // the cancelled one, 30 days after it was cancelled
    expect(claimed?.status).toBe('claimed');
    expect(JSON.stringify(stats)).not.toMatch(/Amal|0176|dl_/);
  });

  test('delete my data removes the profile and every request of the person', async () => {
    await store.saveProfile('directline:dl_six', { language: 'fa', region: 'krefeld' });
    const request = await service.create(sampleRequest('directline:dl_six'));
    await service.deletePerson('directline:dl_six');
    expect(await store.getProfile('directline:dl_six')).toBeUndefined();
    expect(await store.getHandoff(request.reference)).toBeUndefined();
    expect(readFileSync(join(dir, 'db.json'), 'utf8')).not.toContain('dl_six');
  });
});
