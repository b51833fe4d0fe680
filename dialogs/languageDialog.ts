import { ComponentDialog, type WaterfallStepContext, WaterfallDialog, type DialogTurnResult } from 'botbuilder-dialogs';
import type { FoundChoice, PromptValidatorContext } from 'botbuilder-dialogs';
import { LANGUAGE_CODES, LANGUAGES, type LanguageCode } from '../src/i18n/languages.js';
import { SWITCH_CONFIDENCE } from '../src/understanding/understand.js';
import { type Button, ButtonPrompt, buttonOptions } from './buttonPrompt.js';
import { DialogIds } from './dialogIds.js';
import { session } from './session.js';

export interface LanguageDialogOptions {
  /** Say hello first (a new conversation, or "restart"). */
  greet?: boolean;
}

/**
 * Welcome and language choice. Buttons show each language by its own name; the client's locale
 * only decides the language of the question, and the person's choice is stored.
 */
/** Writing a message in a language, instead of tapping it, chooses that language too. */
function writtenIn(prompt: PromptValidatorContext<FoundChoice>): boolean {
  const text = prompt.context.activity.text ?? '';
  const written = text ? session(prompt.context).understand(text).language : undefined;
  if (!written || written.confidence < SWITCH_CONFIDENCE) return false;
  prompt.recognized.value = { value: written.language, index: -1, score: written.confidence };
  return true;
}

export class LanguageDialog extends ComponentDialog {
  constructor() {
    super(DialogIds.language);
    this.addDialog(new ButtonPrompt(DialogIds.buttons, { partial: false, validator: async (prompt) => prompt.recognized.succeeded || writtenIn(prompt) }));
    this.addDialog(
      new WaterfallDialog(DialogIds.languageSteps, [this.ask.bind(this), this.choose.bind(this)])
    );
    this.initialDialogId = DialogIds.languageSteps;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = session(step.context);
    if ((step.options as LanguageDialogOptions).greet) await step.context.sendActivity(t('welcome.hello'));
    const buttons: Button[] = LANGUAGES.map((l) => ({
      id: l.code,
      title: l.endonym,
      synonyms: LANGUAGE_CODES.map((other) => session(step.context).tFor(other)(`languageNames.${l.code}`))
    }));
    return step.prompt(DialogIds.buttons, buttonOptions(t('language.prompt'), t('language.retry'), buttons, 'card'));
  }

  private async choose(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = session(step.context);
    await s.update({ language: step.result.value as LanguageCode });
    await step.context.sendActivity(s.t('language.set'));
    return step.endDialog();
  }
}
