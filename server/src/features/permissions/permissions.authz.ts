import { ROLES } from '#shared/auth/roles.ts';
import { defineRouteCases } from '../../test-support/authorization/route-cases.ts';

/** The permission table is documentation every signed-in caller may read. */
export const authorizationCases = defineRouteCases([
  {
    route: 'GET /api/v1/permissions',
    kind: 'collection',
    success: 200,
    audit: 0,
    reach: { ...Object.fromEntries(ROLES.map((role) => [role, 'agency'])), service: 'unit' },
    prepare: async () => ({ url: '/api/v1/permissions' }),
  },
]);
