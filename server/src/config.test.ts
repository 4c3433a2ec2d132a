import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('starts in demo mode with defaults when NODE_ENV is not production', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ demoMode: true, port: 3000, sessionIdleMinutes: 15, sessionAbsoluteHours: 8 });
    expect(config.encryptionKey).toHaveLength(32);
  });

  it('names every setting production needs', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['ENCRYPTION_KEY', 'LOOKUP_KEY', 'PUBLIC_URL']) expect(problems).toContain(name);
    }
  });

  it('rejects a key that is not 32 bytes and a port out of range, naming them', () => {
    try {
      loadConfig({ ENCRYPTION_KEY: 'c2hvcnQ=', PORT: '70000' });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/ENCRYPTION_KEY/);
      expect(problems).toMatch(/PORT/);
    }
  });

  it('accepts a complete production configuration', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({ NODE_ENV: 'production', ENCRYPTION_KEY: key, LOOKUP_KEY: key, PUBLIC_URL: 'https://upptack.example.se' });
    expect(config.demoMode).toBe(false);
    expect(config.env).toBe('production');
  });

  it("limits a PostgreSQL server's connections by default: connect, statement, lock and idle-in-transaction timeouts", () => {
    expect(loadConfig({}).databaseTimeouts).toEqual({ connectMs: 5_000, statementMs: 30_000, lockMs: 10_000, idleInTransactionMs: 60_000 });
  });

  it('takes each database timeout from its setting, 0 turning it off', () => {
    const config = loadConfig({
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      DATABASE_STATEMENT_TIMEOUT_MS: '0',
      DATABASE_LOCK_TIMEOUT_MS: '500',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '120000',
    });
    expect(config.databaseTimeouts).toEqual({ connectMs: 2_000, statementMs: 0, lockMs: 500, idleInTransactionMs: 120_000 });
  });

  it('rejects a database timeout that is not whole milliseconds, too short to let healthy work finish, or over a day, naming it', () => {
    const cases: Array<[string, string]> = [
      ['DATABASE_CONNECT_TIMEOUT_MS', '5s'],
      ['DATABASE_STATEMENT_TIMEOUT_MS', '50'],
      ['DATABASE_LOCK_TIMEOUT_MS', '-1'],
      ['DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', '86400001'],
      ['DATABASE_STATEMENT_TIMEOUT_MS', '1500.5'],
    ];
    for (const [name, value] of cases) {
      try {
        loadConfig({ [name]: value });
        expect.unreachable(`${name}=${value} was accepted`);
      } catch (error) {
        expect(error, `${name}=${value}`).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems.join('\n')).toMatch(new RegExp(`^${name}: `, 'm'));
      }
    }
  });

  it("shifts a demo's clock to CLOCK_START, and refuses a shifted clock in production or a value that is no instant", () => {
    expect(loadConfig({ CLOCK_START: '2026-11-23T10:00:00+01:00' }).clockStart?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(loadConfig({}).clockStart).toBeUndefined();
    const key = Buffer.alloc(32, 7).toString('base64');
    const production = { NODE_ENV: 'production', ENCRYPTION_KEY: key, LOOKUP_KEY: key, PUBLIC_URL: 'https://upptack.example.se' };
    expect(() => loadConfig({ ...production, CLOCK_START: '2026-11-23T09:00:00Z' })).toThrow(/CLOCK_START: not allowed when NODE_ENV=production/);
    expect(() => loadConfig({ CLOCK_START: 'next monday' })).toThrow(/CLOCK_START: an ISO instant/);
  });

  it("takes the owner's DATABASE_MIGRATION_URL beside DATABASE_URL, and refuses it alone", () => {
    const urls = { DATABASE_URL: 'postgres://upptack_runtime@db/upptack', DATABASE_MIGRATION_URL: 'postgres://upptack_owner@db/upptack' };
    expect(loadConfig(urls).databaseMigrationUrl).toBe(urls.DATABASE_MIGRATION_URL);
    expect(() => loadConfig({ DATABASE_MIGRATION_URL: urls.DATABASE_MIGRATION_URL })).toThrow(/DATABASE_MIGRATION_URL: only with DATABASE_URL/);
  });

  it('serves metrics only when METRICS_PORT is set, on HOST unless METRICS_HOST says otherwise, and refuses a short token or the public port', () => {
    expect(loadConfig({}).metricsPort).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464', HOST: '0.0.0.0' })).toMatchObject({ metricsPort: 9464, metricsHost: '0.0.0.0', metricsToken: undefined });
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '127.0.0.1', METRICS_TOKEN: 'a'.repeat(32) })).toMatchObject({
      metricsHost: '127.0.0.1',
      metricsToken: 'a'.repeat(32),
    });
    expect(() => loadConfig({ METRICS_PORT: '9464', METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16/);
    expect(() => loadConfig({ METRICS_PORT: '3000', PORT: '3000' })).toThrow(/METRICS_PORT: must differ from PORT/);
  });
});
