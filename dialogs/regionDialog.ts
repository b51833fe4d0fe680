import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentRepository } from '../src/content/repository.js';
import { OTHER_REGION } from '../src/content/render.js';
import { ButtonPrompt, buttonOptions } from './buttonPrompt.js';
import { DialogIds } from './dialogIds.js';
import { session } from './session.js';

/** Asks where the person lives: the regions in `content/regions/`, or "other / not sure". */
export class RegionDialog extends ComponentDialog {
  constructor(private readonly content: ContentRepository) {
    super(DialogIds.region);
    this.addDialog(new ButtonPrompt(DialogIds.buttons));
    this.addDialog(new WaterfallDialog(DialogIds.regionSteps, [this.ask.bind(this), this.choose.bind(this)]));
    this.initialDialogId = DialogIds.regionSteps;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = session(step.context);
    const buttons = [
      ...this.content.regions.map((r) => ({ id: r.id, title: r.name })),
      { id: OTHER_REGION, title: t('region.other') }
    ];
    return step.prompt(DialogIds.buttons, buttonOptions(t('region.prompt'), t('region.retry'), buttons, 'card'));
  }

  private async choose(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await session(step.context).update({ region: step.result.value as string });
    return step.endDialog();
  }
}
