import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { queryRows, type Database } from './database.ts';
import { loadMigrations, migrate, MigrationStateError, type Migration } from './migrator.ts';

/**
 * The migrator's promises (ADR 0002), on PGlite and — with DATABASE_URL — on PostgreSQL 15:
 * forward-only, refusing a database from a newer or a different version, all-or-nothing per file.
 */
function migration(id: string, script: string): Migration {
  return { id, script, checksum: `test-${id}-${script.length}` };
}

async function tableExists(database: Database, name: string): Promise<boolean> {
  const [row] = await database.system((tx) => queryRows<{ found: string | null }>(tx, sql`select to_regclass(${name})::text as found`));
  return row?.found !== null && row?.found !== undefined;
}

async function appliedIds(database: Database): Promise<string[]> {
  const rows = await database.system((tx) => queryRows<{ id: string }>(tx, sql`select id from schema_migrations order by id`));
  return rows.map((row) => row.id);
}

describe('migrations', () => {
  let database: Database;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.close());

  it('has applied every migration in the repository, and a second run applies nothing', async () => {
    expect(await appliedIds(database)).toEqual(loadMigrations().map((m) => m.id));
    expect(await migrate(database)).toEqual([]);
  });

  it('refuses a database that has a migration this code does not know, naming it', async () => {
    await database.owner((tx) => tx.execute(sql`insert into schema_migrations (id, checksum) values ('9999_from_a_newer_version', 'x')`));
    const attempt = migrate(database);
    await expect(attempt).rejects.toThrow(MigrationStateError);
    await expect(attempt).rejects.toThrow(/9999_from_a_newer_version.*newer version/);
  });

  it('refuses a database where an applied migration was edited afterwards', async () => {
    const edited = loadMigrations().map((m, index) => (index === 0 ? { ...m, script: `${m.script}\n-- edited`, checksum: 'edited' } : m));
    const attempt = migrate(database, edited);
    await expect(attempt).rejects.toThrow(MigrationStateError);
    await expect(attempt).rejects.toThrow(new RegExp(`${edited[0]!.id} was changed after it was applied`));
  });

  it('applies nothing of a migration that fails half-way, and keeps the ones before it', async () => {
    const pending = [
      ...loadMigrations(),
      migration('9001_fine', 'create table test_fine (id integer primary key);'),
      migration(
        '9002_broken',
        `create table test_half_applied (id integer);
         insert into test_half_applied values (1);
         alter table test_fine add column extra text;
         select 1 / 0;`,
      ),
    ];
    await expect(migrate(database, pending)).rejects.toThrow(/division by zero/);
    expect(await tableExists(database, 'test_fine')).toBe(true);
    expect(await tableExists(database, 'test_half_applied')).toBe(false);
    const columns = await database.system((tx) =>
      queryRows<{ column_name: string }>(tx, sql`select column_name from information_schema.columns where table_name = 'test_fine'`),
    );
    expect(columns.map((c) => c.column_name)).toEqual(['id']);
    expect(await appliedIds(database)).toContain('9001_fine');
    expect(await appliedIds(database)).not.toContain('9002_broken');
    // The database still works, and the fixed migration applies on the next start.
    const fixed = [...pending.slice(0, -1), migration('9002_broken', 'create table test_half_applied (id integer);')];
    expect(await migrate(database, fixed)).toEqual(['9002_broken']);
    expect(await tableExists(database, 'test_half_applied')).toBe(true);
  });

  it('lets several start-ups migrate the same database at once: each migration is applied once', async () => {
    const pending = [...loadMigrations(), migration('9101_a', 'create table test_a (id integer);'), migration('9102_b', 'create table test_b (id integer);')];
    const results = await Promise.all([migrate(database, pending), migrate(database, pending), migrate(database, pending)]);
    expect(results.flat().sort()).toEqual(['9101_a', '9102_b']);
    expect((await appliedIds(database)).filter((id) => id.startsWith('91'))).toEqual(['9101_a', '9102_b']);
    expect(await tableExists(database, 'test_a')).toBe(true);
  });

  it('does not mistake a unique violation inside a migration for one applied meanwhile', async () => {
    const pending = [...loadMigrations(), migration('9201_duplicate', "insert into counties (code, name) values ('01', 'Stockholms län igen');")];
    await expect(migrate(database, pending)).rejects.toThrow(/duplicate key/);
    expect(await appliedIds(database)).not.toContain('9201_duplicate');
  });
});

describe('migration files', () => {
  it('are named NNNN_name.sql with unique numbers', () => {
    const numbers = loadMigrations().map((m) => m.id.slice(0, 4));
    expect(numbers.length).toBeGreaterThan(0);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
