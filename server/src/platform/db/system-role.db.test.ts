import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
import { queryRows, sqlState } from './database.ts';

/**
 * ADR 0081: `database.system()` works as `upptack_system`, which reads and writes rows across
 * tenants but is neither superuser nor owner — on PGlite, whose one user is a superuser, as on a
 * PostgreSQL server, where the suite logs in as `upptack_runtime`.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function systemFails(statement: SQL): Promise<string | undefined> {
  return database
    .system((tx) => tx.execute(statement))
    .then(
      () => undefined,
      (error: unknown) => sqlState(error),
    );
}

describe('the system role', () => {
  it('is what system() runs as: no superuser, no BYPASSRLS, owner of nothing', async () => {
    const [role] = await database.system((tx) =>
      queryRows<{ user: string; rolsuper: boolean; rolbypassrls: boolean; owns: number }>(
        tx,
        sql`select current_user as user, rolsuper, rolbypassrls,
                   (select count(*)::int from pg_class where relowner = r.oid) + (select count(*)::int from pg_proc where proowner = r.oid) as owns
              from pg_roles r where rolname = current_user`,
      ),
    );
    expect(role).toEqual({ user: 'upptack_system', rolsuper: false, rolbypassrls: false, owns: 0 });
  });

  it('cannot change the schema, a policy or a trigger', async () => {
    expect(await systemFails(sql`alter table organisations disable row level security`)).toBe('42501');
    expect(await systemFails(sql`alter table audit_events disable trigger audit_events_append_only`)).toBe('42501');
    expect(await systemFails(sql`create table system_made (id integer)`)).toBe('42501');
    expect(await systemFails(sql`drop policy organisations_system on organisations`)).toBe('42501');
  });

  it('cannot rewrite the audit trail or the migrations’ bookkeeping', async () => {
    expect(await systemFails(sql`delete from audit_events`)).toBe('42501');
    expect(await systemFails(sql`update audit_events set action = 'forged'`)).toBe('42501');
    expect(await systemFails(sql`truncate audit_events`)).toBe('42501');
    expect(await systemFails(sql`insert into schema_migrations (id, checksum) values ('9999_forged', 'x')`)).toBe('42501');
    expect(await systemFails(sql`delete from schema_migrations`)).toBe('42501');
  });

  it('reads and writes the rows of every other table, including those of later migrations (default privileges)', async () => {
    const missing = await database.owner((tx) =>
      queryRows<{ table: string; privilege: string }>(
        tx,
        sql`select c.relname as table, p.privilege
              from pg_class c
              join pg_namespace n on n.oid = c.relnamespace
             cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE']) as p(privilege)
             where n.nspname = 'public' and c.relkind in ('r', 'p', 'v')
               and not has_table_privilege('upptack_system', c.oid, p.privilege)
               and not (c.relname in ('audit_events', 'schema_migrations') and p.privilege <> 'SELECT')
             order by 1, 2`,
      ),
    );
    expect(missing).toEqual([]);
    await database.runScript('create table later_migration_table (id integer primary key);');
    await database.system((tx) => tx.execute(sql`insert into later_migration_table values (1)`));
    const [row] = await database.system((tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from later_migration_table`));
    expect(row?.n).toBe(1);
  });

  it('every SECURITY DEFINER function runs with app.system on: its owner may be no superuser, and FORCE row-level security holds the owner too', async () => {
    const functions = await database.owner((tx) =>
      queryRows<{ name: string }>(
        tx,
        sql`select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
             where n.nspname = 'public' and p.prosecdef and not coalesce(p.proconfig, '{}') @> array['app.system=on']
             order by 1`,
      ),
    );
    expect(functions).toEqual([]);
  });
});
