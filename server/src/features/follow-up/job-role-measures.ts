import { sql } from 'drizzle-orm';
import type { JobRole } from '#shared/auth/roles.ts';
import { arrayParameter, uuidArray } from '../../platform/db/array-parameter.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { unitMonthMeasure, type Measure } from '../../platform/measures/measure.ts';

/**
 * Staff denominators by job role (issue 20, ADR 0116, migration 0176): every person whose
 * membership in the unit has the job role on the month's last day, whether or not they recorded
 * anything. A stock: a quarter or a year reads its last month. Memberships are read in the
 * caller's organisation only (row-level security), so, like the competence measures, national
 * figures of them come from each agency's own reports.
 */

/** The last day of a month (YYYY-MM). */
export function monthEnd(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
}

/** Months from `from` to `to` inclusive (YYYY-MM). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = to.split('-').map(Number) as [number, number];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}

/** People holding the job role in each unit on each month's last day ([starts_on, ends_on), migration 0010). */
export async function staffOfJobRole(
  tx: Tx,
  range: { from: string; to: string },
  jobRole: JobRole,
): Promise<Array<{ unitId: string; month: string; value: number }>> {
  const ends = monthsBetween(range.from, range.to).map(monthEnd);
  if (ends.length === 0) return [];
  const rows = await queryRows<{ unit_id: string; month: string; value: number }>(
    tx,
    sql`with days as (select unnest(${arrayParameter(ends, 'date')}) as on_date)
        select m.unit_id::text as unit_id, to_char(days.on_date, 'YYYY-MM') as month, count(distinct m.user_id)::int as value
          from days join memberships m on m.starts_on <= days.on_date and (m.ends_on is null or m.ends_on > days.on_date)
         where m.job_role = ${jobRole}
         group by 1, 2`,
  );
  return rows.map((row) => ({ unitId: row.unit_id, month: row.month, value: Number(row.value) }));
}

async function unitTenants(tx: Tx, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await queryRows<{ id: string; tenant_id: string }>(tx, sql`select id::text, tenant_id::text from units where id = any (${uuidArray(unitIds)})`);
  return new Map(rows.map((row) => [row.id, row.tenant_id]));
}

export function jobRoleMeasures(): Measure[] {
  return [
    unitMonthMeasure({
      key: 'staff.caseworkers',
      label: { sv: 'Handläggare (yrkesroll) i enheten vid månadens slut', en: 'Caseworkers (job role) in the unit at the month’s end' },
      countsPersons: true,
      overTime: 'last',
      count: (tx, range) => staffOfJobRole(tx, range, 'caseworker'),
      tenantOf: unitTenants,
    }),
  ];
}
