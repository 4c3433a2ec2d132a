import { sql, type SQL } from 'drizzle-orm';
import type { Role } from '#shared/auth/roles.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { arrayParameter, textArray, uuidArray } from '../../platform/db/array-parameter.ts';

/**
 * Counts of staff trained and of supervision held, per unit and month — the numbers the
 * follow-up feature (issue 7) turns into indicators ("share of caseworkers trained", "supervision
 * held"), and the report of shares against requirements here. Plain functions over the caller's
 * transaction: row-level security limits them to the caller's organisation. Documented in
 * docs/competence.md.
 *
 * **Staff** on a day = distinct people with a membership (role in a unit) that has started and
 * not ended on that day (memberships of migration 0003). A person who left keeps their
 * completions, but counts in no unit after the membership's end; a person who moved counts in the
 * old unit until the move and in the new one after. **Trained** = staff with a *confirmed*
 * completion of the course on or before that day (a self-recorded one waits for a manager).
 */

export type Month = `${number}-${number}`;

/** The last day of a month (YYYY-MM → YYYY-MM-DD). */
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

/** `months` months ending with the month of `on` (YYYY-MM-DD); the last point is `on` itself. */
export function trendDates(on: string, months: number): Array<{ month: string; on: string }> {
  const last = on.slice(0, 7);
  const [year, month] = last.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 1 - Math.max(0, months - 1), 1)).toISOString().slice(0, 7);
  return monthsBetween(first, last).map((entry) => ({ month: entry, on: entry === last ? on : monthEnd(entry) }));
}

/**
 * Staff of each active requirement on each of `dates`: one row per requirement, day, unit, role
 * and person, with whether the person was trained (confirmed) or only awaiting confirmation.
 * A requirement for a unit covers the unit and every unit below it; without a unit, the whole
 * organisation. `unitIds` narrows to units in the caller's reach (a manager's `unit` grant).
 */
function requirementStaff(dates: readonly string[], unitIds: readonly string[] | null): SQL {
  // Each person's first confirmed and first recorded completion per course, aggregated once and
  // hash-joined (measured: a correlated lookup per person and day took 8 s for 10 000 staff × 12
  // months; docs/benchmarks.md).
  return sql`
    with recursive req as (
      select r.id, r.course_id, r.unit_id, r.roles, r.deadline from training_requirements r where r.active
    ), covered (req_id, unit_id) as (
      select req.id, req.unit_id from req where req.unit_id is not null
      union
      select c.req_id, u.id from covered c join units u on u.parent_id = c.unit_id
    ), days as (
      select unnest(${arrayParameter(dates, 'date')}) as on_date
    ), staff as (
      select distinct req.id as req_id, days.on_date, m.unit_id, m.role, m.user_id, req.course_id
        from days
        join memberships m on m.starts_on <= days.on_date and (m.ends_on is null or m.ends_on >= days.on_date)
        join req on m.role = any (req.roles)
        left join covered c on c.req_id = req.id and c.unit_id = m.unit_id
       where (req.unit_id is null or c.unit_id is not null)
         ${unitIds ? sql`and m.unit_id = any (${uuidArray(unitIds)})` : sql``}
    ), first_done as (
      select user_id, course_id,
             min(completed_on) filter (where status = 'confirmed') as confirmed_on,
             min(completed_on) filter (where status = 'recorded') as recorded_on
        from training_completions where course_id in (select course_id from req)
       group by user_id, course_id
    )
    select staff.*,
           coalesce(f.confirmed_on <= staff.on_date, false) as trained,
           coalesce(f.recorded_on <= staff.on_date, false) as awaiting
      from staff left join first_done f on f.user_id = staff.user_id and f.course_id = staff.course_id`;
}

export type ShareCount = { requirementId: string; unitId: string; role: Role; staff: number; trained: number; awaitingConfirmation: number };

/** Staff and trained per requirement, unit and role on one day. */
export async function sharesOn(tx: Tx, on: string, unitIds: readonly string[] | null): Promise<ShareCount[]> {
  const rows = await queryRows<{ req_id: string; unit_id: string; role: Role; staff: number; trained: number; awaiting: number }>(
    tx,
    sql`with rows as (${requirementStaff([on], unitIds)})
        select req_id, unit_id, role, count(*)::int as staff,
               count(*) filter (where trained)::int as trained,
               count(*) filter (where awaiting and not trained)::int as awaiting
          from rows group by req_id, unit_id, role`,
  );
  return rows.map((row) => ({
    requirementId: row.req_id,
    unitId: row.unit_id,
    role: row.role,
    staff: Number(row.staff),
    trained: Number(row.trained),
    awaitingConfirmation: Number(row.awaiting),
  }));
}

