import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { ContentError } from './content/repository.js';
import { LocaleError } from './i18n/i18n.js';
import { StoreLockedError } from './store/store.js';

/** Starts the bot: configuration → app → listen, and shuts down gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config);
  const url = await app.listen(config.PORT, config.HOST);
  app.log.info({ url, azure: Boolean(config.MicrosoftAppId) }, `Integration Point bot listening: open ${url.replace('0.0.0.0', 'localhost')}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      }
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  // Known start-up problems get a plain message; anything else is a bug and keeps its stack.
  const known = [ConfigError, ContentError, LocaleError, StoreLockedError].some((E) => err instanceof E);
  console.error(known ? `Cannot start: ${(err as Error).message}` : err);
  process.exit(1);
});
