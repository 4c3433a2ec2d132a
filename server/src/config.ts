import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting the platform reads, parsed once at start-up. Documented in the README
 * ("Configuration"); a setting that is not here does not exist.
 */

const DEMO_KEY = 'demo-key-not-secret-demo-key-not-secret-0000';

const booleanSetting = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const base64Key = z.string().refine((value) => Buffer.from(value, 'base64').length === 32, {
  message: 'must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)',
});

/** Milliseconds, `0` = off. */
export type DatabaseTimeouts = {
  /** Opening a connection (pg's connectionTimeoutMillis). */
  connectMs: number;
  /** PostgreSQL's statement_timeout. */
  statementMs: number;
  /** PostgreSQL's lock_timeout. */
  lockMs: number;
  /** PostgreSQL's idle_in_transaction_session_timeout. */
  idleInTransactionMs: number;
};

/**
 * How long work waits for a PostgreSQL server (ADR 0080): long enough for healthy work on a loaded
 * server, short enough that a stuck server or a held lock frees the request, its connection and
 * its locks (503, try again) instead of holding them without end.
 */
export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 5_000, statementMs: 30_000, lockMs: 10_000, idleInTransactionMs: 60_000 };

/**
 * A database timeout in milliseconds: from 100 ms (less fails healthy work) to one day; `0` turns
 * it off, as in PostgreSQL itself.
 */
const timeoutSetting = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .refine((ms) => ms === 0 || (ms >= 100 && ms <= 86_400_000), { message: 'must be 0 (off) or 100 … 86400000 milliseconds' })
    .default(fallback);

const environmentSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_MIGRATION_URL: z.string().url().optional(),
  DATABASE_SYSTEM_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: timeoutSetting(DEFAULT_DATABASE_TIMEOUTS.connectMs),
  DATABASE_STATEMENT_TIMEOUT_MS: timeoutSetting(DEFAULT_DATABASE_TIMEOUTS.statementMs),
  DATABASE_LOCK_TIMEOUT_MS: timeoutSetting(DEFAULT_DATABASE_TIMEOUTS.lockMs),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: timeoutSetting(DEFAULT_DATABASE_TIMEOUTS.idleInTransactionMs),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: booleanSetting.default(false),
  ENCRYPTION_KEY: base64Key.optional(),
  ENCRYPTION_KEY_PREVIOUS: base64Key.optional(),
  LOOKUP_KEY: base64Key.optional(),
  QUICK_EXIT_URL: z.string().url().default('https://www.google.com/'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(8),
  BREAK_GLASS_MINUTES: z.coerce.number().int().min(5).max(480).default(30),
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(2).max(20).default(5),
  SUPPRESSION_DISPLAY: z.enum(['below', 'dash']).default('below'),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().email().optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  PUBLIC_WRITE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(300),
  EVENT_REGISTRATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).optional(),
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters (e.g. `openssl rand -hex 16`)' }).optional(),
  CLOCK_START: z.iso.datetime({ offset: true, message: 'an ISO instant, e.g. 2026-11-23T09:00:00Z' }).optional(),
});

