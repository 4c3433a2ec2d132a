import { defineRouteCases } from '../../test-support/authorization/route-cases.ts';

/** Public facts (SCB codes) under /api/v1/public/. */
export const authorizationCases = defineRouteCases([
  { route: 'GET /api/v1/public/reference-data', kind: 'anonymous', status: 200, coveredBy: 'the platform tests', call: async () => ({ url: '/api/v1/public/reference-data' }) },
]);
