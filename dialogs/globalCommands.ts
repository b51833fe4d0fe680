import type { Activity } from 'botbuilder';
import type { i18n } from 'i18next';
import { LANGUAGE_CODES } from '../src/i18n/languages.js';
import { normalize } from '../src/understanding/normalize.js';

export const COMMANDS = ['menu', 'language', 'help', 'restart', 'status', 'cancel', 'delete'] as const;
export type Command = (typeof COMMANDS)[number];

/**
 * Recognises the global commands in any of the 12 languages, whatever language the person chose:
 * a button's `value.command`, or a message that is just the command word ("menu", "Menü",
 * "القائمة", "/start"). Longer sentences are questions, not commands.
 */
export class CommandRecognizer {
  private readonly words = new Map<string, Command>();

  constructor(i18n: i18n) {
    for (const lang of LANGUAGE_CODES) {
      const t = i18n.getFixedT(lang);
      for (const command of COMMANDS) {
        // Each language lists its words in one string, separated by "|": the same keys everywhere.
        for (const word of t(`commands.${command}`).split('|')) {
          this.words.set(normalize(word), command);
        }
      }
    }
  }

  recognize(activity: Partial<Activity>): Command | undefined {
    const value = activity.value as { command?: unknown } | undefined;
    if (typeof value?.command === 'string' && (COMMANDS as readonly string[]).includes(value.command)) {
      return value.command as Command;
    }
    if (activity.type !== 'message' || !activity.text) return undefined;
    return this.words.get(normalize(activity.text));
  }
}
