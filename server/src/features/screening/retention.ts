import { sql } from 'drizzle-orm';
import { DRAFT_TTL_DAYS, type RetentionAction } from '#shared/contracts/screening.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { recordAudit, SYSTEM_SOURCE } from '../../platform/audit/audit.ts';
import { queryRows, type Database, type Tx } from '../../platform/db/database.ts';
import type { JobHandler, Schedule } from '../../platform/jobs/job-runner.ts';
import { nextNightlyRun } from '../../platform/jobs/nightly.ts';
import { ENCOUNTER_TYPE } from './encounter-record.ts';
import { DEFAULT_SETTINGS } from './content-service.ts';
import { uuidArray } from '../../platform/db/array-parameter.ts';

/**
 * Retention (ADR 0032). Each night, per agency, encounters whose month lies more than the agency's
 * retention period back are anonymised or deleted. The contract with follow-up: retention never
 * touches a column a rollup counts by, and never runs on a month that is still open for rollups
 * (at least three months back), so counts already rolled up never change:
 *  - anonymise (default): the coded row stays; what ties it to a person or a moment goes — case
 *    reference, notes, answers, the caseworker, the day (the month stays), exact times, the
 *    connected staff, and for a protected identity the municipality (the county stays).
 *  - delete: the encounter and everything hanging off it go; follow-up never decrements a rollup
 *    for a deletion (encounters are deleted by retention only) and never rebuilds a month past
 *    the retention horizon from rows.
 * Drafts expire after DRAFT_TTL_DAYS, idempotency keys after a day.
 */
export const RETENTION_JOB = 'screening.retention';
const BATCH = 500;
const IDEMPOTENCY_HOURS = 24;

export const retentionSchedule: Schedule = { kind: RETENTION_JOB, next: nextNightlyRun };

/** The first month that is kept: months before it are past the retention period. */
export function retentionCutoff(now: Date, months: number): string {
  const today = stockholmDate(now);
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

export type RetentionResult = { anonymised: number; deleted: number; drafts: number; idempotencyKeys: number };

async function dueIds(tx: Tx, tenantId: string, cutoff: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id from screening_encounters
         where tenant_id = ${tenantId} and anonymised_at is null and occurred_month < ${cutoff}::date
         order by occurred_month limit ${BATCH} for update`,
  );
  return rows.map((row) => row.id);
}

async function forgetAccess(tx: Tx, ids: string[]): Promise<void> {
  await tx.execute(sql`delete from record_connections where record_type = ${ENCOUNTER_TYPE} and record_id = any(${uuidArray(ids)})`);
  await tx.execute(sql`delete from break_glass_grants where record_type = ${ENCOUNTER_TYPE} and record_id = any(${uuidArray(ids)})`);
}

async function anonymise(tx: Tx, ids: string[], now: Date): Promise<void> {
  const list = uuidArray(ids);
  await tx.execute(sql`delete from screening_answers where encounter_id = any(${list})`);
  await tx.execute(sql`delete from screening_notes where encounter_id = any(${list})`);
  await forgetAccess(tx, ids);
  await tx.execute(sql`update screening_referrals r set consent_given_at = null, consent_withdrawn_at = null, completed_at = null, made_on = null, created_by = null,
      created_at = e.occurred_month::timestamptz
    from screening_encounters e where e.id = r.encounter_id and r.encounter_id = any(${list})`);
  await tx.execute(sql`update screening_information i set created_by = null, created_at = e.occurred_month::timestamptz
    from screening_encounters e where e.id = i.encounter_id and i.encounter_id = any(${list})`);
  // A protected identity keeps only its county (it counts at county level only, ADR 0010).
  await tx.execute(sql`update screening_encounters e set
      case_reference_encrypted = null, case_reference_hash = null, created_by = null, created_by_service_account = null, occurred_on = null,
      created_at = e.occurred_month::timestamptz,
      completed_at = case when e.completed_at is null then null else e.occurred_month::timestamptz end,
      client_municipality_code = case when exists (select 1 from record_protections p where p.record_type = ${ENCOUNTER_TYPE} and p.record_id = e.id and p.protected_identity)
                                      then null else e.client_municipality_code end,
      anonymised_at = ${now.toISOString()}::timestamptz
    where e.id = any(${list})`);
}

async function remove(tx: Tx, ids: string[]): Promise<void> {
  await forgetAccess(tx, ids);
  await tx.execute(sql`delete from record_protections where record_type = ${ENCOUNTER_TYPE} and record_id = any(${uuidArray(ids)})`);
  await tx.execute(sql`delete from screening_encounters where id = any(${uuidArray(ids)})`);
}

/** One pass of retention over every agency (idempotent: a second pass finds nothing). */
export async function runRetention(database: Database, now: Date): Promise<RetentionResult> {
  const result: RetentionResult = { anonymised: 0, deleted: 0, drafts: 0, idempotencyKeys: 0 };
  const agencies = await database.system((tx) =>
    queryRows<{ tenant_id: string; months: number; action: RetentionAction }>(
      tx,
      sql`select t.tenant_id, coalesce(s.retention_months, ${DEFAULT_SETTINGS.retentionMonths})::int as months,
                 coalesce(s.retention_action, ${DEFAULT_SETTINGS.retentionAction}) as action
            from (select distinct tenant_id from screening_encounters where anonymised_at is null) t
            left join screening_settings s on s.tenant_id = t.tenant_id`,
    ),
  );
  for (const agency of agencies) {
    const cutoff = retentionCutoff(now, agency.months);
    let count = 0;
    // Batches in their own transactions, so the embedded database's one connection is never held long.
    for (;;) {
      const done = await database.system(async (tx) => {
        const ids = await dueIds(tx, agency.tenant_id, cutoff);
        if (ids.length === 0) return 0;
        if (agency.action === 'delete') await remove(tx, ids);
        else await anonymise(tx, ids, now);
        return ids.length;
      });
      count += done;
      if (done < BATCH) break;
    }
    if (count === 0) continue;
    if (agency.action === 'delete') result.deleted += count;
    else result.anonymised += count;
    await database.system((tx) =>
      recordAudit(tx, 'system', SYSTEM_SOURCE, {
        action: 'screening.retention',
        recordTenantId: agency.tenant_id,
        details: { [agency.action === 'delete' ? 'deleted' : 'anonymised']: count, before: cutoff },
      }),
    );
  }
  await database.system(async (tx) => {
    const drafts = await queryRows<{ n: number }>(
      tx,
      sql`with gone as (delete from screening_drafts where updated_at < ${new Date(now.getTime() - DRAFT_TTL_DAYS * 86_400_000).toISOString()}::timestamptz returning 1)
          select count(*)::int as n from gone`,
    );
    const keys = await queryRows<{ n: number }>(
      tx,
      sql`with gone as (delete from screening_idempotency where created_at < ${new Date(now.getTime() - IDEMPOTENCY_HOURS * 3_600_000).toISOString()}::timestamptz returning 1)
          select count(*)::int as n from gone`,
    );
    result.drafts = drafts[0]?.n ?? 0;
    result.idempotencyKeys = keys[0]?.n ?? 0;
  });
  return result;
}

export function retentionJob(database: Database): JobHandler {
  return async (_job, context) => ({ result: await runRetention(database, context.clock.now()) });
}
