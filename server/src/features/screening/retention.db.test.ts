import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { createDraft, createEncounter, type TestEncounter } from './builders.ts';
import { nextNightlyRun } from '../../platform/jobs/nightly.ts';
import { RETENTION_JOB, retentionCutoff } from './retention.ts';
import { screeningIdempotency, screeningSettings } from './schema.ts';

/**
 * Every count follow-up rolls up, by every dimension it rolls up by (docs/screening-data-dictionary.md).
 * Retention must leave each of them exactly as it was (ADR 0032).
 */
const ROLLUPS = [
  sql`select tenant_id, unit_id, process_id, routine_version_id, question_set_version_id, occurred_month, channel, basis, interpreter, eligible, client_sex,
             client_age_band, client_county_code, status, asking, not_asked_reason, outcome, children_in_household, child_at_risk, acute_danger, count(*)::int as n
        from screening_encounters group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 order by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20`,
  sql`select e.client_municipality_code, e.occurred_month, count(*)::int as n from screening_encounters e
        where not exists (select 1 from record_protections p where p.record_type = 'encounter' and p.record_id = e.id and p.protected_identity)
       group by 1, 2 order by 1, 2`,
  sql`select e.tenant_id, e.occurred_month, f.kind, f.form, count(*)::int as n from screening_encounter_forms f join screening_encounters e on e.id = f.encounter_id group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
  sql`select e.tenant_id, e.occurred_month, r.kind, r.target, r.status, r.report_type, r.consent_scope::text, count(*)::int as n
        from screening_referrals r join screening_encounters e on e.id = r.encounter_id group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7`,
  sql`select e.tenant_id, e.occurred_month, i.material, i.language, i.delivery, count(*)::int as n
        from screening_information i join screening_encounters e on e.id = i.encounter_id group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
];

