import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentRepository } from '../src/content/repository.js';
import type { AgeBand, ResidenceStatus } from '../src/handoff/model.js';
import { type Route, route } from '../src/handoff/routing.js';
import { ButtonPrompt, buttonOptions } from './buttonPrompt.js';
import { DialogIds } from './dialogIds.js';
import { session } from './session.js';

/** What the check found; undefined when the person's region has no team here. */
export interface Responsibility {
  age: AgeBand;
  residence: ResidenceStatus;
  route: Route;
}

const STATUSES: ResidenceStatus[] = ['asylum', 'recognised', 'toleration', 'ukraine', 'unknown'];

/**
 * "Who is responsible for me?": age and residence status (the region is known) lead to the
 * responsible office and team of the region. Used on its own and before every handoff request.
 */
export class ResponsibilityDialog extends ComponentDialog {
  constructor(private readonly content: ContentRepository) {
    super(DialogIds.responsibility);
    this.addDialog(new ButtonPrompt(DialogIds.buttons));
    this.addDialog(
      new WaterfallDialog(DialogIds.responsibilitySteps, [this.age.bind(this), this.status.bind(this), this.result.bind(this)])
    );
    this.initialDialogId = DialogIds.responsibilitySteps;
  }

  private async age(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, profile } = session(step.context);
    if (!this.content.region(profile.region ?? '')) {
      await step.context.sendActivity(t('handoff.otherRegion'));
      return step.endDialog(undefined);
    }
    const buttons = (['under25', 'over25'] as const).map((id) => ({ id, title: t(`handoff.age.${id}`) }));
    return step.prompt(DialogIds.buttons, buttonOptions(t('handoff.age.prompt'), t('topic.retry'), buttons));
  }

  private async status(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = session(step.context);
    (step.values as { age?: AgeBand }).age = step.result.value as AgeBand;
    const buttons = STATUSES.map((id) => ({ id, title: t(`handoff.status.${id}`) }));
    return step.prompt(DialogIds.buttons, buttonOptions(t('handoff.status.prompt'), t('topic.retry'), buttons, 'card'));
  }

  private async result(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, profile } = session(step.context);
    const age = (step.values as { age: AgeBand }).age;
    const residence = step.result.value as ResidenceStatus;
    const found = route(this.content.region(profile.region!)!, age, residence);
    const lines = [t('handoff.responsible', { team: found.teamName })];
    if (found.unknownStatus) lines.push(t('handoff.unknownNote'));
    await step.context.sendActivity(lines.join(' '));
    return step.endDialog({ age, residence, route: found } satisfies Responsibility);
  }
}
