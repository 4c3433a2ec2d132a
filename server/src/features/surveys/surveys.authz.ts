import { defineRouteCases, type CaseContext } from '../../test-support/authorization/route-cases.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import type { TestApp } from '../../test-support/test-app.ts';
import { createTestRound, SMALL_SURVEY, submitSampleResponse } from './survey-builders.ts';
import { createSurvey } from './survey-service.ts';
import { surveyDefinition } from '#shared/contracts/surveys.ts';

/**
 * Authorization-matrix entries of surveys (ADR 0015). Surveys and rounds belong to the sending
 * organisation; another organisation's survey is "not found". Respondent links are public routes
 * that need a real token.
 */
const roundIn = (context: CaseContext) => createTestRound(context.app.database, { tenantId: context.owner.unit.tenantId, userId: context.owner.user.id });
const draftIn = (context: CaseContext) =>
  context.app.database.system((tx) =>
    createSurvey(tx, { tenantId: context.owner.unit.tenantId, userId: context.owner.user.id }, { definition: surveyDefinition.parse(SMALL_SURVEY) }),
  );
const countyRound = (app: TestApp, openLink = false) => createTestRound(app.database, { tenantId: organisationId('LST-20'), openLink });
const coveredBy = 'server/src/features/surveys/surveys.db.test.ts';