describe('retention: anonymise or delete per agency on a schedule, without changing counts already rolled up', () => {
  let app: TestApp;
  let fk: TestUnit;
  let af: TestUnit;
  let caseworker: TestUser;
  const fkOld: TestEncounter[] = [];
  const fkKept: TestEncounter[] = [];
  let afOld: TestEncounter;
  let afKept: TestEncounter;

  const rollups = () => app.database.system(async (tx) => Promise.all(ROLLUPS.map((query) => queryRows(tx, query))));
  const encounterRow = async (id: string) =>
    (await app.database.system((tx) => queryRows<Record<string, unknown>>(tx, sql`select * from screening_encounters where id = ${id}`)))[0];
  const countOf = async (table: string, id: string) =>
    (
      await app.database.system((tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(table)} where encounter_id = ${id}`))
    )[0]!.n;

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-11-23T09:00:00Z' });
    fk = await createUnit(app.database, { organisation: 'FK' });
    af = await createUnit(app.database, { organisation: 'AF', municipalityCode: '1280' });
    caseworker = await createUser(app.database, { unit: fk });
    const colleague = await createUser(app.database, { unit: fk });
    const afCaseworker = await createUser(app.database, { unit: af });
    await app.database.system(async (tx) => {
      await tx.insert(screeningSettings).values({ tenantId: fk.tenantId, retentionMonths: 12, retentionAction: 'anonymise' });
      await tx.insert(screeningSettings).values({ tenantId: af.tenantId, retentionMonths: 6, retentionAction: 'delete' });
    });
    const make = (unit: TestUnit, occurredOn: string, partial: Partial<Parameters<typeof createEncounter>[1]> = {}) =>
      createEncounter(app.database, {
        unit,
        createdBy: caseworker.id,
        occurredOn,
        state: 'disclosed',
        caseReference: `REF-${crypto.randomUUID()}`,
        ...partial,
      });
    fkOld.push(await make(fk, '2025-09-15', { connectedUserIds: [colleague.id] }));
    fkOld.push(await make(fk, '2025-10-31', { protectedIdentity: true, municipalityCode: '2081' }));
    fkKept.push(await make(fk, '2025-11-01'));
    fkKept.push(await make(fk, '2026-10-01'));
    afOld = await make(af, '2026-04-30', { createdBy: afCaseworker.id, municipalityCode: '1280' });
    afKept = await make(af, '2026-05-01', { createdBy: afCaseworker.id, municipalityCode: '1280' });
    await app.database.system(async (tx) => {
      for (const encounter of [...fkOld, ...fkKept, afOld, afKept]) {
        await tx.execute(
          sql`insert into screening_answers (encounter_id, tenant_id, item_key, choice) values (${encounter.id}, ${encounter.tenantId}, 'exposure', 'yes')`,
        );
        await tx.execute(
          sql`insert into screening_notes (encounter_id, tenant_id, note_encrypted) values (${encounter.id}, ${encounter.tenantId}, 'v1.a.b.c.d')`,
        );
        await tx.execute(
          sql`insert into screening_information (encounter_id, tenant_id, material, language, delivery) values (${encounter.id}, ${encounter.tenantId}, 'handout', 'ar', 'printed')`,
        );
      }
    });
  });
  afterAll(() => app.close());

  it('computes when each agency’s encounters are due and when the job runs: 04:00 in Stockholm, also across a clock change', () => {
    expect(retentionCutoff(new Date('2026-11-23T09:00:00Z'), 12)).toBe('2025-11-01');
    expect(retentionCutoff(new Date('2026-01-05T09:00:00Z'), 3)).toBe('2025-10-01');
    expect(nextNightlyRun(new Date('2026-11-23T09:00:00Z')).toISOString()).toBe('2026-11-24T03:00:00.000Z');
    expect(nextNightlyRun(new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-29T02:00:00.000Z');
    expect(nextNightlyRun(new Date('2026-10-24T12:00:00Z')).toISOString()).toBe('2026-10-25T03:00:00.000Z');
  });

  /** How many times screening's retention ran during `work` (other nightly jobs fall due at 04:00 too). */
  const retentionRunsDuring = async (work: () => Promise<unknown>) => {
    const runs = async () =>
      (
        await app.database.system((tx) =>
          queryRows<{ n: number }>(tx, sql`select count(*)::int as n from jobs where kind = ${RETENTION_JOB} and status = 'succeeded'`),
        )
      )[0]!.n;
    const before = await runs();
    await work();
    return (await runs()) - before;
  };

  it('runs on the schedule with the fake clock, and leaves every rolled-up count as it was', async () => {
    await createDraft(app.database, { unit: fk, userId: caseworker.id }, { old: true });
    const fresh = await createDraft(app.database, { unit: fk, userId: caseworker.id }, { old: false });
    await app.database.system(async (tx) => {
      await tx.execute(sql`update screening_drafts set updated_at = '2026-11-15T09:00:00Z' where id <> ${fresh}`);
      await tx.execute(sql`update screening_drafts set updated_at = '2026-11-23T08:00:00Z' where id = ${fresh}`);
      await tx.insert(screeningIdempotency).values({
        tenantId: fk.tenantId,
        actorId: caseworker.id,
        key: 'old',
        operation: 'create',
        requestHash: 'x',
        encounterId: fkKept[0]!.id,
        statusCode: 201,
        createdAt: new Date('2026-11-22T08:00:00Z'),
      });
      await tx.insert(screeningIdempotency).values({
        tenantId: fk.tenantId,
        actorId: caseworker.id,
        key: 'new',
        operation: 'create',
        requestHash: 'y',
        encounterId: fkKept[0]!.id,
        statusCode: 201,
        createdAt: new Date('2026-11-23T08:00:00Z'),
      });
    });
    // AF's deleted month leaves the rollups; follow-up keeps what it rolled up before (ADR 0032). Compare the rest.
    const before = await rollups();

    expect(await app.jobs.runUntilIdle()).toBe(0);
    const queued = await app.database.system((tx) =>
      queryRows<{ run_after: Date | string }>(tx, sql`select run_after from jobs where kind = ${RETENTION_JOB} and status = 'queued'`),
    );
    expect(queued.map((job) => new Date(job.run_after).toISOString())).toEqual(['2026-11-24T03:00:00.000Z']);
    expect((await encounterRow(fkOld[0]!.id))!.anonymised_at).toBeNull();

    app.clock.set('2026-11-24T03:00:01Z');
    expect(await retentionRunsDuring(() => app.jobs.runUntilIdle())).toBe(1);
    const [job] = await app.database.system((tx) =>
      queryRows<{ result: unknown }>(tx, sql`select result from jobs where kind = ${RETENTION_JOB} and status = 'succeeded'`),
    );
    expect(job!.result).toEqual({ anonymised: 2, deleted: 1, drafts: 1, idempotencyKeys: 1 });

    const after = await rollups();
    const withoutAf = (sets: Array<Array<Record<string, unknown>>>) =>
      sets.map((rows) => rows.filter((row) => row.tenant_id !== af.tenantId && row.client_municipality_code !== '1280'));
    expect(withoutAf(after)).toEqual(withoutAf(before));
  });

  it('anonymises: the coded row stays, what ties it to a person or a day goes', async () => {
    for (const encounter of fkOld) {
      const row = (await encounterRow(encounter.id))!;
      expect(row).toMatchObject({
        case_reference_encrypted: null,
        case_reference_hash: null,
        created_by: null,
        occurred_on: null,
        outcome: 'disclosed',
        client_sex: 'female',
      });
      expect(row.anonymised_at).not.toBeNull();
      expect(await countOf('screening_answers', encounter.id)).toBe(0);
      expect(await countOf('screening_notes', encounter.id)).toBe(0);
      expect(await countOf('screening_encounter_forms', encounter.id)).toBe(1);
      expect(await countOf('screening_referrals', encounter.id)).toBe(1);
      expect(await countOf('screening_information', encounter.id)).toBe(1);
    }
    const [referral] = await app.database.system((tx) =>
      queryRows<Record<string, unknown>>(
        tx,
        sql`select consent_given_at, created_by, kind, status, consent_scope from screening_referrals where encounter_id = ${fkOld[0]!.id}`,
      ),
    );
    expect(referral).toMatchObject({ consent_given_at: null, created_by: null, kind: 'handover', status: 'agreed' });
    // The protected identity keeps its county only; nobody stays connected to an anonymised encounter.
    expect(await encounterRow(fkOld[1]!.id)).toMatchObject({ client_municipality_code: null, client_county_code: '20' });
    const [connections] = await app.database.system((tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from record_connections where record_id = ${fkOld[0]!.id}`),
    );
    expect(connections!.n).toBe(0);
    for (const encounter of fkKept) {
      expect((await encounterRow(encounter.id))!.anonymised_at).toBeNull();
      expect(await countOf('screening_answers', encounter.id)).toBe(1);
    }
  });

  it('deletes where the agency chose deletion, keeps what is within the period, and a second run changes nothing', async () => {
    expect(await encounterRow(afOld.id)).toBeUndefined();
    expect(await countOf('screening_referrals', afOld.id)).toBe(0);
    expect((await encounterRow(afKept.id))!.case_reference_hash).not.toBeNull();
    const events = await app.database.system((tx) =>
      queryRows<{ details: Record<string, unknown> }>(tx, sql`select details from audit_events where action = 'screening.retention' order by seq`),
    );
    expect(events.map((event) => event.details)).toEqual(
      expect.arrayContaining([
        { anonymised: 2, before: '2025-11-01' },
        { deleted: 1, before: '2026-05-01' },
      ]),
    );
    expect(events).toHaveLength(2);
    const before = await rollups();
    app.clock.set('2026-11-25T03:00:01Z');
    expect(await retentionRunsDuring(() => app.jobs.runUntilIdle())).toBe(1);
    expect(await rollups()).toEqual(before);
    const [latest] = await app.database.system((tx) =>
      queryRows<{ result: unknown }>(tx, sql`select result from jobs where kind = ${RETENTION_JOB} and status = 'succeeded' order by finished_at desc limit 1`),
    );
    // Only the idempotency key that has now passed its 24 hours goes.
    expect(latest!.result).toEqual({ anonymised: 0, deleted: 0, drafts: 0, idempotencyKeys: 1 });
  });
});
