import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  activityRequest,
  createReportRequest,
  createWorkPlanRequest,
  goalRequest,
  ReportDetail,
  updateActivityRequest,
  updateGoalRequest,
  updateReportRequest,
  updateWorkPlanRequest,
  WorkPlanDetail,
  WorkPlanSummary,
} from '#shared/contracts/collaboration.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound, pick, type Localized } from '../../platform/errors/app-error.ts';
import { iso, organisationExists } from './body-repository.ts';
import { auditChange, bodyAccess, permissionsOf, requireActive, requireRecord, versionConflict, type BodyAccess, type Caller } from './caller.ts';
import { decisionsWhere } from './meeting-repository.ts';
import { collaborationMessages } from './messages.ts';
import {
  activitiesWhere,
  deleteActivity,
  deleteGoal,
  findPlan,
  findReport,
  freezeReport,
  goalInUse,
  goalsOf,
  insertActivity,
  insertGoal,
  insertPlan,
  insertReport,
  overlappingPlan,
  plansWhere,
  reportsOf,
  updateActivity,
  updateGoal,
  updatePlan,
  updateReport,
  type PlanRow,
} from './plan-repository.ts';
import { generateReport } from './report-generator.ts';
import { activityOf, planSummaryOf } from './views.ts';

/**
 * Work plans of a body (roadmap Bilaga 2): purpose, baseline, goals and sub-goals, activities tied
 * to goals within the plan's period, and the yearly report generated from them (issue 9).
 *
 * The link from a goal to indicators of follow-up (issue 7) is not here yet. When it exists, the
 * plan detail gains each goal's linked indicators (current value and target) in `planDetail`, and
 * the report one more section from `generateReport`; ADR 0062 says exactly where.
 */

type CreatePlan = z.output<typeof createWorkPlanRequest>;
type UpdatePlan = z.output<typeof updateWorkPlanRequest>;
type NewGoal = z.output<typeof goalRequest>;
type ChangeGoal = z.output<typeof updateGoalRequest>;
type NewActivity = z.output<typeof activityRequest>;
type ChangeActivity = z.output<typeof updateActivityRequest>;
type NewReport = z.output<typeof createReportRequest>;
type ChangeReport = z.output<typeof updateReportRequest>;

const messages = collaborationMessages;
const both = (select: (m: (typeof messages)['sv']) => string, params: Record<string, string | number>): Localized => ({
  sv: interpolate(select(messages.sv), params),
  en: interpolate(select(messages.en), params),
});

async function planAccess(tx: Tx, caller: Caller, id: string): Promise<{ plan: PlanRow; access: BodyAccess }> {
  const plan = await findPlan(tx, id);
  if (!plan) throw notFound();
  return { plan, access: await bodyAccess(tx, caller, plan.body_id) };
}

const refOf = (plan: PlanRow) => ({ id: plan.id, bodyId: plan.body_id, tenantId: plan.tenant_id });

export async function listPlans(tx: Tx, bodyId: string | undefined): Promise<WorkPlanSummary[]> {
  return (await plansWhere(tx, bodyId ? sql`p.body_id = ${bodyId}` : sql`true`)).map(planSummaryOf);
}

async function goalsWithIndicators(tx: Tx, caller: Caller, planId: string) {
  const goals = await goalsOf(tx, planId);
  const indicators = await caller.goalIndicators(
    tx,
    goals.map((goal) => goal.id),
    Number(caller.today.slice(0, 4)),
  );
  return goals.map((goal) => ({
    id: goal.id,
    parentGoalId: goal.parent_id,
    title: goal.title,
    description: goal.description,
    version: goal.version,
    indicators: indicators.get(goal.id) ?? [],
  }));
}

