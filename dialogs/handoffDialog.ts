import { EventFactory, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  type DialogTurnResult,
  type PromptValidatorContext,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext
} from 'botbuilder-dialogs';
import type { ContentRepository } from '../src/content/repository.js';
import { readEmail, readPhone, readTimes } from '../src/handoff/contact.js';
import type { ContactMethod } from '../src/handoff/model.js';
import type { HandoffService, NewHandoff } from '../src/handoff/service.js';
import { language as languageOf, SOURCE_LANGUAGE } from '../src/i18n/languages.js';
import { type Button, ButtonPrompt, buttonOptions, FREE_TEXT } from './buttonPrompt.js';
import { DialogIds } from './dialogIds.js';
import { type Responsibility, ResponsibilityDialog } from './responsibilityDialog.js';
import { session } from './session.js';

export interface HandoffDialogOptions {
  /** The topic the person was reading, if any. */
  topic?: string;
}

/** Version of the privacy notice in locales (handoff.consent.text); stored with each request. */
export const CONSENT_VERSION = '2026-11-22';

interface Draft {
  responsibility: Responsibility;
  contact: { method: ContactMethod; value?: string };
  preferredTimes?: string;
  interpreter?: boolean;
  name?: string;
}

const PHONE = 'phone';
/** Buttons that also take a typed answer (preferred times, name). */
const OPEN_BUTTONS = 'openButtons';
const EMAIL = 'email';

/**
 * A request for a caseworker, with buttons wherever possible: who is responsible → consent (nothing
 * is stored without it) → how to reach the person → preferred times → interpreter → optional name →
 * summary → the request is written to disk, and only then does the person get a reference. A
 * `handoff.initiate` event lets a contact-centre channel take over where one is connected.
 */
export class HandoffDialog extends ComponentDialog {
  constructor(
    private readonly content: ContentRepository,
    private readonly handoffs: HandoffService,
    private readonly options: { retentionDays: number; privacyUrl: string }
  ) {
    super(DialogIds.handoff);
    this.addDialog(new ResponsibilityDialog(content));
    // Consent, contact, interpreter and the summary take buttons only: a typed "ja" must never count as "no".
    this.addDialog(new ButtonPrompt(DialogIds.buttons));
    this.addDialog(new ButtonPrompt(OPEN_BUTTONS, { freeText: true }));
    this.addDialog(new TextPrompt(PHONE, async (p) => readable(p, readPhone)));
    this.addDialog(new TextPrompt(EMAIL, async (p) => readable(p, readEmail)));
    this.addDialog(
      new WaterfallDialog(DialogIds.handoffSteps, [
        this.responsible.bind(this),
        this.consent.bind(this),
        this.contactMethod.bind(this),
        this.contactValue.bind(this),
        this.times.bind(this),
        this.interpreter.bind(this),
        this.name.bind(this),
        this.summary.bind(this),
        this.send.bind(this)
      ])
    );
    this.initialDialogId = DialogIds.handoffSteps;
  }

  private draft(step: WaterfallStepContext): Draft {
    return step.values as Draft;
  }

  private async responsible(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(session(step.context).t('handoff.start'));
    return step.beginDialog(DialogIds.responsibility);
  }

