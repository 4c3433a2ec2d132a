import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
import { createEncounter, type TestEncounter } from './builders.ts';

/**
 * Own-record limits on the parts of an encounter that change or are added (issue 16 item 8,
 * ADR 0086, migrations 0158 and 0180). Reading a referral or a note was held to the encounter's reach (0122), a
 * change only to the organisation: an UPDATE that forgot its condition changed a colleague's
 * referral (a child-at-risk report is one) or note. Runs on the embedded database and, with
 * DATABASE_URL, on PostgreSQL.
 */
describe('a change to a referral or a note reaches only the encounters the caller reaches', () => {
  let database: TestDatabase;
  let unit: TestUnit;
  let me: TestUser;
  let mine: TestEncounter;
  let theirs: TestEncounter;

  beforeAll(async () => {
    database = await createTestDatabase();
    unit = await createUnit(database);
    me = await createUser(database, { unit });
    const colleague = await createUser(database, { unit });
    mine = await createEncounter(database, { unit, createdBy: me.id, state: 'disclosed' });
    theirs = await createEncounter(database, { unit, createdBy: colleague.id, state: 'disclosed' });
    await database.system((tx) =>
      tx.execute(
        sql`insert into screening_notes (encounter_id, tenant_id, note_encrypted) values (${mine.id}, ${unit.tenantId}, 'v1.a'), (${theirs.id}, ${unit.tenantId}, 'v1.b')`,
      ),
    );
  });
  afterAll(() => database.close());

  /** Runs a statement as a caseworker (`own`) in the unit; no condition, no RETURNING (which would apply the read policies). */
  const asCaseworker = (statement: ReturnType<typeof sql>) =>
    database.transaction(
      {
        role: 'upptack_app',
        settings: {
          tenant_id: unit.tenantId,
          user_id: me.id,
          unit_id: unit.id,
          record_scopes: 'encounters.read=own;encounters.update=own',
          unit_scope: unit.id,
        },
      },
      (tx) => tx.execute(statement),
    );
  const encountersWhere = (statement: ReturnType<typeof sql>) =>
    database.system(async (tx) => (await queryRows<{ encounter_id: string }>(tx, statement)).map((row) => row.encounter_id).sort());

  it('an UPDATE of every referral changes only one’s own encounters’ (old schema: the colleague’s too)', async () => {
    await asCaseworker(sql`update screening_referrals set consent_withdrawn_at = app_now()`);
    expect(await encountersWhere(sql`select encounter_id from screening_referrals where consent_withdrawn_at is not null`)).toEqual([mine.id]);
  });

  it('an UPDATE of every note changes only one’s own encounters’ (old schema: the colleague’s too)', async () => {
    await asCaseworker(sql`update screening_notes set note_encrypted = 'v1.changed'`);
    expect(await encountersWhere(sql`select encounter_id from screening_notes where note_encrypted = 'v1.changed'`)).toEqual([mine.id]);
  });
});

/**
 * Migration 0180: inserting a part was held to the organisation only, so a caseworker's
 * transaction could add an answer, a form, a referral (a child-at-risk report is one), a handout
 * or a note to a colleague's encounter. Now only to an encounter the caller reaches; an encounter
 * and its parts written in one statement (as `insertEncounter` does) still pass.
 */