export type Config = {
  env: 'production' | 'demo';
  demoMode: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The database owner, for migrations, when DATABASE_URL names the runtime role (ADR 0081). */
  databaseMigrationUrl: string | undefined;
  /** The system role's own login, for system work, when DATABASE_URL names the runtime role (ADR 0086). */
  databaseSystemUrl: string | undefined;
  databasePoolSize: number;
  /** Limits on a PostgreSQL server's connections (ADR 0080); the embedded database has none to apply. */
  databaseTimeouts: DatabaseTimeouts;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  publicUrl: string | undefined;
  trustProxy: boolean;
  encryptionKey: Buffer;
  encryptionKeyPrevious: Buffer | undefined;
  lookupKey: Buffer;
  quickExitUrl: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** How long a break-the-glass grant lasts (ADR 0014). */
  breakGlassMinutes: number;
  suppressionThreshold: number;
  /** Hidden small counts read "<5" (`below`) or "–" (`dash`); ADR 0050. */
  suppressionDisplay: 'below' | 'dash';
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  bodyLimitBytes: number;
  /** Anonymous writes (survey answers, registrations) one client address may make per 10 minutes. */
  publicWriteLimit: number;
  /** Days after an event ends that its registrants' names and email addresses are kept (ADR 0045). */
  eventRegistrationRetentionDays: number;
  /**
   * Demo only: the platform's clock starts at this instant and runs on from there (ADR 0019), so a
   * demo or the browser tests show one calendar on any date. Refused in production.
   */
  clockStart: Date | undefined;
  /** Prometheus metrics on this port (ADR 0089); undefined = off. */
  metricsPort: number | undefined;
  /** Where the metrics port listens; HOST unless set. */
  metricsHost: string;
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Settings production refuses to start without: demo defaults are not secrets. */
const REQUIRED_IN_PRODUCTION = ['ENCRYPTION_KEY', 'LOOKUP_KEY', 'PUBLIC_URL'] as const;

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.join('.')}: ${issue.message}`);
    }
  }
  const production = (environment.NODE_ENV ?? '') === 'production';
  if (production) {
    for (const name of REQUIRED_IN_PRODUCTION) {
      if (!environment[name]) problems.push(`${name}: required when NODE_ENV=production`);
    }
    if (environment.CLOCK_START) problems.push('CLOCK_START: not allowed when NODE_ENV=production (the clock is the system clock)');
  }
  if (environment.METRICS_PORT && environment.PORT && environment.METRICS_PORT === environment.PORT) {
    problems.push('METRICS_PORT: must differ from PORT (the metrics have a port of their own)');
  }
  if (environment.DATABASE_MIGRATION_URL && !environment.DATABASE_URL) {
    problems.push('DATABASE_MIGRATION_URL: only with DATABASE_URL (the embedded database migrates itself)');
  }
  if (environment.DATABASE_SYSTEM_URL && !environment.DATABASE_URL) {
    problems.push('DATABASE_SYSTEM_URL: only with DATABASE_URL (the embedded database has one user)');
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);

  const env = parsed.data;
  const demoKey = Buffer.from(DEMO_KEY).subarray(0, 32);
  return {
    env: production ? 'production' : 'demo',
    demoMode: !production,
    port: env.PORT,
    host: env.HOST,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    databaseMigrationUrl: env.DATABASE_MIGRATION_URL,
    databaseSystemUrl: env.DATABASE_SYSTEM_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    databaseTimeouts: {
      connectMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      lockMs: env.DATABASE_LOCK_TIMEOUT_MS,
      idleInTransactionMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    logLevel: env.LOG_LEVEL,
    publicUrl: env.PUBLIC_URL,
    trustProxy: env.TRUST_PROXY,
    encryptionKey: env.ENCRYPTION_KEY ? Buffer.from(env.ENCRYPTION_KEY, 'base64') : demoKey,
    encryptionKeyPrevious: env.ENCRYPTION_KEY_PREVIOUS ? Buffer.from(env.ENCRYPTION_KEY_PREVIOUS, 'base64') : undefined,
    lookupKey: env.LOOKUP_KEY ? Buffer.from(env.LOOKUP_KEY, 'base64') : Buffer.from(demoKey).reverse(),
    quickExitUrl: env.QUICK_EXIT_URL,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS,
    breakGlassMinutes: env.BREAK_GLASS_MINUTES,
    suppressionThreshold: env.SUPPRESSION_THRESHOLD,
    suppressionDisplay: env.SUPPRESSION_DISPLAY,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    publicWriteLimit: env.PUBLIC_WRITE_LIMIT,
    eventRegistrationRetentionDays: env.EVENT_REGISTRATION_RETENTION_DAYS,
    clockStart: env.CLOCK_START ? new Date(env.CLOCK_START) : undefined,
    metricsPort: env.METRICS_PORT,
    metricsHost: env.METRICS_HOST ?? env.HOST,
    metricsToken: env.METRICS_TOKEN,
  };
}

/** A configuration for tests and tools: demo mode, quiet, in-memory-friendly. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), ...overrides };
}
