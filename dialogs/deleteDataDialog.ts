import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { ButtonPrompt, buttonOptions } from './buttonPrompt.js';
import { DialogIds } from './dialogIds.js';
import { session } from './session.js';

/** Removes everything stored about the person in this conversation (profile, requests, dialog state). */
export type Forget = (ctx: TurnContext) => Promise<void>;

/** How the dialog ended: `kept` when the person decided not to delete. */
export interface DeleteDataResult {
  kept?: boolean;
}

/** "Delete my data", in any language at any time: one confirmation, then everything is removed. */
export class DeleteDataDialog extends ComponentDialog {
  constructor(private readonly forget: Forget) {
    super(DialogIds.deleteData);
    this.addDialog(new ButtonPrompt(DialogIds.buttons));
    this.addDialog(new WaterfallDialog(DialogIds.deleteDataSteps, [this.confirm.bind(this), this.apply.bind(this)]));
    this.initialDialogId = DialogIds.deleteDataSteps;
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = session(step.context);
    const buttons = [
      { id: 'delete', title: t('data.delete') },
      { id: 'keep', title: t('data.keep') }
    ];
    return step.prompt(DialogIds.buttons, buttonOptions(t('data.confirm'), t('topic.retry'), buttons));
  }

  private async apply(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = session(step.context);
    if (step.result.value !== 'delete') {
      await step.context.sendActivity(t('data.kept'));
      return step.endDialog({ kept: true } satisfies DeleteDataResult);
    }
    // Said in the person's language before the language itself is forgotten.
    const done = t('data.deleted');
    await this.forget(step.context);
    await step.context.sendActivity(done);
    return step.cancelAllDialogs();
  }
}