describe('a part is inserted only for an encounter the caller reaches', () => {
  let database: TestDatabase;
  let unit: TestUnit;
  let me: TestUser;
  let colleague: TestUser;
  let mine: TestEncounter;
  let theirs: TestEncounter;

  beforeAll(async () => {
    database = await createTestDatabase();
    unit = await createUnit(database);
    me = await createUser(database, { unit });
    colleague = await createUser(database, { unit });
    mine = await createEncounter(database, { unit, createdBy: me.id });
    theirs = await createEncounter(database, { unit, createdBy: colleague.id });
  });
  afterAll(() => database.close());

  const asCaseworker = (statement: ReturnType<typeof sql>) =>
    database.transaction(
      {
        role: 'upptack_app',
        settings: {
          tenant_id: unit.tenantId,
          user_id: me.id,
          unit_id: unit.id,
          record_scopes: 'encounters.create=own;encounters.read=own;encounters.update=own',
          unit_scope: unit.id,
        },
      },
      (tx) => tx.execute(statement),
    );
  /** 'inserted', or PostgreSQL's own message (Drizzle wraps it as the cause). */
  const outcome = (statement: Promise<unknown>) =>
    statement.then(
      () => 'inserted',
      (error: unknown) => String((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message),
    );
  const parts = (encounterId: string) =>
    [
      [
        'a form',
        sql`insert into screening_encounter_forms (encounter_id, tenant_id, kind, form) values (${encounterId}, ${unit.tenantId}, 'exposure', 'other')`,
      ],
      [
        'an answer',
        sql`insert into screening_answers (encounter_id, tenant_id, item_key, choice) values (${encounterId}, ${unit.tenantId}, 'reach_probe', 'yes')`,
      ],
      [
        'a child-at-risk report',
        sql`insert into screening_referrals (encounter_id, tenant_id, kind, target, status, report_type) values (${encounterId}, ${unit.tenantId}, 'report', 'social_services', 'planned', 'child_concern')`,
      ],
      [
        'a handout',
        sql`insert into screening_information (encounter_id, tenant_id, material, language, delivery) values (${encounterId}, ${unit.tenantId}, 'handout', 'sv', 'printed')`,
      ],
      ['a note', sql`insert into screening_notes (encounter_id, tenant_id, note_encrypted) values (${encounterId}, ${unit.tenantId}, 'v1.x')`],
    ] as const;
  const partsOf = (encounterId: string) =>
    database.system(async (tx) => {
      const rows = await queryRows<{ n: number }>(
        tx,
        sql`select ((select count(*) from screening_encounter_forms where encounter_id = ${encounterId} and form = 'other')
                  + (select count(*) from screening_answers where encounter_id = ${encounterId} and item_key = 'reach_probe')
                  + (select count(*) from screening_referrals where encounter_id = ${encounterId})
                  + (select count(*) from screening_information where encounter_id = ${encounterId})
                  + (select count(*) from screening_notes where encounter_id = ${encounterId}))::int as n`,
      );
      return rows[0]!.n;
    });

  it.each(['a form', 'an answer', 'a child-at-risk report', 'a handout', 'a note'].map((name, index) => [name, index] as const))(
    '%s is refused on a colleague’s encounter (old schema: inserted) and added to one’s own',
    async (_name, index) => {
      const before = await partsOf(theirs.id);
      expect(await outcome(asCaseworker(parts(theirs.id)[index]![1]))).toMatch(/row-level security/);
      expect(await partsOf(theirs.id)).toBe(before);
      const own = await partsOf(mine.id);
      await asCaseworker(parts(mine.id)[index]![1]);
      expect(await partsOf(mine.id)).toBe(own + 1);
    },
  );

  it('an encounter and its parts in one statement pass only when the encounter is the caller’s to record', async () => {
    const insertWithParts = (createdBy: string) => {
      const id = crypto.randomUUID();
      return {
        id,
        statement: sql`with e as (insert into screening_encounters (id, tenant_id, unit_id, created_by, process_id, routine_version_id, occurred_on, occurred_month,
                          channel, basis, interpreter, eligible, client_sex, client_age_band, status)
                        select ${id}::uuid, tenant_id, unit_id, ${createdBy}::uuid, process_id, routine_version_id, occurred_on, occurred_month,
                               channel, basis, interpreter, eligible, client_sex, client_age_band, 'open'
                          from screening_encounters where id = ${mine.id})
                  insert into screening_answers (encounter_id, tenant_id, item_key, choice) values (${id}, ${unit.tenantId}, 'reach_probe', 'yes')`,
      };
    };
    const own = insertWithParts(me.id);
    await asCaseworker(own.statement);
    expect(await partsOf(own.id)).toBe(1);
    const forged = insertWithParts(colleague.id);
    expect(await outcome(asCaseworker(forged.statement))).toMatch(/row-level security/);
    expect(await partsOf(forged.id)).toBe(0);
  });
});
