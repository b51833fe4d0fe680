import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { HandoffRecord } from '../handoff/model.js';
import { EtagConflictError, StoreLockedError, type Profile, type StateItem, type Store } from './store.js';

/** One conversation-state record; the eTag is kept beside the item so the item stays as written. */
interface StoredState {
  item: Record<string, unknown>;
  eTag: string;
  /** ISO time of the last write; state untouched longer than the TTL expires. */
  touchedAt: string;
}

/** The whole content of `db.json`. */
interface DbData {
  version: 1;
  profiles: Record<string, Profile>;
  state: Record<string, StoredState>;
  handoffs: Record<string, HandoffRecord>;
  /** Anonymous counts that outlive deleted requests. */
  stats: Record<string, number>;
}

/** Options for {@link openLowdbStore}. */
export interface LowdbStoreOptions {
  /** Directory holding `db.json` and the lock file; created if missing. */
  dataDir: string;
  /** Conversation state untouched for longer than this is removed by `expire`. */
  stateTtlMs: number;
  /** Profiles whose `updatedAt` is older than this are removed by `expire`. */
  profileTtlMs: number;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /** How long `writeState` waits to gather other turns' writes into one file write. Default 20 ms. */
  writeDelayMs?: number;
}

const DB_FILE = 'db.json';
const LOCK_FILE = 'db.lock';

/**
 * Lock files this process holds. A lock naming our own pid that is not in this set was left by an
 * earlier process that had the same pid (containers always start the bot as pid 1).
 */
const heldLocks = new Set<string>();

/**
 * Opens (or creates) the store in `options.dataDir`, taking the directory's lock.
 *
 * @throws StoreLockedError when another bot process (or another store in this process) holds the directory.
 * @throws Error naming the file when `db.json` exists but cannot be read or parsed; it is left untouched.
 */
export async function openLowdbStore(options: LowdbStoreOptions): Promise<LowdbStore> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  await acquireLock(dataDir, lockPath);
  try {
    const file = new DurableJsonFile(path.join(dataDir, DB_FILE));
    const db = new Low<DbData>(file, { version: 1, profiles: dict(), state: dict(), handoffs: dict(), stats: dict() });
    await db.read();
    return new LowdbStore(db, file, lockPath, options);
  } catch (error) {
    await releaseLock(lockPath);
    throw error;
  }
}

/**
 * The {@link Store} on one JSON file, for a single bot process.
 *
 * Everything lives in memory and the whole file is rewritten on change. State writes from concurrent
 * turns are gathered into one file write; profile changes and expiry are written before they resolve.
 * Create it with {@link openLowdbStore}.
 */
export class LowdbStore implements Store {
  private readonly now: () => Date;
  private readonly writeDelayMs: number;
  private readonly stateTtlMs: number;
  private readonly profileTtlMs: number;

  /** Bumped on every in-memory change; compared with `savedCount` to know whether the file is behind. */
  private changeCount = 0;
  private savedCount = 0;
  /** Callers waiting for the next file write, which has not started yet. */
  private next?: Deferred;
  private timer?: NodeJS.Timeout;
  /** The file write under way, and the change it covers. */
  private inFlight?: { upTo: number; done: Promise<void> };
  private closed = false;
  private closing?: Promise<void>;

  /** @internal Use {@link openLowdbStore}. */
  constructor(
    private readonly db: Low<DbData>,
    private readonly file: DurableJsonFile,
    private readonly lockPath: string,
    options: LowdbStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.writeDelayMs = options.writeDelayMs ?? 20;
    this.stateTtlMs = options.stateTtlMs;
    this.profileTtlMs = options.profileTtlMs;
  }

  /** How many times the file has been written since opening; for diagnostics and tests. */
  get fileWrites(): number {
    return this.file.writes;
  }

  async getProfile(userKey: string): Promise<Profile | undefined> {
    this.assertOpen();
    const profile = this.db.data.profiles[userKey];
    return profile === undefined ? undefined : clone(profile);
  }

