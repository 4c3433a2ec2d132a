import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { queryRows, type Database } from './database.ts';

/**
 * Migrations are hand-written SQL and queries use Drizzle table definitions (ADR 0002): the two
 * must describe the same columns. Every table defined in a `schema.ts` / `*-schema.ts` module is
 * compared with the migrated database — names, types, nullability and defaults, both ways.
 */
const modules = import.meta.glob<Record<string, unknown>>(['/server/src/**/schema.ts', '/server/src/**/*-schema.ts'], { eager: true });

const tables = Object.entries(modules).flatMap(([file, exports]) =>
  Object.values(exports)
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => ({ file, config: getTableConfig(table) })),
);

/** Drizzle's SQL type names in the spelling of PostgreSQL's format_type(). */
function normaliseType(type: string): string {
  return type
    .replace(/^char\((\d+)\)/, 'character($1)')
    .replace(/^varchar\((\d+)\)/, 'character varying($1)')
    .replace(/^timestamp(\(\d+\))? with time zone/, 'timestamp$1 with time zone')
    .replace(/^timestamp$/, 'timestamp without time zone')
    .replace(/^serial$/, 'integer')
    .replace(/^bigserial$/, 'bigint');
}

type DbColumn = { table_name: string; column_name: string; type: string; not_null: boolean; has_default: boolean; identity: boolean };

describe('Drizzle table definitions match the migrated database', () => {
  let database: Database;
  let columns: Map<string, DbColumn>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const rows = await database.system((tx) =>
      queryRows<DbColumn>(
        tx,
        sql`select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type,
                   a.attnotnull as not_null, a.atthasdef as has_default, a.attidentity <> '' as identity
              from pg_attribute a
              join pg_class c on c.oid = a.attrelid
              join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`,
      ),
    );
    columns = new Map(rows.map((row) => [`${row.table_name}.${row.column_name}`, row]));
  });
  afterAll(() => database.close());

  it('finds the table definitions', () => {
    expect(tables.length).toBeGreaterThan(5);
  });

  it.each(tables.map((t) => [t.config.name, t] as const))('%s', (_name, { config }) => {
    const problems: string[] = [];
    const defined = new Set<string>();
    for (const column of config.columns) {
      defined.add(column.name);
      const actual = columns.get(`${config.name}.${column.name}`);
      if (!actual) {
        problems.push(`${column.name}: defined in Drizzle, missing in the database`);
        continue;
      }
      const expectedType = normaliseType(column.getSQLType());
      if (expectedType !== actual.type) problems.push(`${column.name}: Drizzle says ${expectedType}, the database ${actual.type}`);
      // Primary keys are NOT NULL in the database whether or not Drizzle says notNull.
      const notNull = column.notNull || column.primary;
      if (notNull !== actual.not_null) problems.push(`${column.name}: Drizzle says ${notNull ? 'not null' : 'nullable'}, the database the opposite`);
      const drizzleDefault = column.hasDefault || Boolean((column as { generatedIdentity?: unknown }).generatedIdentity);
      if (drizzleDefault && !(actual.has_default || actual.identity)) problems.push(`${column.name}: Drizzle expects a database default that does not exist`);
    }
    for (const [key, actual] of columns) {
      if (actual.table_name !== config.name || defined.has(actual.column_name)) continue;
      // A column Drizzle does not know is harmless unless an insert through Drizzle must fill it.
      if (actual.not_null && !actual.has_default && !actual.identity) problems.push(`${key}: NOT NULL without default, missing in Drizzle`);
    }
    expect(problems).toEqual([]);
  });
});
