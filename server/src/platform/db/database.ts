import { sql, type SQL } from 'drizzle-orm';
import type { PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { Clock } from '../time/clock.ts';

/** A transaction handle: the only way feature code reaches the database. */
export type Tx = PgTransaction<PgQueryResultHKT>;

/**
 * Database roles the application switches to per transaction (ADR 0003). Both are created by the
 * first migration; neither owns a table, is a superuser or has BYPASSRLS, so row-level security
 * always applies to them.
 */
export type AppRole = 'upptack_app' | 'upptack_public';

/**
 * The role `system()` switches to (ADR 0081, migration 0095): it reads and writes every row through
 * the `*_system` policies but owns nothing, so it cannot change the schema or rewrite the audit
 * trail, and the runtime login role needs no more than membership to do the platform's maintenance.
 */
export const SYSTEM_ROLE = 'upptack_system';

/**
 * Who a transaction runs for. `settings` become transaction-local `app.*` settings that the
 * row-level policies read (e.g. `app.tenant_id`); policies deny when a setting is empty.
 */
export type AccessContext = {
  role: AppRole;
  settings: Readonly<Record<string, string>>;
};

export const ANONYMOUS: AccessContext = { role: 'upptack_public', settings: {} };

/** The application clock's "now" inside SQL (ADR 0019): use it wherever SQL needs the time. */
export const APP_NOW = sql`app_now()`;

export type DatabaseKind = 'embedded' | 'postgresql';

export type Database = {
  kind: DatabaseKind;
  /**
   * The one source of time (ADR 0019): every transaction hands its reading to the database as
   * `app.now`, which `app_now()` — column defaults, functions, queries — returns.
   */
  clock: Clock;
  /** The directory an embedded database writes to; absent in memory and on a PostgreSQL server. */
  dataDir?: string;
  /** Runs `work` in one transaction as a restricted role with the access context applied. */
  transaction<T>(access: AccessContext, work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction as the system role, across tenants (the `*_system` policies).
   * Only for seeding, background maintenance, authentication and the admin CLI — never for a
   * request's own data.
   */
  system<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Whether this database has the owner's connection, which migrations need: the embedded
   * database, DATABASE_MIGRATION_URL, or a DATABASE_URL naming the owner or a superuser.
   */
  canMigrate: boolean;
  /**
   * Runs `work` in one transaction as the owner with app.system on: the migrations' bookkeeping.
   * Fails with NoOwnerConnectionError without the owner's connection.
   */
  owner<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs a multi-statement SQL script in one transaction as the owner (migrations), like `owner`. */
  runScript(script: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The runtime connection pool right now (PostgreSQL only; the metrics read it). */
  poolStats?(): { total: number; idle: number; waiting: number; max: number };
};

/**
 * Owner work (migrations) at the clock's time, as one statement; see `app_is_system()`. The clock's
 * ISO string holds only [0-9TZ:.-], so it is safe inline (scripts take no parameters).
 */
export function ownerSettingsSql(clock: Clock): string {
  return `select set_config('app.system', 'on', true), set_config('app.now', '${clock.now().toISOString()}', true)`;
}

/** System work: the owner's settings, then the role drops to the system role, in one round trip. */
export function systemSettingsSql(clock: Clock): string {
  return `${ownerSettingsSql(clock)}, set_config('role', '${SYSTEM_ROLE}', true)`;
}

/** The database has no connection as its owner, so it cannot migrate (ADR 0081). */
export class NoOwnerConnectionError extends Error {
  constructor() {
    super(
      'DATABASE_URL names a role that is neither the database owner nor a superuser, and DATABASE_MIGRATION_URL is not set: ' +
        'migrations need the owner. Run `npm run admin -- migrate` with DATABASE_MIGRATION_URL naming the owner.',
    );
    this.name = 'NoOwnerConnectionError';
  }
}

/**
 * Applies the `app.*` settings and the role, all local to the current transaction, in one
 * statement: `set_config('role', …, true)` is `SET LOCAL ROLE`, and every request pays this round
 * trip (docs/benchmarks.md, screening writes). The role is set last, so the settings are applied
 * before the privileges drop.
 */
export async function applyAccess(tx: Tx, access: AccessContext, clock: Clock): Promise<void> {
  const entries = Object.entries(access.settings);
  for (const [key] of entries) {
    if (!/^[a-z_]+$/.test(key) || key === 'now') throw new Error(`Invalid access setting name: ${key}`);
  }
  const calls = entries.map(([key, value]) => sql`set_config(${`app.${key}`}, ${value}, true)`);
  calls.push(sql`set_config('app.now', ${clock.now().toISOString()}, true)`);
  // The role name comes from the closed AppRole union, never from input.
  calls.push(sql`set_config('role', ${access.role}, true)`);
  await tx.execute(sql`select ${sql.join(calls, sql`, `)}`);
}

/** Runs a query and returns its rows; the result shape differs between drivers. */
export async function queryRows<T extends Record<string, unknown>>(tx: Tx, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * The SQLSTATE of a database error anywhere in the cause chain (drivers and the ORM wrap it),
 * e.g. `23505` unique violation, `23503` foreign key violation, `42501` insufficient privilege.
 */
export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as Error & { cause?: unknown }).cause;
  }
  return undefined;
}

/** The constraint a database error names, when the driver reports it. */
export function sqlConstraint(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const constraint = (current as Error & { constraint?: unknown }).constraint;
    if (typeof constraint === 'string') return constraint;
    current = (current as Error & { cause?: unknown }).cause;
  }
  return undefined;
}
