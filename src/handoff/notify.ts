import nodemailer from 'nodemailer';

/** What a team is told about a new request: no name, no phone, no email, no message text. */
export interface HandoffNotice {
  reference: string;
  team: string;
  topic?: string;
  language: string;
  link: string;
  /** The same, written out for people in the staff language (locales: staff.*). */
  subject: string;
  text: string;
}

/** Sends notices; failures are reported to `onError`, never to the person. */
export interface Notifier {
  notify(notice: HandoffNotice): Promise<void>;
}

/** Email through SMTP (nodemailer), e.g. `smtp://user:pass@mail.example:587`. */
export class EmailNotifier implements Notifier {
  private readonly transport;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly to: string
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async notify(n: HandoffNotice): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: this.to, subject: n.subject, text: n.text });
  }
}

/** A JSON POST to a webhook (e.g. a team chat). */
export class WebhookNotifier implements Notifier {
  constructor(private readonly url: string) {}

  async notify(n: HandoffNotice): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(n),
      signal: AbortSignal.timeout(10_000)
    });
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  }
}

/** Every configured notifier; each failure is reported and does not stop the others. */
export class Notifiers implements Notifier {
  constructor(
    private readonly notifiers: Notifier[],
    private readonly onError: (err: unknown, reference: string) => void
  ) {}

  async notify(n: HandoffNotice): Promise<void> {
    await Promise.all(this.notifiers.map((x) => x.notify(n).catch((err: unknown) => this.onError(err, n.reference))));
  }
}
