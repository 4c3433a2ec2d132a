import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
import { policyOffences, reachOffences } from '../../test-support/rls-catalogue.ts';
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

  it('every table of individual-level records, and every part of one, holds its own-record and own-unit reach in policies (old schema: a referral or a note changed, and any part inserted, by anyone of the organisation)', async () => {
    const offences = await database.owner((tx) => reachOffences(tx));
    expect(offences).toEqual([]);
  });

  it('fails for a new table of individual-level records, or a new part of an encounter, without a reach policy', async () => {
    await database.runScript(`
      create table reachprobe_record (id uuid primary key, tenant_id uuid not null references organisations (id), created_by uuid);
      alter table reachprobe_record enable row level security;
      alter table reachprobe_record force row level security;
      create policy reachprobe_record_tenant on reachprobe_record to upptack_app
        using (tenant_id = app_tenant() and app_may_open('reachprobe', id)) with check (tenant_id = app_tenant());
      grant select on reachprobe_record to upptack_app;

      create table reachprobe_part (id uuid primary key, tenant_id uuid not null, encounter_id uuid not null,
        foreign key (encounter_id, tenant_id) references screening_encounters (id, tenant_id));
      alter table reachprobe_part enable row level security;
      alter table reachprobe_part force row level security;
      create policy reachprobe_part_tenant on reachprobe_part to upptack_app
        using (tenant_id = app_tenant() and app_may_open('encounter', encounter_id)) with check (tenant_id = app_tenant());
      create policy reachprobe_part_reach on reachprobe_part as restrictive for select to upptack_app
        using (exists (select 1 from screening_encounters e where e.id = reachprobe_part.encounter_id));
      grant select, insert, update, delete on reachprobe_part to upptack_app;

      -- A part whose only restrictive policy for insert reads nothing of the encounter.
      create table reachprobe_part_insert (id uuid primary key, tenant_id uuid not null, encounter_id uuid not null,
        foreign key (encounter_id, tenant_id) references screening_encounters (id, tenant_id));
      alter table reachprobe_part_insert enable row level security;
      alter table reachprobe_part_insert force row level security;
      create policy reachprobe_part_insert_tenant on reachprobe_part_insert to upptack_app
        using (tenant_id = app_tenant() and app_may_open('encounter', encounter_id)) with check (tenant_id = app_tenant());
      create policy reachprobe_part_insert_reach on reachprobe_part_insert as restrictive for select to upptack_app
        using (exists (select 1 from screening_encounters e where e.id = reachprobe_part_insert.encounter_id));
      create policy reachprobe_part_insert_open on reachprobe_part_insert as restrictive for insert to upptack_app
        with check (tenant_id = app_tenant());
      grant select, insert on reachprobe_part_insert to upptack_app;
    `);
    const offences = (await database.owner((tx) => reachOffences(tx))).filter((o) => o.table.startsWith('reachprobe_'));
    expect(offences.map((o) => [o.table, o.offence])).toEqual([
      ['reachprobe_record', "holds individual-level records but no restrictive policy holds SELECT to the user's reach (app_record_reach())"],
      ['reachprobe_record', "holds individual-level records but no restrictive policy holds INSERT to the user's reach (app_record_reach())"],
      ['reachprobe_record', "holds individual-level records but no restrictive policy holds UPDATE to the user's reach (app_record_reach())"],
      ['reachprobe_record', "holds individual-level records but no restrictive policy holds DELETE to the user's reach (app_record_reach())"],
      ['reachprobe_part', "holds part of screening_encounters but no restrictive policy holds INSERT to the record's reach"],
      ['reachprobe_part', "holds part of screening_encounters but no restrictive policy holds UPDATE to the record's reach"],
      ['reachprobe_part', "holds part of screening_encounters but no restrictive policy holds DELETE to the record's reach"],
      ['reachprobe_part_insert', "holds part of screening_encounters but no restrictive policy holds INSERT to the record's reach"],
    ]);
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
