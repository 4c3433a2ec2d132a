import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.ts';
import { defineRouteCases, type CaseContext } from '../../test-support/authorization/route-cases.ts';
import type { TestApp } from '../../test-support/test-app.ts';
import { testCipher } from '../surveys/survey-builders.ts';
import {
  createTestCompletion,
  createTestCourse,
  createTestEvent,
  createTestEventIn,
  createTestPlanEntryIn,
  createTestPlanIn,
  createTestRegistrationIn,
  createTestRequirement,
  createTestSupervisionIn,
  nextPlanKey,
} from './competence-builders.ts';
import { createEvaluation } from './event-service.ts';
import { competencePlanParticipants } from './schema.ts';

/**
 * Authorization-matrix entries of the competence feature (ADR 0015). Everything belongs to one
 * organisation; completions and supervision sessions also to a unit (the `unit` grants of
 * managers). Collection routes work in the caller's own organisation (the `home` unit's).
 */
const coveredBy = 'server/src/features/competence/competence.db.test.ts';
const owner = (context: CaseContext) => ({ tenantId: context.owner.unit.tenantId, userId: context.owner.user.id, unitId: context.owner.unit.id });
const home = (context: CaseContext) => context.world.home.tenantId;
const courseBody = { title: 'Ny kurs', provider: 'Socialstyrelsen', format: 'web_course', topics: ['vnr'], targetRoles: ['caseworker'] };
const eventBody = {
  title: 'Webbinarium',
  kind: 'webinar',
  organisers: 'Länsstyrelsen',
  startsAt: '2027-02-01T09:00:00.000Z',
  endsAt: '2027-02-01T11:00:00.000Z',
  digital: true,
  audience: 'Socialtjänsten',
  registrationClosesOn: '2027-01-30',
};
const planBody = () => ({ ...nextPlanKey(), title: 'Plan' });

const eventIn = (context: CaseContext) => createTestEvent(context.app.database, { tenantId: context.owner.unit.tenantId, userId: context.owner.user.id });
const completionIn = (context: CaseContext) => createTestCompletion(context.app.database, { ...owner(context) });
const planIn = (context: CaseContext) =>
  context.app.database.system((tx) => createTestPlanIn(tx, { tenantId: context.owner.unit.tenantId, userId: context.owner.user.id }));
const evaluatedEvent = (app: TestApp, tenantId: string, series: string | null = null) =>
  app.database.system(async (tx) => {
    const event = await createTestEventIn(tx, { tenantId, series });
    await createEvaluation(tx, { tenantId, userId: null, scope: 'agency', unitScopeIds: [], actingUnitId: null }, event.id, {}, { cipher: testCipher() });
    return event;
  });
const csvFor = async (context: CaseContext) => {
  const courseId = await createTestCourse(context.app.database, { tenantId: home(context) });
  const [colleague] = await context.app.database.system((tx) =>
    queryRows<{ email: string }>(tx, sql`select email from users where id = ${context.world.colleague.id}`),
  );
  return { content: `email;course_id;completed_on\n${colleague!.email};${courseId};2026-05-04\n` };
};

