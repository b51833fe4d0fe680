import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Account } from './model.js';

/** Thrown for an unknown team; the message lists the valid ids. */
export class UnknownTeamError extends Error {}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Caseworker accounts in `<dataDir>/accounts.json`, separate from the bot's store so that
 * `npm run account` works while the bot runs. Tokens are shown once and stored only as hashes;
 * the bot re-reads the file when it changes.
 */
export class AccountFile {
  private cache?: { mtimeMs: number; accounts: Account[] };

  constructor(private readonly dataDir: string) {}

  private get path(): string {
    return join(this.dataDir, 'accounts.json');
  }

  list(): Account[] {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(this.path).mtimeMs;
    } catch {
      return [];
    }
    if (this.cache?.mtimeMs !== mtimeMs) this.cache = { mtimeMs, accounts: JSON.parse(readFileSync(this.path, 'utf8')) as Account[] };
    return this.cache.accounts;
  }

  /** Creates an account for existing teams; returns it with its token (the only time it is visible). */
  add(input: { name: string; role: 'caseworker'; teams: string[] }, validTeams: readonly string[]): Account & { token: string } {
    const unknown = input.teams.filter((t) => !validTeams.includes(t));
    if (!input.teams.length || unknown.length) {
      throw new UnknownTeamError(`Unknown team ${unknown.join(', ') || '(none given)'}. Valid teams: ${validTeams.join(', ')}`);
    }
    const token = randomBytes(32).toString('base64url');
    const account: Account = { id: randomUUID(), ...input, tokenHash: hash(token), createdAt: new Date().toISOString() };
    mkdirSync(this.dataDir, { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify([...this.list(), account], null, 2), { mode: 0o600 });
    renameSync(temp, this.path);
    return { ...account, token };
  }

  /** The account a bearer token belongs to, or undefined. */
  authenticate(token: string | undefined): Account | undefined {
    if (!token) return undefined;
    const given = Buffer.from(hash(token), 'hex');
    return this.list().find((a) => timingSafeEqual(Buffer.from(a.tokenHash, 'hex'), given));
  }
}
