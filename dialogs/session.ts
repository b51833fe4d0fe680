import type { TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import { fixedT, type TFunction } from '../src/i18n/i18n.js';
import { type LanguageCode, matchLocale, SOURCE_LANGUAGE } from '../src/i18n/languages.js';
import type { Profile, Store } from '../src/store/store.js';
import type { Understander, Understanding } from '../src/understanding/index.js';

const SESSION = Symbol('session');
const DAY = 24 * 3_600_000;

/**
 * What one turn knows about the person: their stored profile and a translation function fixed
 * to their language. Created by the bot at the start of each turn and read by the dialogs.
 */
export class Session {
  private current: TFunction;
  private understood = new Map<string, Understanding>();

  constructor(
    readonly userKey: string,
    private stored: Profile,
    /** The language the client suggests (`activity.locale`), used until the person chooses. */
    private readonly suggested: LanguageCode | undefined,
    private readonly i18n: i18n,
    private readonly store: Pick<Store, 'saveProfile'>,
    private readonly understander: Understander
  ) {
    this.current = fixedT(i18n, this.language);
  }

  get profile(): Readonly<Profile> {
    return this.stored;
  }

  /** The person's chosen language, else the client's suggestion, else German. */
  get language(): LanguageCode {
    return this.stored.language ?? this.suggested ?? SOURCE_LANGUAGE;
  }

  get t(): TFunction {
    return this.current;
  }

  /** The translation function of another language (for the language chooser). */
  tFor(lang: LanguageCode): TFunction {
    return fixedT(this.i18n, lang);
  }

  /** What the bot understands of a message; computed once per text and turn. */
  understand(text: string): Understanding {
    let found = this.understood.get(text);
    if (!found) this.understood.set(text, (found = this.understander.understand(text)));
    return found;
  }

  /** Stores a change to the profile durably and switches `t` when the language changed. */
  async update(change: Omit<Profile, 'updatedAt'>): Promise<void> {
    this.stored = { ...this.stored, ...change, updatedAt: new Date().toISOString() };
    await this.store.saveProfile(this.userKey, this.stored);
    this.current = fixedT(this.i18n, this.language);
  }

  /** Builds the session for a turn and attaches it to the turn context. */
  static async attach(ctx: TurnContext, store: Store, i18n: i18n, understander: Understander): Promise<Session> {
    const userKey = `${ctx.activity.channelId}:${ctx.activity.from?.id ?? 'anonymous'}`;
    const profile = (await store.getProfile(userKey)) ?? {};
    // A person who keeps using the bot keeps their profile: retention counts idle days.
    if (profile.updatedAt && Date.now() - Date.parse(profile.updatedAt) > DAY) await store.saveProfile(userKey, profile);
    const session = new Session(userKey, profile, matchLocale(ctx.activity.locale), i18n, store, understander);
    ctx.turnState.set(SESSION, session);
    return session;
  }
}

/** The session of the current turn. */
export function session(ctx: TurnContext): Session {
  const found = ctx.turnState.get(SESSION) as Session | undefined;
  if (!found) throw new Error('No session on this turn: the bot must call Session.attach first');
  return found;
}
