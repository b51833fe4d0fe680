import { ActionTypes, CardFactory, InputHints } from 'botbuilder';
import {
  type Choice,
  ChoicePrompt,
  type FoundChoice,
  ListStyle,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator
} from 'botbuilder-dialogs';
import type { Activity, TurnContext } from 'botbuilder';
import { normalize } from '../src/understanding/normalize.js';

/** The value a free-text prompt returns for a typed message that is not a button. */
export const FREE_TEXT = '\u0000text';

/** A button: `id` is what comes back (`value.choice`), `title` is what the person sees. */
export interface Button {
  id: string;
  title: string;
  /** Other words a person may type for this button, in any language. */
  synonyms?: string[];
  /** Send `{ command: id }` instead of `{ choice: id }`, for global commands such as "menu". */
  command?: boolean;
}

/** Turns our buttons into botbuilder choices whose action carries the id in `value`. */
export function toChoices(buttons: Button[]): Choice[] {
  return buttons.map((b) => ({
    value: b.id,
    synonyms: b.synonyms,
    action: {
      type: ActionTypes.MessageBack,
      title: b.title,
      text: b.title,
      displayText: b.title,
      value: b.command ? { command: b.id } : { choice: b.id }
    }
  }));
}

/** Prompt options for a set of buttons, shown as suggested actions or as a card. */
export function buttonOptions(
  prompt: string | Partial<Activity>,
  retry: string,
  buttons: Button[],
  style: 'buttons' | 'card' = 'buttons'
): PromptOptions {
  return {
    prompt,
    retryPrompt: retry,
    choices: toChoices(buttons),
    style: style === 'card' ? ListStyle.heroCard : ListStyle.suggestedAction
  };
}

/**
 * A choice prompt that understands our buttons in all 12 languages: botbuilder's own recognizer
 * knows 9 cultures and reads only `text`. Recognises, in order: the id in `value`, a typed title
 * or synonym (case, accents and Arabic letter variants folded), a typed button number.
 */
export class ButtonPrompt extends ChoicePrompt {
  private readonly freeText: boolean;
  private readonly partial: boolean;

  /**
   * @param options.freeText accept any typed message that is not a button: the result's value is
   *   FREE_TEXT and the dialog reads the text from the activity.
   * @param options.partial a button word inside a longer message counts (default true); off
   *   where sentences name the options in passing ("I want to learn German" is no language choice).
   */
  constructor(dialogId: string, options: { freeText?: boolean; partial?: boolean; validator?: PromptValidator<FoundChoice> } = {}) {
    super(dialogId, options.validator);
    this.freeText = options.freeText ?? false;
    this.partial = options.partial ?? true;
  }

  /**
   * Sends the prompt with our buttons: botbuilder's hero card would drop each choice's action and
   * send the bare id, so the card is built here.
   */
  protected override async onPrompt(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
    isRetry: boolean
  ): Promise<void> {
    const base = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    const activity: Partial<Activity> = typeof base === 'string' || !base ? { type: 'message', text: base ?? '' } : { ...base };
    const actions = ((options.choices ?? []) as Choice[]).map((c) => c.action!);
    if (options.style === ListStyle.heroCard) activity.attachments = [CardFactory.heroCard('', undefined, actions)];
    else activity.suggestedActions = { actions, to: [] };
    activity.inputHint = InputHints.ExpectingInput;
    await context.sendActivity(activity);
  }

  protected override async onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions
  ): Promise<PromptRecognizerResult<FoundChoice>> {
    const choices = (options.choices ?? []) as Choice[];
    const index = recognizeButton(context.activity, choices, this.partial);
    if (index < 0 && this.freeText && context.activity.text?.trim()) {
      return { succeeded: true, value: { value: FREE_TEXT, index: -1, score: 0 } };
    }
    if (index < 0) return { succeeded: false };
    return { succeeded: true, value: { value: choices[index].value, index, score: 1 } };
  }
}

/** Index of the choice the activity picks, or -1: by id, by a typed title or synonym, by number, or (with `partial`) by a title inside the message. */
function recognizeButton(activity: Partial<Activity>, choices: Choice[], partial = true): number {
  const value = activity.value as { choice?: unknown; command?: unknown } | undefined;
  const id = value?.choice ?? value?.command;
  if (typeof id === 'string') {
    const byId = choices.findIndex((c) => c.value === id);
    if (byId >= 0) return byId;
  }
  const typed = normalize(activity.text ?? '');
  if (!typed) return -1;
  const words = (c: Choice) => [c.value, c.action?.title ?? '', ...(c.synonyms ?? [])].map((w) => normalize(String(w))).filter(Boolean);
  const exact = choices.findIndex((c) => words(c).includes(typed));
  if (exact >= 0) return exact;
  if (/^\d{1,2}$/.test(typed) && Number(typed) >= 1 && Number(typed) <= choices.length) return Number(typed) - 1;
  if (!partial) return -1;
  const padded = ` ${typed} `;
  const inside = choices
    .map((c, i) => (words(c).some((w) => padded.includes(` ${w} `)) ? i : -1))
    .filter((i) => i >= 0);
  return inside.length === 1 ? inside[0] : -1;
}
