import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a Direct Line token grants: one conversation, optionally bound to one user and a locale. */
export interface TokenGrant {
  conversationId: string;
  /** When set, every activity sent with the token comes from this user id. */
  userId?: string;
  /** The language the page asked for, passed to the bot in the first `conversationUpdate`. */
  locale?: string;
}

/** A verified token: its grant and its expiry (ms since the epoch). */
export interface VerifiedToken extends TokenGrant {
  expiresAt: number;
}

/** Why a token was refused; every reason is a 401 for the client. */
export type TokenFailure = 'malformed' | 'signature' | 'expired';

/** The outcome of `TokenService.verify`. */
export type TokenCheck = { ok: true; token: VerifiedToken } | { ok: false; reason: TokenFailure };

interface Claims {
  conv: string;
  user?: string;
  locale?: string;
  iat: number;
  exp: number;
}

// A compact JWT signed with HS256, so that Web Chat and DirectLineJS (which decode the token with
// jwt-decode) read the user id from the `user` claim, as they do with Azure's Direct Line tokens.
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Issues and checks stateless Direct Line tokens. A token is signed with a key derived from the
 * Direct Line secret, so it cannot be forged and needs no server-side storage; it is short-lived.
 */
export class TokenService {
  private readonly key: Buffer;
  private readonly secretDigest: Buffer;

  /**
   * @param secret the Direct Line secret (never sent to a page)
   * @param ttlSeconds lifetime of every token issued
   * @param now clock in ms, injectable for tests
   */
  constructor(
    secret: string,
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now
  ) {
    this.key = deriveKey(secret, 'directline-token');
    this.secretDigest = sha256(secret);
  }

  /** Signs a new token for `grant`, valid for `ttlSeconds` from now. */
  issue(grant: TokenGrant): string {
    const iat = Math.floor(this.now() / 1000);
    const claims: Claims = { conv: grant.conversationId, user: grant.userId, locale: grant.locale, iat, exp: iat + this.ttlSeconds };
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return `${body}.${this.sign(body)}`;
  }

  /** Checks the signature and expiry of `token`. */
  verify(token: string): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
    const claims = parseClaims(parts[1]);
    if (!claims) return { ok: false, reason: 'malformed' };
    const expiresAt = claims.exp * 1000;
    if (this.now() >= expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, token: { conversationId: claims.conv, userId: claims.user, locale: claims.locale, expiresAt } };
  }

  /** True when `candidate` is the Direct Line secret (constant-time comparison). */
  isSecret(candidate: string): boolean {
    return timingSafeEqual(sha256(candidate), this.secretDigest);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/** A key for one purpose, derived from the secret, so one leaked derived value reveals nothing else. */
export function deriveKey(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(purpose).digest();
}

/** `bytes` random bytes as base64url (16 bytes → 22 characters). */
export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

function parseClaims(part: string): Claims | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const c = value as Record<string, unknown>;
    if (typeof c.conv !== 'string' || typeof c.exp !== 'number' || typeof c.iat !== 'number') return undefined;
    if (c.user !== undefined && typeof c.user !== 'string') return undefined;
    if (c.locale !== undefined && typeof c.locale !== 'string') return undefined;
    return { conv: c.conv, user: c.user, locale: c.locale, iat: c.iat, exp: c.exp };
  } catch {
    return undefined;
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
