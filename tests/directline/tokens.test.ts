import { describe, expect, it } from '@jest/globals';
import { TokenService } from '../../src/directline/tokens.js';

const SECRET = 'unit-secret-0123456789abcdefghij';

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

function withPayload(token: string, change: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  const payload = Buffer.from(JSON.stringify({ ...payloadOf(token), ...change })).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

describe('TokenService', () => {
  it('round-trips the conversation, user and locale until the token expires', () => {
    let now = 1_700_000_000_000;
    const tokens = new TokenService(SECRET, 60, () => now);
    const token = tokens.issue({ conversationId: 'conv-1', userId: 'dl_abcdefghijklmnop', locale: 'fa' });
    expect(tokens.verify(token)).toEqual({
      ok: true,
      token: { conversationId: 'conv-1', userId: 'dl_abcdefghijklmnop', locale: 'fa', expiresAt: now + 60_000 }
    });
    now += 59_999;
    expect(tokens.verify(token).ok).toBe(true);
    now += 1;
    expect(tokens.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('is a JWT whose "user" claim Web Chat reads as the user id', () => {
    const token = new TokenService(SECRET, 60).issue({ conversationId: 'c', userId: 'dl_abcdefghijklmnop' });
    expect(token.split('.')).toHaveLength(3);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payloadOf(token)).toMatchObject({ conv: 'c', user: 'dl_abcdefghijklmnop' });
  });

  it('refuses changed claims, another secret, an unsigned header and garbage', () => {
    const tokens = new TokenService(SECRET, 60);
    const token = tokens.issue({ conversationId: 'conv-1', userId: 'dl_abcdefghijklmnop' });
    expect(tokens.verify(withPayload(token, { conv: 'conv-2' }))).toEqual({ ok: false, reason: 'signature' });
    expect(tokens.verify(withPayload(token, { exp: 9_999_999_999 }))).toEqual({ ok: false, reason: 'signature' });
    expect(new TokenService('another-secret-0123456789abcdef', 60).verify(token)).toEqual({ ok: false, reason: 'signature' });
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(tokens.verify(`${none}.${token.split('.')[1]}.`)).toEqual({ ok: false, reason: 'malformed' });
    expect(tokens.verify('')).toEqual({ ok: false, reason: 'malformed' });
    expect(tokens.verify('a.b')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('recognises the secret and nothing else', () => {
    const tokens = new TokenService(SECRET, 60);
    expect(tokens.isSecret(SECRET)).toBe(true);
    expect(tokens.isSecret(SECRET.slice(0, -1))).toBe(false);
    expect(tokens.isSecret('')).toBe(false);
  });
});
