import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { ActivityTypes, type Activity } from 'botbuilder';
import type { ContentRepository } from '../src/content/repository.js';
import { renderTopic } from '../src/content/render.js';
import { type Button, ButtonPrompt, buttonOptions } from './buttonPrompt.js';
import { DialogIds } from './dialogIds.js';
import { session } from './session.js';

export interface TopicDialogOptions {
  topic: string;
  /** Show the detailed text instead of the short answer. */
  detail?: boolean;
}

/**
 * Shows any topic from `content/`: the answer for the person's region and language, with the
 * follow-ups "more detail", "another topic", "menu" and "change language". Topics are data.
 */
export class TopicDialog extends ComponentDialog {
  constructor(private readonly content: ContentRepository) {
    super(DialogIds.topic);
    this.addDialog(new ButtonPrompt(DialogIds.buttons));
    this.addDialog(new WaterfallDialog(DialogIds.topicSteps, [this.show.bind(this), this.next.bind(this)]));
    this.initialDialogId = DialogIds.topicSteps;
  }

  private async show(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as TopicDialogOptions;
    const { t, language, profile } = session(step.context);
    const answer = renderTopic(this.content, options.topic, { lang: language, region: profile.region, detail: options.detail, t });
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      text: answer.text,
      textFormat: 'markdown',
      locale: answer.language,
      channelData: { topic: answer.topic }
    };
    const hasMore = !options.detail && Boolean(this.content.localize(options.topic, language).text.more);
    const buttons: Button[] = [
      ...(hasMore ? [{ id: 'more', title: t('topic.more') }] : []),
      { id: 'another', title: t('topic.another') },
      { id: 'menu', title: t('topic.menu'), command: true },
      { id: 'language', title: t('topic.language'), command: true }
    ];
    return step.prompt(DialogIds.buttons, buttonOptions(activity, t('topic.retry'), buttons));
  }

  private async next(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as TopicDialogOptions;
    if (step.result.value === 'more') {
      return step.replaceDialog(DialogIds.topicSteps, { topic: options.topic, detail: true } satisfies TopicDialogOptions);
    }
    return step.endDialog();
  }
}
