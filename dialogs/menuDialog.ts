import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentRepository } from '../src/content/repository.js';
import { language as languageOf, type LanguageCode } from '../src/i18n/languages.js';
import { SWITCH_CONFIDENCE, type Thresholds } from '../src/understanding/understand.js';
import { type Button, ButtonPrompt, buttonOptions, FREE_TEXT } from './buttonPrompt.js';
import { DialogIds } from './dialogIds.js';
import { session } from './session.js';
import type { HandoffDialog } from './handoffDialog.js';
import { ResponsibilityDialog } from './responsibilityDialog.js';
import { TopicDialog, type TopicDialogResult } from './topicDialog.js';

export interface MenuDialogOptions {
  /** The person just read a topic and asked for another one. */
  another?: boolean;
  /** A typed message to understand before showing anything. */
  text?: string;
  /** Ask which of these topics the person means. */
  candidates?: string[];
  /** The last message was out of scope: say what the bot can help with. */
  outOfScope?: boolean;
  /** Ask whether to continue in this language (the message was written in it). */
  switchTo?: LanguageCode;
  /** The language question for `text` has been answered. */
  languageAsked?: boolean;
  /** Typed questions in a row the bot could not answer (out of scope); at two it offers a person. */
  misses?: number;
}

/** After this many unanswered questions in a row, the bot offers to ask a caseworker. */
export const MISSES_BEFORE_HANDOFF = 2;


const ALL = 'all';
const HANDOFF = 'handoff';
const SWITCH = 'switch';
const KEEP = 'keep';

/**
 * The main menu: every topic with its icon, in the person's language; typed questions work too.
 * A question is answered when the topic is clear, clarified with the likeliest topics when it is
 * not, and met with "I can help with …" and the menu when it is out of scope. A question written
 * in another language first asks, in that language, whether to switch. Loops after each topic.
 */
export class MenuDialog extends ComponentDialog {
  constructor(
    private readonly content: ContentRepository,
    private readonly thresholds: Thresholds,
    handoff: HandoffDialog
  ) {
    super(DialogIds.menu);
    this.addDialog(new ButtonPrompt(DialogIds.buttons, { freeText: true }));
    this.addDialog(new TopicDialog(content));
    this.addDialog(handoff);
    this.addDialog(new ResponsibilityDialog(content));
    this.addDialog(
      new WaterfallDialog(DialogIds.menuSteps, [this.ask.bind(this), this.route.bind(this), this.loop.bind(this), this.afterAction.bind(this)])
    );
    this.initialDialogId = DialogIds.menuSteps;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as MenuDialogOptions;
    const s = session(step.context);
    if (options.text !== undefined && !options.switchTo) return step.next({ value: FREE_TEXT });
    if (options.switchTo) {
      const t = s.tFor(options.switchTo);
      const buttons = [
        { id: SWITCH, title: languageOf(options.switchTo).endonym },
        { id: KEEP, title: languageOf(s.language).endonym }
      ];
      return step.prompt(DialogIds.buttons, buttonOptions(t('understand.switch', { language: languageOf(options.switchTo).endonym }), t('topic.retry'), buttons));
    }
    const { t } = s;
    if ((options.misses ?? 0) >= MISSES_BEFORE_HANDOFF) {
      const buttons = [
        { id: HANDOFF, title: t('handoff.action.handoff') },
        { id: ALL, title: t('understand.allTopics') }
      ];
      return step.prompt(DialogIds.buttons, buttonOptions(t('handoff.couldNotHelp'), t('topic.retry'), buttons));
    }
    if (options.outOfScope) await step.context.sendActivity(t('understand.outOfScope'));
    const shown = options.candidates ? this.content.topics.filter((topic) => options.candidates!.includes(topic.id)) : this.content.topics;
    const buttons: Button[] = shown.map((topic) => {
      const { text } = this.content.localize(topic.id, s.language);
      return { id: topic.id, title: `${topic.icon} ${text.title}`, synonyms: [text.title] };
    });
    if (options.candidates) buttons.push({ id: ALL, title: t('understand.allTopics') });
    const prompt = options.candidates ? t('understand.clarify') : options.another ? t('menu.another') : t('menu.prompt');
    return step.prompt(DialogIds.buttons, buttonOptions(prompt, t('menu.retry'), buttons, 'card'));
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as MenuDialogOptions;
    const choice = step.result.value as string;
    const s = session(step.context);
    switch (choice) {
      case SWITCH:
        await s.update({ language: options.switchTo });
        return this.again(step, { text: options.text, languageAsked: true, misses: options.misses });
      case KEEP:
        return this.again(step, { text: options.text, languageAsked: true, misses: options.misses });
      case ALL:
        return this.again(step, {});
      case HANDOFF:
        return step.beginDialog(DialogIds.handoff, {});
      case FREE_TEXT:
        // A new message at the language question is an answer of its own: keep the language, read it.
        if (options.switchTo) return this.understand(step, step.context.activity.text ?? '', { languageAsked: true, misses: options.misses });
        return this.understand(step, options.text ?? step.context.activity.text ?? '', options);
      default:
        return step.beginDialog(DialogIds.topic, { topic: choice });
    }
  }

  /** Routes a typed message: switch language, answer, clarify, or say what the bot can do. */
  private async understand(step: WaterfallStepContext, text: string, options: MenuDialogOptions): Promise<DialogTurnResult> {
    const s = session(step.context);
    const u = s.understand(text);
    const written = u.language?.language;
    const misses = options.misses ?? 0;
    if (!options.languageAsked && written && written !== s.language && u.language!.confidence >= SWITCH_CONFIDENCE) {
      return this.again(step, { text, switchTo: written, misses });
    }
    if (u.topic !== 'none' && u.confidence >= this.thresholds.answer) return step.beginDialog(DialogIds.topic, { topic: u.topic });
    if (u.topic !== 'none') {
      const candidates = u.candidates.filter((c) => c.p >= this.thresholds.clarify / 2).slice(0, 3).map((c) => c.label);
      return this.again(step, { candidates, misses });
    }
    return this.again(step, { outOfScope: true, misses: misses + 1 });
  }

  private async loop(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as TopicDialogResult | undefined;
    if (result?.action === 'handoff') return step.beginDialog(DialogIds.handoff, { topic: result.topic });
    if (result?.action === 'responsible') return step.beginDialog(DialogIds.responsibility);
    return this.again(step, result?.text !== undefined ? { text: result.text } : { another: true });
  }

  private async afterAction(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.again(step, { another: true });
  }

  /** Replaces the inner steps, not this component: that would nest a new menu inside the old one. */
  private again(step: WaterfallStepContext, options: MenuDialogOptions): Promise<DialogTurnResult> {
    return step.replaceDialog(DialogIds.menuSteps, options);
  }
}
