import { defineRouteCases } from '../../test-support/authorization/route-cases.ts';

/** Public by contract (issues 3 and 18): readiness, liveness and the API description. */
export const authorizationCases = defineRouteCases([
  { route: 'GET /api/v1/health', kind: 'anonymous', status: 200, coveredBy: 'the platform tests', call: async () => ({ url: '/api/v1/health' }) },
  { route: 'GET /api/v1/health/live', kind: 'anonymous', status: 200, coveredBy: 'the platform tests', call: async () => ({ url: '/api/v1/health/live' }) },
  { route: 'GET /api/v1/openapi.json', kind: 'anonymous', status: 200, coveredBy: 'the platform tests', call: async () => ({ url: '/api/v1/openapi.json' }) },
]);