export async function planDetail(tx: Tx, caller: Caller, id: string): Promise<WorkPlanDetail> {
  const { plan, access } = await planAccess(tx, caller, id);
  return {
    ...planSummaryOf(plan),
    bodyKind: plan.body_kind,
    purpose: plan.purpose,
    baselineExisting: plan.baseline_existing,
    baselineMissing: plan.baseline_missing,
    version: plan.version,
    goals: await goalsWithIndicators(tx, caller, id),
    activities: (await activitiesWhere(tx, sql`a.plan_id = ${id}`)).map((row) => activityOf(row, caller.today)),
    reports: (await reportsOf(tx, id)).map((report) => ({
      id: report.id,
      year: report.year,
      status: report.status,
      frozenAt: report.frozen_at ? iso(report.frozen_at) : null,
    })),
    today: caller.today,
    permissions: permissionsOf(access, caller),
  };
}

async function checkNoOverlap(tx: Tx, bodyId: string, start: string, end: string, except: string | null): Promise<void> {
  const other = await overlappingPlan(tx, bodyId, start, end, except);
  if (other)
    throw invalidField(
      'periodStart',
      'period_overlaps',
      both((m) => m.errors.periodOverlaps, { start: other.period_start, end: other.period_end }),
    );
}

export async function createPlan(tx: Tx, caller: Caller, input: CreatePlan): Promise<string> {
  const access = await bodyAccess(tx, caller, input.bodyId);
  requireRecord(access, caller);
  requireActive(access);
  await checkNoOverlap(tx, access.id, input.periodStart, input.periodEnd, null);
  const id = await insertPlan(tx, { id: access.id, tenantId: access.tenantId }, caller.userId, {
    title: input.title,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    purpose: input.purpose ?? null,
    baselineExisting: input.baselineExisting ?? null,
    baselineMissing: input.baselineMissing ?? null,
  });
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_work_plan',
    recordId: id,
    recordTenantId: access.tenantId,
    change: 'created',
  });
  return id;
}

export async function changePlan(tx: Tx, caller: Caller, id: string, input: UpdatePlan): Promise<void> {
  const { plan, access } = await planAccess(tx, caller, id);
  requireRecord(access, caller);
  const activities = await activitiesWhere(tx, sql`a.plan_id = ${id}`);
  if (activities.length > 0) {
    const first = activities.reduce((min, a) => (a.starts_on < min ? a.starts_on : min), activities[0]!.starts_on);
    const last = activities.reduce((max, a) => (a.ends_on > max ? a.ends_on : max), activities[0]!.ends_on);
    const field = input.periodStart > first ? 'periodStart' : input.periodEnd < last ? 'periodEnd' : undefined;
    if (field)
      throw invalidField(
        field,
        'period_excludes_activities',
        both((m) => m.errors.periodExcludesActivities, { start: first, end: last }),
      );
  }
  await checkNoOverlap(tx, plan.body_id, input.periodStart, input.periodEnd, id);
  const updated = await updatePlan(
    tx,
    id,
    input.version,
    {
      title: input.title,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      purpose: input.purpose ?? null,
      baselineExisting: input.baselineExisting ?? null,
      baselineMissing: input.baselineMissing ?? null,
    },
    caller.now,
  );
  if (!updated) throw versionConflict();
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_work_plan',
    recordId: id,
    recordTenantId: access.tenantId,
    change: 'updated',
  });
}

export async function addGoal(tx: Tx, caller: Caller, planId: string, input: NewGoal): Promise<string> {
  const { plan, access } = await planAccess(tx, caller, planId);
  requireRecord(access, caller);
  if (input.parentGoalId) {
    const parent = (await goalsOf(tx, planId)).find((goal) => goal.id === input.parentGoalId);
    if (!parent)
      throw invalidField(
        'parentGoalId',
        'goal_unknown',
        pick(messages, (m) => m.errors.goalUnknown),
      );
    if (parent.parent_id !== null)
      throw invalidField(
        'parentGoalId',
        'sub_goal_depth',
        pick(messages, (m) => m.errors.subGoalDepth),
      );
  }
  const id = await insertGoal(tx, refOf(plan), { title: input.title, description: input.description ?? null, parentId: input.parentGoalId ?? null });
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_work_plan',
    recordId: planId,
    recordTenantId: access.tenantId,
    change: 'goal_added',
  });
  return id;
}

