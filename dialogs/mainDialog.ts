import {
  ComponentDialog,
  type DialogContext,
  type DialogTurnResult,
  DialogTurnStatus,
  WaterfallDialog,
  type WaterfallStepContext
} from 'botbuilder-dialogs';
import { ActivityTypes } from 'botbuilder';
import type { ContentRepository } from '../src/content/repository.js';
import { isLanguageCode } from '../src/i18n/languages.js';
import { renderTopic } from '../src/content/render.js';
import type { Thresholds } from '../src/understanding/understand.js';
import { toChoices } from './buttonPrompt.js';
import { DialogIds } from './dialogIds.js';
import type { CommandRecognizer } from './globalCommands.js';
import { LanguageDialog, type LanguageDialogOptions } from './languageDialog.js';
import { MenuDialog } from './menuDialog.js';
import { RegionDialog } from './regionDialog.js';
import { type Session, session } from './session.js';
import type { HandoffService } from '../src/handoff/service.js';
import { DeleteDataDialog, type DeleteDataResult, type Forget } from './deleteDataDialog.js';
import type { HandoffDialog } from './handoffDialog.js';

export interface FlowOptions {
  /** A new conversation or "restart": say hello and ask language and region again. */
  restart?: boolean;
  /** A new conversation: greet a returning person. */
  greet?: boolean;
  /** "language": ask for the language even when one is stored. */
  changeLanguage?: boolean;
}

/** Event a client sends when the person picks a language outside the chat (the page's picker). */
export const SET_LANGUAGE_EVENT = 'setLanguage';

/**
 * The root dialog: language → region → menu, and the global commands (menu, language, help,
 * restart) that interrupt whatever dialog is active, in any of the 12 languages.
 */
export class MainDialog extends ComponentDialog {
  constructor(
    private readonly content: ContentRepository,
    private readonly commands: CommandRecognizer,
    thresholds: Thresholds,
    private readonly handoffs: HandoffService,
    handoff: HandoffDialog,
    forget: Forget
  ) {
    super(DialogIds.main);
    this.addDialog(new LanguageDialog());
    this.addDialog(new RegionDialog(content));
    this.addDialog(new MenuDialog(content, thresholds, handoff));
    this.addDialog(new DeleteDataDialog(forget));
    this.addDialog(
      new WaterfallDialog(DialogIds.flow, [this.language.bind(this), this.region.bind(this), this.menu.bind(this)])
    );
    this.initialDialogId = DialogIds.flow;
  }

  protected override async onBeginDialog(inner: DialogContext, options?: FlowOptions): Promise<DialogTurnResult> {
    return (await this.interrupt(inner)) ?? super.onBeginDialog(inner, options);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(inner);
    if (interrupted) return interrupted;
    // An emergency answer before any question, or a finished dialog, leaves the stack empty: start the flow.
    if (!inner.activeDialog) return inner.beginDialog(DialogIds.flow, {});
    const result = await super.onContinueDialog(inner);
    // "Keep my data": back to the menu rather than an empty conversation.
    if (result.status === DialogTurnStatus.complete && (result.result as DeleteDataResult | undefined)?.kept) return this.restartFlow(inner, {});
    return result;
  }

  /**
   * Handles the language event, a global command (a whole-message command word), or an emergency;
   * undefined when the turn is none of these.
   */
  private async interrupt(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    const activity = inner.context.activity;
    const s = session(inner.context);
    switch (this.commands.recognize(activity)) {
      case 'menu':
        return this.restartFlow(inner, {});
      case 'language':
        return this.restartFlow(inner, { changeLanguage: true });
      case 'restart':
        return this.restartFlow(inner, { restart: true });
      case 'help':
        await inner.context.sendActivity(s.t('help'));
        return this.resume(inner);
      case 'status':
        await inner.context.sendActivity(await this.requestStatus(s));
        return this.resume(inner);
      case 'cancel': {
        const cancelled = await this.handoffs.cancelNewest(s.userKey);
        await inner.context.sendActivity(cancelled ? s.t('requests.cancelled', { reference: cancelled.reference }) : s.t('requests.none'));
        return this.resume(inner);
      }
      case 'delete':
        await inner.cancelAllDialogs();
        return inner.beginDialog(DialogIds.deleteData);
      default:
        break;
    }
    // Typed messages only: a tapped button (even "Emergency") carries its id in `value`.
    const typed = activity.type === ActivityTypes.Message && activity.text && activity.value === undefined;
    if (typed && s.understand(activity.text).emergency) {
      await this.sendEmergency(inner, activity.text);
      return { status: DialogTurnStatus.waiting };
    }
    if (activity.type === ActivityTypes.Event && activity.name === SET_LANGUAGE_EVENT && isLanguageCode(activity.value)) {
      await s.update({ language: activity.value });
      await inner.context.sendActivity(s.t('language.set'));
      return this.restartFlow(inner, {});
    }
    return undefined;
  }

  /**
   * Acute danger: the emergency numbers at once, in the language the message is written in (or the
   * person's), whatever dialog is active. The dialog stays where it was.
   */
  private async sendEmergency(inner: DialogContext, text: string): Promise<void> {
    const s = session(inner.context);
    const written = s.understand(text).language;
    const lang = written && written.confidence >= 0.6 ? written.language : s.language;
    const t = s.tFor(lang);
    const answer = renderTopic(this.content, 'emergency', { lang, region: s.profile.region, t });
    await inner.context.sendActivity({
      type: ActivityTypes.Message,
      text: answer.text,
      textFormat: 'markdown',
      locale: answer.language,
      channelData: { topic: answer.topic },
      suggestedActions: { to: [], actions: toChoices([{ id: 'menu', title: t('topic.menu'), command: true }]).map((c) => c.action!) }
    });
  }

  /** The person's active requests and where each stands. */
  private async requestStatus(s: Session): Promise<string> {
    const active = await this.handoffs.active(s.userKey);
    if (!active.length) return s.t('requests.none');
    return active.map((r) => s.t('requests.status', { reference: r.reference, status: s.t(`requests.statusNames.${r.status}`) })).join('\n\n');
  }

  /** Goes on where the person was: the open question is asked again, or the flow starts. */
  private async resume(inner: DialogContext): Promise<DialogTurnResult> {
    if (!inner.activeDialog) return this.restartFlow(inner, {});
    await inner.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  private async restartFlow(inner: DialogContext, options: FlowOptions): Promise<DialogTurnResult> {
    await inner.cancelAllDialogs();
    return inner.beginDialog(DialogIds.flow, options);
  }

  private async language(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as FlowOptions;
    const { profile, t } = session(step.context);
    if (options.restart || options.changeLanguage || !profile.language) {
      return step.beginDialog(DialogIds.language, { greet: options.restart || options.greet } satisfies LanguageDialogOptions);
    }
    if (options.greet) await step.context.sendActivity(t('welcome.back'));
    return step.next();
  }

  private async region(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as FlowOptions;
    if (options.restart || !session(step.context).profile.region) return step.beginDialog(DialogIds.region);
    return step.next();
  }

  private async menu(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(DialogIds.menu);
  }
}
