import { sql } from 'drizzle-orm';
import crypto from 'node:crypto';
import type { MemberRole } from '#shared/contracts/collaboration.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { defineRouteCases, type CaseContext, type PreparedCall, type RouteCase } from '../../test-support/authorization/route-cases.ts';
import { pdfWithMetadata } from './attachment-samples.ts';
import {
  insertTestActivity,
  insertTestAttachment,
  insertTestBody,
  insertTestDecision,
  insertTestMeeting,
  insertTestMember,
  insertTestPlan,
  insertTestProcess,
  insertTestReport,
  type TestBody,
} from './builders.ts';

/**
 * Authorization-matrix entries of collaboration (ADR 0015). Bodies belong to an organisation and
 * reach members' organisations through shares; the `agency` grants reach the caller's own
 * organisation's bodies, and another organisation's body is "not found". Routes that record
 * also need a role in the body (ADR 0060): the record is prepared with the caller as its
 * secretary (convener, to freeze), in the caller's own organisation only — a share would make the
 * other organisation's body reachable, which is the point of sharing, not a scope.
 */
const unique = () => crypto.randomBytes(8).toString('hex');
const FK = organisationId('FK');

async function body(context: CaseContext, role?: MemberRole): Promise<TestBody> {
  const { unit, user } = context.owner;
  const caller = context.actor === 'service' ? undefined : context.world.actors[context.actor];
  const members = role && caller && context.scope !== 'other_agency' ? [{ organisationId: caller.tenantId, role, userId: caller.id }] : [];
  return context.app.database.system((tx) => insertTestBody(tx, { tenantId: unit.tenantId, createdBy: user.id, members }));
}

async function meeting(context: CaseContext, role?: MemberRole) {
  const owner = await body(context, role);
  return context.app.database.system((tx) => insertTestMeeting(tx, owner));
}

async function plan(context: CaseContext, role?: MemberRole) {
  const owner = await body(context, role);
  return context.app.database.system((tx) => insertTestPlan(tx, owner));
}

const process = (context: CaseContext) =>
  context.app.database.system((tx) => insertTestProcess(tx, { tenantId: context.owner.unit.tenantId, createdBy: context.owner.user.id }));

const bodyInput = () => ({
  kind: 'development',
  name: `Matrisgrupp ${unique()}`,
  leadingOrganisationId: FK,
  responsibilityAreas: ['information'],
  meetingCadence: 'every_six_weeks',
});
const meetingInput = { title: 'Möte', date: '2026-12-01', startTime: '10:00', endTime: '11:00', location: 'Stockholm' };
const activityInput = (goalId: string) => ({
  goalId,
  title: 'Aktivitet',
  responsibleOrganisationId: FK,
  startsOn: '2026-02-01',
  endsOn: '2026-03-01',
  status: 'planned',
});
const stepInput = { step: 'Steg', activity: 'Aktivitet', deadline: '2026-12-14', responsible: 'Länsstyrelsen', status: 'not_started' };

type Scoped = Extract<RouteCase, { kind: 'record' | 'collection' }>;
const write = (route: Scoped['route'], success: number, prepare: (context: CaseContext) => Promise<PreparedCall>): Scoped => ({
  route,
  kind: 'record',
  success,
  audit: 1,
  prepare,
});
const readRecord = (route: Scoped['route'], prepare: (context: CaseContext) => Promise<PreparedCall>): Scoped => ({
  route,
  kind: 'record',
  success: 200,
  audit: 0,
  prepare,
});

