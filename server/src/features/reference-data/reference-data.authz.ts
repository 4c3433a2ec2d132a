import { ROLES } from '#shared/auth/roles.ts';
import { defineRouteCases } from '../../test-support/authorization/route-cases.ts';

/** Public facts (SCB codes) under /api/v1/public/, and their export as a background job. */
export const authorizationCases = defineRouteCases([
  {
    route: 'POST /api/v1/reference-data/municipality-export',
    kind: 'collection',
    success: 202,
    audit: 0,
    // Any signed-in person; a service account is refused (a job's result belongs to a person).
    reach: Object.fromEntries(ROLES.map((role) => [role, 'agency'])),
    prepare: async () => ({ url: '/api/v1/reference-data/municipality-export', body: {} }),
  },
  {
    route: 'GET /api/v1/public/reference-data',
    kind: 'anonymous',
    status: 200,
    coveredBy: 'the platform tests',
    call: async () => ({ url: '/api/v1/public/reference-data' }),
  },
]);