  /** Saves durably. `updatedAt` is set to the store's clock, because it drives expiry. */
  async saveProfile(userKey: string, profile: Profile): Promise<void> {
    this.assertOpen();
    this.db.data.profiles[userKey] = { ...clone(profile), updatedAt: this.now().toISOString() };
    await this.changed(0);
  }

  /** Deletes durably; deleting an unknown profile is not an error. */
  async deleteProfile(userKey: string): Promise<void> {
    this.assertOpen();
    if (this.db.data.profiles[userKey] === undefined) return;
    delete this.db.data.profiles[userKey];
    await this.changed(0);
  }

  async readState(keys: string[]): Promise<Record<string, StateItem>> {
    this.assertOpen();
    const found: [string, StateItem][] = [];
    for (const key of keys) {
      const stored = this.db.data.state[key];
      if (stored !== undefined) found.push([key, { ...clone(stored.item), eTag: stored.eTag }]);
    }
    // fromEntries defines own properties, so a key such as "__proto__" stays an ordinary key.
    return Object.fromEntries(found);
  }

  /**
   * Writes with botbuilder's eTag rules: no eTag or `*` overwrites; a new key is written whatever
   * its eTag (as MemoryStorage does); otherwise the eTag must match. Resolves once the change is in
   * memory and a file write is scheduled; use `flush` to wait for the disk.
   */
  async writeState(changes: Record<string, StateItem>): Promise<void> {
    this.assertOpen();
    const state = this.db.data.state;
    const entries = Object.entries(changes);
    // Check the whole batch first so a conflict leaves nothing half-written.
    for (const [key, change] of entries) {
      const stored = state[key];
      const eTag = change.eTag;
      if (stored !== undefined && eTag && eTag !== '*' && eTag !== stored.eTag) throw new EtagConflictError(key);
    }
    if (entries.length === 0) return;
    const touchedAt = this.now().toISOString();
    for (const [key, change] of entries) {
      // Copy so later changes by the caller (botbuilder mutates its state objects) cannot leak in.
      const { eTag: _ignored, ...item } = clone(change);
      state[key] = { item, eTag: randomUUID(), touchedAt };
    }
    void this.changed(this.writeDelayMs);
  }

  /** Deletes state items; unknown keys are ignored. Scheduled like `writeState`. */
  async deleteState(keys: string[]): Promise<void> {
    this.assertOpen();
    let removed = 0;
    for (const key of keys) {
      if (this.db.data.state[key] === undefined) continue;
      delete this.db.data.state[key];
      removed++;
    }
    if (removed > 0) void this.changed(this.writeDelayMs);
  }

  async saveHandoff(request: HandoffRecord): Promise<void> {
    this.assertOpen();
    this.db.data.handoffs[request.reference] = clone(request);
    await this.changed(0);
  }

  async getHandoff(reference: string): Promise<HandoffRecord | undefined> {
    this.assertOpen();
    const found = this.db.data.handoffs[reference];
    return found === undefined ? undefined : clone(found);
  }

  async listHandoffs(filter: { teams?: readonly string[]; userKey?: string }): Promise<HandoffRecord[]> {
    this.assertOpen();
    return Object.values(this.db.data.handoffs)
      .filter((h) => (filter.teams === undefined || filter.teams.includes(h.team)) && (filter.userKey === undefined || h.userKey === filter.userKey))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map(clone);
  }

  async deleteHandoffs(references: readonly string[], countAs: string): Promise<void> {
    this.assertOpen();
    const { handoffs, stats } = this.db.data;
    const found = references.filter((r) => handoffs[r] !== undefined);
    if (!found.length) return;
    for (const reference of found) {
      const key = `${countAs}:${handoffs[reference].topic ?? 'none'}`;
      stats[key] = (stats[key] ?? 0) + 1;
      delete handoffs[reference];
    }
    await this.changed(0);
  }

  async stats(): Promise<Record<string, number>> {
    this.assertOpen();
    return clone(this.db.data.stats);
  }

