import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.ts';
import { defineIsolationSubjects } from '../../test-support/isolation/isolation-subjects.ts';
import {
  createTestCompletionIn,
  createTestCourseIn,
  createTestEventIn,
  createTestPlanIn,
  createTestRegistrationIn,
  createTestRequirementIn,
  createTestSupervisionIn,
} from './competence-builders.ts';
import * as repository from './competence-repository.ts';
import { addPlanEntry } from './competence-service.ts';
import * as events from './event-repository.ts';

/**
 * The competence feature's tables (ADR 0015). Every row keeps its organisation's tenant; the
 * shared national catalogue (courses marked `shared`) is the one thing other organisations read.
 */
export const isolationSubjects = defineIsolationSubjects([
  {
    name: 'training-courses',
    tables: ['training_courses'],
    foreignRows: { training_courses: { reason: 'the shared national catalogue (ADR 0040)', allowedWhen: () => sql`shared` } },
    async create(tx, owner) {
      return { id: await createTestCourseIn(tx, owner), ...owner };
    },
    paths: [{ name: 'the catalogue', reach: 'tenant', run: async (tx) => (await repository.listCourseRows(tx)).map((row) => ({ id: row.id, tenantId: row.tenantId })) }],
  },
  {
    name: 'training-requirements',
    tables: ['training_requirements'],
    async create(tx, owner) {
      return { id: (await createTestRequirementIn(tx, { ...owner, unitId: owner.unitId })).id, ...owner };
    },
    paths: [{ name: 'the requirements', reach: 'tenant', run: async (tx) => (await repository.listRequirementRows(tx)).map((row) => ({ id: row.id, tenantId: row.tenantId })) }],
  },
  {
    name: 'training-completions',
    tables: ['training_completions'],
    async create(tx, owner) {
      return { id: (await createTestCompletionIn(tx, owner)).id, ...owner };
    },
    paths: [{ name: 'the completions', reach: 'tenant', run: async (tx) => (await repository.listCompletionRows(tx, {})).map((row) => ({ id: row.id, tenantId: row.tenantId })) }],
  },
  {
    name: 'supervision-sessions',
    tables: ['supervision_sessions'],
    async create(tx, owner) {
      return { id: await createTestSupervisionIn(tx, owner), ...owner };
    },
    paths: [{ name: 'the sessions', reach: 'tenant', run: async (tx) => (await repository.listSupervisionRows(tx, null)).map((row) => ({ id: row.id, tenantId: row.tenantId })) }],
  },
  {
    name: 'staff-support-content',
    tables: ['staff_support_content'],
    // One text per organisation: every unit's "create" writes the same row.
    async create(tx, owner) {
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`insert into staff_support_content (tenant_id, body, help_route) values (${owner.tenantId}, 'Stöd', 'Företagshälsovården')
            on conflict (tenant_id) do update set version = staff_support_content.version + 1 returning id`,
      );
      return { id: row!.id, ...owner };
    },
    paths: [
      {
        name: 'the organisation’s text',
        reach: 'tenant',
        run: async (tx) => {
          const row = await repository.findStaffSupport(tx);
          return row ? [{ id: row.id, tenantId: row.tenantId }] : [];
        },
      },
    ],
  },
  {
    name: 'competence-events',
    tables: ['competence_events', 'event_registrations'],
    async create(tx, owner) {
      const event = await createTestEventIn(tx, owner);
      await createTestRegistrationIn(tx, { tenantId: owner.tenantId, eventId: event.id });
      return { id: event.id, ...owner };
    },
    paths: [
      { name: 'the events', reach: 'tenant', run: async (tx) => (await events.listEventRows(tx)).map((row) => ({ id: row.id, tenantId: row.tenantId })) },
      {
        name: 'the registrations, by event',
        reach: 'tenant',
        run: async (tx) => {
          const rows = [];
          for (const event of await events.listEventRows(tx)) if ((await events.registrationRows(tx, event.id)).length > 0) rows.push({ id: event.id, tenantId: event.tenantId });
          return rows;
        },
      },
    ],
  },
  {
    name: 'competence-plans',
    tables: ['competence_plans', 'competence_plan_entries'],
    async create(tx, owner) {
      const id = await createTestPlanIn(tx, owner);
      await addPlanEntry(tx, { tenantId: owner.tenantId, userId: owner.userId, scope: 'agency', unitScopeIds: [], actingUnitId: null }, id, {
        organisationName: 'Falu kommun',
        effort: 'Grundkurs',
        targetGroup: 'Socialsekreterare',
        topics: ['vnr'],
        plannedMonth: 4,
        openToOthers: false,
      });
      return { id, ...owner };
    },
    paths: [
      { name: 'the plans', reach: 'tenant', run: async (tx) => (await repository.listPlanRows(tx)).map((row) => ({ id: row.id, tenantId: row.tenant_id })) },
      {
        name: 'the entries, by plan',
        reach: 'tenant',
        run: async (tx) => {
          const rows = [];
          for (const plan of await repository.listPlanRows(tx)) {
            const entries = await repository.planEntryRows(tx, plan.id);
            if (entries.length > 0) rows.push({ id: plan.id, tenantId: entries[0]!.tenantId });
          }
          return rows;
        },
      },
    ],
  },
]);
