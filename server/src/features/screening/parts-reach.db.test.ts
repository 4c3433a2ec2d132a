import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
import { createEncounter, type TestEncounter } from './builders.ts';

/**
 * Own-record limits on the parts of an encounter that change (issue 16 item 8, ADR 0086,
 * migration 0158). Reading a referral or a note was held to the encounter's reach (0122), a
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
