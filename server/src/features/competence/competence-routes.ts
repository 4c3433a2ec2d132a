import { z } from 'zod';
import {
  cadenceReport,
  completion,
  completionImportApplied,
  completionImportPreview,
  completionImportRequest,
  completionList,
  completionQuery,
  confirmCompletionRequest,
  course,
  courseInput,
  courseList,
  planDetail,
  planEntryInput,
  planEntryUpdate,
  planInput,
  planParticipantInput,
  planList,
  recordCompletionRequest,
  requirement,
  requirementInput,
  requirementList,
  sharesQuery,
  sharesReport,
  staffSupportContent,
  supervisionInput,
  supervisionList,
  supervisionSession,
  updateCourseRequest,
  updateRequirementRequest,
  updateStaffSupportRequest,
} from '#shared/contracts/competence.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { sharesCsv, sharesXlsx } from './competence-exports.ts';
import * as service from './competence-service.ts';
import { applyCompletionImport, checkCompletionImport, toPreview } from './completion-import.ts';

const tags = ['Kompetens'];
const idParams = z.object({ id: z.string().uuid() });
const planEntryParams = idParams.extend({ entryId: z.string().uuid() });
const planParticipantParams = idParams.extend({ organisationId: z.string().uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function competenceRoutes(context: FeatureContext): Route[] {
  const now = () => context.clock.now();
  return [
    // ---- Catalogue
    defineRoute({
      method: 'GET',
      url: '/api/v1/courses',
      summary: 'The training catalogue: the organisation’s courses and the shared national ones',
      tags,
      access: { kind: 'permission', action: 'courses.read' },
      responses: { 200: { description: 'Courses', schema: courseList } },
      async handler({ caller, db }) {
        return { courses: await db((tx) => service.listCourses(tx, caller)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/courses',
      summary: 'Add a course to the organisation’s catalogue (shared: readable by every organisation)',
      tags,
      access: { kind: 'permission', action: 'courses.manage' },
      body: courseInput,
      responses: { 201: { description: 'Created', schema: course } },
      async handler({ body, caller, reply, db }) {
        const created = await db(async (tx) => {
          const row = await service.createCourse(tx, caller, body);
          await caller.audit(tx, {
            action: 'courses.manage',
            recordType: 'training_course',
            recordId: row.id,
            details: { change: 'created' },
          });
          return row;
        });
        reply.code(201);
        return created;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/courses/:id',
      summary: 'One course',
      tags,
      access: { kind: 'permission', action: 'courses.read' },
      params: idParams,
      responses: { 200: { description: 'The course', schema: course } },
      async handler({ params, caller, db }) {
        return db((tx) => service.getCourse(tx, caller, params.id));
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/courses/:id',
      summary: 'Change one of the organisation’s courses (409 version_conflict when someone saved first)',
      tags,
      access: { kind: 'permission', action: 'courses.manage' },
      params: idParams,
      body: updateCourseRequest,
      responses: { 200: { description: 'Saved', schema: course } },
      async handler({ params, body, caller, db }) {
        return db(async (tx) => {
          const row = await service.updateCourse(tx, caller, params.id, body, now());
          await caller.audit(tx, {
            action: 'courses.manage',
            recordType: 'training_course',
            recordId: row.id,
            details: { change: 'updated' },
          });
          return row;
        });
      },
    }),
    // ---- Requirements
    defineRoute({
      method: 'GET',
      url: '/api/v1/training-requirements',
      summary: 'The organisation’s training requirements (course, unit and below, roles, deadline)',
      tags,
      access: { kind: 'permission', action: 'training_requirements.manage' },
      responses: { 200: { description: 'Requirements', schema: requirementList } },
      async handler({ db }) {
        return { requirements: await db((tx) => service.listRequirements(tx)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/training-requirements',
      summary: 'Require a course of the staff with the given roles in the organisation or a unit (and the units below), by a deadline',
      tags,
      access: { kind: 'permission', action: 'training_requirements.manage' },
      body: requirementInput,
      responses: { 201: { description: 'Created', schema: requirement } },
      async handler({ body, caller, reply, db }) {
        const created = await db(async (tx) => {
          const row = await service.createRequirement(tx, caller, body);
          await caller.audit(tx, {
            action: 'training_requirements.manage',
            recordType: 'training_requirement',
            recordId: row.id,
            details: { change: 'created' },
          });
          return row;
        });
        reply.code(201);
        return created;
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/training-requirements/:id',
      summary: 'Change a requirement’s roles, deadline or note, or end it',
      tags,
      access: { kind: 'permission', action: 'training_requirements.manage' },
      params: idParams,
      body: updateRequirementRequest,
      responses: { 200: { description: 'Saved', schema: requirement } },
      async handler({ params, body, caller, db }) {
        return db(async (tx) => {
          const row = await service.updateRequirement(tx, params.id, body);
          await caller.audit(tx, {
            action: 'training_requirements.manage',
            recordType: 'training_requirement',
            recordId: row.id,
            details: { change: 'updated' },
          });
          return row;
        });
      },
    }),
    // ---- Completions
    defineRoute({
      method: 'GET',
      url: '/api/v1/completions',
      summary: 'Recorded completions within the caller’s reach (own, units, organisation); the read is audited',
      tags,
      access: { kind: 'permission', action: 'completions.read' },
      query: completionQuery,
      responses: { 200: { description: 'Completions', schema: completionList } },
      async handler({ query, caller, db }) {
        return db(async (tx) => {
          const completions = await service.listCompletions(tx, caller, {
            status: query.status,
            personId: query.personId,
            mine: query.mine === 'true',
          });
          // Staff data about named people: one event per read, with ids and counts only (ADR 0042).
          await caller.audit(tx, {
            action: 'completions.read',
            recordType: 'training_completion_list',
            details: {
              rows: completions.length,
              people: new Set(completions.map((row) => row.personId)).size,
              ...(query.personId ? { personId: query.personId } : {}),
            },
          });
          return { completions };
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/completions',
      summary: 'Record a completed course: one’s own (awaits a manager’s confirmation) or a staff member’s in reach (confirmed)',
      tags,
      access: { kind: 'permission', action: 'completions.record' },
      body: recordCompletionRequest,
      responses: { 201: { description: 'Recorded', schema: completion } },
      async handler({ body, caller, reply, db }) {
        const created = await db(async (tx) => {
          const row = await service.recordCompletion(tx, caller, body, now());
          await caller.audit(tx, {
            action: 'completions.record',
            recordType: 'training_completion',
            recordId: row.id,
            details: { change: 'recorded', status: row.status },
          });
          return row;
        });
        reply.code(201);
        return created;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/completions/:id/confirm',
      summary: 'Confirm a recorded completion of a staff member in reach (not one’s own)',
      tags,
      access: { kind: 'permission', action: 'completions.confirm' },
      params: idParams,
      body: confirmCompletionRequest,
      responses: { 200: { description: 'Confirmed', schema: completion } },
      async handler({ params, body, caller, db }) {
        return db(async (tx) => {
          const row = await service.confirmCompletion(tx, caller, params.id, body.version, now());
          await caller.audit(tx, {
            action: 'completions.confirm',
            recordType: 'training_completion',
            recordId: row.id,
            details: { change: 'confirmed' },
          });
          return row;
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/completions/imports/preview',
      summary: 'Check a learning platform’s CSV (email;course_id;completed_on) line by line; nothing is saved',
      tags,
      access: { kind: 'permission', action: 'completions.import' },
      body: completionImportRequest,
      responses: { 200: { description: 'The preview', schema: completionImportPreview } },
      async handler({ body, locale, db }) {
        return toPreview(await db((tx) => checkCompletionImport(tx, body.content, now())), locale);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/completions/imports',
      summary: 'Import the CSV: every line in one transaction, or nothing (422 with each line’s problems)',
      tags,
      access: { kind: 'permission', action: 'completions.import' },
      body: completionImportRequest,
      responses: { 201: { description: 'Imported', schema: completionImportApplied } },
      async handler({ body, caller, reply, db }) {
        const result = await db(async (tx) => {
          const applied = await applyCompletionImport(tx, caller, body.content, now());
          await caller.audit(tx, {
            action: 'completions.import',
            recordType: 'training_completion_import',
            recordId: applied.importId,
            details: { change: 'imported', rows: applied.imported },
          });
          return applied;
        });
        reply.code(201);
        return { imported: result.imported };
      },
    }),
    // ---- Shares of staff trained
    defineRoute({
      method: 'GET',
      url: '/api/v1/completions/shares',
      summary: 'Share of staff trained per requirement, unit and role on a day (staff from memberships on that day), with the monthly trend',
      tags,
      access: { kind: 'permission', action: 'competence.reports' },
      query: sharesQuery,
      responses: { 200: { description: 'The report', schema: sharesReport } },
      async handler({ query, caller, db }) {
        return db((tx) => service.sharesReport(tx, caller, query, now()));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/completions/shares.csv',
      summary: 'The share-trained report as CSV',
      tags,
      access: { kind: 'permission', action: 'competence.reports' },
      query: sharesQuery,
      responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
      async handler({ query, caller, locale, reply, db }) {
        const report = await db((tx) => service.sharesReport(tx, caller, { ...query, months: 0 }, now()));
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="andel-utbildade-${report.on}.csv"`)
          .send(sharesCsv(report, locale));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/completions/shares.xlsx',
      summary: 'The share-trained report with its trend as XLSX',
      tags,
      access: { kind: 'permission', action: 'competence.reports' },
      query: sharesQuery,
      responses: { 200: { description: 'XLSX', contentType: XLSX } },
      async handler({ query, caller, locale, reply, db }) {
        const report = await db((tx) => service.sharesReport(tx, caller, query, now()));
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', `attachment; filename="andel-utbildade-${report.on}.xlsx"`)
          .send(await sharesXlsx(report, locale));
      },
    }),
    // ---- Supervision
    defineRoute({
      method: 'GET',
      url: '/api/v1/supervision',
      summary: 'Supervision sessions of the units in reach',
      tags,
      access: { kind: 'permission', action: 'supervision.manage' },
      responses: { 200: { description: 'Sessions', schema: supervisionList } },
      async handler({ caller, db }) {
        return { sessions: await db((tx) => service.listSupervision(tx, caller)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/supervision',
      summary: 'Record a supervision session of a unit (the acting unit unless named)',
      tags,
      access: { kind: 'permission', action: 'supervision.manage' },
      body: supervisionInput,
      responses: { 201: { description: 'Recorded', schema: supervisionSession } },
      async handler({ body, caller, reply, db }) {
        const created = await db(async (tx) => {
          const row = await service.recordSupervision(tx, caller, body, now());
          await caller.audit(tx, {
            action: 'supervision.manage',
            recordType: 'supervision_session',
            recordId: row.id,
            details: { change: 'recorded' },
          });
          return row;
        });
        reply.code(201);
        return created;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/supervision/cadence',
      summary: 'Per unit in reach: sessions per month over the last year and days since the last one',
      tags,
      access: { kind: 'permission', action: 'supervision.manage' },
      responses: { 200: { description: 'Cadence', schema: cadenceReport } },
      async handler({ caller, db }) {
        return db((tx) => service.supervisionCadence(tx, caller, now()));
      },
    }),
    // ---- Staff support: information only; no register of staff victimisation (ADR 0041)
    defineRoute({
      method: 'GET',
      url: '/api/v1/staff-support',
      summary: 'The organisation’s information on support for staff and the route to confidential help',
      tags,
      access: { kind: 'permission', action: 'staff_support.read' },
      responses: { 200: { description: 'Content', schema: staffSupportContent } },
      async handler({ locale, db }) {
        return db((tx) => service.staffSupport(tx, locale));
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/staff-support',
      summary: 'Write the organisation’s staff-support information (version 0 the first time)',
      tags,
      access: { kind: 'permission', action: 'staff_support.edit' },
      body: updateStaffSupportRequest,
      responses: { 200: { description: 'Saved', schema: staffSupportContent } },
      async handler({ body, caller, locale, db }) {
        return db(async (tx) => {
          const saved = await service.saveStaffSupport(tx, caller, body, now(), locale);
          await caller.audit(tx, {
            action: 'staff_support.edit',
            recordType: 'staff_support_content',
            details: { change: 'updated' },
          });
          return saved;
        });
      },
    }),
    // ---- Regional competence plan
    defineRoute({
      method: 'GET',
      url: '/api/v1/competence-plans',
      summary: 'The regional competence plans the organisation runs or takes part in',
      tags,
      access: { kind: 'permission', action: 'competence_plans.contribute' },
      responses: { 200: { description: 'Plans', schema: planList } },
      async handler({ caller, db }) {
        return { plans: await db((tx) => service.listPlans(tx, caller)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/competence-plans',
      summary: 'A competence plan for a county and year',
      tags,
      access: { kind: 'permission', action: 'competence_plans.manage' },
      body: planInput,
      responses: { 201: { description: 'Created', schema: planDetail } },
      async handler({ body, caller, reply, db }) {
        const created = await db(async (tx) => {
          const plan = await service.createPlan(tx, caller, body);
          await caller.audit(tx, {
            action: 'competence_plans.manage',
            recordType: 'competence_plan',
            recordId: plan.id,
            details: { change: 'created' },
          });
          return plan;
        });
        reply.code(201);
        return created;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/competence-plans/:id',
      summary: 'A plan: every organisation’s planned efforts, overlaps, topics and municipalities without efforts',
      tags,
      access: { kind: 'permission', action: 'competence_plans.contribute' },
      params: idParams,
      responses: { 200: { description: 'The plan', schema: planDetail } },
      async handler({ params, caller, db }) {
        return db((tx) => service.planDetail(tx, caller, params.id));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/competence-plans/:id/participants',
      summary: 'Add a participating organisation, which then enters its own efforts',
      tags,
      access: { kind: 'permission', action: 'competence_plans.manage' },
      params: idParams,
      body: planParticipantInput,
      responses: { 201: { description: 'The plan', schema: planDetail } },
      async handler({ params, body, caller, reply, db }) {
        const plan = await db(async (tx) => {
          const updated = await service.addPlanParticipant(tx, caller, params.id, body);
          await caller.audit(tx, {
            action: 'competence_plans.manage',
            recordType: 'competence_plan',
            recordId: params.id,
            details: { change: 'participant_added', organisationId: body.organisationId },
          });
          return updated;
        });
        reply.code(201);
        return plan;
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/competence-plans/:id/participants/:organisationId',
      summary: 'Remove a participating organisation; the efforts it entered stay in the plan',
      tags,
      access: { kind: 'permission', action: 'competence_plans.manage' },
      params: planParticipantParams,
      responses: { 200: { description: 'The plan', schema: planDetail } },
      async handler({ params, caller, db }) {
        return db(async (tx) => {
          const updated = await service.removePlanParticipant(tx, caller, params.id, params.organisationId);
          await caller.audit(tx, {
            action: 'competence_plans.manage',
            recordType: 'competence_plan',
            recordId: params.id,
            details: { change: 'participant_removed', organisationId: params.organisationId },
          });
          return updated;
        });
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/competence-plans/:id/entries/:entryId',
      summary: 'Change an effort the caller’s organisation entered',
      tags,
      access: { kind: 'permission', action: 'competence_plans.contribute' },
      params: planEntryParams,
      body: planEntryUpdate,
      responses: { 200: { description: 'The plan', schema: planDetail } },
      async handler({ params, body, caller, db }) {
        return db(async (tx) => {
          const updated = await service.updatePlanEntry(tx, caller, params.id, params.entryId, body, now());
          await caller.audit(tx, {
            action: 'competence_plans.contribute',
            recordType: 'competence_plan_entry',
            recordId: params.entryId,
            details: { change: 'updated' },
          });
          return updated;
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/competence-plans/:id/entries',
      summary: 'Add a planned effort (who, what, for whom, when); a participant adds its own',
      tags,
      access: { kind: 'permission', action: 'competence_plans.contribute' },
      params: idParams,
      body: planEntryInput,
      responses: { 201: { description: 'The plan', schema: planDetail } },
      async handler({ params, body, caller, reply, db }) {
        const plan = await db(async (tx) => {
          const updated = await service.addPlanEntry(tx, caller, params.id, body);
          await caller.audit(tx, {
            action: 'competence_plans.contribute',
            recordType: 'competence_plan',
            recordId: params.id,
            details: { change: 'entry_added' },
          });
          return updated;
        });
        reply.code(201);
        return plan;
      },
    }),
  ];
}
