import { sql } from 'drizzle-orm';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { defineIsolationSubjects, type IsolationRow } from '../../test-support/isolation/isolation-subjects.ts';
import { listBodies } from './body-repository.ts';
import {
  insertTestActivity,
  insertTestAttachment,
  insertTestBody,
  insertTestDecision,
  insertTestMeeting,
  insertTestPlan,
  insertTestProcess,
  insertTestReport,
} from './builders.ts';
import { decisionsWhere, meetingsWhere } from './meeting-repository.ts';
import { activitiesWhere, plansWhere } from './plan-repository.ts';
import { listProcesses } from './strategy-repository.ts';

/**
 * Isolation subjects of collaboration (ADR 0015). A body is shared data (ADR 0011, 0060): it and
 * everything of it keep the owner's tenant_id and are read by its members' organisations. Each
 * body made here is shared with one other organisation of the world, through a member row.
 *
 * The paths are the feature's own queries. What they answer beyond the caller's organisation must
 * be exactly what is shared with it: a path leaves out the rows of bodies shared with the caller
 * (known from the world this file built) and reports everything else, so a row that reaches
 * another organisation without a share fails the test.
 */
const SHARED_WITH = new Map<string, string>();

const sharedThrough = (table: string, column: string) => (tenant: string) =>
  sql`exists (select 1 from collaboration_body_members m where m.body_id = ${sql.identifier(table)}.${sql.identifier(column)} and m.organisation_id = ${tenant}::uuid)`;

const BODY_TABLES = [
  'collaboration_body_members',
  'collaboration_meetings',
  'collaboration_agenda_items',
  'collaboration_attachments',
  'collaboration_decisions',
  'collaboration_work_plans',
  'collaboration_goals',
  'collaboration_activities',
  'collaboration_reports',
];

/** Rows by the body they belong to, without the bodies shared with the caller by design. */
function ownOrUnshared(rows: Array<{ body_id: string; tenant_id: string }>, callerTenant: string): IsolationRow[] {
  const bodies = new Map(rows.map((row) => [row.body_id, row.tenant_id]));
  return [...bodies]
    .filter(([bodyId, tenantId]) => tenantId === callerTenant || SHARED_WITH.get(bodyId) !== callerTenant)
    .map(([id, tenantId]) => ({ id, tenantId }));
}

const NOW = new Date('2026-11-23T09:00:00Z');

export const isolationSubjects = defineIsolationSubjects([
  {
    name: 'collaboration-bodies',
    tables: ['collaboration_bodies', ...BODY_TABLES],
    foreignRows: {
      collaboration_bodies: {
        reason: 'Shared data: a body is read by its members’ organisations (ADR 0011, 0060).',
        allowedWhen: sharedThrough('collaboration_bodies', 'id'),
      },
      ...Object.fromEntries(
        BODY_TABLES.map((table) => [
          table,
          { reason: 'Part of a body, read by its members’ organisations (ADR 0060).', allowedWhen: sharedThrough(table, 'body_id') },
        ]),
      ),
    },
    async create(tx, owner, world) {
      const others = world.users.filter((user) => user.tenantId !== owner.tenantId);
      const other = others[(world.created.get('collaboration-bodies')?.length ?? 0) % Math.max(others.length, 1)];
      const body = await insertTestBody(tx, {
        tenantId: owner.tenantId,
        createdBy: owner.userId,
        members: other ? [{ organisationId: other.tenantId, role: 'convener', userId: other.userId }] : [],
      });
      if (other) SHARED_WITH.set(body.id, other.tenantId);
      const meeting = await insertTestMeeting(tx, body, { createdBy: owner.userId });
      await tx.execute(
        sql`insert into collaboration_agenda_items (meeting_id, body_id, tenant_id, position, title) values (${meeting.id}, ${body.id}, ${body.tenantId}, 0, 'Punkt')`,
      );
      await insertTestAttachment(tx, meeting);
      await insertTestDecision(tx, meeting);
      const plan = await insertTestPlan(tx, body);
      await insertTestActivity(tx, plan);
      await insertTestReport(tx, plan);
      return { id: body.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the bodies list and overview',
        reach: 'tenant',
        run: async (tx, caller) =>
          ownOrUnshared(
            (await listBodies(tx, NOW, stockholmDate(NOW))).map((row) => ({ body_id: row.id, tenant_id: row.tenant_id })),
            caller.tenantId,
          ),
      },
      {
        name: 'the meetings of every body',
        reach: 'tenant',
        run: async (tx, caller) => ownOrUnshared(await meetingsWhere(tx, sql`true`), caller.tenantId),
      },
      {
        name: 'the decisions of every body',
        reach: 'tenant',
        run: async (tx, caller) => {
          const decisions = await decisionsWhere(tx, sql`true`);
          const owners = new Map((await listBodies(tx, NOW, stockholmDate(NOW))).map((row) => [row.id, row.tenant_id]));
          return ownOrUnshared(
            decisions.map((d) => ({ body_id: d.body_id, tenant_id: owners.get(d.body_id) ?? 'unknown' })),
            caller.tenantId,
          );
        },
      },
      {
        name: 'the work plans and their activities',
        reach: 'tenant',
        run: async (tx, caller) => {
          const plans = await plansWhere(tx, sql`true`);
          const activities = await activitiesWhere(tx, sql`true`);
          const owners = new Map(plans.map((plan) => [plan.body_id, plan.tenant_id]));
          return ownOrUnshared(
            [
              ...plans.map((plan) => ({ body_id: plan.body_id, tenant_id: plan.tenant_id })),
              ...activities.map((a) => ({ body_id: a.body_id, tenant_id: owners.get(a.body_id) ?? 'unknown' })),
            ],
            caller.tenantId,
          );
        },
      },
    ],
  },
  {
    name: 'strategy-processes',
    tables: ['strategy_processes', 'strategy_steps', 'strategy_consultations', 'strategy_consultation_responses'],
    async create(tx, owner) {
      const process = await insertTestProcess(tx, { tenantId: owner.tenantId, createdBy: owner.userId });
      return { id: process.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the organisation’s strategy processes',
        reach: 'tenant',
        run: async (tx) => (await listProcesses(tx)).map((row) => ({ id: row.id, tenantId: row.tenant_id })),
      },
    ],
  },
]);
