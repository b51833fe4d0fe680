import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * The only reader of `process.env`. Every setting, its default and its meaning is listed here and
 * in the README; a bad value stops the start with a message that names the variable.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  CONTENT_DIR: z.string().min(1).default('./content'),
  LOCALES_DIR: z.string().min(1).default('./locales'),
  /** Direct Line secret for server-side clients; random per process when unset. */
  DIRECTLINE_SECRET: z.string().min(16).optional(),
  /** Lifetime of a Direct Line token, in seconds; the official client refreshes every 15 minutes. */
  DIRECTLINE_TOKEN_TTL: z.coerce.number().int().min(1200).max(86400).default(1800),
  /** Page token requests allowed per client IP and minute. */
  DIRECTLINE_TOKEN_RATE: z.coerce.number().int().min(1).default(10),
  /** Idle conversation state (dialog stacks) is removed after this many hours. */
  STATE_TTL_HOURS: z.coerce.number().positive().default(72),
  /** A person's stored language and region are removed after this many idle days. */
  PROFILE_TTL_DAYS: z.coerce.number().positive().default(180),
  /** Behind a reverse proxy: take the client address from the last X-Forwarded-For entry. */
  TRUST_PROXY: z.stringbool().default(false),
  /** Who may embed the web chat in a frame (CSP frame-ancestors). */
  FRAME_ANCESTORS: z.string().default("'self'"),
  /** The address people and caseworkers reach the bot at; used in links (privacy notice, dashboard). */
  PUBLIC_URL: z.url().optional(),
  /** Days a finished (or abandoned) handoff request is kept before its personal data is removed. */
  HANDOFF_RETENTION_DAYS: z.coerce.number().positive().default(30),
  /** SMTP server for new-request notices, e.g. smtp://user:pass@mail.example:587; off when unset. */
  SMTP_URL: z.string().optional(),
  HANDOFF_EMAIL_FROM: z.string().default('integration-point-bot@localhost'),
  /** Where notices go (one address or a comma-separated list); required with SMTP_URL. */
  HANDOFF_EMAIL_TO: z.string().optional(),
  /** A webhook that receives new-request notices as JSON; off when unset. */
  HANDOFF_WEBHOOK_URL: z.url().optional(),
  /** The development set that `npm run eval` scores (never used for training). */
  DEV_SET: z.string().default('../shared/eval/dev-utterances.jsonl'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: z.string().optional()
});

export type Config = z.infer<typeof schema> & { DIRECTLINE_SECRET: string };

/** Thrown for an invalid environment; the message lists every bad variable. */
export class ConfigError extends Error {}

/** Reads and validates the configuration from an environment (defaults to `process.env`). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema
    .refine((c) => !c.SMTP_URL || c.HANDOFF_EMAIL_TO, { message: 'HANDOFF_EMAIL_TO is required when SMTP_URL is set', path: ['HANDOFF_EMAIL_TO'] })
    .safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, DIRECTLINE_SECRET: parsed.data.DIRECTLINE_SECRET ?? randomBytes(32).toString('base64url') };
}

/** True when Bot Framework credentials are set, i.e. the bot talks to Azure Bot Service. */
export function isAzureMode(config: Config): boolean {
  return Boolean(config.MicrosoftAppId);
}
