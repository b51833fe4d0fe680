import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  ConversationState,
  type Request as BotRequest,
  type Response as BotResponse,
  type TurnContext
} from 'botbuilder';
import { type DestinationStream, pino, type Logger } from 'pino';
import type { Server } from 'restify';
import { CommandRecognizer } from '../dialogs/globalCommands.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import { session } from '../dialogs/session.js';
import { IntegrationBot } from './bot.js';
import { StoreStorage } from './botStorage.js';
import { type Config, isAzureMode } from './config.js';
import { ContentRepository } from './content/repository.js';
import { DirectLine } from './directline/directLine.js';
import { createI18n } from './i18n/i18n.js';
import { checkLanguages, LANGUAGE_CODES, SOURCE_LANGUAGE } from './i18n/languages.js';
import type { i18n as I18n } from 'i18next';
import { createServer } from './server.js';
import { openLowdbStore } from './store/lowdbStore.js';
import type { Store } from './store/store.js';
import { createUnderstander } from './understanding/index.js';
import { WebAssets } from './web/web.js';
import { AccountFile } from './handoff/accounts.js';
import { registerHandoffApi } from './handoff/api.js';
import { EmailNotifier, type Notifier, Notifiers, WebhookNotifier } from './handoff/notify.js';
import { HandoffService } from './handoff/service.js';
import { HandoffDialog } from '../dialogs/handoffDialog.js';

/** The running application, built but not listening. */
export interface App {
  server: Server;
  handoffs: HandoffService;
  /** Runs the retention clock now (it also runs every hour). */
  expire(): Promise<unknown>;
  /** The bot itself, for tests that drive it through botbuilder's TestAdapter. */
  bot: IntegrationBot;
  store: Store;
  content: ContentRepository;
  log: Logger;
  /** Starts listening; resolves with the base URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting requests, finishes work in flight, flushes and unlocks the store. */
  close(): Promise<void>;
}

const HOUR = 3_600_000;

/**
 * The composition root: builds every object of the bot from the configuration. Tests build the
 * app through this function too, so they run the same wiring as production.
 */
