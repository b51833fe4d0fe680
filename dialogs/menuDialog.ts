import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentRepository } from '../src/content/repository.js';
import { ButtonPrompt, buttonOptions } from './buttonPrompt.js';
import { DialogIds } from './dialogIds.js';
import { session } from './session.js';
import { TopicDialog } from './topicDialog.js';

export interface MenuDialogOptions {
  /** The person just read a topic and asked for another one. */
  another?: boolean;
}

/** The main menu: every topic with its icon, in the person's language. Loops after each topic. */
export class MenuDialog extends ComponentDialog {
  constructor(private readonly content: ContentRepository) {
    super(DialogIds.menu);
    this.addDialog(new ButtonPrompt(DialogIds.buttons));
    this.addDialog(new TopicDialog(content));
    this.addDialog(
      new WaterfallDialog(DialogIds.menuSteps, [this.ask.bind(this), this.open.bind(this), this.loop.bind(this)])
    );
    this.initialDialogId = DialogIds.menuSteps;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, language } = session(step.context);
    const buttons = this.content.topics.map((topic) => {
      const { text } = this.content.localize(topic.id, language);
      return { id: topic.id, title: `${topic.icon} ${text.title}`, synonyms: [text.title] };
    });
    const prompt = (step.options as MenuDialogOptions).another ? t('menu.another') : t('menu.prompt');
    return step.prompt(DialogIds.buttons, buttonOptions(prompt, t('menu.retry'), buttons, 'card'));
  }

  private async open(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(DialogIds.topic, { topic: step.result.value as string });
  }

  private async loop(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // Replace the inner steps, not this component: that would nest a new menu inside the old one.
    return step.replaceDialog(DialogIds.menuSteps, { another: true } satisfies MenuDialogOptions);
  }
}