export const authorizationCases = defineRouteCases([
  // Bodies
  {
    route: 'GET /api/v1/bodies',
    kind: 'collection',
    success: 200,
    audit: 0,
    async prepare(context) {
      const { id } = await body(context);
      return { url: '/api/v1/bodies', shows: (response) => response.body.includes(id) };
    },
  },
  {
    route: 'GET /api/v1/bodies/overview',
    kind: 'collection',
    success: 200,
    audit: 0,
    async prepare(context) {
      const { id } = await body(context);
      return { url: '/api/v1/bodies/overview', shows: (response) => response.body.includes(id) };
    },
  },
  { route: 'GET /api/v1/bodies/organisations', kind: 'collection', success: 200, audit: 0, prepare: async () => ({ url: '/api/v1/bodies/organisations' }) },
  { route: 'POST /api/v1/bodies', kind: 'collection', success: 201, audit: 1, prepare: async () => ({ url: '/api/v1/bodies', body: bodyInput() }) },
  readRecord('GET /api/v1/bodies/:id', async (context) => ({ url: `/api/v1/bodies/${(await body(context)).id}` })),
  write('PUT /api/v1/bodies/:id', 200, async (context) => ({
    url: `/api/v1/bodies/${(await body(context)).id}`,
    body: { ...bodyInput(), version: 1, active: true },
  })),
  write('DELETE /api/v1/bodies/:id', 204, async (context) => ({ url: `/api/v1/bodies/${(await body(context)).id}` })),
  write('POST /api/v1/bodies/:id/members', 201, async (context) => ({
    url: `/api/v1/bodies/${(await body(context)).id}/members`,
    body: { organisationId: context.owner.unit.tenantId, role: 'member', personName: `Person ${unique()}` },
  })),
  write('PUT /api/v1/bodies/:id/members/:memberId', 200, async (context) => {
    const owner = await body(context);
    const memberId = await context.app.database.system((tx) => insertTestMember(tx, owner, { organisationId: owner.tenantId }));
    return { url: `/api/v1/bodies/${owner.id}/members/${memberId}`, body: { role: 'secretary' } };
  }),
  write('DELETE /api/v1/bodies/:id/members/:memberId', 204, async (context) => {
    const owner = await body(context);
    return {
      url: `/api/v1/bodies/${owner.id}/members/${await context.app.database.system((tx) => insertTestMember(tx, owner, { organisationId: owner.tenantId }))}`,
    };
  }),
  readRecord('GET /api/v1/bodies/:id/calendar.ics', async (context) => ({ url: `/api/v1/bodies/${(await meeting(context)).bodyId}/calendar.ics` })),

  // Meetings
  write('POST /api/v1/meetings', 201, async (context) => ({
    url: '/api/v1/meetings',
    body: { ...meetingInput, bodyId: (await body(context, 'secretary')).id },
  })),
  readRecord('GET /api/v1/meetings/:id', async (context) => ({ url: `/api/v1/meetings/${(await meeting(context)).id}` })),
  write('PUT /api/v1/meetings/:id', 200, async (context) => ({
    url: `/api/v1/meetings/${(await meeting(context, 'secretary')).id}`,
    body: { ...meetingInput, version: 1, status: 'cancelled' },
  })),
  write('PUT /api/v1/meetings/:id/agenda', 200, async (context) => ({
    url: `/api/v1/meetings/${(await meeting(context, 'secretary')).id}/agenda`,
    body: { version: 1, items: [{ title: 'Punkt' }] },
  })),
  write('PUT /api/v1/meetings/:id/minutes', 200, async (context) => ({
    url: `/api/v1/meetings/${(await meeting(context, 'secretary')).id}/minutes`,
    body: { version: 1, minutes: 'Protokoll' },
  })),
  write('POST /api/v1/meetings/:id/decisions', 201, async (context) => ({
    url: `/api/v1/meetings/${(await meeting(context, 'secretary')).id}/decisions`,
    body: { text: 'Beslut' },
  })),
  write('PUT /api/v1/meetings/:id/decisions/:decisionId', 200, async (context) => {
    const held = await meeting(context, 'secretary');
    const decisionId = await context.app.database.system((tx) => insertTestDecision(tx, held));
    return { url: `/api/v1/meetings/${held.id}/decisions/${decisionId}`, body: { version: 1, status: 'done', followUp: 'Klart' } };
  }),
  write('POST /api/v1/meetings/:id/attachments', 201, async (context) => ({
    url: `/api/v1/meetings/${(await meeting(context, 'secretary')).id}/attachments?filename=Dagordning.pdf`,
    body: Buffer.from(await pdfWithMetadata()),
  })),
  readRecord('GET /api/v1/meetings/:id/attachments/:attachmentId', async (context) => {
    const held = await meeting(context);
    return { url: `/api/v1/meetings/${held.id}/attachments/${await context.app.database.system((tx) => insertTestAttachment(tx, held))}` };
  }),
  write('DELETE /api/v1/meetings/:id/attachments/:attachmentId', 204, async (context) => {
    const held = await meeting(context, 'secretary');
    return { url: `/api/v1/meetings/${held.id}/attachments/${await context.app.database.system((tx) => insertTestAttachment(tx, held))}` };
  }),
  readRecord('GET /api/v1/meetings/:id/calendar.ics', async (context) => ({ url: `/api/v1/meetings/${(await meeting(context)).id}/calendar.ics` })),

  // Work plans
  {
    route: 'GET /api/v1/work-plans',
    kind: 'collection',
    success: 200,
    audit: 0,
    async prepare(context) {
      const { id } = await plan(context);
      return { url: '/api/v1/work-plans', shows: (response) => response.body.includes(id) };
    },
  },
  write('POST /api/v1/work-plans', 201, async (context) => ({
    url: '/api/v1/work-plans',
    body: { bodyId: (await body(context, 'secretary')).id, title: 'Arbetsplan', periodStart: '2026-01-01', periodEnd: '2026-12-31' },
  })),
  readRecord('GET /api/v1/work-plans/:id', async (context) => ({ url: `/api/v1/work-plans/${(await plan(context)).id}` })),
  write('PUT /api/v1/work-plans/:id', 200, async (context) => ({
    url: `/api/v1/work-plans/${(await plan(context, 'secretary')).id}`,
    body: { version: 1, title: 'Ny titel', periodStart: '2026-01-01', periodEnd: '2027-12-31' },
  })),
  write('POST /api/v1/work-plans/:id/goals', 201, async (context) => ({
    url: `/api/v1/work-plans/${(await plan(context, 'secretary')).id}/goals`,
    body: { title: 'Mål' },
  })),
  write('PUT /api/v1/work-plans/:id/goals/:goalId', 200, async (context) => {
    const owner = await plan(context, 'secretary');
    return { url: `/api/v1/work-plans/${owner.id}/goals/${owner.goalId}`, body: { version: 1, title: 'Ändrat mål' } };
  }),
  write('DELETE /api/v1/work-plans/:id/goals/:goalId', 204, async (context) => {
    const owner = await plan(context, 'secretary');
    return { url: `/api/v1/work-plans/${owner.id}/goals/${owner.goalId}` };
  }),
  write('POST /api/v1/work-plans/:id/goals/:goalId/indicators', 201, async (context) => {
    const owner = await plan(context, 'secretary');
    return { url: `/api/v1/work-plans/${owner.id}/goals/${owner.goalId}/indicators`, body: { indicatorCode: 'screening.share_asked' } };
  }),
  write('DELETE /api/v1/work-plans/:id/goals/:goalId/indicators/:code', 204, async (context) => {
    const owner = await plan(context, 'secretary');
    await context.app.database.system((tx) =>
      tx.execute(
        sql`insert into collaboration_goal_indicators (goal_id, tenant_id, body_id, indicator_code) values (${owner.goalId}, ${owner.tenantId}, ${owner.bodyId}, 'screening.share_asked')`,
      ),
    );
    return { url: `/api/v1/work-plans/${owner.id}/goals/${owner.goalId}/indicators/screening.share_asked` };
  }),
  write('POST /api/v1/work-plans/:id/activities', 201, async (context) => {
    const owner = await plan(context, 'secretary');
    return { url: `/api/v1/work-plans/${owner.id}/activities`, body: activityInput(owner.goalId) };
  }),
  write('PUT /api/v1/work-plans/:id/activities/:activityId', 200, async (context) => {
    const owner = await plan(context, 'secretary');
    const activityId = await context.app.database.system((tx) => insertTestActivity(tx, owner));
    return { url: `/api/v1/work-plans/${owner.id}/activities/${activityId}`, body: { ...activityInput(owner.goalId), version: 1, status: 'done' } };
  }),
  write('DELETE /api/v1/work-plans/:id/activities/:activityId', 204, async (context) => {
    const owner = await plan(context, 'secretary');
    return { url: `/api/v1/work-plans/${owner.id}/activities/${await context.app.database.system((tx) => insertTestActivity(tx, owner))}` };
  }),
  write('POST /api/v1/work-plans/:id/reports', 201, async (context) => ({
    url: `/api/v1/work-plans/${(await plan(context, 'secretary')).id}/reports`,
    body: { year: 2026 },
  })),
  readRecord('GET /api/v1/work-plans/:id/reports/:reportId', async (context) => {
    const owner = await plan(context);
    return { url: `/api/v1/work-plans/${owner.id}/reports/${await context.app.database.system((tx) => insertTestReport(tx, owner))}` };
  }),
  write('PUT /api/v1/work-plans/:id/reports/:reportId', 200, async (context) => {
    const owner = await plan(context, 'secretary');
    const reportId = await context.app.database.system((tx) => insertTestReport(tx, owner));
    return { url: `/api/v1/work-plans/${owner.id}/reports/${reportId}`, body: { version: 1, sections: [{ key: 'purpose', text: 'Nytt syfte' }] } };
  }),
  write('POST /api/v1/work-plans/:id/reports/:reportId/freeze', 200, async (context) => {
    const owner = await plan(context, 'convener');
    const reportId = await context.app.database.system((tx) => insertTestReport(tx, owner));
    return { url: `/api/v1/work-plans/${owner.id}/reports/${reportId}/freeze`, body: { version: 1 } };
  }),

  // Strategy processes
  {
    route: 'GET /api/v1/strategy-processes',
    kind: 'collection',
    success: 200,
    audit: 0,
    async prepare(context) {
      const { id } = await process(context);
      return { url: '/api/v1/strategy-processes', shows: (response) => response.body.includes(id) };
    },
  },
  {
    route: 'POST /api/v1/strategy-processes',
    kind: 'collection',
    success: 201,
    audit: 1,
    prepare: async () => ({ url: '/api/v1/strategy-processes', body: { title: 'Strategi', countyCode: '20', startsOn: '2026-09-07', useTemplate: true } }),
  },
  readRecord('GET /api/v1/strategy-processes/:id', async (context) => ({ url: `/api/v1/strategy-processes/${(await process(context)).id}` })),
  write('PUT /api/v1/strategy-processes/:id', 200, async (context) => ({
    url: `/api/v1/strategy-processes/${(await process(context)).id}`,
    body: { version: 1, title: 'Strategi', countyCode: '20', startsOn: '2026-09-07', status: 'adopted' },
  })),
  write('POST /api/v1/strategy-processes/:id/steps', 201, async (context) => ({
    url: `/api/v1/strategy-processes/${(await process(context)).id}/steps`,
    body: stepInput,
  })),
  write('PUT /api/v1/strategy-processes/:id/steps/:stepId', 200, async (context) => {
    const owner = await process(context);
    return { url: `/api/v1/strategy-processes/${owner.id}/steps/${owner.stepId}`, body: { ...stepInput, version: 1, status: 'done' } };
  }),
  write('DELETE /api/v1/strategy-processes/:id/steps/:stepId', 204, async (context) => {
    const owner = await process(context);
    return { url: `/api/v1/strategy-processes/${owner.id}/steps/${owner.stepId}` };
  }),
  write('POST /api/v1/strategy-processes/:id/consultations', 201, async (context) => ({
    url: `/api/v1/strategy-processes/${(await process(context)).id}/consultations`,
    body: { title: 'Remiss', sentOn: '2026-11-02', answerWeeks: 6 },
  })),
  write('POST /api/v1/strategy-processes/:id/consultations/:consultationId/respondents', 201, async (context) => {
    const owner = await process(context);
    return {
      url: `/api/v1/strategy-processes/${owner.id}/consultations/${owner.consultationId}/respondents`,
      body: { organisationName: `Kvinnojour ${unique()}` },
    };
  }),
  write('PUT /api/v1/strategy-processes/:id/consultations/:consultationId/respondents/:respondentId', 200, async (context) => {
    const owner = await process(context);
    return {
      url: `/api/v1/strategy-processes/${owner.id}/consultations/${owner.consultationId}/respondents/${owner.respondentId}`,
      body: { version: 1, status: 'answered', answeredOn: '2026-12-01', answer: 'Svar' },
    };
  }),
  write('DELETE /api/v1/strategy-processes/:id/consultations/:consultationId/respondents/:respondentId', 204, async (context) => {
    const owner = await process(context);
    return { url: `/api/v1/strategy-processes/${owner.id}/consultations/${owner.consultationId}/respondents/${owner.respondentId}` };
  }),
]);
