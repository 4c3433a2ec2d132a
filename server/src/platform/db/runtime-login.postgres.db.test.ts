import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
import { queryRows, sqlState } from './database.ts';

/**
 * Issue 16 item 8, ADR 0086, on a PostgreSQL server only (the db suite's PostgreSQL run includes
 * `*.postgres.db.test.ts`; vitest.config.ts). SET ROLE is checked against the session's login, not
 * the current role: PGlite's one login is a superuser, so on the embedded database a statement
 * inside the process reaches any role and the boundary exists only on a server, where the app logs
 * in as upptack_runtime.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('on a server, the runtime connection cannot leave row-level security', () => {
  /** Runs `statement` in a request's transaction (as upptack_app); the SQLSTATE it fails with, if it does. */
  async function inRequest(statement: string): Promise<string | undefined> {
    return database
      .transaction({ role: 'upptack_app', settings: {} }, (tx) => tx.execute(sql.raw(statement)))
      .then(
        () => undefined,
        (error: unknown) => sqlState(error),
      );
  }

  it('a request cannot SET ROLE to the system role, the owner or any role that bypasses row-level security', async () => {
    const targets = await database.owner((tx) =>
      queryRows<{ role: string }>(
        tx,
        sql`select rolname as role from pg_roles
             where rolname in ('upptack_system', 'upptack_owner', current_user)
                or rolsuper or rolbypassrls
                or exists (select 1 from pg_class c where c.relowner = pg_roles.oid and c.relnamespace = 'public'::regnamespace)
             order by 1`,
      ),
    );
    // Its own login (upptack_runtime) is what RESET ROLE gives, tested below.
    expect(targets.map((t) => t.role)).toEqual(expect.arrayContaining(['postgres', 'upptack_owner', 'upptack_system']));
    for (const { role } of targets) {
      expect(await inRequest(`set local role ${role.replace(/"/g, '""').replace(/^|$/g, '"')}`), role).toBe('42501');
    }
  });

  it('RESET ROLE leaves the runtime login, which reaches no row and may switch to nothing but the request roles', async () => {
    const [login] = await database.transaction({ role: 'upptack_app', settings: {} }, async (tx) => {
      await tx.execute(sql`reset role`);
      await tx.execute(sql`select set_config('app.system', 'on', true)`);
      return queryRows<{ user: string; rolsuper: boolean; rolbypassrls: boolean; system: boolean; owner: boolean }>(
        tx,
        sql`select current_user as user, rolsuper, rolbypassrls,
                     pg_has_role(current_user, 'upptack_system', 'member') as system,
                     pg_has_role(current_user, (select datdba from pg_database where datname = current_database()), 'member') as owner
                from pg_roles where rolname = current_user`,
      );
    });
    expect(login).toEqual({ user: 'upptack_runtime', rolsuper: false, rolbypassrls: false, system: false, owner: false });
    for (const statement of [
      'reset role; select * from screening_encounters limit 1',
      'reset role; set role upptack_system',
      'reset role; set role upptack_owner',
    ]) {
      const state = await database.transaction({ role: 'upptack_app', settings: {} }, async (tx) => {
        await tx.execute(sql`reset role`);
        return tx.execute(sql.raw(statement.replace('reset role; ', ''))).then(
          () => undefined,
          (error: unknown) => sqlState(error),
        );
      });
      expect(state, statement).toBe('42501');
    }
  });
});
