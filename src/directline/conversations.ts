import type { Activity } from 'botbuilder';

/** An activity in a conversation's history: it always has an id (`<conversationId>|<seq>`). */
export type StoredActivity = Partial<Activity> & { id: string };

/** One page of history as Direct Line returns it; `watermark` is the position to ask from next. */
export interface ActivitySet {
  activities: StoredActivity[];
  watermark: string;
}

/** Told about every activity added to (or updated in) a conversation, and when it ends. */
export interface ConversationListener {
  activity(activity: StoredActivity, watermark: string): void;
  ended(): void;
}

interface Entry {
  seq: number;
  activity: StoredActivity;
}

/**
 * One Direct Line conversation: its members, a bounded history with a watermark counter, the
 * listeners (open WebSockets) and a queue that hands user activities to the bot one at a time, in
 * the order they arrived, so two quick messages never run as concurrent turns on the same state.
 */
export class Conversation {
  private readonly entries: Entry[] = [];
  private readonly listeners = new Set<ConversationListener>();
  private seq = 0;
  private lastTimestamp = 0;
  private turns: Promise<void> = Promise.resolve();
  private pending = 0;

  /** @internal set by the registry */
  lastActiveAt: number;

  constructor(
    readonly id: string,
    /** The user the conversation was started for (from the token, the request, or generated). */
    readonly userId: string,
    readonly locale: string | undefined,
    private readonly maxActivities: number,
    now: number
  ) {
    this.lastActiveAt = now;
  }

  /** The activity id for a position in this conversation. */
  activityId(seq: number): string {
    return `${this.id}|${String(seq).padStart(7, '0')}`;
  }

  /** A server timestamp that never goes backwards, so clients that sort by it keep the order. */
  timestamp(now: number): Date {
    this.lastTimestamp = Math.max(now, this.lastTimestamp + 1);
    return new Date(this.lastTimestamp);
  }

  /** Appends an activity, giving it the next id; trims the oldest beyond the limit; notifies listeners. */
  append(activity: Partial<Activity>): StoredActivity {
    const seq = ++this.seq;
    return this.push(seq, { ...activity, id: this.activityId(seq) });
  }

  /**
   * Replaces the activity with the same id: it moves to the end of the history with a new
   * watermark, so clients that already saw it receive the new version (Web Chat replaces by id).
   * @returns false when no such activity is kept
   */
  update(activity: StoredActivity): boolean {
    if (!this.remove(activity.id)) return false;
    this.push(++this.seq, activity);
    return true;
  }

  /** Removes an activity from the history (clients that already received it keep it). */
  remove(activityId: string): boolean {
    const index = this.entries.findIndex((e) => e.activity.id === activityId);
    if (index < 0) return false;
    this.entries.splice(index, 1);
    return true;
  }

  /** Drops the whole history ("delete my data"); watermarks go on, so clients are not confused. */
  clearHistory(): void {
    this.entries.splice(0);
  }

  /** The watermark of the newest activity (0 before the first). */
  get watermark(): number {
    return this.seq;
  }

  /** The activities after `watermark` (all kept activities when it is undefined). */
  since(watermark?: number): ActivitySet {
    const after = watermark ?? 0;
    return { activities: this.entries.filter((e) => e.seq > after).map((e) => e.activity), watermark: String(this.seq) };
  }

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: ConversationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True while a client holds a WebSocket on this conversation. */
  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  /** Number of bot turns queued or running. */
  get pendingTurns(): number {
    return this.pending;
  }

  /** Runs `turn` after every turn queued before it; a failing turn goes to `onError` and does not stop the queue. */
  enqueueTurn(turn: () => Promise<void>, onError: (error: unknown) => void): void {
    this.pending++;
    this.turns = this.turns
      .then(turn)
      .catch(onError)
      .finally(() => {
        this.pending--;
      });
  }

  /** Tells every listener the conversation is gone. */
  end(): void {
    for (const listener of [...this.listeners]) listener.ended();
    this.listeners.clear();
  }

  private push(seq: number, activity: StoredActivity): StoredActivity {
    this.entries.push({ seq, activity });
    if (this.entries.length > this.maxActivities) this.entries.splice(0, this.entries.length - this.maxActivities);
    for (const listener of this.listeners) listener.activity(activity, String(seq));
    return activity;
  }
}

/** Limits of the registry; all times in ms. */
export interface RegistryOptions {
  /** Activities kept per conversation (older ones are dropped). */
  maxActivities: number;
  /** Conversations kept at once; starting one more drops the least recently active. */
  maxConversations: number;
  /** A conversation nobody touched for this long is removed by `sweep()` (unless a WebSocket is open). */
  idleMs: number;
  now: () => number;
}

/**
 * Every open conversation, keyed by id. The Map's insertion order is kept as "least recently
 * active first" (a touched conversation is moved to the end), which makes eviction and sweeping cheap.
 */
export class ConversationRegistry {
  private readonly conversations = new Map<string, Conversation>();

  constructor(private readonly options: RegistryOptions) {}

  /** Number of conversations held. */
  get size(): number {
    return this.conversations.size;
  }

  /** Creates a conversation, evicting the least recently active one when the registry is full. */
  create(id: string, userId: string, locale?: string): Conversation {
    this.drop(id);
    while (this.conversations.size >= this.options.maxConversations) {
      const oldest = this.conversations.keys().next();
      if (oldest.done) break;
      this.drop(oldest.value);
    }
    const conversation = new Conversation(id, userId, locale, this.options.maxActivities, this.options.now());
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** The conversation with this id, marked as active; undefined when unknown or removed. */
  get(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    conversation.lastActiveAt = this.options.now();
    this.conversations.delete(id);
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** Removes conversations idle for longer than `idleMs`; returns how many were removed. */
  sweep(): number {
    const cutoff = this.options.now() - this.options.idleMs;
    let removed = 0;
    for (const [id, conversation] of this.conversations) {
      if (conversation.lastActiveAt >= cutoff) break; // the rest were active more recently
      if (conversation.hasListeners) continue;
      this.drop(id);
      removed++;
    }
    return removed;
  }

  /** Ends and removes every conversation. */
  clear(): void {
    for (const id of [...this.conversations.keys()]) this.drop(id);
  }

  private drop(id: string): void {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    this.conversations.delete(id);
    conversation.end();
  }
}
