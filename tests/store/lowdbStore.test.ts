import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { openLowdbStore, type LowdbStore, type LowdbStoreOptions } from '../../src/store/lowdbStore.js';
import { EtagConflictError, StoreLockedError, type Profile } from '../../src/store/store.js';

const DAY = 24 * 60 * 60 * 1000;

let dataDir: string;
let opened: LowdbStore[];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'lowdb-store-'));
  opened = [];
});

afterEach(async () => {
  for (const store of opened) await store.close().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

async function open(options: Partial<LowdbStoreOptions> = {}): Promise<LowdbStore> {
  const store = await openLowdbStore({ dataDir, stateTtlMs: DAY, profileTtlMs: 180 * DAY, ...options });
  opened.push(store);
  return store;
}

async function fileOnDisk(): Promise<{ profiles: Record<string, unknown>; state: Record<string, { item: unknown }> }> {
  return JSON.parse(await readFile(path.join(dataDir, 'db.json'), 'utf8'));
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('profiles', () => {
  it('round-trips and survives closing and reopening', async () => {
    const store = await open({ now: () => new Date('2025-03-01T10:00:00Z') });
    await store.saveProfile('user-1', { language: 'ar', region: 'essen' });

    expect(await store.getProfile('user-1')).toEqual({
      language: 'ar',
      region: 'essen',
      updatedAt: '2025-03-01T10:00:00.000Z',
    });
    expect(await store.getProfile('nobody')).toBeUndefined();

    await store.close();
    const reopened = await open();
    expect(await reopened.getProfile('user-1')).toMatchObject({ language: 'ar', region: 'essen' });
  });

  it('is on disk as soon as saveProfile resolves', async () => {
    const store = await open();
    await store.saveProfile('user-2', { language: 'uk' });

    const onDisk = await fileOnDisk();
    expect(onDisk.profiles['user-2']).toMatchObject({ language: 'uk' });
  });

  it('returns copies, so changing a returned profile changes nothing stored', async () => {
    const store = await open();
    const profile: Profile = { language: 'fa' };
    await store.saveProfile('user-3', profile);
    profile.language = 'de';
    const read = await store.getProfile('user-3');
    read!.region = 'changed';

    expect(await store.getProfile('user-3')).toMatchObject({ language: 'fa' });
    expect((await store.getProfile('user-3'))?.region).toBeUndefined();
  });

  it('deleteProfile removes it durably, and an unknown key is no error', async () => {
    const store = await open();
    await store.saveProfile('user-4', { language: 'ti' });
    await store.deleteProfile('user-4');
    await store.deleteProfile('never-existed');

    expect(await store.getProfile('user-4')).toBeUndefined();
    expect((await fileOnDisk()).profiles['user-4']).toBeUndefined();
  });
});

describe('conversation state', () => {
  it('gives each write a new eTag and returns it on read', async () => {
    const store = await open();
    await store.writeState({ a: { step: 1 } });
    const first = (await store.readState(['a', 'missing'])).a;
    expect(first).toEqual({ step: 1, eTag: expect.any(String) });

    await store.writeState({ a: { step: 2, eTag: first.eTag } });
    const second = await store.readState(['a', 'missing']);
    expect(Object.keys(second)).toEqual(['a']);
    expect(second.a.step).toBe(2);
    expect(second.a.eTag).not.toBe(first.eTag);
  });

  it('rejects a stale eTag and writes nothing of that batch', async () => {
    const store = await open();
    await store.writeState({ a: { step: 1 } });
    const stale = (await store.readState(['a'])).a;
    await store.writeState({ a: { step: 2, eTag: stale.eTag } });

    await expect(store.writeState({ fresh: { x: 1 }, a: { step: 3, eTag: stale.eTag } })).rejects.toThrow(
      EtagConflictError,
    );
    const after = await store.readState(['a', 'fresh']);
    expect(after.a.step).toBe(2);
    expect(after.fresh).toBeUndefined();
  });

  it('overwrites with eTag "*" or without an eTag, and writes a new key whatever its eTag', async () => {
    const store = await open();
    await store.writeState({ a: { v: 1 }, b: { v: 1 } });
    await store.writeState({ a: { v: 2, eTag: '*' }, b: { v: 2 } });
    // botbuilder's MemoryStorage writes an unknown key even when the change carries an eTag.
    await store.writeState({ c: { v: 1, eTag: 'some-old-etag' } });

    const read = await store.readState(['a', 'b', 'c']);
    expect([read.a.v, read.b.v, read.c.v]).toEqual([2, 2, 1]);
    expect(read.c.eTag).not.toBe('some-old-etag');
  });

  it('keeps its own copies: callers mutating written or read objects change nothing', async () => {
    const store = await open();
    const written = { list: [1] };
    await store.writeState({ a: written });
    written.list.push(2);
    const read = await store.readState(['a']);
    (read.a.list as number[]).push(3);

    expect((await store.readState(['a'])).a.list).toEqual([1]);
  });

  it('treats keys like "constructor" and "__proto__" as ordinary keys', async () => {
    const store = await open();
    expect(await store.readState(['constructor', 'toString'])).toEqual({});

    await store.writeState(Object.fromEntries([['__proto__', { v: 'p' }]]));
    await store.close();
    const reopened = await open();
    const read = await reopened.readState(['__proto__']);
    expect(Object.keys(read)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(read, '__proto__')?.value).toMatchObject({ v: 'p' });
  });

  it('deleteState removes items and ignores unknown keys', async () => {
    const store = await open();
    await store.writeState({ a: { v: 1 }, b: { v: 2 } });
    await store.deleteState(['a', 'unknown']);
    await store.flush();

    expect(Object.keys(await store.readState(['a', 'b']))).toEqual(['b']);
    expect(Object.keys((await fileOnDisk()).state)).toEqual(['b']);
  });
});

describe('coalescing and durability', () => {
  it('turns 50 concurrent writeState calls into at most two file writes, all on disk after flush', async () => {
    const store = await open({ writeDelayMs: 20 });
    const before = store.fileWrites;

    await Promise.all(Array.from({ length: 50 }, (_, i) => store.writeState({ [`conv-${i}`]: { turn: i } })));
    await store.flush();

    expect(store.fileWrites - before).toBeGreaterThanOrEqual(1);
    expect(store.fileWrites - before).toBeLessThanOrEqual(2);
    const onDisk = await fileOnDisk();
    expect(Object.keys(onDisk.state)).toHaveLength(50);
    expect(onDisk.state['conv-49'].item).toEqual({ turn: 49 });
  });

  it('gathers writes from turns arriving one after another within writeDelayMs into one file write', async () => {
    const store = await open({ writeDelayMs: 500 });
    const before = store.fileWrites;
    for (let turn = 0; turn < 5; turn++) {
      await store.writeState({ conv: { turn } });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(store.fileWrites - before).toBe(0); // accepted in memory, still waiting for the window

    await store.flush();
    expect(store.fileWrites - before).toBe(1);
    expect((await fileOnDisk()).state.conv.item).toEqual({ turn: 4 });
  });

  it('flush with nothing to write does not touch the file', async () => {
    const store = await open();
    await store.saveProfile('u', { language: 'de' });
    const writes = store.fileWrites;
    await store.flush();
    expect(store.fileWrites).toBe(writes);
  });

  it('close writes pending state, so it is there after reopening', async () => {
    const store = await open({ writeDelayMs: 10_000 });
    await store.writeState({ a: { v: 'pending' } });
    await store.close();

    const reopened = await open();
    expect((await reopened.readState(['a'])).a.v).toBe('pending');
  });

  it('rejects the callers of a failed write, keeps the data in memory and writes it on the next flush', async () => {
    const store = await open();
    await store.saveProfile('kept', { language: 'de' });
    // A non-empty directory where db.json should be makes the rename onto it fail.
    const dbFile = path.join(dataDir, 'db.json');
    await rm(dbFile);
    await mkdir(dbFile);
    await writeFile(path.join(dbFile, 'blocker'), 'x');

    await expect(store.saveProfile('new', { language: 'en' })).rejects.toThrow();
    await store.writeState({ a: { v: 1 } });
    await expect(store.flush()).rejects.toThrow();
    expect(await store.getProfile('new')).toMatchObject({ language: 'en' });

    await rm(dbFile, { recursive: true });
    await store.flush();
    const onDisk = await fileOnDisk();
    expect(Object.keys(onDisk.profiles).sort()).toEqual(['kept', 'new']);
    expect(onDisk.state.a.item).toEqual({ v: 1 });
  });

  it('refuses calls after close', async () => {
    const store = await open();
    await store.close();
    await expect(store.getProfile('u')).rejects.toThrow(/closed/);
    await expect(store.writeState({ a: {} })).rejects.toThrow(/closed/);
  });

  it('creates a missing data directory', async () => {
    const nested = path.join(dataDir, 'a', 'b');
    const store = await open({ dataDir: nested });
    await store.saveProfile('u', { language: 'so' });
    expect((await stat(path.join(nested, 'db.json'))).isFile()).toBe(true);
  });
});

describe('the data directory lock', () => {
  const lockFile = (): string => path.join(dataDir, 'db.lock');

  it('refuses a second open in the same process, naming the directory and what to do', async () => {
    await open();
    const second = openLowdbStore({ dataDir, stateTtlMs: DAY, profileTtlMs: DAY });
    await expect(second).rejects.toThrow(StoreLockedError);
    await expect(second).rejects.toThrow(dataDir);
    await expect(second).rejects.toThrow(/DATA_DIR/);
  });

  it('is released by close, so the directory can be opened again', async () => {
    const store = await open();
    await store.close();
    await expect(stat(lockFile())).rejects.toThrow();
    await open();
  });

  describe('held by another process', () => {
    let child: ChildProcess | undefined;
    afterEach(() => {
      if (child?.pid !== undefined) process.kill(child.pid);
      child = undefined;
    });

    it('refuses to open while that process is alive', async () => {
      child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      await writeFile(lockFile(), `${child.pid}\n`);

      await expect(open()).rejects.toThrow(new RegExp(`process ${child.pid}`));
      expect(await readFile(lockFile(), 'utf8')).toBe(`${child.pid}\n`);
    });
  });

  it('takes over a lock left by a process that is gone', async () => {
    await writeFile(lockFile(), `${deadPid()}\n`);
    const store = await open();

    expect(await readFile(lockFile(), 'utf8')).toBe(`${process.pid}\n`);
    await store.saveProfile('u', { language: 'ru' });
  });

  it('takes over a lock naming its own pid that it does not hold (a restarted container is pid 1 again)', async () => {
    await writeFile(lockFile(), `${process.pid}\n`);
    await open();
    expect(await readFile(lockFile(), 'utf8')).toBe(`${process.pid}\n`);
  });
});

describe('a damaged db.json', () => {
  it.each([
    ['invalid JSON', '{"version": 1, "profiles": {'],
    ['an empty file', ''],
    ['JSON of another shape', '[1, 2, 3]'],
  ])('with %s refuses to open, names the file and leaves it untouched', async (_, content) => {
    const dbFile = path.join(dataDir, 'db.json');
    await writeFile(dbFile, content);

    await expect(open()).rejects.toThrow(dbFile);
    expect(await readFile(dbFile, 'utf8')).toBe(content);

    // The failed open released its lock: once the file is repaired the store opens.
    await writeFile(dbFile, JSON.stringify({ version: 1, profiles: {}, state: {} }));
    await open();
  });
});

describe('expire', () => {
  it('removes state and profiles older than their TTL, keeps fresh ones and persists', async () => {
    let clock = new Date('2025-01-01T00:00:00Z');
    const store = await open({ now: () => clock, stateTtlMs: DAY, profileTtlMs: 30 * DAY });
    await store.saveProfile('old-user', { language: 'ar' });
    await store.writeState({ 'old-conv': { v: 1 } });

    clock = new Date('2025-01-25T00:00:00Z');
    await store.saveProfile('recent-user', { language: 'tr' });
    await store.writeState({ 'recent-conv': { v: 2 } });

    const removed = await store.expire(new Date('2025-02-05T00:00:00Z'));
    // 'recent-conv' is 11 days old too; only 'recent-user' (11 days, TTL 30) stays.
    expect(removed).toBe(4 - 1);
    expect(await store.getProfile('old-user')).toBeUndefined();
    expect(await store.getProfile('recent-user')).toBeDefined();
    expect(await store.readState(['old-conv', 'recent-conv'])).toEqual({});

    const onDisk = await fileOnDisk();
    expect(Object.keys(onDisk.profiles)).toEqual(['recent-user']);
    expect(onDisk.state).toEqual({});
  });

  it('uses the injected clock when no time is given, keeping state touched within the TTL', async () => {
    let clock = new Date('2025-01-01T00:00:00Z');
    const store = await open({ now: () => clock, stateTtlMs: DAY });
    await store.writeState({ old: { v: 1 } });
    clock = new Date('2025-01-01T23:00:00Z');
    await store.writeState({ fresh: { v: 2 } });
    clock = new Date('2025-01-02T12:00:00Z');

    expect(await store.expire()).toBe(1);
    expect(Object.keys(await store.readState(['old', 'fresh']))).toEqual(['fresh']);
  });
});