export type TrendCount = { requirementId: string; on: string; staff: number; trained: number };

/** Staff and trained per requirement (distinct people over its units and roles) on each day. */
export async function requirementTrend(tx: Tx, dates: readonly string[], unitIds: readonly string[] | null): Promise<TrendCount[]> {
  if (dates.length === 0) return [];
  const rows = await queryRows<{ req_id: string; on_date: string; staff: number; trained: number }>(
    tx,
    sql`with rows as (${requirementStaff(dates, unitIds)})
        select req_id, to_char(on_date, 'YYYY-MM-DD') as on_date, count(distinct user_id)::int as staff,
               count(distinct user_id) filter (where trained)::int as trained
          from rows group by req_id, on_date`,
  );
  return rows.map((row) => ({ requirementId: row.req_id, on: row.on_date, staff: Number(row.staff), trained: Number(row.trained) }));
}

export type TrainedStaffCount = { unitId: string; month: string; staff: number; trained: number };

/**
 * For follow-up (issue 7): per unit and month, the staff on the month's last day (memberships
 * with one of `roles`, every role when omitted) and how many of them had a confirmed completion
 * of any of `courseIds` by then. Months are YYYY-MM, `from` to `to` inclusive; units without
 * staff in a month are left out.
 */
export async function trainedStaffByUnitAndMonth(
  tx: Tx,
  options: { from: string; to: string; courseIds: readonly string[]; roles?: readonly Role[] },
): Promise<TrainedStaffCount[]> {
  const months = monthsBetween(options.from, options.to);
  if (months.length === 0) return [];
  const ends = months.map(monthEnd);
  const rows = await queryRows<{ unit_id: string; month: string; staff: number; trained: number }>(
    tx,
    sql`with days as (select unnest(${arrayParameter(ends, 'date')}) as on_date),
        staff as (
          select distinct days.on_date, m.unit_id, m.user_id
            from days join memberships m on m.starts_on <= days.on_date and (m.ends_on is null or m.ends_on >= days.on_date)
           ${options.roles && options.roles.length > 0 ? sql`where m.role = any (${textArray(options.roles)})` : sql``}
        ),
        first_done as (
          select user_id, min(completed_on) as confirmed_on from training_completions
           where status = 'confirmed' and course_id = any (${uuidArray(options.courseIds)}) group by user_id
        )
        select staff.unit_id, to_char(staff.on_date, 'YYYY-MM') as month, count(*)::int as staff,
               count(*) filter (where f.confirmed_on <= staff.on_date)::int as trained
          from staff left join first_done f on f.user_id = staff.user_id
         group by staff.unit_id, staff.on_date order by staff.on_date, staff.unit_id`,
  );
  return rows.map((row) => ({ unitId: row.unit_id, month: row.month, staff: Number(row.staff), trained: Number(row.trained) }));
}

export type SupervisionCount = { unitId: string; month: string; sessions: number; participants: number };

/**
 * For follow-up (issue 7): supervision sessions held per unit and month (YYYY-MM, `from` to `to`
 * inclusive) and the participants counted at them. Months without a session are left out.
 */
export async function supervisionSessionsByUnitAndMonth(tx: Tx, options: { from: string; to: string }): Promise<SupervisionCount[]> {
  const rows = await queryRows<{ unit_id: string; month: string; sessions: number; participants: number }>(
    tx,
    sql`select unit_id, to_char(held_on, 'YYYY-MM') as month, count(*)::int as sessions, sum(participant_count)::int as participants
          from supervision_sessions
         where held_on >= ${`${options.from}-01`}::date and held_on <= ${monthEnd(options.to)}::date
         group by unit_id, to_char(held_on, 'YYYY-MM') order by month, unit_id`,
  );
  return rows.map((row) => ({ unitId: row.unit_id, month: row.month, sessions: Number(row.sessions), participants: Number(row.participants) }));
}