export async function changeGoal(tx: Tx, caller: Caller, planId: string, goalId: string, input: ChangeGoal): Promise<void> {
  const { access } = await planAccess(tx, caller, planId);
  requireRecord(access, caller);
  if (!(await goalsOf(tx, planId)).some((goal) => goal.id === goalId)) throw notFound();
  if (!(await updateGoal(tx, planId, goalId, input.version, { title: input.title, description: input.description ?? null }))) throw versionConflict();
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_work_plan',
    recordId: planId,
    recordTenantId: access.tenantId,
    change: 'goal_changed',
  });
}

export async function removeGoal(tx: Tx, caller: Caller, planId: string, goalId: string): Promise<void> {
  const { access } = await planAccess(tx, caller, planId);
  requireRecord(access, caller);
  if (!(await goalsOf(tx, planId)).some((goal) => goal.id === goalId)) throw notFound();
  if (await goalInUse(tx, goalId)) throw new AppError('conflict', { detail: pick(messages, (m) => m.errors.goalInUse) });
  await deleteGoal(tx, planId, goalId);
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_work_plan',
    recordId: planId,
    recordTenantId: access.tenantId,
    change: 'goal_removed',
  });
}

/** An activity is tied to a goal of its plan, names a real organisation and lies within the plan's period. */
async function checkActivity(tx: Tx, plan: PlanRow, input: NewActivity): Promise<void> {
  if (!(await goalsOf(tx, plan.id)).some((goal) => goal.id === input.goalId)) {
    throw invalidField(
      'goalId',
      'goal_unknown',
      pick(messages, (m) => m.errors.goalUnknown),
    );
  }
  if (!(await organisationExists(tx, input.responsibleOrganisationId))) {
    throw invalidField(
      'responsibleOrganisationId',
      'organisation_unknown',
      pick(messages, (m) => m.errors.organisationUnknown),
    );
  }
  const outside = both((m) => m.errors.activityOutsidePeriod, { start: plan.period_start, end: plan.period_end });
  const errors = [
    ...(input.startsOn < plan.period_start || input.startsOn > plan.period_end
      ? [{ field: 'startsOn', location: 'body' as const, code: 'outside_period', message: outside }]
      : []),
    ...(input.endsOn > plan.period_end || input.endsOn < plan.period_start
      ? [{ field: 'endsOn', location: 'body' as const, code: 'outside_period', message: outside }]
      : []),
  ];
  if (errors.length > 0) throw new AppError('validation_failed', { errors });
}

const activityValues = (input: NewActivity) => ({
  goalId: input.goalId,
  title: input.title,
  description: input.description ?? null,
  responsibleOrganisationId: input.responsibleOrganisationId,
  startsOn: input.startsOn,
  endsOn: input.endsOn,
  status: input.status,
});

export async function addActivity(tx: Tx, caller: Caller, planId: string, input: NewActivity): Promise<string> {
  const { plan, access } = await planAccess(tx, caller, planId);
  requireRecord(access, caller);
  await checkActivity(tx, plan, input);
  const id = await insertActivity(tx, refOf(plan), activityValues(input));
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_activity',
    recordId: id,
    recordTenantId: access.tenantId,
    change: 'created',
  });
  return id;
}

export async function changeActivity(tx: Tx, caller: Caller, planId: string, activityId: string, input: ChangeActivity): Promise<void> {
  const { plan, access } = await planAccess(tx, caller, planId);
  requireRecord(access, caller);
  if ((await activitiesWhere(tx, sql`a.id = ${activityId} and a.plan_id = ${planId}`)).length === 0) throw notFound();
  await checkActivity(tx, plan, input);
  if (!(await updateActivity(tx, planId, activityId, input.version, activityValues(input), caller.now))) throw versionConflict();
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_activity',
    recordId: activityId,
    recordTenantId: access.tenantId,
    change: 'updated',
  });
}