export const authorizationCases = defineRouteCases([
  {
    route: 'GET /api/v1/courses',
    kind: 'collection',
    success: 200,
    audit: 0,
    async prepare(context) {
      const id = await createTestCourse(context.app.database, owner(context));
      return { url: '/api/v1/courses', shows: (response) => response.body.includes(id) };
    },
  },
  { route: 'POST /api/v1/courses', kind: 'collection', success: 201, audit: 1, prepare: async () => ({ url: '/api/v1/courses', body: courseBody }) },
  {
    route: 'GET /api/v1/courses/:id',
    kind: 'record',
    success: 200,
    audit: 0,
    prepare: async (context) => ({ url: `/api/v1/courses/${await createTestCourse(context.app.database, owner(context))}` }),
  },
  {
    route: 'PUT /api/v1/courses/:id',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/courses/${await createTestCourse(context.app.database, owner(context))}`,
      body: { ...courseBody, title: 'Ändrad kurs', version: 1 },
    }),
  },
  {
    route: 'GET /api/v1/training-requirements',
    kind: 'collection',
    success: 200,
    audit: 0,
    async prepare(context) {
      const { id } = await createTestRequirement(context.app.database, owner(context));
      return { url: '/api/v1/training-requirements', shows: (response) => response.body.includes(id) };
    },
  },
  {
    route: 'POST /api/v1/training-requirements',
    kind: 'collection',
    success: 201,
    audit: 1,
    prepare: async (context) => ({
      url: '/api/v1/training-requirements',
      body: {
        courseId: await createTestCourse(context.app.database, { tenantId: home(context) }),
        unitId: context.world.home.id,
        roles: ['caseworker'],
        deadline: '2027-06-30',
      },
    }),
  },
  {
    route: 'PUT /api/v1/training-requirements/:id',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/training-requirements/${(await createTestRequirement(context.app.database, owner(context))).id}`,
      body: { version: 1, roles: ['caseworker', 'manager'], deadline: '2027-01-31', active: true },
    }),
  },
  {
    route: 'GET /api/v1/completions',
    kind: 'collection',
    success: 200,
    audit: 1,
    async prepare(context) {
      const { id } = await completionIn(context);
      return { url: '/api/v1/completions', shows: (response) => response.body.includes(id) };
    },
  },
  {
    route: 'POST /api/v1/completions',
    kind: 'collection',
    success: 201,
    audit: 1,
    prepare: async (context) => ({
      url: '/api/v1/completions',
      body: { courseId: await createTestCourse(context.app.database, { tenantId: home(context) }), completedOn: '2026-09-01' },
    }),
  },
  {
    route: 'POST /api/v1/completions/:id/confirm',
    kind: 'record',
    success: 200,
    audit: 1,
    // Nobody confirms their own training.
    refusedBy: ({ scope }) => (scope === 'own' ? 403 : undefined),
    prepare: async (context) => ({ url: `/api/v1/completions/${(await completionIn(context)).id}/confirm`, body: { version: 1 } }),
  },
  {
    route: 'POST /api/v1/completions/imports/preview',
    kind: 'collection',
    success: 200,
    audit: 0,
    prepare: async (context) => ({ url: '/api/v1/completions/imports/preview', body: await csvFor(context) }),
  },
  {
    route: 'POST /api/v1/completions/imports',
    kind: 'collection',
    success: 201,
    audit: 1,
    prepare: async (context) => ({ url: '/api/v1/completions/imports', body: await csvFor(context) }),
  },
  {
    route: 'GET /api/v1/completions/shares',
    kind: 'collection',
    success: 200,
    audit: 0,
    prepare: async () => ({ url: '/api/v1/completions/shares?months=2' }),
  },
  { route: 'GET /api/v1/completions/shares.csv', kind: 'collection', success: 200, audit: 0, prepare: async () => ({ url: '/api/v1/completions/shares.csv' }) },
  {
    route: 'GET /api/v1/completions/shares.xlsx',
    kind: 'collection',
    success: 200,
    audit: 0,
    prepare: async () => ({ url: '/api/v1/completions/shares.xlsx?months=1' }),
  },
  {
    route: 'GET /api/v1/supervision',
    kind: 'collection',
    success: 200,
    audit: 0,
    async prepare(context) {
      const id = await context.app.database.system((tx) => createTestSupervisionIn(tx, owner(context)));
      return { url: '/api/v1/supervision', shows: (response) => response.body.includes(id) };
    },
  },
  {
    route: 'POST /api/v1/supervision',
    kind: 'collection',
    success: 201,
    audit: 1,
    prepare: async () => ({ url: '/api/v1/supervision', body: { heldOn: '2026-11-02', leader: 'Extern handledare', participantCount: 6 } }),
  },
  { route: 'GET /api/v1/supervision/cadence', kind: 'collection', success: 200, audit: 0, prepare: async () => ({ url: '/api/v1/supervision/cadence' }) },
  { route: 'GET /api/v1/staff-support', kind: 'collection', success: 200, audit: 0, prepare: async () => ({ url: '/api/v1/staff-support' }) },
  {
    route: 'PUT /api/v1/staff-support',
    kind: 'collection',
    success: 200,
    audit: 1,
    async prepare(context) {
      const [row] = await context.app.database.system((tx) =>
        queryRows<{ version: number }>(tx, sql`select version from staff_support_content where tenant_id = ${home(context)}`),
      );
      return {
        url: '/api/v1/staff-support',
        body: { body: `Stöd till personal ${crypto.randomUUID()}`, helpRoute: 'Företagshälsovården', version: Number(row?.version ?? 0) },
      };
    },
  },
  {
    route: 'GET /api/v1/competence-plans',
    kind: 'collection',
    success: 200,
    audit: 0,
    async prepare(context) {
      const id = await planIn(context);
      return { url: '/api/v1/competence-plans', shows: (response) => response.body.includes(id) };
    },
  },
  {
    route: 'POST /api/v1/competence-plans',
    kind: 'collection',
    success: 201,
    audit: 1,
    prepare: async () => ({ url: '/api/v1/competence-plans', body: planBody() }),
  },
  {
    route: 'GET /api/v1/competence-plans/:id',
    kind: 'record',
    success: 200,
    audit: 0,
    prepare: async (context) => ({ url: `/api/v1/competence-plans/${await planIn(context)}` }),
  },
  {
    route: 'POST /api/v1/competence-plans/:id/entries',
    kind: 'record',
    success: 201,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/competence-plans/${await planIn(context)}/entries`,
      body: { organisationName: 'Falu kommun', effort: 'Grundkurs', targetGroup: 'Socialsekreterare', topics: ['vnr'], plannedMonth: 3 },
    }),
  },
  {
    route: 'POST /api/v1/competence-plans/:id/participants',
    kind: 'record',
    success: 201,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/competence-plans/${await planIn(context)}/participants`,
      body: { organisationId: context.world.foreign.tenantId },
    }),
  },
  {
    route: 'DELETE /api/v1/competence-plans/:id/participants/:organisationId',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => {
      const planId = await planIn(context);
      await context.app.database.system((tx) =>
        tx.insert(competencePlanParticipants).values({ planId, tenantId: context.owner.unit.tenantId, organisationId: context.world.foreign.tenantId }),
      );
      return { url: `/api/v1/competence-plans/${planId}/participants/${context.world.foreign.tenantId}` };
    },
  },
  {
    route: 'PUT /api/v1/competence-plans/:id/entries/:entryId',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const planId = await planIn(context);
      const entryId = await context.app.database.system((tx) => createTestPlanEntryIn(tx, { tenantId: context.owner.unit.tenantId, planId }));
      return {
        url: `/api/v1/competence-plans/${planId}/entries/${entryId}`,
        body: { effort: 'Fördjupning', targetGroup: 'Chefer', topics: ['hrv'], plannedMonth: 5, version: 1 },
      };
    },
  },
  {
    route: 'GET /api/v1/events',
    kind: 'collection',
    success: 200,
    audit: 0,
    async prepare(context) {
      const { id } = await eventIn(context);
      return { url: '/api/v1/events', shows: (response) => response.body.includes(id) };
    },
  },
  { route: 'POST /api/v1/events', kind: 'collection', success: 201, audit: 1, prepare: async () => ({ url: '/api/v1/events', body: eventBody }) },
  {
    route: 'GET /api/v1/events/participation',
    kind: 'collection',
    success: 200,
    audit: 1,
    prepare: async () => ({ url: '/api/v1/events/participation?county=20' }),
  },
  {
    route: 'GET /api/v1/events/participation.csv',
    kind: 'collection',
    success: 200,
    audit: 1,
    prepare: async () => ({ url: '/api/v1/events/participation.csv?county=20' }),
  },
  {
    route: 'GET /api/v1/events/participation.xlsx',
    kind: 'collection',
    success: 200,
    audit: 0,
    prepare: async () => ({ url: '/api/v1/events/participation.xlsx?view=published' }),
  },
  {
    route: 'GET /api/v1/events/series-results',
    kind: 'collection',
    success: 200,
    audit: 1,
    async prepare(context) {
      const series = `Serie ${crypto.randomUUID().slice(0, 8)}`;
      await evaluatedEvent(context.app, home(context), series);
      return { url: `/api/v1/events/series-results?series=${encodeURIComponent(series)}` };
    },
  },
  {
    route: 'GET /api/v1/events/:id',
    kind: 'record',
    success: 200,
    audit: 0,
    prepare: async (context) => ({ url: `/api/v1/events/${(await eventIn(context)).id}` }),
  },
  {
    route: 'PATCH /api/v1/events/:id',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/events/${(await eventIn(context)).id}`, body: { version: 1, registrationClosed: true } }),
  },
  {
    route: 'GET /api/v1/events/:id/registrations',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/events/${(await eventIn(context)).id}/registrations` }),
  },
  {
    route: 'PUT /api/v1/events/:id/attendance',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const { id } = await eventIn(context);
      const registrationId = await context.app.database.system((tx) => createTestRegistrationIn(tx, { tenantId: context.owner.unit.tenantId, eventId: id }));
      return { url: `/api/v1/events/${id}/attendance`, body: { attendance: [{ registrationId, attended: true }] } };
    },
  },
  {
    route: 'POST /api/v1/events/:id/evaluation',
    kind: 'record',
    success: 201,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/events/${(await eventIn(context)).id}/evaluation`, body: {} }),
  },
  {
    route: 'GET /api/v1/events/:id/evaluation',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/events/${(await evaluatedEvent(context.app, context.owner.unit.tenantId)).id}/evaluation` }),
  },
  {
    route: 'GET /api/v1/public/event-registrations/:token',
    kind: 'anonymous',
    status: 200,
    coveredBy,
    call: async (app) => ({
      url: `/api/v1/public/event-registrations/${(await createTestEvent(app.database, { tenantId: (await firstTenant(app))! })).token}`,
    }),
  },
  {
    route: 'POST /api/v1/public/event-registrations/:token',
    kind: 'anonymous',
    status: 201,
    coveredBy,
    call: async (app) => ({
      url: `/api/v1/public/event-registrations/${(await createTestEvent(app.database, { tenantId: (await firstTenant(app))! })).token}`,
      body: {
        name: 'Anna Andersson',
        email: `anna-${crypto.randomUUID().slice(0, 8)}@falun.example`,
        organisationName: 'Falu kommun',
        organisationKind: 'municipality',
        municipalityCode: '2080',
      },
    }),
  },
]);

/** The county board of Dalarna: any organisation would do for the public link's owner. */
async function firstTenant(app: TestApp): Promise<string | undefined> {
  const [row] = await app.database.system((tx) => queryRows<{ id: string }>(tx, sql`select id from organisations where code = 'LST-20'`));
  return row?.id;
}
