import { sql, type SQL } from 'drizzle-orm';
import type { ActivityStatus, BodyKind, ReportSection } from '#shared/contracts/collaboration.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { lateCondition } from './body-repository.ts';

/** SQL of work plans, goals, activities and yearly reports; row-level security applies (ADR 0060, 0062). */

const day = (column: string) => sql.raw(`to_char(${column}, 'YYYY-MM-DD')`);

export type PlanRow = {
  id: string;
  body_id: string;
  body_name: string;
  body_kind: BodyKind;
  tenant_id: string;
  title: string;
  period_start: string;
  period_end: string;
  purpose: string | null;
  baseline_existing: string | null;
  baseline_missing: string | null;
  version: number;
};

export async function plansWhere(tx: Tx, condition: SQL): Promise<PlanRow[]> {
  return queryRows<PlanRow>(
    tx,
    sql`select p.id, p.body_id, b.name as body_name, b.kind as body_kind, p.tenant_id, p.title, ${day('p.period_start')} as period_start,
               ${day('p.period_end')} as period_end, p.purpose, p.baseline_existing, p.baseline_missing, p.version
          from collaboration_work_plans p join collaboration_bodies b on b.id = p.body_id
         where ${condition} order by b.name, p.period_start desc`,
  );
}

export async function findPlan(tx: Tx, id: string): Promise<PlanRow | undefined> {
  const [row] = await plansWhere(tx, sql`p.id = ${id}`);
  return row;
}

/** Another plan of the body whose period overlaps [start, end]. */
export async function overlappingPlan(tx: Tx, bodyId: string, start: string, end: string, except: string | null): Promise<PlanRow | undefined> {
  const [row] = await plansWhere(
    tx,
    sql`p.body_id = ${bodyId} and p.period_start <= ${end}::date and p.period_end >= ${start}::date ${except ? sql`and p.id <> ${except}` : sql``}`,
  );
  return row;
}

export type PlanValues = {
  title: string;
  periodStart: string;
  periodEnd: string;
  purpose: string | null;
  baselineExisting: string | null;
  baselineMissing: string | null;
};

export async function insertPlan(tx: Tx, body: { id: string; tenantId: string }, createdBy: string | null, values: PlanValues): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_work_plans (body_id, tenant_id, title, period_start, period_end, purpose, baseline_existing, baseline_missing, created_by)
        values (${body.id}, ${body.tenantId}, ${values.title}, ${values.periodStart}::date, ${values.periodEnd}::date, ${values.purpose},
                ${values.baselineExisting}, ${values.baselineMissing}, ${createdBy})
        returning id`,
  );
  return row!.id;
}

export async function updatePlan(tx: Tx, id: string, version: number, values: PlanValues, now: Date): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update collaboration_work_plans
           set title = ${values.title}, period_start = ${values.periodStart}::date, period_end = ${values.periodEnd}::date, purpose = ${values.purpose},
               baseline_existing = ${values.baselineExisting}, baseline_missing = ${values.baselineMissing}, version = version + 1,
               updated_at = ${now.toISOString()}::timestamptz
         where id = ${id} and version = ${version} returning id`,
  );
  return rows.length === 1;
}

export type GoalRow = { id: string; parent_id: string | null; position: number; title: string; description: string | null; version: number };

/** Goals in reading order: each goal followed by its sub-goals. */
export async function goalsOf(tx: Tx, planId: string): Promise<GoalRow[]> {
  return queryRows<GoalRow>(
    tx,
    sql`select g.id, g.parent_id, g.position, g.title, g.description, g.version
          from collaboration_goals g left join collaboration_goals parent on parent.id = g.parent_id
         where g.plan_id = ${planId}
         order by coalesce(parent.position, g.position), g.parent_id is not null, g.position`,
  );
}

export async function insertGoal(
  tx: Tx,
  plan: { id: string; bodyId: string; tenantId: string },
  values: { title: string; description: string | null; parentId: string | null },
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_goals (plan_id, body_id, tenant_id, parent_id, position, title, description)
        select ${plan.id}, ${plan.bodyId}, ${plan.tenantId}, ${values.parentId}, coalesce(max(position) + 1, 0), ${values.title}, ${values.description}
          from collaboration_goals where plan_id = ${plan.id} and parent_id is not distinct from ${values.parentId}::uuid
        returning id`,
  );
  return row!.id;
}

export async function updateGoal(
  tx: Tx,
  planId: string,
  goalId: string,
  version: number,
  values: { title: string; description: string | null },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update collaboration_goals set title = ${values.title}, description = ${values.description}, version = version + 1
         where id = ${goalId} and plan_id = ${planId} and version = ${version} returning id`,
  );
  return rows.length === 1;
}

export async function goalInUse(tx: Tx, goalId: string): Promise<boolean> {
  const [row] = await queryRows<{ used: boolean }>(
    tx,
    sql`select exists (select 1 from collaboration_goals where parent_id = ${goalId}) or exists (select 1 from collaboration_activities where goal_id = ${goalId}) as used`,
  );
  return row?.used === true;
}

