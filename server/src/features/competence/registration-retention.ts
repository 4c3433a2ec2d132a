import { sql } from 'drizzle-orm';
import { recordAudit, SYSTEM_SOURCE } from '../../platform/audit/audit.ts';
import { queryRows, type Database } from '../../platform/db/database.ts';
import type { JobHandler, Schedule } from '../../platform/jobs/job-runner.ts';
import { nextNightlyRun } from '../../platform/jobs/nightly.ts';

/**
 * Registrants' names and email addresses (ADR 0045): kept while the event needs them — the
 * attendance list, questions before the day — and erased nightly once the event ended more than
 * `EVENT_REGISTRATION_RETENTION_DAYS` ago. The registration stays with its organisation, kind,
 * municipality and attendance, so participation keeps counting; nothing else changes.
 */
export const REGISTRATION_RETENTION_JOB = 'competence.registration-retention';

export const registrationRetentionSchedule: Schedule = { kind: REGISTRATION_RETENTION_JOB, next: nextNightlyRun };

/** One pass (idempotent: a second finds nothing). Returns how many registrations were erased. */
export async function eraseRegistrantDetails(database: Database, now: Date, keptDays: number): Promise<number> {
  const endedBefore = new Date(now.getTime() - keptDays * 86_400_000).toISOString();
  const perOrganisation = await database.system((tx) =>
    queryRows<{ tenant_id: string; erased: number }>(
      tx,
      sql`with erased as (
            update event_registrations r set name = null, email = null, personal_data_erased_at = ${now.toISOString()}::timestamptz
              from competence_events e
             where e.id = r.event_id and r.personal_data_erased_at is null and e.ends_at < ${endedBefore}::timestamptz
            returning r.tenant_id
          )
          select tenant_id, count(*)::int as erased from erased group by tenant_id`,
    ),
  );
  for (const organisation of perOrganisation) {
    await database.system((tx) =>
      recordAudit(tx, 'system', SYSTEM_SOURCE, {
        action: 'events.registration_retention',
        recordTenantId: organisation.tenant_id,
        details: { erased: organisation.erased, endedBefore },
      }),
    );
  }
  return perOrganisation.reduce((sum, organisation) => sum + organisation.erased, 0);
}

export function registrationRetentionJob(database: Database, keptDays: number): JobHandler {
  return async (_job, context) => ({ result: { erased: await eraseRegistrantDetails(database, context.clock.now(), keptDays) } });
}
