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
import { DialogIds } from './dialogIds.js';
import type { CommandRecognizer } from './globalCommands.js';
import { LanguageDialog, type LanguageDialogOptions } from './languageDialog.js';
import { MenuDialog } from './menuDialog.js';
import { RegionDialog } from './regionDialog.js';
import { session } from './session.js';

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
    content: ContentRepository,
    private readonly commands: CommandRecognizer
  ) {
    super(DialogIds.main);
    this.addDialog(new LanguageDialog());
    this.addDialog(new RegionDialog(content));
    this.addDialog(new MenuDialog(content));
    this.addDialog(
      new WaterfallDialog(DialogIds.flow, [this.language.bind(this), this.region.bind(this), this.menu.bind(this)])
    );
    this.initialDialogId = DialogIds.flow;
  }

  protected override async onBeginDialog(inner: DialogContext, options?: FlowOptions): Promise<DialogTurnResult> {
    return (await this.interrupt(inner)) ?? super.onBeginDialog(inner, options);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(inner)) ?? super.onContinueDialog(inner);
  }

  /** Handles a global command or the language event; undefined when the turn is not one. */
  private async interrupt(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    const activity = inner.context.activity;
    const s = session(inner.context);
    if (activity.type === ActivityTypes.Event && activity.name === SET_LANGUAGE_EVENT && isLanguageCode(activity.value)) {
      await s.update({ language: activity.value });
      await inner.context.sendActivity(s.t('language.set'));
      return this.restartFlow(inner, {});
    }
    switch (this.commands.recognize(activity)) {
      case 'menu':
        return this.restartFlow(inner, {});
      case 'language':
        return this.restartFlow(inner, { changeLanguage: true });
      case 'restart':
        return this.restartFlow(inner, { restart: true });
      case 'help':
        await inner.context.sendActivity(s.t('help'));
        if (!inner.activeDialog) return this.restartFlow(inner, {});
        await inner.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      default:
        return undefined;
    }
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
