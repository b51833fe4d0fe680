import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { ActivityTypes, type Activity } from 'botbuilder';
import type { ContentRepository } from '../src/content/repository.js';
import { renderTopic } from '../src/content/render.js';
import { type Button, ButtonPrompt, buttonOptions, FREE_TEXT } from './buttonPrompt.js';
import { DialogIds } from './dialogIds.js';
import { session } from './session.js';

export interface TopicDialogOptions {
  topic: string;
  /** Show the detailed text instead of the short answer. */
  detail?: boolean;
  /** Show the answer to this follow-up sub-question. */
  question?: string;
}

/** What a topic ends with: a typed question for the menu to understand, or an action to start. */
export interface TopicDialogResult {
  text?: string;
  action?: 'handoff' | 'responsible';
  topic?: string;
}

const QUESTION = 'q:';

/**
 * Shows any topic from `content/`: the answer for the person's region and language, with the
 * follow-ups: the topic's sub-questions, "more detail", "another topic", "menu" and "change
 * language". Topics are data.
 */
export class TopicDialog extends ComponentDialog {
  constructor(private readonly content: ContentRepository) {
    super(DialogIds.topic);
    this.addDialog(new ButtonPrompt(DialogIds.buttons, { freeText: true }));
    this.addDialog(new WaterfallDialog(DialogIds.topicSteps, [this.show.bind(this), this.next.bind(this)]));
    this.initialDialogId = DialogIds.topicSteps;
  }

  private async show(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as TopicDialogOptions;
    const { t, language, profile } = session(step.context);
    const answer = renderTopic(this.content, options.topic, { lang: language, region: profile.region, ...options, t });
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      text: answer.text,
      textFormat: 'markdown',
      locale: answer.language,
      channelData: { topic: answer.topic }
    };
    const { text } = this.content.localize(options.topic, language);
    const actions = this.content.topic(options.topic).actions;
    const buttons: Button[] = [
      ...actions.map((id) => ({ id, title: t(`handoff.action.${id}`) })),
      ...(text.questions ?? []).filter((q) => q.id !== options.question).map((q) => ({ id: QUESTION + q.id, title: q.q })),
      ...(!options.detail && !options.question && text.more ? [{ id: 'more', title: t('topic.more') }] : []),
      { id: 'another', title: t('topic.another') },
      { id: 'menu', title: t('topic.menu'), command: true },
      { id: 'language', title: t('topic.language'), command: true }
    ];
    return step.prompt(DialogIds.buttons, buttonOptions(activity, t('topic.retry'), buttons));
  }

  private async next(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as TopicDialogOptions;
    const choice = step.result.value as string;
    if (choice === 'more') {
      return step.replaceDialog(DialogIds.topicSteps, { topic: options.topic, detail: true } satisfies TopicDialogOptions);
    }
    if (choice.startsWith(QUESTION)) {
      return step.replaceDialog(DialogIds.topicSteps, { topic: options.topic, question: choice.slice(QUESTION.length) } satisfies TopicDialogOptions);
    }
    if (choice === FREE_TEXT) return step.endDialog({ text: step.context.activity.text } satisfies TopicDialogResult);
    if (choice === 'handoff' || choice === 'responsible') return step.endDialog({ action: choice, topic: options.topic } satisfies TopicDialogResult);
    return step.endDialog({} satisfies TopicDialogResult);
  }
}
