import { createRequire } from 'node:module';
import { DirectLine, type Activity } from 'botframework-directlinejs';
import { WebSocket } from 'ws';

// The official client polls with RxJS ajax, which needs XMLHttpRequest; Node has none.
const require = createRequire(import.meta.url);
(globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = require('xhr2') as unknown;

/** A page visitor: asks our server for a token, then talks through the official Direct Line client. */
/** An activity as received, with the fields the contract adds. */
export type Received = Activity & { locale?: string; text?: string; value?: unknown };

export class Visitor {
  readonly received: Received[] = [];
  private client!: DirectLine;
  userId = '';
  conversationId = '';
  token = '';

  constructor(private readonly base: string) {}

  /** Gets a page token (as the web page does) and starts the conversation in polling mode. */
  async connect(options: { userId?: string; locale?: string } = {}): Promise<this> {
    const response = await fetch(`${this.base}/api/directline/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(options)
    });
    if (!response.ok) throw new Error(`token request failed: ${response.status}`);
    const body = (await response.json()) as { token: string; userId: string; conversationId: string };
    Object.assign(this, { token: body.token, userId: body.userId, conversationId: body.conversationId });
    this.client = new DirectLine({
      token: body.token,
      domain: `${this.base}/v3/directline`,
      webSocket: false,
      pollingInterval: 200,
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket
    } as ConstructorParameters<typeof DirectLine>[0]);
    // Ending the client completes the stream with an error; the test has its activities already.
    this.client.activity$.subscribe({ next: (a) => this.received.push(a as Received), error: () => undefined });
    return this;
  }

  /** Waits until a bot activity matching `predicate` arrives (after `since` activities). */
  async waitFor(predicate: (a: Received) => boolean, since = 0, timeoutMs = 10_000): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(since).find((a) => a.from.role === 'bot' && predicate(a));
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`timed out; got: ${this.received.map((a) => `${a.from.role}:${a.text?.slice(0, 40)}`).join(' | ')}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Taps a button: sends its title as text and its id in `value`, as Web Chat does. */
  async tap(button: { title: string; value: unknown }): Promise<number> {
    const since = this.received.length;
    await new Promise<void>((resolve, reject) =>
      this.client
        .postActivity({ type: 'message', from: { id: this.userId }, text: button.title, value: button.value } as Activity)
        .subscribe({ next: () => resolve(), error: reject })
    );
    return since;
  }

  /** The buttons of a bot activity (suggested actions or a hero card). */
  static buttons(a: Activity): { title: string; value: unknown }[] {
    const m = a as { suggestedActions?: { actions: { title: string; value: unknown }[] }; attachments?: { content?: { buttons?: { title: string; value: unknown }[] } }[] };
    return m.suggestedActions?.actions ?? m.attachments?.[0]?.content?.buttons ?? [];
  }

  end(): void {
    this.client?.end();
  }
}

/** The button whose value carries this choice or command id. */
export function button(a: Activity, id: string): { title: string; value: unknown } {
  const found = Visitor.buttons(a).find((b) => {
    const v = b.value as { choice?: string; command?: string } | undefined;
    return v?.choice === id || v?.command === id;
  });
  if (!found) throw new Error(`no button ${id}`);
  return found;
}
