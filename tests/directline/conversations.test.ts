import { describe, expect, it } from '@jest/globals';
import { Conversation, ConversationRegistry, type StoredActivity } from '../../src/directline/conversations.js';
import { RateLimiter } from '../../src/directline/rateLimiter.js';

function registry(now: () => number, limits: { maxActivities?: number; maxConversations?: number } = {}): ConversationRegistry {
  return new ConversationRegistry({
    maxActivities: limits.maxActivities ?? 500,
    maxConversations: limits.maxConversations ?? 100,
    idleMs: 60_000,
    now
  });
}

describe('Conversation history', () => {
  it('numbers activities, answers from a watermark and keeps only the last N', () => {
    const conversation = new Conversation('c1', 'dl_user', undefined, 3, 0);
    for (let i = 1; i <= 5; i++) conversation.append({ type: 'message', text: `m${i}` });
    const all = conversation.since();
    expect(all.activities.map((a) => a.text)).toEqual(['m3', 'm4', 'm5']);
    expect(all.activities.map((a) => a.id)).toEqual(['c1|0000003', 'c1|0000004', 'c1|0000005']);
    expect(all.watermark).toBe('5');
    expect(conversation.since(4).activities.map((a) => a.text)).toEqual(['m5']);
    expect(conversation.since(5)).toEqual({ activities: [], watermark: '5' });
  });

  it('moves an updated activity past the watermark and tells listeners', () => {
    const conversation = new Conversation('c1', 'dl_user', undefined, 10, 0);
    const first = conversation.append({ type: 'message', text: 'draft' });
    conversation.append({ type: 'message', text: 'other' });
    const seen: Array<[StoredActivity, string]> = [];
    conversation.subscribe({ activity: (a, w) => seen.push([a, w]), ended: () => undefined });
    expect(conversation.update({ ...first, text: 'final' })).toBe(true);
    expect(conversation.since(2).activities).toEqual([{ ...first, text: 'final' }]);
    expect(seen).toEqual([[{ ...first, text: 'final' }, '3']]);
    expect(conversation.update({ id: 'c1|9999999', type: 'message' })).toBe(false);
  });

  it('gives timestamps that never go backwards', () => {
    const conversation = new Conversation('c1', 'dl_user', undefined, 10, 0);
    const a = conversation.timestamp(1000);
    const b = conversation.timestamp(1000);
    const c = conversation.timestamp(900);
    expect([a.getTime(), b.getTime(), c.getTime()]).toEqual([1000, 1001, 1002]);
  });

  it('runs bot turns one at a time, in order, and goes on after a failure', async () => {
    const conversation = new Conversation('c1', 'dl_user', undefined, 10, 0);
    const order: string[] = [];
    const errors: unknown[] = [];
    const slow = (name: string, ms: number) => () => new Promise<void>((resolve) => setTimeout(() => (order.push(name), resolve()), ms));
    conversation.enqueueTurn(slow('first', 30), (e) => errors.push(e));
    conversation.enqueueTurn(() => Promise.reject(new Error('bot failed')), (e) => errors.push(e));
    conversation.enqueueTurn(slow('third', 1), (e) => errors.push(e));
    expect(conversation.pendingTurns).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(order).toEqual(['first', 'third']);
    expect(errors).toEqual([new Error('bot failed')]);
    expect(conversation.pendingTurns).toBe(0);
  });
});

describe('ConversationRegistry', () => {
  it('removes idle conversations but keeps those with an open stream', () => {
    let now = 0;
    const conversations = registry(() => now);
    conversations.create('idle', 'u1');
    const streamed = conversations.create('streamed', 'u2');
    let ended = false;
    streamed.subscribe({ activity: () => undefined, ended: () => (ended = true) });
    now = 30_000;
    conversations.create('recent', 'u3');
    now = 61_000;
    expect(conversations.sweep()).toBe(1);
    expect(conversations.get('idle')).toBeUndefined();
    expect(conversations.get('streamed')).toBe(streamed);
    expect(conversations.get('recent')).toBeDefined();
    expect(ended).toBe(false);
  });

  it('drops the least recently active conversation when full, ending its streams', () => {
    const conversations = registry(() => 0, { maxConversations: 2 });
    const a = conversations.create('a', 'u1');
    let aEnded = false;
    a.subscribe({ activity: () => undefined, ended: () => (aEnded = true) });
    conversations.create('b', 'u2');
    conversations.get('a'); // a is now more recent than b
    conversations.create('c', 'u3');
    expect(conversations.get('b')).toBeUndefined();
    expect(conversations.get('a')).toBe(a);
    expect(conversations.size).toBe(2);
    expect(aEnded).toBe(false);
    conversations.clear();
    expect(aEnded).toBe(true);
    expect(conversations.size).toBe(0);
  });
});

describe('RateLimiter', () => {
  it('allows the limit per window and says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 60_000, () => now);
    expect([limiter.take('ip'), limiter.take('ip')]).toEqual([0, 0]);
    now = 15_000;
    expect(limiter.take('ip')).toBe(45);
    expect(limiter.take('other')).toBe(0);
    now = 60_000;
    expect(limiter.take('ip')).toBe(0);
  });
});