export async function removeActivity(tx: Tx, caller: Caller, planId: string, activityId: string): Promise<void> {
  const { access } = await planAccess(tx, caller, planId);
  requireRecord(access, caller);
  if (!(await deleteActivity(tx, planId, activityId))) throw notFound();
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_activity',
    recordId: activityId,
    recordTenantId: access.tenantId,
    change: 'deleted',
  });
}

// Yearly reports

export async function createReport(tx: Tx, caller: Caller, planId: string, input: NewReport): Promise<string> {
  const { plan, access } = await planAccess(tx, caller, planId);
  requireRecord(access, caller);
  const { year } = input;
  const firstYear = Number(plan.period_start.slice(0, 4));
  const lastYear = Number(plan.period_end.slice(0, 4));
  if (year < firstYear || year > lastYear)
    throw invalidField(
      'year',
      'outside_period',
      both((m) => m.errors.reportYearOutsidePlan, { start: plan.period_start, end: plan.period_end }),
    );
  if ((await reportsOf(tx, planId)).some((report) => report.year === year))
    throw invalidField(
      'year',
      'report_exists',
      both((m) => m.errors.reportExists, { year }),
    );
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const activities = await activitiesWhere(tx, sql`a.plan_id = ${planId} and a.starts_on <= ${yearEnd}::date and a.ends_on >= ${yearStart}::date`);
  const decisions = (await decisionsWhere(tx, sql`d.body_id = ${plan.body_id} and d.year = ${year}`)).reverse();
  const sections = generateReport(
    {
      year,
      asOf: caller.today < yearEnd ? caller.today : yearEnd,
      plan: { purpose: plan.purpose, baselineExisting: plan.baseline_existing, baselineMissing: plan.baseline_missing },
      goals: (await goalsOf(tx, planId)).map((goal) => ({ id: goal.id, parentId: goal.parent_id, title: goal.title })),
      indicators: await indicatorSources(tx, caller, planId, year),
      activities: activities.map((a) => ({
        title: a.title,
        responsible: a.responsible_organisation_name,
        startsOn: a.starts_on,
        endsOn: a.ends_on,
        status: a.status,
      })),
      decisions: decisions.map((d) => ({
        year: d.year,
        number: d.number,
        decidedOn: d.decided_on,
        text: d.text,
        responsible: [d.responsible_organisation_name, d.responsible_person].filter(Boolean).join(', ') || null,
        status: d.status,
      })),
    },
    caller.locale,
  );
  const id = await insertReport(tx, refOf(plan), { year, sections, now: caller.now, createdBy: caller.userId });
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_report',
    recordId: id,
    recordTenantId: access.tenantId,
    change: 'created',
  });
  return id;
}

export async function reportDetail(tx: Tx, caller: Caller, planId: string, reportId: string): Promise<ReportDetail> {
  const { plan, access } = await planAccess(tx, caller, planId);
  const report = await findReport(tx, planId, reportId);
  if (!report) throw notFound();
  return {
    id: report.id,
    planId,
    planTitle: plan.title,
    bodyId: plan.body_id,
    bodyName: plan.body_name,
    year: report.year,
    status: report.status,
    sections: report.sections,
    generatedAt: iso(report.generated_at),
    frozenAt: report.frozen_at ? iso(report.frozen_at) : null,
    version: report.version,
    permissions: permissionsOf(access, caller),
  };
}

const frozen = () => new AppError('conflict', { detail: pick(messages, (m) => m.errors.reportFrozen) });

