import { type Activity, ActivityTypes, TestAdapter } from 'botbuilder';
import type { IntegrationBot } from '../../src/bot.js';
import type { Store } from '../../src/store/store.js';

/** A reply as a test reads it: text, buttons (title + value) and the contract fields. */
export interface Reply {
  text: string;
  locale?: string;
  topic?: string;
  buttons: { title: string; value: unknown }[];
  /** Event activities (e.g. handoff.initiate) have a name and a value. */
  name?: string;
  value?: unknown;
}

function toReply(a: Partial<Activity>): Reply {
  const card = a.attachments?.[0]?.content as { text?: string; buttons?: { title: string; value: unknown }[] } | undefined;
  const actions = a.suggestedActions?.actions ?? card?.buttons ?? [];
  return {
    text: [a.text, card?.text].filter(Boolean).join('\n'),
    locale: a.locale,
    topic: (a.channelData as { topic?: string } | undefined)?.topic,
    buttons: actions.map((b) => ({ title: String(b.title), value: b.value })),
    name: a.name,
    value: a.value
  };
}

/**
 * A person chatting with the real bot through botbuilder's TestAdapter. Each call sends one
 * activity and returns every reply of that turn.
 */
export class Chat {
  private static count = 0;
  readonly adapter: TestAdapter;

  constructor(private readonly bot: IntegrationBot, readonly userId = 'user-1', readonly locale = 'de-DE') {
    // Each chat is its own conversation (TestAdapter would name them all "Convo1").
    const conversation = TestAdapter.createConversation(`conversation-${userId}-${++Chat.count}`, userId, 'bot');
    this.adapter = new TestAdapter(conversation);
    this.adapter.locale = locale;
  }

  private async turn(activity: Partial<Activity>): Promise<Reply[]> {
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity({ locale: this.locale, ...activity }, (ctx) => this.bot.run(ctx));
    return this.adapter.activeQueue.splice(0).map(toReply);
  }

  /** The conversation starts (the channel adds the person). */
  start(): Promise<Reply[]> {
    return this.turn({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: this.userId, name: 'Person' }] });
  }

  /** The size of this conversation's stored dialog state, in bytes of JSON. */
  async stateSize(store: Store): Promise<number> {
    const { channelId, conversation } = this.adapter.conversation;
    return JSON.stringify(await store.readState([`${channelId}/conversations/${conversation.id}/`])).length;
  }

  /** The person types text. */
  say(text: string): Promise<Reply[]> {
    return this.turn({ type: ActivityTypes.Message, text });
  }

  /** The person taps a button with this value (a choice or command id). */
  tap(reply: Reply, id: string): Promise<Reply[]> {
    const button = reply.buttons.find((b) => {
      const v = b.value as { choice?: string; command?: string } | undefined;
      return v?.choice === id || v?.command === id;
    });
    if (!button) throw new Error(`No button "${id}" in: ${reply.buttons.map((b) => JSON.stringify(b.value)).join(', ')}`);
    return this.turn({ type: ActivityTypes.Message, text: button.title, value: button.value });
  }

  /** The client sends an event, e.g. the page's language picker. */
  event(name: string, value: unknown): Promise<Reply[]> {
    return this.turn({ type: ActivityTypes.Event, name, value });
  }
}

/** The last reply of a turn: the one with the buttons to tap next. */
export function last(replies: Reply[]): Reply {
  const reply = replies.at(-1);
  if (!reply) throw new Error('The bot did not reply');
  return reply;
}