export async function deleteGoal(tx: Tx, planId: string, goalId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`delete from collaboration_goals where id = ${goalId} and plan_id = ${planId} returning id`);
  return rows.length === 1;
}

export type ActivityRow = {
  id: string;
  plan_id: string;
  plan_title: string;
  body_id: string;
  body_name: string;
  goal_id: string;
  title: string;
  description: string | null;
  responsible_organisation_id: string;
  responsible_organisation_name: string;
  starts_on: string;
  ends_on: string;
  status: ActivityStatus;
  version: number;
};

export async function activitiesWhere(tx: Tx, condition: SQL): Promise<ActivityRow[]> {
  return queryRows<ActivityRow>(
    tx,
    sql`select a.id, a.plan_id, p.title as plan_title, a.body_id, b.name as body_name, a.goal_id, a.title, a.description,
               a.responsible_organisation_id, o.name as responsible_organisation_name,
               ${day('a.starts_on')} as starts_on, ${day('a.ends_on')} as ends_on, a.status, a.version
          from collaboration_activities a
          join collaboration_work_plans p on p.id = a.plan_id
          join collaboration_bodies b on b.id = a.body_id
          join organisations o on o.id = a.responsible_organisation_id
         where ${condition}
         order by a.starts_on, a.ends_on, a.title`,
  );
}

export async function lateActivities(tx: Tx, today: string): Promise<ActivityRow[]> {
  return activitiesWhere(tx, sql`b.active and ${lateCondition('a', today)}`);
}

export type ActivityValues = {
  goalId: string;
  title: string;
  description: string | null;
  responsibleOrganisationId: string;
  startsOn: string;
  endsOn: string;
  status: ActivityStatus;
};

export async function insertActivity(tx: Tx, plan: { id: string; bodyId: string; tenantId: string }, values: ActivityValues): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_activities (plan_id, goal_id, body_id, tenant_id, title, description, responsible_organisation_id, starts_on, ends_on, status)
        values (${plan.id}, ${values.goalId}, ${plan.bodyId}, ${plan.tenantId}, ${values.title}, ${values.description}, ${values.responsibleOrganisationId},
                ${values.startsOn}::date, ${values.endsOn}::date, ${values.status})
        returning id`,
  );
  return row!.id;
}

export async function updateActivity(tx: Tx, planId: string, activityId: string, version: number, values: ActivityValues, now: Date): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update collaboration_activities
           set goal_id = ${values.goalId}, title = ${values.title}, description = ${values.description},
               responsible_organisation_id = ${values.responsibleOrganisationId}, starts_on = ${values.startsOn}::date, ends_on = ${values.endsOn}::date,
               status = ${values.status}, version = version + 1, updated_at = ${now.toISOString()}::timestamptz
         where id = ${activityId} and plan_id = ${planId} and version = ${version} returning id`,
  );
  return rows.length === 1;
}

export async function deleteActivity(tx: Tx, planId: string, activityId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`delete from collaboration_activities where id = ${activityId} and plan_id = ${planId} returning id`);
  return rows.length === 1;
}

export type ReportRow = {
  id: string;
  plan_id: string;
  year: number;
  status: 'draft' | 'frozen';
  sections: ReportSection[];
  generated_at: Date;
  frozen_at: Date | null;
  version: number;
};

export async function reportsOf(tx: Tx, planId: string): Promise<ReportRow[]> {
  return queryRows<ReportRow>(
    tx,
    sql`select id, plan_id, year, status, sections, generated_at, frozen_at, version from collaboration_reports where plan_id = ${planId} order by year desc`,
  );
}

export async function findReport(tx: Tx, planId: string, reportId: string): Promise<ReportRow | undefined> {
  const [row] = await queryRows<ReportRow>(
    tx,
    sql`select id, plan_id, year, status, sections, generated_at, frozen_at, version from collaboration_reports where id = ${reportId} and plan_id = ${planId}`,
  );
  return row;
}

export async function insertReport(
  tx: Tx,
  plan: { id: string; bodyId: string; tenantId: string },
  values: { year: number; sections: ReportSection[]; now: Date; createdBy: string | null },
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_reports (plan_id, body_id, tenant_id, year, sections, generated_at, created_by)
        values (${plan.id}, ${plan.bodyId}, ${plan.tenantId}, ${values.year}, ${JSON.stringify(values.sections)}::jsonb, ${values.now.toISOString()}::timestamptz, ${values.createdBy})
        returning id`,
  );
  return row!.id;
}

/** Changes a draft only: a frozen report is refused here and, whatever the caller, by the trigger. */
export async function updateReport(tx: Tx, reportId: string, version: number, sections: ReportSection[]): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update collaboration_reports set sections = ${JSON.stringify(sections)}::jsonb, version = version + 1
         where id = ${reportId} and version = ${version} and status = 'draft' returning id`,
  );
  return rows.length === 1;
}

export async function freezeReport(tx: Tx, reportId: string, version: number, by: string | null, now: Date): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update collaboration_reports set status = 'frozen', frozen_at = ${now.toISOString()}::timestamptz, frozen_by = ${by}, version = version + 1
         where id = ${reportId} and version = ${version} and status = 'draft' returning id`,
  );
  return rows.length === 1;
}
