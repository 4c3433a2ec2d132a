import { ROLES } from '#shared/auth/roles.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import type { TestApp } from '../test-app.ts';
import { defineRouteCases, type CaseContext } from '../authorization/route-cases.ts';
import { createExampleRecord, createExampleRespondent, createExampleRound } from './builders.ts';
import { EXAMPLE_CHANGE, EXAMPLE_READ } from './example-records-feature.ts';

/** The test fixture's routes are routes of the test app, so they need entries too. */
const record = (context: CaseContext) => createExampleRecord(context.app.database, { unit: context.owner.unit, createdBy: context.owner.user.id });
/** A respondent link of a county board's round. */
async function respondent(app: TestApp): Promise<string> {
  const round = await createExampleRound(app.database, { tenantId: organisationId('LST-20') });
  return createExampleRespondent(app.database, round);
}
const ids = (body: string) => (JSON.parse(body) as { records: Array<{ id: string }> }).records.map((r) => r.id);

export const authorizationCases = defineRouteCases([
  {
    route: 'GET /api/v1/examples',
    kind: 'collection',
    success: 200,
    reach: EXAMPLE_READ,
    individualLevel: true,
    async prepare(context) {
      const { id } = await record(context);
      return { url: '/api/v1/examples', shows: (response) => ids(response.body).includes(id) };
    },
  },
  {
    route: 'GET /api/v1/examples/export.csv',
    kind: 'collection',
    success: 200,
    reach: EXAMPLE_READ,
    individualLevel: true,
    async prepare(context) {
      const { id } = await record(context);
      return { url: '/api/v1/examples/export.csv', shows: (response) => response.body.includes(id) };
    },
  },
  {
    route: 'GET /api/v1/examples/:id',
    kind: 'record',
    success: 200,
    audit: 1,
    reach: EXAMPLE_READ,
    individualLevel: true,
    prepare: async (context) => ({ url: `/api/v1/examples/${(await record(context)).id}` }),
  },
  {
    route: 'POST /api/v1/examples',
    kind: 'collection',
    success: 201,
    reach: EXAMPLE_CHANGE,
    individualLevel: true,
    prepare: async () => ({ url: '/api/v1/examples', body: { title: 'Nytt exempel', municipalityCode: '2080' } }),
  },
  {
    route: 'PATCH /api/v1/examples/:id',
    kind: 'record',
    success: 200,
    audit: 1,
    reach: EXAMPLE_CHANGE,
    individualLevel: true,
    prepare: async (context) => ({ url: `/api/v1/examples/${(await record(context)).id}`, body: { title: 'Ändrat exempel' } }),
  },
  {
    route: 'GET /api/v1/example-rounds',
    kind: 'collection',
    success: 200,
    // Rounds belong to the organisation, not a unit: everyone acting in it sees them.
    reach: { ...Object.fromEntries(ROLES.map((role) => [role, 'agency'])), service: 'agency' },
    async prepare(context) {
      const round = await createExampleRound(context.app.database, { tenantId: context.owner.unit.tenantId });
      return { url: '/api/v1/example-rounds', shows: (response) => response.body.includes(round.id) };
    },
  },
  {
    route: 'GET /api/v1/public/example-responses/:token',
    kind: 'anonymous',
    status: 200,
    coveredBy: 'server/src/platform/access/shared-access.db.test.ts',
    call: async (app) => ({ url: `/api/v1/public/example-responses/${await respondent(app)}` }),
  },
  {
    route: 'PUT /api/v1/public/example-responses/:token',
    kind: 'anonymous',
    status: 204,
    coveredBy: 'server/src/platform/access/shared-access.db.test.ts',
    call: async (app) => ({ url: `/api/v1/public/example-responses/${await respondent(app)}`, body: { answer: 'Svar' } }),
  },
]);