export const authorizationCases = defineRouteCases([
  { route: 'GET /api/v1/surveys/templates', kind: 'collection', success: 200, audit: 0, prepare: async () => ({ url: '/api/v1/surveys/templates' }) },
  {
    route: 'GET /api/v1/surveys',
    kind: 'collection',
    success: 200,
    audit: 0,
    async prepare(context) {
      const { id } = await draftIn(context);
      return { url: '/api/v1/surveys', shows: (response) => response.body.includes(id) };
    },
  },
  {
    route: 'POST /api/v1/surveys',
    kind: 'collection',
    success: 201,
    audit: 1,
    prepare: async () => ({ url: '/api/v1/surveys', body: { template: 'shelter' } }),
  },
  {
    route: 'GET /api/v1/surveys/:id',
    kind: 'record',
    success: 200,
    audit: 0,
    prepare: async (context) => ({ url: `/api/v1/surveys/${(await draftIn(context)).id}` }),
  },
  {
    route: 'PUT /api/v1/surveys/:id',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const draft = await draftIn(context);
      return { url: `/api/v1/surveys/${draft.id}`, body: { version: draft.version, definition: { ...draft.definition, title: 'Ändrad enkät' } } };
    },
  },
  {
    route: 'POST /api/v1/surveys/:id/versions',
    kind: 'record',
    success: 201,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/surveys/${(await draftIn(context)).id}/versions` }),
  },
  {
    route: 'GET /api/v1/survey-rounds',
    kind: 'collection',
    success: 200,
    audit: 0,
    async prepare(context) {
      const { id } = await roundIn(context);
      return { url: '/api/v1/survey-rounds', shows: (response) => response.body.includes(id) };
    },
  },
  {
    route: 'POST /api/v1/survey-rounds',
    kind: 'collection',
    success: 201,
    audit: 1,
    // The survey must be the caller's own: made in the caller's organisation (the home unit's).
    prepare: async (context) => ({
      url: '/api/v1/survey-rounds',
      body: {
        surveyId: (await draftIn({ ...context, owner: { unit: context.world.home, user: context.world.colleague } })).id,
        title: 'Ny omgång',
        year: 2026,
        deadline: '2026-12-31',
        respondents: [{ name: 'Kvinnojouren' }],
      },
    }),
  },
  {
    route: 'GET /api/v1/survey-rounds/:id',
    kind: 'record',
    success: 200,
    audit: 0,
    prepare: async (context) => ({ url: `/api/v1/survey-rounds/${(await roundIn(context)).id}` }),
  },
  {
    route: 'PATCH /api/v1/survey-rounds/:id',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/survey-rounds/${(await roundIn(context)).id}`, body: { version: 1, allowLate: true } }),
  },
  {
    route: 'PATCH /api/v1/survey-rounds/:id/respondents/:respondentId',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const round = await roundIn(context);
      return {
        url: `/api/v1/survey-rounds/${round.id}/respondents/${round.respondents[0]!.responseId}`,
        body: { version: 1, contactName: 'Ny kontakt', contactEmail: 'ny@example.se' },
      };
    },
  },
  {
    route: 'POST /api/v1/survey-rounds/:id/respondents/:respondentId/reopen',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const round = await roundIn(context);
      await submitSampleResponse(context.app.database, context.owner.unit.tenantId, round.respondents[0]!.responseId, 1);
      return { url: `/api/v1/survey-rounds/${round.id}/respondents/${round.respondents[0]!.responseId}/reopen` };
    },
  },
  {
    route: 'GET /api/v1/survey-rounds/:id/reminders',
    kind: 'record',
    success: 200,
    audit: 0,
    prepare: async (context) => ({ url: `/api/v1/survey-rounds/${(await roundIn(context)).id}/reminders` }),
  },
  {
    route: 'POST /api/v1/survey-rounds/:id/reminders',
    kind: 'record',
    success: 200,
    audit: 1,
    // The test app has no mail server; a respondent without an address needs none (sent: 0).
    async prepare(context) {
      const round = await createTestRound(context.app.database, { tenantId: context.owner.unit.tenantId, respondents: 0, countyMunicipalities: '20' });
      return { url: `/api/v1/survey-rounds/${round.id}/reminders`, body: { respondentIds: [round.respondents[0]!.responseId] } };
    },
  },
  {
    route: 'GET /api/v1/survey-rounds/:id/results',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/survey-rounds/${(await roundIn(context)).id}/results` }),
  },
  {
    route: 'GET /api/v1/survey-rounds/:id/results.csv',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/survey-rounds/${(await roundIn(context)).id}/results.csv` }),
  },
  {
    route: 'GET /api/v1/survey-rounds/:id/results.xlsx',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/survey-rounds/${(await roundIn(context)).id}/results.xlsx` }),
  },
  {
    route: 'POST /api/v1/survey-rounds/:id/report',
    kind: 'record',
    success: 202,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/survey-rounds/${(await roundIn(context)).id}/report` }),
  },
  {
    route: 'GET /api/v1/public/survey-responses/:token',
    kind: 'anonymous',
    status: 200,
    coveredBy,
    call: async (app) => ({ url: `/api/v1/public/survey-responses/${(await countyRound(app)).respondents[0]!.token}` }),
  },
  {
    route: 'PUT /api/v1/public/survey-responses/:token/answers',
    kind: 'anonymous',
    status: 200,
    coveredBy,
    call: async (app) => ({
      url: `/api/v1/public/survey-responses/${(await countyRound(app)).respondents[0]!.token}/answers`,
      body: { answers: [{ question: 'q_plan', value: 'yes', version: 0 }] },
    }),
  },
  {
    route: 'POST /api/v1/public/survey-responses/:token/submit',
    kind: 'anonymous',
    status: 200,
    coveredBy,
    call: async (app) => ({ url: `/api/v1/public/survey-responses/${(await countyRound(app)).respondents[0]!.token}/submit`, body: {} }),
  },
  {
    route: 'GET /api/v1/public/survey-links/:token',
    kind: 'anonymous',
    status: 200,
    coveredBy,
    call: async (app) => ({ url: `/api/v1/public/survey-links/${(await countyRound(app, true)).openToken}` }),
  },
  {
    route: 'POST /api/v1/public/survey-links/:token/responses',
    kind: 'anonymous',
    status: 201,
    coveredBy,
    call: async (app) => ({
      url: `/api/v1/public/survey-links/${(await countyRound(app, true)).openToken}/responses`,
      body: { answers: { q_plan: 'partly' } },
    }),
  },
]);
