import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Logger, pino } from 'pino';
import { type App, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

/** A temporary data directory, removed by `cleanup`. */
export function tempDir(prefix = 'ipbot-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Builds the real app exactly as production does (buildApp), on a temporary data directory.
 * `env` overrides settings, e.g. `{ CONTENT_DIR: fixture }`.
 */
export async function testApp(
  env: Record<string, string> = {},
  log: Logger = pino({ level: 'silent' })
): Promise<App & { dataDir: string; dispose: () => Promise<void> }> {
  const data = env.DATA_DIR ? { dir: env.DATA_DIR, cleanup: () => undefined } : tempDir();
  const config = loadConfig({ DATA_DIR: data.dir, LOG_LEVEL: 'silent', ...env });
  const app = await buildApp(config, { log });
  return {
    ...app,
    dataDir: data.dir,
    dispose: async () => {
      await app.close();
      data.cleanup();
    }
  };
}
