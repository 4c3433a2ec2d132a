import {
  activityParams,
  activityRequest,
  createReportRequest,
  createWorkPlanRequest,
  freezeReportRequest,
  goalParams,
  goalRequest,
  idParams,
  reportDetail as reportDetailSchema,
  reportParams,
  updateActivityRequest,
  updateGoalRequest,
  updateReportRequest,
  updateWorkPlanRequest,
  workPlanDetail,
  workPlanList,
  workPlanQuery,
} from '#shared/contracts/collaboration.ts';
import { goalIndicatorParams, goalIndicatorRequest } from '#shared/contracts/follow-up.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { collaborationCaller } from './caller.ts';
import {
  addActivity,
  addGoal,
  changeActivity,
  changeGoal,
  changePlan,
  changeReport,
  createPlan,
  createReport,
  freeze,
  listPlans,
  planDetail,
  removeActivity,
  removeGoal,
  reportDetail,
  linkIndicator,
  unlinkIndicator,
} from './plan-service.ts';

const tags = ['Samverkan'];
const record = { kind: 'permission', action: 'collaboration.record' } as const;
const read = { kind: 'permission', action: 'collaboration.read' } as const;

/** `/api/v1/work-plans`: work plans with goals, activities and the yearly report. */
export function planRoutes(context: FeatureContext): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/work-plans',
      summary: 'Work plans of the bodies the caller reaches (optionally one body’s)',
      tags,
      access: read,
      query: workPlanQuery,
      responses: { 200: { description: 'Work plans', schema: workPlanList } },
      async handler(input) {
        return { workPlans: await input.db((tx) => listPlans(tx, input.query.bodyId)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/work-plans',
      summary: 'Create a body’s work plan for a period',
      tags,
      access: record,
      body: createWorkPlanRequest,
      responses: { 201: { description: 'Created', schema: workPlanDetail } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        const detail = await input.db(async (tx) => planDetail(tx, caller, await createPlan(tx, caller, input.body)));
        input.reply.code(201);
        return detail;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/work-plans/:id',
      summary: 'One work plan: purpose, baseline, goals, activities (with lateness) and reports',
      tags,
      access: read,
      params: idParams,
      responses: { 200: { description: 'The work plan', schema: workPlanDetail } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db((tx) => planDetail(tx, caller, input.params.id));
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/work-plans/:id',
      summary: 'Change a work plan’s title, period, purpose and baseline',
      tags,
      access: record,
      params: idParams,
      body: updateWorkPlanRequest,
      responses: { 200: { description: 'Saved', schema: workPlanDetail } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db(async (tx) => {
          await changePlan(tx, caller, input.params.id, input.body);
          return planDetail(tx, caller, input.params.id);
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/work-plans/:id/goals',
      summary: 'Add a goal, or a sub-goal under a goal',
      tags,
      access: record,
      params: idParams,
      body: goalRequest,
      responses: { 201: { description: 'Added', schema: workPlanDetail } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        const detail = await input.db(async (tx) => {
          await addGoal(tx, caller, input.params.id, input.body);
          return planDetail(tx, caller, input.params.id);
        });
        input.reply.code(201);
        return detail;
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/work-plans/:id/goals/:goalId',
      summary: 'Change a goal',
      tags,
      access: record,
      params: goalParams,
      body: updateGoalRequest,
      responses: { 200: { description: 'Saved', schema: workPlanDetail } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db(async (tx) => {
          await changeGoal(tx, caller, input.params.id, input.params.goalId, input.body);
          return planDetail(tx, caller, input.params.id);
        });
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/work-plans/:id/goals/:goalId',
      summary: 'Remove a goal without sub-goals or activities',
      tags,
      access: record,
      params: goalParams,
      responses: { 204: { description: 'Removed' } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        await input.db((tx) => removeGoal(tx, caller, input.params.id, input.params.goalId));
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/work-plans/:id/goals/:goalId/indicators',
      summary: 'Link a goal to a follow-up indicator: the plan shows its current value and target (ADR 0062)',
      tags,
      access: record,
      params: goalParams,
      body: goalIndicatorRequest,
      responses: { 201: { description: 'Linked', schema: workPlanDetail } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        const detail = await input.db(async (tx) => {
          await linkIndicator(tx, caller, input.params.id, input.params.goalId, input.body.indicatorCode);
          return planDetail(tx, caller, input.params.id);
        });
        input.reply.code(201);
        return detail;
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/work-plans/:id/goals/:goalId/indicators/:code',
      summary: 'Unlink a goal from an indicator',
      tags,
      access: record,
      params: goalIndicatorParams,
      responses: { 204: { description: 'Unlinked' } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        await input.db((tx) => unlinkIndicator(tx, caller, input.params.id, input.params.goalId, input.params.code));
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/work-plans/:id/activities',
      summary: 'Add an activity tied to a goal, within the plan’s period',
      tags,
      access: record,
      params: idParams,
      body: activityRequest,
      responses: { 201: { description: 'Added', schema: workPlanDetail } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        const detail = await input.db(async (tx) => {
          await addActivity(tx, caller, input.params.id, input.body);
          return planDetail(tx, caller, input.params.id);
        });
        input.reply.code(201);
        return detail;
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/work-plans/:id/activities/:activityId',
      summary: 'Change an activity, e.g. its status',
      tags,
      access: record,
      params: activityParams,
      body: updateActivityRequest,
      responses: { 200: { description: 'Saved', schema: workPlanDetail } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db(async (tx) => {
          await changeActivity(tx, caller, input.params.id, input.params.activityId, input.body);
          return planDetail(tx, caller, input.params.id);
        });
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/work-plans/:id/activities/:activityId',
      summary: 'Remove an activity',
      tags,
      access: record,
      params: activityParams,
      responses: { 204: { description: 'Removed' } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        await input.db((tx) => removeActivity(tx, caller, input.params.id, input.params.activityId));
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/work-plans/:id/reports',
      summary: 'Generate the yearly group report from the plan, its activities and the year’s decisions (a draft)',
      tags,
      access: record,
      params: idParams,
      body: createReportRequest,
      responses: { 201: { description: 'Generated', schema: reportDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        const detail = await input.db(async (tx) => reportDetail(tx, caller, input.params.id, await createReport(tx, caller, input.params.id, input.body)));
        input.reply.code(201);
        return detail;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/work-plans/:id/reports/:reportId',
      summary: 'One yearly report',
      tags,
      access: read,
      params: reportParams,
      responses: { 200: { description: 'The report', schema: reportDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db((tx) => reportDetail(tx, caller, input.params.id, input.params.reportId));
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/work-plans/:id/reports/:reportId',
      summary: 'Edit a draft report’s sections; a frozen report is refused (409)',
      tags,
      access: record,
      params: reportParams,
      body: updateReportRequest,
      responses: { 200: { description: 'Saved', schema: reportDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db(async (tx) => {
          await changeReport(tx, caller, input.params.id, input.params.reportId, input.body);
          return reportDetail(tx, caller, input.params.id, input.params.reportId);
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/work-plans/:id/reports/:reportId/freeze',
      summary: 'Freeze a report: final and irreversible, recorded in the audit trail',
      tags,
      access: record,
      params: reportParams,
      body: freezeReportRequest,
      responses: { 200: { description: 'Frozen', schema: reportDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db(async (tx) => {
          await freeze(tx, caller, input.params.id, input.params.reportId, input.body.version);
          return reportDetail(tx, caller, input.params.id, input.params.reportId);
        });
      },
    }),
  ];
}
