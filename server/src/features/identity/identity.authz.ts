import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.ts';
import { defineGrantCases, defineRouteCases, type CaseContext } from '../../test-support/authorization/route-cases.ts';

/** Authorization-matrix entries of the identity routes (test-support/authorization). */
const coveredBy = 'server/src/features/identity/*.db.test.ts';
const unique = () => crypto.randomBytes(6).toString('hex');

async function currentVersion(context: CaseContext): Promise<number | undefined> {
  const [row] = await context.app.database.system((tx) =>
    queryRows<{ version: number }>(tx, sql`select version from identity_providers where tenant_id = ${context.owner.unit.tenantId}::uuid`),
  );
  return row?.version;
}

export const authorizationCases = defineRouteCases([
  {
    route: 'GET /api/v1/admin/organisations/:id/identity-provider',
    kind: 'record',
    success: 200,
    audit: 0,
    prepare: async (context) => ({ url: `/api/v1/admin/organisations/${context.owner.unit.tenantId}/identity-provider` }),
  },
  {
    route: 'PUT /api/v1/admin/organisations/:id/identity-provider',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const version = await currentVersion(context);
      return {
        url: `/api/v1/admin/organisations/${context.owner.unit.tenantId}/identity-provider`,
        body: {
          issuer: 'https://login.example.org/tenant',
          clientId: 'upptack',
          clientSecret: `secret-${unique()}`,
          emailDomains: [`m${unique()}.example.se`],
          localPasswords: true,
          ...(version ? { version } : {}),
        },
      };
    },
  },
  {
    route: 'POST /api/v1/admin/organisations/:id/scim-token',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/admin/organisations/${context.owner.unit.tenantId}/scim-token`, body: { expiresInDays: 30 } }),
  },
  // SCIM routes take the organisation's SCIM token, never a session or a service account's token.
  { route: 'GET /api/v1/scim/v2/Users', kind: 'anonymous', status: 401, coveredBy, call: async () => ({ url: '/api/v1/scim/v2/Users' }) },
  {
    route: 'GET /api/v1/scim/v2/Users/:id',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({ url: '/api/v1/scim/v2/Users/00000000-0000-4000-8000-000000000000' }),
  },
  {
    route: 'POST /api/v1/scim/v2/Users',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({ url: '/api/v1/scim/v2/Users', body: { userName: 'ingen@okand.example.org' } }),
  },
  {
    route: 'PATCH /api/v1/scim/v2/Users/:id',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({
      url: '/api/v1/scim/v2/Users/00000000-0000-4000-8000-000000000000',
      body: { Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
    }),
  },
  {
    route: 'DELETE /api/v1/scim/v2/Users/:id',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({ url: '/api/v1/scim/v2/Users/00000000-0000-4000-8000-000000000000' }),
  },
  {
    route: 'PUT /api/v1/scim/v2/Users/:id',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({ url: '/api/v1/scim/v2/Users/00000000-0000-4000-8000-000000000000', body: { userName: 'ingen@okand.example.org' } }),
  },
  { route: 'GET /api/v1/scim/v2/Groups', kind: 'anonymous', status: 401, coveredBy, call: async () => ({ url: '/api/v1/scim/v2/Groups' }) },
  {
    route: 'GET /api/v1/scim/v2/Groups/:id',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({ url: '/api/v1/scim/v2/Groups/00000000-0000-4000-8000-000000000000' }),
  },
  {
    route: 'POST /api/v1/scim/v2/Groups',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({ url: '/api/v1/scim/v2/Groups', body: { displayName: 'Grupp' } }),
  },
  {
    route: 'PATCH /api/v1/scim/v2/Groups/:id',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({
      url: '/api/v1/scim/v2/Groups/00000000-0000-4000-8000-000000000000',
      body: { Operations: [{ op: 'Add', path: 'members', value: [] }] },
    }),
  },
  {
    route: 'DELETE /api/v1/scim/v2/Groups/:id',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({ url: '/api/v1/scim/v2/Groups/00000000-0000-4000-8000-000000000000' }),
  },
  {
    route: 'GET /api/v1/scim/v2/ServiceProviderConfig',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({ url: '/api/v1/scim/v2/ServiceProviderConfig' }),
  },
  { route: 'GET /api/v1/scim/v2/ResourceTypes', kind: 'anonymous', status: 401, coveredBy, call: async () => ({ url: '/api/v1/scim/v2/ResourceTypes' }) },
  { route: 'GET /api/v1/scim/v2/Schemas', kind: 'anonymous', status: 401, coveredBy, call: async () => ({ url: '/api/v1/scim/v2/Schemas' }) },
  {
    route: 'POST /api/v1/auth/oidc/start',
    kind: 'anonymous',
    status: 400,
    coveredBy,
    call: async () => ({ url: '/api/v1/auth/oidc/start', body: { email: 'ingen@okand.example.org' } }),
  },
  {
    route: 'GET /api/v1/auth/oidc/callback',
    kind: 'anonymous',
    status: 303,
    coveredBy,
    call: async () => ({ url: '/api/v1/auth/oidc/callback?code=x&state=y' }),
  },
  {
    route: 'POST /api/v1/auth/oidc/totp',
    kind: 'anonymous',
    status: 401,
    coveredBy,
    call: async () => ({ url: '/api/v1/auth/oidc/totp', body: { totp: '123456' } }),
  },
  {
    route: 'POST /api/v1/auth/oidc/backchannel-logout',
    kind: 'anonymous',
    status: 400,
    coveredBy,
    call: async () => ({ url: '/api/v1/auth/oidc/backchannel-logout', body: { logout_token: 'not-a-token' } }),
  },
]);

/**
 * The grant dimension (ADR 0082): a mapping rule gives a role in a unit. Every role a system
 * administrator may give, in every place; `system_admin` never (ADR 0108).
 */
export const grantCases = defineGrantCases([
  {
    route: 'PUT /api/v1/admin/organisations/:id/identity-provider',
    success: 200,
    neverGives: { roles: ['system_admin'], reason: 'a provider’s claims never make anyone a system administrator (emergency access stays local)' },
    async prepare(context) {
      const [row] = await context.app.database.system((tx) =>
        queryRows<{ version: number }>(tx, sql`select version from identity_providers where tenant_id = ${context.unit.tenantId}::uuid`),
      );
      return {
        url: `/api/v1/admin/organisations/${context.unit.tenantId}/identity-provider`,
        body: {
          issuer: 'https://login.example.org/tenant',
          clientId: 'upptack',
          clientSecret: `secret-${unique()}`,
          emailDomains: [`g${unique()}.example.se`],
          localPasswords: true,
          mappingRules: [{ claim: 'groups', value: `g-${unique()}`, unitId: context.unit.id, role: context.role }],
          ...(row ? { version: row.version } : {}),
        },
      };
    },
  },
]);
