import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
import { policyOffences } from '../../test-support/rls-catalogue.ts';
import { queryRows } from './database.ts';

/**
 * Issue 16 item 8, ADR 0086: row-level security read from PostgreSQL's catalogue. Every table of
 * every migration — also those added later — is held to the rules in `test-support/rls-catalogue.ts`:
 * no staff policy admits every row, every policy on a table with `tenant_id` names the
 * organisation (or the link's token), every table the restricted roles read has row-level
 * security. No role the request roles may become bypasses it; on a server, the runtime login cannot switch
 * to one either (`runtime-login.postgres.db.test.ts`).
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('row-level security in the catalogue', () => {
  it('no policy admits every row to staff, and every policy on a tenant table names the organisation', async () => {
    const offences = await database.owner((tx) => policyOffences(tx));
    expect(offences).toEqual([]);
  });

  it('fails for a tenant table with a permissive policy, a policy without the organisation, or no forced row-level security', async () => {
    await database.runScript(`
      create table probe_open (id integer primary key, tenant_id uuid not null references organisations (id));
      alter table probe_open enable row level security;
      alter table probe_open force row level security;
      create policy probe_open_tenant on probe_open to upptack_app using (true) with check (true);
      grant select on probe_open to upptack_app;

      create table probe_unnamed (id integer primary key, tenant_id uuid not null references organisations (id), unit_id uuid);
      alter table probe_unnamed enable row level security;
      alter table probe_unnamed force row level security;
      create policy probe_unnamed_unit on probe_unnamed to upptack_app using (unit_id = app_unit());

      create table probe_unforced (id integer primary key, tenant_id uuid not null references organisations (id));
      alter table probe_unforced enable row level security;
      create policy probe_unforced_tenant on probe_unforced to upptack_app using (tenant_id = app_tenant());

      create table probe_reference (code text primary key);
      grant select on probe_reference to upptack_app;
    `);
    const offences = (await database.owner((tx) => policyOffences(tx))).filter((o) => o.table.startsWith('probe_'));
    expect(offences).toEqual(
      expect.arrayContaining([
        { table: 'probe_open', policy: 'probe_open_tenant', offence: 'admits every row to staff (true)' },
        { table: 'probe_open', policy: 'probe_open_tenant', offence: 'does not name the organisation (app_tenant())' },
        { table: 'probe_unnamed', policy: 'probe_unnamed_unit', offence: 'does not name the organisation (app_tenant())' },
        { table: 'probe_unforced', policy: null, offence: 'has tenant_id but row-level security is not enabled and forced' },
        { table: 'probe_reference', policy: null, offence: 'restricted roles may read it but row-level security is not enabled and forced' },
      ]),
    );
    expect(offences).toHaveLength(5);
  });
});

describe('the runtime connection cannot leave row-level security', () => {
  it('no role the request or system roles may become is a superuser, has BYPASSRLS or owns a table', async () => {
    const reachable = await database.owner((tx) =>
      queryRows<{ from: string; role: string; rolsuper: boolean; rolbypassrls: boolean; owns: boolean }>(
        tx,
        sql`select f.rolname as from, r.rolname as role, r.rolsuper, r.rolbypassrls,
                   exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                            where n.nspname = 'public' and c.relowner = r.oid) as owns
              from pg_roles f cross join pg_roles r
             where f.rolname in ('upptack_app', 'upptack_public', 'upptack_system')
               and pg_has_role(f.oid, r.oid, 'member')
             order by 1, 2`,
      ),
    );
    expect(reachable).toEqual([
      { from: 'upptack_app', role: 'upptack_app', rolsuper: false, rolbypassrls: false, owns: false },
      { from: 'upptack_public', role: 'upptack_public', rolsuper: false, rolbypassrls: false, owns: false },
      { from: 'upptack_system', role: 'upptack_system', rolsuper: false, rolbypassrls: false, owns: false },
    ]);
  });
});