  /** Removes expired state and profiles and writes the file before resolving. */
  async expire(now: Date = this.now()): Promise<number> {
    this.assertOpen();
    const { state, profiles } = this.db.data;
    let removed = 0;
    for (const [key, stored] of Object.entries(state)) {
      if (isOlderThan(stored.touchedAt, now, this.stateTtlMs)) {
        delete state[key];
        removed++;
      }
    }
    for (const [key, profile] of Object.entries(profiles)) {
      // A profile without a readable updatedAt counts as expired: retention must not be bypassed.
      if (profile.updatedAt === undefined || isOlderThan(profile.updatedAt, now, this.profileTtlMs)) {
        delete profiles[key];
        removed++;
      }
    }
    if (removed > 0) await this.changed(0);
    return removed;
  }

  /** Resolves when every change accepted so far is on disk; rejects if that write fails. */
  async flush(): Promise<void> {
    if (this.next !== undefined) return this.schedule(0);
    if (this.inFlight !== undefined && this.inFlight.upTo === this.changeCount) return this.inFlight.done;
    // Nothing pending, yet the file is behind: the last write failed, so try again.
    if (this.savedCount !== this.changeCount) return this.schedule(0);
  }

  /**
   * Flushes, then releases the data directory. New calls are refused from the start. If the flush
   * fails the lock is kept (the data is still only in memory) and `close` may be called again.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.closing ??= (async () => {
      try {
        await this.flush();
        await releaseLock(this.lockPath);
      } catch (error) {
        this.closing = undefined;
        throw error;
      }
    })();
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The store is closed.');
  }

  private changed(delayMs: number): Promise<void> {
    this.changeCount++;
    return this.schedule(delayMs);
  }

  /** Joins the next file write, starting it after `delayMs` (0: now, or right after the current one). */
  private schedule(delayMs: number): Promise<void> {
    this.next ??= deferred();
    const { promise } = this.next;
    if (this.inFlight !== undefined) return promise; // the write loop picks `next` up when it is done
    if (delayMs === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.writeLoop();
    } else if (this.timer === undefined) {
      // Not unref'd: a pending write must keep the process alive until it is on disk.
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.writeLoop();
      }, delayMs);
    }
    return promise;
  }

  /** Writes until nobody is waiting; the only place that writes, so writes never overlap. */
  private async writeLoop(): Promise<void> {
    while (this.next !== undefined) {
      const batch = this.next;
      this.next = undefined;
      const upTo = this.changeCount;
      this.inFlight = { upTo, done: batch.promise };
      try {
        await this.db.write();
        this.savedCount = upTo;
        batch.resolve();
      } catch (error) {
        // The data stays in memory and `savedCount` stays behind, so the next flush writes it again.
        batch.reject(error);
      }
    }
    this.inFlight = undefined;
  }
}

/**
 * A lowdb adapter that writes atomically and durably: temp file, fsync, rename, fsync directory.
 * lowdb's JSONFile renames without fsync, so a power cut could leave an empty or old file.
 */
class DurableJsonFile implements Adapter<DbData> {
  /** Completed file writes. */
  writes = 0;
  private readonly tempPath: string;

  constructor(private readonly filePath: string) {
    this.tempPath = `${filePath}.tmp`;
  }

  async read(): Promise<DbData | null> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null;
      throw unreadable(this.filePath, error);
    }
    return parseDb(text, this.filePath);
  }

  async write(data: DbData): Promise<void> {
    // Serialise before the first await, so the file is a snapshot of one moment.
    const text = JSON.stringify(data);
    const temp = await open(this.tempPath, 'w');
    try {
      await temp.writeFile(text, 'utf8');
      await temp.sync();
    } finally {
      await temp.close();
    }
    await rename(this.tempPath, this.filePath);
    await syncDirectory(path.dirname(this.filePath));
    this.writes++;
  }
}

