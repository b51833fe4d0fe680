import {
  ActivityHandler,
  ActivityTypes,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext
} from 'botbuilder';
import { type DialogState, DialogSet } from 'botbuilder-dialogs';
import type { i18n } from 'i18next';
import { DialogIds } from '../dialogs/dialogIds.js';
import type { FlowOptions, MainDialog } from '../dialogs/mainDialog.js';
import { Session } from '../dialogs/session.js';
import type { Store } from './store/store.js';
import type { Understander } from './understanding/index.js';

/**
 * The Bot Framework entry point: attaches the person's session, runs the main dialog and saves
 * the conversation state. No business logic lives here.
 */
export class IntegrationBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly store: Store,
    private readonly i18n: i18n,
    private readonly understander: Understander,
    mainDialog: MainDialog
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState).add(mainDialog);

    this.onMembersAdded(async (ctx, next) => {
      const joined = (ctx.activity.membersAdded ?? []).some((m) => m.id !== ctx.activity.recipient.id);
      if (joined) await this.begin(ctx, { greet: true });
      await next();
    });
    this.onMessage(async (ctx, next) => {
      await this.continue(ctx);
      await next();
    });
    this.onEvent(async (ctx, next) => {
      await this.continue(ctx);
      await next();
    });
  }

  override async run(ctx: TurnContext): Promise<void> {
    const session = await Session.attach(ctx, this.store, this.i18n, this.understander);
    // Every reply is labelled with the language it is written in. botbuilder copies the client's
    // locale onto replies; only a topic answer, whose text may be a fallback language, keeps its own.
    ctx.onSendActivities(async (_ctx, activities, next) => {
      for (const a of activities) {
        if (a.type === ActivityTypes.Message && !(a.channelData as { topic?: string } | undefined)?.topic) a.locale = session.language;
      }
      return next();
    });
    await super.run(ctx);
    await this.conversationState.saveChanges(ctx, false);
  }

  private async begin(ctx: TurnContext, options: FlowOptions): Promise<void> {
    const dc = await this.dialogs.createContext(ctx);
    await dc.cancelAllDialogs();
    await dc.beginDialog(DialogIds.main, options);
  }

  private async continue(ctx: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(ctx);
    const result = await dc.continueDialog();
    if (result.status === 'empty') await dc.beginDialog(DialogIds.main);
  }
}
