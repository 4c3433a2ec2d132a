import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.ts';
import { defineIsolationSubjects, type IsolationRow } from '../../test-support/isolation/isolation-subjects.ts';
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
 * The competence feature's tables (ADR 0015). Every row keeps its organisation's tenant; other
 * organisations read only the shared national catalogue (courses marked `shared`) and the regional
 * competence plans they take part in (ADR 0044). Each plan made here is shared with one other
 * organisation of the world, which enters an effort of its own; a path leaves out the rows of plans
 * the caller reaches by design and reports everything else, so a row reaching another organisation
 * without a share fails the test.
 */
const PLAN_OWNER = new Map<string, string>();
const PLAN_SHARED_WITH = new Map<string, string>();
/** Whether the world this file built lets the organisation reach the plan (it runs it or takes part). */
const reachedBy = (planId: string, tenantId: string) => PLAN_OWNER.get(planId) === tenantId || PLAN_SHARED_WITH.get(planId) === tenantId;
const participates = (table: string, column: string, tenant: string) =>
  sql`exists (select 1 from competence_plan_participants m where m.plan_id = ${sql.identifier(table)}.${sql.identifier(column)} and m.organisation_id = ${tenant}::uuid)`;

export const isolationSubjects = defineIsolationSubjects([
  {
    name: 'training-courses',
    tables: ['training_courses'],
    foreignRows: { training_courses: { reason: 'the shared national catalogue (ADR 0040)', allowedWhen: () => sql`shared` } },
    async create(tx, owner) {
      return { id: await createTestCourseIn(tx, owner), ...owner };
    },
    paths: [
      {
        name: 'the catalogue',
        reach: 'tenant',
        run: async (tx) => (await repository.listCourseRows(tx)).map((row) => ({ id: row.id, tenantId: row.tenantId })),
      },
    ],
  },
  {
    name: 'training-requirements',
    tables: ['training_requirements'],
    async create(tx, owner) {
      return { id: (await createTestRequirementIn(tx, { ...owner, unitId: owner.unitId })).id, ...owner };
    },
    paths: [
      {
        name: 'the requirements',
        reach: 'tenant',
        run: async (tx) => (await repository.listRequirementRows(tx)).map((row) => ({ id: row.id, tenantId: row.tenantId })),
      },
    ],
  },
  {
    name: 'training-completions',
    tables: ['training_completions'],
    async create(tx, owner) {
      return { id: (await createTestCompletionIn(tx, owner)).id, ...owner };
    },
    paths: [
      {
        name: 'the completions',
        reach: 'tenant',
        run: async (tx) => (await repository.listCompletionRows(tx, {})).map((row) => ({ id: row.id, tenantId: row.tenantId })),
      },
    ],
  },
  {
    name: 'supervision-sessions',
    tables: ['supervision_sessions'],
    async create(tx, owner) {
      return { id: await createTestSupervisionIn(tx, owner), ...owner };
    },
    paths: [
      {
        name: 'the sessions',
        reach: 'tenant',
        run: async (tx) => (await repository.listSupervisionRows(tx, null)).map((row) => ({ id: row.id, tenantId: row.tenantId })),
      },
    ],
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
          for (const event of await events.listEventRows(tx))
            if ((await events.registrationRows(tx, event.id)).length > 0) rows.push({ id: event.id, tenantId: event.tenantId });
          return rows;
        },
      },
    ],
  },
  {
    name: 'competence-plans',
    tables: ['competence_plans', 'competence_plan_entries', 'competence_plan_participants'],
    foreignRows: {
      competence_plans: {
        reason: 'Shared data: a plan is read by its participants (ADR 0011, 0044).',
        allowedWhen: (tenant) => participates('competence_plans', 'id', tenant),
      },
      competence_plan_participants: {
        reason: 'The participants of a plan the caller takes part in (ADR 0044).',
        allowedWhen: (tenant) => participates('competence_plan_participants', 'plan_id', tenant),
      },
      competence_plan_entries: {
        reason: 'Every effort of a plan the caller runs or takes part in (ADR 0044).',
        allowedWhen: (tenant) =>
          sql`(${participates('competence_plan_entries', 'plan_id', tenant)} or exists (select 1 from competence_plans p where p.id = competence_plan_entries.plan_id and p.tenant_id = ${tenant}::uuid))`,
      },
    },
    async create(tx, owner, world) {
      const id = await createTestPlanIn(tx, owner);
      const caller = (tenantId: string, userId: string) => ({ tenantId, userId, scope: 'agency' as const, unitScopeIds: [], actingUnitId: null });
      await addPlanEntry(tx, caller(owner.tenantId, owner.userId), id, {
        organisationName: 'Falu kommun',
        effort: 'Grundkurs',
        targetGroup: 'Socialsekreterare',
        topics: ['vnr'],
        plannedMonth: 4,
        openToOthers: false,
      });
      // Each plan is shared with one other organisation of the world, which enters its own effort.
      const others = world.users.filter((user) => user.tenantId !== owner.tenantId);
      const other = others[(world.created.get('competence-plans')?.length ?? 0) % Math.max(others.length, 1)];
      PLAN_OWNER.set(id, owner.tenantId);
      if (other) {
        PLAN_SHARED_WITH.set(id, other.tenantId);
        await repository.insertPlanParticipant(tx, { planId: id, tenantId: owner.tenantId, organisationId: other.tenantId });
        await addPlanEntry(tx, caller(other.tenantId, other.userId), id, {
          effort: 'Workshop',
          targetGroup: 'Handläggare',
          topics: ['hrv'],
          plannedMonth: 5,
          openToOthers: true,
        });
      }
      return { id, ...owner };
    },
    paths: [
      {
        name: 'the plans',
        reach: 'tenant',
        run: async (tx, caller) =>
          (await repository.listPlanRows(tx))
            .filter((row) => row.tenant_id === caller.tenantId || !reachedBy(row.id, caller.tenantId))
            .map((row) => ({ id: row.id, tenantId: row.tenant_id })),
      },
      {
        name: 'the entries and participants, by plan',
        reach: 'tenant',
        run: async (tx, caller) => {
          const rows = new Map<string, IsolationRow>();
          for (const plan of await repository.listPlanRows(tx)) {
            const belonging = [
              ...(await repository.planEntryRows(tx, plan.id)).map((entry) => entry.tenantId),
              ...(await repository.planParticipantRows(tx, plan.id)).map((row) => row.tenant_id),
            ];
            for (const tenantId of belonging) {
              if (tenantId !== caller.tenantId && reachedBy(plan.id, caller.tenantId)) continue;
              rows.set(`${plan.id}:${tenantId}`, { id: plan.id, tenantId });
            }
          }
          return [...rows.values()];
        },
      },
    ],
  },
]);