/** Edits the texts of a draft; the sections keep the order and keys they were generated with. */
export async function changeReport(tx: Tx, caller: Caller, planId: string, reportId: string, input: ChangeReport): Promise<void> {
  const { access } = await planAccess(tx, caller, planId);
  requireRecord(access, caller);
  const report = await findReport(tx, planId, reportId);
  if (!report) throw notFound();
  if (report.status === 'frozen') throw frozen();
  const edited = new Map(input.sections.map((section) => [section.key, section.text]));
  const unknown = input.sections.findIndex((section) => !report.sections.some((existing) => existing.key === section.key));
  if (unknown >= 0)
    throw invalidField(
      `sections.${unknown}.key`,
      'section_unknown',
      pick(messages, (m) => m.errors.reportSectionUnknown),
    );
  const sections = report.sections.map((section) => ({ key: section.key, text: edited.get(section.key) ?? section.text }));
  if (!(await updateReport(tx, reportId, input.version, sections))) throw versionConflict();
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_report',
    recordId: reportId,
    recordTenantId: access.tenantId,
    change: 'updated',
  });
}

/** Freezing is final: the report is what the group submitted, and the audit trail says who froze it when. */
export async function freeze(tx: Tx, caller: Caller, planId: string, reportId: string, version: number): Promise<void> {
  const { access } = await planAccess(tx, caller, planId);
  if (!permissionsOf(access, caller).freeze) throw new AppError('forbidden', { detail: pick(messages, (m) => m.errors.notConvener) });
  const report = await findReport(tx, planId, reportId);
  if (!report) throw notFound();
  if (report.status === 'frozen') throw frozen();
  if (!(await freezeReport(tx, reportId, version, caller.userId, caller.now))) throw versionConflict();
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_report',
    recordId: reportId,
    recordTenantId: access.tenantId,
    change: 'frozen',
  });
}

/** The goals' linked indicators for a report year (ADR 0062): the goal, the indicator, its value and target. */
async function indicatorSources(tx: Tx, caller: Caller, planId: string, year: number) {
  const goals = await goalsOf(tx, planId);
  const linked = await caller.goalIndicators(
    tx,
    goals.map((goal) => goal.id),
    year,
  );
  return goals.flatMap((goal) => (linked.get(goal.id) ?? []).map((indicator) => ({ goal: goal.title, ...indicator })));
}

/** Links a goal to a follow-up indicator (issue 9, ADR 0062); linking twice is refused naming the field. */
export async function linkIndicator(tx: Tx, caller: Caller, planId: string, goalId: string, indicatorCode: string): Promise<void> {
  const { plan, access } = await planAccess(tx, caller, planId);
  requireRecord(access, caller);
  if (!(await goalsOf(tx, planId)).some((goal) => goal.id === goalId)) throw notFound();
  const [known] = await queryRows<{ code: string }>(tx, sql`select code from follow_up_indicators where code = ${indicatorCode}`);
  if (!known)
    throw invalidField(
      'indicatorCode',
      'indicator_unknown',
      pick(collaborationMessages, (m) => m.errors.indicatorUnknown),
    );
  const inserted = await queryRows<{ goal_id: string }>(
    tx,
    sql`insert into collaboration_goal_indicators (goal_id, tenant_id, body_id, indicator_code) values (${goalId}, ${plan.tenant_id}, ${plan.body_id}, ${indicatorCode})
        on conflict do nothing returning goal_id`,
  );
  if (inserted.length === 0)
    throw invalidField(
      'indicatorCode',
      'already_linked',
      pick(collaborationMessages, (m) => m.errors.indicatorLinked),
    );
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_work_plan',
    recordId: planId,
    recordTenantId: access.tenantId,
    change: 'indicator_linked',
  });
}

export async function unlinkIndicator(tx: Tx, caller: Caller, planId: string, goalId: string, indicatorCode: string): Promise<void> {
  const { access } = await planAccess(tx, caller, planId);
  requireRecord(access, caller);
  const removed = await queryRows<{ goal_id: string }>(
    tx,
    sql`delete from collaboration_goal_indicators where goal_id = ${goalId} and indicator_code = ${indicatorCode}
          and goal_id in (select id from collaboration_goals where plan_id = ${planId}) returning goal_id`,
  );
  if (removed.length === 0) throw notFound();
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_work_plan',
    recordId: planId,
    recordTenantId: access.tenantId,
    change: 'indicator_unlinked',
  });
}