  private async consent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!step.result) return step.endDialog();
    this.draft(step).responsibility = step.result as Responsibility;
    const { t } = session(step.context);
    const text = t('handoff.consent.text', { days: this.options.retentionDays, privacyUrl: this.options.privacyUrl });
    const buttons = [
      { id: 'agree', title: t('handoff.consent.agree') },
      { id: 'decline', title: t('handoff.consent.decline') }
    ];
    return step.prompt(DialogIds.buttons, buttonOptions(text, t('topic.retry'), buttons));
  }

  private async contactMethod(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = session(step.context);
    if (step.result.value !== 'agree') {
      await step.context.sendActivity(t('handoff.consent.declined'));
      return step.endDialog();
    }
    const buttons = (['chat', 'phone', 'email'] as const).map((id) => ({ id, title: t(`handoff.contact.${id}`) }));
    return step.prompt(DialogIds.buttons, buttonOptions(t('handoff.contact.prompt'), t('topic.retry'), buttons));
  }

  private async contactValue(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = session(step.context);
    const method = step.result.value as ContactMethod;
    this.draft(step).contact = { method };
    if (method === 'phone') return step.prompt(PHONE, { prompt: t('handoff.phone.prompt'), retryPrompt: t('handoff.phone.invalid') });
    if (method === 'email') return step.prompt(EMAIL, { prompt: t('handoff.email.prompt'), retryPrompt: t('handoff.email.invalid') });
    return step.next();
  }

  private async times(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (draft.contact.method === 'phone') draft.contact.value = readPhone(step.result as string);
    if (draft.contact.method === 'email') draft.contact.value = readEmail(step.result as string);
    const { t } = session(step.context);
    const buttons = (['morning', 'afternoon', 'any'] as const).map((id) => ({ id, title: t(`handoff.times.${id}`) }));
    return step.prompt(OPEN_BUTTONS, buttonOptions(t('handoff.times.prompt'), t('topic.retry'), buttons));
  }

  private async interpreter(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, language } = session(step.context);
    this.draft(step).preferredTimes =
      step.result.value === FREE_TEXT ? readTimes(step.context.activity.text ?? '', language) : t(`handoff.times.${step.result.value as string}`, { lng: 'de' });
    if (language === 'de') return step.next({ value: 'no' });
    const buttons = [
      { id: 'yes', title: t('handoff.interpreter.yes') },
      { id: 'no', title: t('handoff.interpreter.no') }
    ];
    return step.prompt(DialogIds.buttons, buttonOptions(t('handoff.interpreter.prompt', { language: languageOf(language).endonym }), t('topic.retry'), buttons));
  }

  private async name(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = session(step.context);
    this.draft(step).interpreter = step.result.value === 'yes';
    return step.prompt(OPEN_BUTTONS, buttonOptions(t('handoff.name.prompt'), t('topic.retry'), [{ id: 'skip', title: t('handoff.name.skip') }]));
  }

  private async summary(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = session(step.context);
    const { t } = s;
    const draft = this.draft(step);
    if (step.result.value === FREE_TEXT) draft.name = (step.context.activity.text ?? '').trim().slice(0, 100);
    const topic = (step.options as HandoffDialogOptions).topic;
    const contact = draft.contact.value ? `${t(`handoff.contact.${draft.contact.method}`)}: ${draft.contact.value}` : t('handoff.contact.chat');
    const text = t('handoff.summary', {
      topic: topic ? this.content.localize(topic, s.language).text.title : '—',
      team: draft.responsibility.route.teamName,
      contact,
      times: draft.preferredTimes,
      interpreter: draft.interpreter ? languageOf(s.language).endonym : t('handoff.interpreter.no'),
      name: draft.name ?? '—'
    });
    const buttons: Button[] = [
      { id: 'send', title: t('handoff.send') },
      { id: 'cancel', title: t('handoff.cancel') }
    ];
    return step.prompt(DialogIds.buttons, buttonOptions(text, t('topic.retry'), buttons));
  }

  private async send(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = session(step.context);
    if (step.result.value !== 'send') {
      await step.context.sendActivity(s.t('handoff.cancelled'));
      return step.endDialog();
    }
    const draft = this.draft(step);
    const { route } = draft.responsibility;
    const request = await this.handoffs.create({
      userKey: s.userKey,
      conversation: storedReference(step),
      language: s.language,
      topic: (step.options as HandoffDialogOptions).topic,
      region: s.profile.region!,
      team: route.team,
      // Caseworkers read German.
      note: route.unknownStatus ? s.tFor(SOURCE_LANGUAGE)('staff.unknownStatus') : undefined,
      age: draft.responsibility.age,
      residence: draft.responsibility.residence,
      contact: draft.contact,
      preferredTimes: draft.preferredTimes,
      interpreter: draft.interpreter ? { needed: true, language: s.language } : { needed: false },
      name: draft.name,
      consent: { version: CONSENT_VERSION, language: s.language, at: new Date().toISOString() }
    } satisfies NewHandoff);
    // The request is on disk: now the person may rely on the reference.
    await step.context.sendActivity(s.t('handoff.confirmed', { reference: request.reference }));
    const initiation = EventFactory.createHandoffInitiation(step.context, {
      reference: request.reference,
      team: request.team,
      region: request.region,
      topic: request.topic,
      language: request.language
    });
    await step.context.sendActivity(initiation);
    return step.endDialog();
  }
}

/** Where to reach the conversation again, without the serviceUrl (ours carries the connector's capability). */
function storedReference(step: WaterfallStepContext): Record<string, unknown> {
  const { serviceUrl: _secret, ...reference } = TurnContext.getConversationReference(step.context.activity);
  return reference as Record<string, unknown>;
}

/** A text prompt's answer is valid when the reader finds a phone number or an email in it. */
function readable(prompt: PromptValidatorContext<string>, read: (text: string) => string | undefined): boolean {
  return prompt.recognized.succeeded && read(prompt.recognized.value ?? '') !== undefined;
}
