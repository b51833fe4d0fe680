import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

/**
 * Starts the real bot (`src/index.ts`) in its own process on `port` and waits until /healthz
 * answers (at most 20 s). Returns the process and its base URL.
 */
export async function startBotProcess(
  port: number,
  env: Record<string, string>,
  stdio: 'ignore' | 'inherit' = 'ignore'
): Promise<{ bot: ChildProcess; base: string }> {
  const bot = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', stdio, stdio]
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { bot, base };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  bot.kill('SIGKILL');
  throw new Error('the bot did not start');
}
