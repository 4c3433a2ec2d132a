import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { memberships, serviceAccounts } from '../../platform/auth/schema.ts';
import { queryRows } from '../../platform/db/database.ts';
import { organisations } from '../../platform/db/reference-schema.ts';
import { sha256Hex } from '../../platform/crypto/field-encryption.ts';
import { createUnit, createUser } from '../../test-support/builders.ts';
import { defineGrantCases, defineRouteCases, type CaseContext, type GrantContext } from '../../test-support/authorization/route-cases.ts';

/** Authorization-matrix entries of the administration routes (test-support/authorization). */
const unique = () => crypto.randomBytes(8).toString('hex');
const person = (context: CaseContext, partial: { active?: boolean } = {}) =>
  createUser(context.app.database, { unit: context.owner.unit, roles: ['caseworker'], ...partial });
const ids = (body: string, key: string) => (JSON.parse(body) as Record<string, Array<{ id: string }>>)[key]!.map((row) => row.id);

async function serviceAccount(context: CaseContext): Promise<string> {
  const [row] = await context.app.database.system((tx) =>
    tx
      .insert(serviceAccounts)
      .values({
        tenantId: context.owner.unit.tenantId,
        unitId: context.owner.unit.id,
        name: `Integration ${unique()}`,
        tokenHash: sha256Hex(unique()),
        tokenHint: 'upk_test',
        actions: ['units.read'],
      })
      .returning({ id: serviceAccounts.id }),
  );
  return row!.id;
}

/** A second-factor reset of a caseworker, asked for by another administrator, waiting for approval. */
async function pendingReset(context: CaseContext): Promise<{ userId: string; resetId: string }> {
  const target = await person(context);
  const asker = await createUser(context.app.database, { unit: context.owner.unit, roles: ['agency_coordinator'] });
  const [row] = await context.app.database.system((tx) =>
    queryRows<{ id: string }>(
      tx,
      sql`insert into user_resets (tenant_id, user_id, kind, status, requested_by, expires_at)
          values (${target.tenantId}::uuid, ${target.id}::uuid, 'second_factor', 'awaiting_approval', ${asker.id}::uuid, app_now() + interval '3 days') returning id`,
    ),
  );
  return { userId: target.id, resetId: row!.id };
}