export async function buildApp(config: Config, options: { log?: Logger; now?: () => Date } = {}): Promise<App> {
  const log = options.log ?? createLogger(config);
  checkLanguages();
  const i18n = createI18n(config.LOCALES_DIR);
  const content = ContentRepository.load(config.CONTENT_DIR);
  const store = await openLowdbStore({
    dataDir: config.DATA_DIR,
    stateTtlMs: config.STATE_TTL_HOURS * HOUR,
    profileTtlMs: config.PROFILE_TTL_DAYS * 24 * HOUR,
    now: options.now
  });

  const understander = createUnderstander(content, uiStrings(i18n));
  const conversationState = new ConversationState(new StoreStorage(store));
  const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  const notifiers: Notifier[] = [];
  if (config.SMTP_URL) notifiers.push(new EmailNotifier(config.SMTP_URL, config.HANDOFF_EMAIL_FROM, config.HANDOFF_EMAIL_TO!));
  if (config.HANDOFF_WEBHOOK_URL) notifiers.push(new WebhookNotifier(config.HANDOFF_WEBHOOK_URL));
  const handoffs = new HandoffService(
    store,
    new Notifiers(notifiers, (err, reference) => log.error({ err, reference }, 'handoff notice failed')),
    {
      retentionMs: config.HANDOFF_RETENTION_DAYS * 24 * HOUR,
      dashboardUrl: `${publicUrl}/api/handoffs`,
      staffT: (key, vars) => i18n.getFixedT(SOURCE_LANGUAGE)(key, vars),
      now: options.now
    }
  );
  const forget = async (ctx: TurnContext) => {
    await handoffs.deletePerson(session(ctx).userKey);
    await conversationState.delete(ctx);
    if (ctx.activity.channelId === 'directline') directLine.forgetHistory(ctx.activity.conversation.id);
  };
  const handoffDialog = new HandoffDialog(content, handoffs, { retentionDays: config.HANDOFF_RETENTION_DAYS, privacyUrl: `${publicUrl}/privacy` });
  const mainDialog = new MainDialog(content, new CommandRecognizer(i18n), understander.thresholds, handoffs, handoffDialog, forget);
  const bot = new IntegrationBot(conversationState, store, i18n, understander, mainDialog);
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(config as unknown as ConfigurationBotFrameworkAuthenticationOptions)
  );
  const onTurnError = async (ctx: TurnContext, error: Error) => {
    // The conversation id only: never message text or names.
    log.error({ err: error, conversation: ctx.activity.conversation?.id }, 'turn failed');
    let apology: string = i18n.getFixedT(SOURCE_LANGUAGE)('error.generic');
    try {
      apology = session(ctx).t('error.generic');
    } catch {
      // The error came before the session was attached: the apology stays in German.
    }
    await ctx.sendActivity(apology).catch(() => undefined);
    await conversationState.delete(ctx).catch(() => undefined);
  };
  adapter.onTurnError = onTurnError;
  // Direct Line turns come from this server, not from Azure: a local-mode adapter runs them, so no
  // Bot Framework token is expected and replies go to our own connector without an AAD token.
  const directLineAdapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  directLineAdapter.onTurnError = onTurnError;

  const server = createServer({ log, frameAncestors: config.FRAME_ANCESTORS });
  let baseUrl = '';
  const directLine = new DirectLine({
    secret: config.DIRECTLINE_SECRET,
    tokenTtlSeconds: config.DIRECTLINE_TOKEN_TTL,
    pageTokenRate: config.DIRECTLINE_TOKEN_RATE,
    deliver: (activity) => directLineAdapter.processActivityDirect('', activity as Activity, (ctx) => bot.run(ctx)),
    onError: (err, conversation) => log.error({ err, conversation }, 'direct line turn failed'),
    clientIp: (req) =>
      (config.TRUST_PROXY && String(req.headers['x-forwarded-for'] ?? '').split(',').pop()?.trim()) || (req.socket.remoteAddress ?? 'unknown')
  });
  directLine.register(server, { internalBaseUrl: () => baseUrl });
  directLine.attachWebSocket(server.server);

  server.post('/api/messages', async (req, res) => {
    const address = req.socket.remoteAddress ?? '';
    const local = address === '::1' || /^(::ffff:)?127\./.test(address);
    const serviceUrl = (req.body as { serviceUrl?: unknown } | undefined)?.serviceUrl;
    if (!isAzureMode(config) && !(local && !req.headers['x-forwarded-for'] && isLoopback(serviceUrl))) {
      // Without credentials nobody is authenticated: only a local emulator on this machine may talk
      // to us, so strangers can neither run turns as someone else nor make the bot post anywhere.
      res.send(401, { error: { code: 'Unauthorized', message: 'Bot Framework credentials are not configured' } });
      return;
    }
    await adapter.process(req as unknown as BotRequest, res as unknown as BotResponse, (ctx) => bot.run(ctx));
  });
  server.get('/healthz', (_req, res, next) => {
    res.send({ status: 'ok', version: VERSION, topics: content.topics.length, regions: content.regions.length });
    return next();
  });
  new WebAssets(i18n).register(server);
  registerHandoffApi(server, handoffs, new AccountFile(config.DATA_DIR));

  const expire = () => Promise.all([store.expire(), handoffs.expire()]);
  const runExpiry = () => void expire().catch((err: unknown) => log.error({ err }, 'expiry failed'));
  runExpiry(); // also at start: a bot that was down for weeks must not keep expired data
  const expiry = setInterval(runExpiry, HOUR);
  expiry.unref();

  return {
    server,
    handoffs,
    expire,
    bot,
    store,
    content,
    log,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const local = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
          baseUrl = `http://${local}:${address.port}`;
          resolve(baseUrl);
        });
      }),
    close: async () => {
      clearInterval(expiry);
      directLine.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeAllConnections?.();
      });
      await store.close();
    }
  };
}

/**
 * The production logger. Errors are logged by type, message, stack and codes only: an HTTP
 * client's error may carry the request body (a reply with a person's phone number), and that never
 * goes to a log. Nothing else logs message text, names or contact data.
 */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      serializers: {
        err: (e: Error & { code?: unknown; statusCode?: unknown }) => ({ type: e?.name, message: e?.message, stack: e?.stack, code: e?.code, statusCode: e?.statusCode })
      }
    },
    destination
  );
}

/** Every UI string per language, for language identification. */
function uiStrings(i18n: I18n) {
  return Object.fromEntries(LANGUAGE_CODES.map((lang) => [lang, i18n.getResourceBundle(lang, 'bot') as Record<string, string>]));
}

function isLoopback(serviceUrl: unknown): boolean {
  try {
    const host = new URL(String(serviceUrl)).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/** The version in package.json, for the health check and logs. */
export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