/** Makes the rename itself durable. Windows cannot open a directory for fsync; NTFS journals renames. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function parseDb(text: string, filePath: string): DbData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw unreadable(filePath, error);
  }
  if (!isRecord(parsed) || parsed.version !== 1 || !isRecord(parsed.profiles) || !isRecord(parsed.state)) {
    throw unreadable(filePath, new Error('not a version 1 store (expected version, profiles and state)'));
  }
  return {
    version: 1,
    profiles: dict(parsed.profiles as Record<string, Profile>),
    state: dict(parsed.state as Record<string, StoredState>),
    // Files written before handoffs existed simply have none yet.
    handoffs: dict(isRecord(parsed.handoffs) ? (parsed.handoffs as Record<string, HandoffRecord>) : {}),
    stats: dict(isRecord(parsed.stats) ? (parsed.stats as Record<string, number>) : {}),
  };
}

function unreadable(filePath: string, cause: unknown): Error {
  const reason = typeof cause === 'object' && cause !== null && 'message' in cause ? cause.message : cause;
  return new Error(
    `Cannot read the bot's data file ${filePath}: ${reason}. The bot will not start, so that the file is ` +
      'not overwritten. Repair it or move it away (keep a copy), then start the bot again.',
    { cause },
  );
}

/**
 * Takes the lock by creating the lock file exclusively with our pid in it. A lock whose process is
 * gone is removed and taken. (Two processes taking over the same stale lock at the same instant
 * could both succeed; that needs a crash and a double start at once, and is accepted.)
 */
async function acquireLock(dataDir: string, lockPath: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      heldLocks.add(lockPath);
      return;
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    const owner = await readLockOwner(lockPath);
    if (owner === 'gone') continue;
    if (owner === undefined) {
      throw new StoreLockedError(
        `The data directory ${dataDir} is locked by ${lockPath}, which does not name a process. ` +
          'Stop any other bot using this directory, or set DATA_DIR to another directory. ' +
          `If no other bot is running, delete ${lockPath}.`,
      );
    }
    const ours = owner === process.pid;
    if (ours ? heldLocks.has(lockPath) : isAlive(owner)) {
      throw new StoreLockedError(
        `The data directory ${dataDir} is already in use by ${ours ? 'this process' : `process ${owner}`}. ` +
          'Stop the other bot, or set DATA_DIR to a different directory. ' +
          `If no other bot is running, delete ${lockPath}.`,
      );
    }
    await rm(lockPath, { force: true });
  }
  throw new StoreLockedError(
    `Could not lock the data directory ${dataDir}: another process keeps taking ${lockPath}. ` +
      'Stop the other bot, or set DATA_DIR to a different directory.',
  );
}

/** The pid in the lock file, `'gone'` if the file vanished meanwhile, undefined if it names no pid. */
async function readLockOwner(lockPath: string): Promise<number | 'gone' | undefined> {
  try {
    const text = (await readFile(lockPath, 'utf8')).trim();
    return /^\d+$/.test(text) ? Number(text) : undefined;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return 'gone';
    throw error;
  }
}

/** Removes the lock file only if it is still ours. */
async function releaseLock(lockPath: string): Promise<void> {
  heldLocks.delete(lockPath);
  const owner = await readLockOwner(lockPath);
  if (owner === process.pid) await rm(lockPath, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM'); // exists, but belongs to another user
  }
}

function isOlderThan(isoTime: string, now: Date, ttlMs: number): boolean {
  const time = Date.parse(isoTime);
  return Number.isNaN(time) || now.getTime() - time > ttlMs;
}

/** A dictionary without a prototype, so keys like "constructor" or "__proto__" are plain keys. */
function dict<T>(from: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, from);
}

/** Deep copy through JSON: exactly what survives the file, and callers cannot mutate stored objects. */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks `code` without `instanceof Error`, which fails for errors from another realm (jest's vm). */
function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // writeState does not wait for the disk; without this a failed write would crash the process as
  // an unhandled rejection. Callers that await the promise still see the error.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