export const authorizationCases = defineRouteCases([
  {
    route: 'GET /api/v1/admin/organisations',
    kind: 'collection',
    success: 200,
    audit: 0,
    prepare: async () => ({ url: '/api/v1/admin/organisations' }),
  },
  {
    route: 'POST /api/v1/admin/organisations',
    kind: 'collection',
    success: 201,
    audit: 1,
    prepare: async () => ({ url: '/api/v1/admin/organisations', body: { kind: 'shelter', code: `KJ-${unique().toUpperCase()}`, name: 'Kvinnojouren' } }),
  },
  {
    route: 'PATCH /api/v1/admin/organisations/:id',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const [organisation] = await context.app.database.system((tx) =>
        tx.select({ version: organisations.version }).from(organisations).where(eq(organisations.id, context.owner.unit.tenantId)),
      );
      return { url: `/api/v1/admin/organisations/${context.owner.unit.tenantId}`, body: { version: organisation!.version, name: `Organisation ${unique()}` } };
    },
  },
  {
    route: 'GET /api/v1/admin/units',
    kind: 'collection',
    tenantParam: true,
    success: 200,
    audit: 0,
    async prepare(context) {
      const unit = await createUnit(context.app.database, { organisation: context.owner.unit.organisation, parentId: context.owner.unit.id });
      return { url: `/api/v1/admin/units?organisationId=${unit.tenantId}`, shows: (response) => ids(response.body, 'units').includes(unit.id) };
    },
  },
  {
    route: 'GET /api/v1/admin/units/:id',
    kind: 'record',
    success: 200,
    audit: 0,
    prepare: async (context) => ({ url: `/api/v1/admin/units/${context.owner.unit.id}` }),
  },
  {
    route: 'POST /api/v1/admin/units',
    kind: 'record',
    success: 201,
    audit: 1,
    prepare: async (context) => ({ url: '/api/v1/admin/units', body: { parentId: context.owner.unit.id, level: 'unit', name: `Ny enhet ${unique()}` } }),
  },
  {
    route: 'PATCH /api/v1/admin/units/:id',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const unit = await createUnit(context.app.database, { organisation: context.owner.unit.organisation, parentId: context.owner.unit.id });
      return { url: `/api/v1/admin/units/${unit.id}`, body: { version: 1, name: `Omdöpt ${unique()}` } };
    },
  },
  {
    route: 'POST /api/v1/admin/units/:id/deactivate',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const unit = await createUnit(context.app.database, { organisation: context.owner.unit.organisation, parentId: context.owner.unit.id });
      return { url: `/api/v1/admin/units/${unit.id}/deactivate`, body: { version: 1 } };
    },
  },
  {
    route: 'POST /api/v1/admin/units/:id/reactivate',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const unit = await createUnit(context.app.database, { organisation: context.owner.unit.organisation, parentId: context.owner.unit.id });
      await context.app.database.system((tx) => tx.execute(`update units set active = false, version = 2 where id = '${unit.id}'`));
      return { url: `/api/v1/admin/units/${unit.id}/reactivate`, body: { version: 2 } };
    },
  },
  {
    route: 'GET /api/v1/admin/users',
    kind: 'collection',
    tenantParam: true,
    success: 200,
    audit: 0,
    async prepare(context) {
      const user = await person(context);
      return { url: `/api/v1/admin/users?organisationId=${user.tenantId}`, shows: (response) => ids(response.body, 'users').includes(user.id) };
    },
  },
  {
    route: 'GET /api/v1/admin/users/:id',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/admin/users/${(await person(context)).id}` }),
  },
  {
    route: 'POST /api/v1/admin/users',
    kind: 'record',
    success: 201,
    audit: 1,
    prepare: async (context) => ({
      url: '/api/v1/admin/users',
      body: { email: `ny-${unique()}@test.upptack.se`, displayName: 'Ny Person', unitId: context.owner.unit.id, role: 'caseworker', startsOn: '2026-11-23' },
    }),
  },
  {
    route: 'POST /api/v1/admin/users/:id/memberships',
    kind: 'record',
    success: 201,
    audit: 1,
    async prepare(context) {
      const user = await person(context);
      return { url: `/api/v1/admin/users/${user.id}/memberships`, body: { unitId: context.owner.unit.id, role: 'manager', startsOn: '2026-11-23' } };
    },
  },
  {
    route: 'POST /api/v1/admin/users/:id/memberships/:membershipId/end',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const user = await person(context);
      const [membership] = await context.app.database.system((tx) =>
        tx.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, user.id)),
      );
      return { url: `/api/v1/admin/users/${user.id}/memberships/${membership!.id}/end`, body: { endsOn: '2026-11-23' } };
    },
  },
  {
    route: 'POST /api/v1/admin/users/:id/deactivate',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/admin/users/${(await person(context)).id}/deactivate` }),
  },
  {
    route: 'POST /api/v1/admin/users/:id/reactivate',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/admin/users/${(await person(context, { active: false })).id}/reactivate` }),
  },
  {
    route: 'POST /api/v1/admin/users/:id/reset-second-factor',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/admin/users/${(await person(context)).id}/reset-second-factor` }),
  },
  {
    route: 'POST /api/v1/admin/users/:id/reset-password',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/admin/users/${(await person(context)).id}/reset-password` }),
  },
  {
    route: 'POST /api/v1/admin/users/:id/resets/:resetId/approve',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const { userId, resetId } = await pendingReset(context);
      return { url: `/api/v1/admin/users/${userId}/resets/${resetId}/approve` };
    },
  },
  {
    route: 'GET /api/v1/admin/user-resets',
    kind: 'collection',
    tenantParam: true,
    success: 200,
    audit: 0,
    async prepare(context) {
      const { resetId } = await pendingReset(context);
      return {
        url: `/api/v1/admin/user-resets?organisationId=${context.owner.unit.tenantId}`,
        shows: (response) => ids(response.body, 'resets').includes(resetId),
      };
    },
  },
  {
    route: 'GET /api/v1/admin/service-accounts',
    kind: 'collection',
    tenantParam: true,
    success: 200,
    audit: 0,
    async prepare(context) {
      const id = await serviceAccount(context);
      return {
        url: `/api/v1/admin/service-accounts?organisationId=${context.owner.unit.tenantId}`,
        shows: (response) => ids(response.body, 'serviceAccounts').includes(id),
      };
    },
  },
  {
    route: 'POST /api/v1/admin/service-accounts',
    kind: 'record',
    success: 201,
    audit: 1,
    prepare: async (context) => ({
      url: '/api/v1/admin/service-accounts',
      body: { name: `Integration ${unique()}`, unitId: context.owner.unit.id, actions: ['units.read'] },
    }),
  },
  {
    route: 'POST /api/v1/admin/service-accounts/:id/rotate',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/admin/service-accounts/${await serviceAccount(context)}/rotate`, body: {} }),
  },
  {
    route: 'POST /api/v1/admin/service-accounts/:id/revoke',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/admin/service-accounts/${await serviceAccount(context)}/revoke` }),
  },
]);

/** The grant dimension (ADR 0082): each administration route that gives access. */
const grantedPerson = (context: GrantContext) => createUser(context.app.database, { unit: context.unit, roles: ['caseworker'] });

export const grantCases = defineGrantCases([
  {
    route: 'POST /api/v1/admin/service-accounts',
    success: 201,
    prepare: async (context) => ({
      url: '/api/v1/admin/service-accounts',
      body: { name: `Integration ${unique()}`, unitId: context.unit.id, actions: [context.action] },
    }),
  },
  {
    route: 'POST /api/v1/admin/service-accounts/:id/rotate',
    success: 200,
    async prepare(context) {
      const [row] = await context.app.database.system((tx) =>
        tx
          .insert(serviceAccounts)
          .values({
            tenantId: context.unit.tenantId,
            unitId: context.unit.id,
            name: `Integration ${unique()}`,
            tokenHash: sha256Hex(unique()),
            tokenHint: 'upk_test',
            actions: [context.action!],
          })
          .returning({ id: serviceAccounts.id }),
      );
      return { url: `/api/v1/admin/service-accounts/${row!.id}/rotate`, body: {} };
    },
  },
  {
    route: 'POST /api/v1/admin/users',
    success: 201,
    prepare: async (context) => ({
      url: '/api/v1/admin/users',
      body: { email: `ny-${unique()}@test.upptack.se`, displayName: 'Ny Person', unitId: context.unit.id, role: context.role, startsOn: '2026-11-23' },
    }),
  },
  {
    route: 'POST /api/v1/admin/users/:id/memberships',
    success: 201,
    async prepare(context) {
      const user = await grantedPerson(context);
      return { url: `/api/v1/admin/users/${user.id}/memberships`, body: { unitId: context.unit.id, role: context.role, startsOn: '2026-11-23' } };
    },
  },
]);
