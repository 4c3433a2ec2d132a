import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  addMembershipRequest,
  approveResetResponse,
  createOrganisationRequest,
  createServiceAccountRequest,
  createServiceAccountResponse,
  createUnitRequest,
  createUserRequest,
  createUserResponse,
  endMembershipRequest,
  idParams,
  membershipParams,
  rotateServiceAccountRequest,
  organisationList,
  organisationSchema,
  serviceAccountList,
  serviceAccountSchema,
  unitDetail,
  unitList,
  unitListQuery,
  unitSchema,
  updateOrganisationRequest,
  updateUnitRequest,
  userDetail,
  userList,
  userListQuery,
  userResetList,
  userResetResponse,
  versionRequest,
} from '#shared/contracts/administration.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { createServiceAccountService } from './service-account-service.ts';
import { createUnitService } from './unit-service.ts';
import { createUserService } from './user-service.ts';

const organisationQuery = z.object({ organisationId: z.string().uuid().optional() });
const resetParams = z.object({ id: z.string().uuid(), resetId: z.string().uuid() });

/** Administration of organisations, units, users and service accounts (issue 3). */
export function administrationRoutes(context: FeatureContext): Route[] {
  const units = createUnitService(context);
  const users = createUserService({ clock: context.clock, mailer: createMailer(context.config) });
  const serviceAccounts = createServiceAccountService(context);
  /** Where set-up links point: the configured public address, else the request's own. */
  const origin = (request: FastifyRequest) => (context.config.publicUrl ? new URL(context.config.publicUrl).origin : `${request.protocol}://${request.host}`);
  const tags = ['Administration'];

  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/admin/organisations',
      summary: 'Every participating organisation (names are not secret)',
      tags,
      access: { kind: 'permission', action: 'units.read' },
      responses: { 200: { description: 'Organisations', schema: organisationList } },
      handler: ({ caller, dbIn }) => units.listOrganisations({ ...caller, dbIn }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/organisations',
      summary: 'Add a participating organisation (e.g. a coordination association or a shelter)',
      tags,
      access: { kind: 'permission', action: 'organisations.manage' },
      body: createOrganisationRequest,
      responses: { 201: { description: 'Created', schema: organisationSchema } },
      async handler({ caller, dbIn, body, reply }) {
        reply.code(201);
        return units.createOrganisation({ ...caller, dbIn }, body);
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/admin/organisations/:id',
      summary: 'Rename, deactivate or reactivate an organisation',
      tags,
      access: { kind: 'permission', action: 'organisations.manage' },
      params: idParams,
      body: updateOrganisationRequest,
      responses: { 200: { description: 'Updated', schema: organisationSchema } },
      handler: ({ caller, dbIn, params, body }) => units.updateOrganisation({ ...caller, dbIn }, params.id, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/admin/units',
      summary: 'The units of an organisation (default: the acting one), active and deactivated',
      tags,
      access: { kind: 'permission', action: 'units.read' },
      query: unitListQuery,
      responses: { 200: { description: 'Units', schema: unitList } },
      handler: ({ caller, dbIn, query }) => units.listUnits({ ...caller, dbIn }, query.organisationId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/admin/units/:id',
      summary: 'A unit with its place in the hierarchy and its history',
      tags,
      access: { kind: 'permission', action: 'units.read' },
      params: idParams,
      responses: { 200: { description: 'The unit', schema: unitDetail } },
      handler: ({ caller, dbIn, params }) => units.getUnit({ ...caller, dbIn }, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/units',
      summary: 'Create a unit, under a parent unit or at the top of an organisation',
      tags,
      access: { kind: 'permission', action: 'units.manage' },
      body: createUnitRequest,
      responses: { 201: { description: 'Created', schema: unitSchema } },
      async handler({ caller, dbIn, body, reply }) {
        reply.code(201);
        return units.createUnit({ ...caller, dbIn }, body);
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/admin/units/:id',
      summary: 'Rename, move or re-code a unit (history is kept)',
      tags,
      access: { kind: 'permission', action: 'units.manage' },
      params: idParams,
      body: updateUnitRequest,
      responses: { 200: { description: 'Updated', schema: unitSchema } },
      handler: ({ caller, dbIn, params, body }) => units.updateUnit({ ...caller, dbIn }, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/units/:id/deactivate',
      summary: 'Deactivate a unit without sub-units, current roles or service accounts (never deleted)',
      tags,
      access: { kind: 'permission', action: 'units.manage' },
      params: idParams,
      body: versionRequest,
      responses: { 200: { description: 'Deactivated', schema: unitSchema } },
      handler: ({ caller, dbIn, params, body }) => units.setActive({ ...caller, dbIn }, params.id, body.version, false),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/units/:id/reactivate',
      summary: 'Reactivate a unit whose parent is active',
      tags,
      access: { kind: 'permission', action: 'units.manage' },
      params: idParams,
      body: versionRequest,
      responses: { 200: { description: 'Reactivated', schema: unitSchema } },
      handler: ({ caller, dbIn, params, body }) => units.setActive({ ...caller, dbIn }, params.id, body.version, true),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/admin/users',
      summary: 'Staff of the organisation (a manager: of their unit) with their current roles',
      tags,
      access: { kind: 'permission', action: 'users.read' },
      query: userListQuery,
      responses: { 200: { description: 'Users', schema: userList } },
      handler: ({ caller, dbIn, query }) => users.listUsers({ ...caller, dbIn }, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/admin/users/:id',
      summary: 'A staff member with every role they hold or held (the read is audited)',
      tags,
      access: { kind: 'permission', action: 'users.read' },
      params: idParams,
      responses: { 200: { description: 'The user', schema: userDetail } },
      handler: ({ caller, dbIn, params }) => users.getUser({ ...caller, dbIn }, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/users',
      summary:
        'Create an account with its first role; the one-time set-up link is mailed to the person, or released to a second administrator (never answered here)',
      tags,
      access: { kind: 'permission', action: 'users.manage' },
      grants: 'role',
      body: createUserRequest,
      responses: { 201: { description: 'Created, with the set-up request', schema: createUserResponse } },
      async handler({ caller, dbIn, body, request, reply }) {
        reply.code(201).header('cache-control', 'no-store');
        return users.createUser({ ...caller, dbIn }, body, origin(request));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/users/:id/memberships',
      summary: 'Give a role in a unit from a date (a permission change, audited)',
      tags,
      access: { kind: 'permission', action: 'users.manage' },
      grants: 'role',
      params: idParams,
      body: addMembershipRequest,
      responses: { 201: { description: 'The user with the new role', schema: userDetail } },
      async handler({ caller, dbIn, params, body, reply }) {
        reply.code(201);
        return users.addMembership({ ...caller, dbIn }, params.id, body);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/users/:id/memberships/:membershipId/end',
      summary: 'End a role from a date (today: at once); the membership is kept as history',
      tags,
      access: { kind: 'permission', action: 'users.manage' },
      params: membershipParams,
      body: endMembershipRequest,
      responses: { 200: { description: 'The user', schema: userDetail } },
      handler: ({ caller, dbIn, params, body }) => users.endMembership({ ...caller, dbIn }, params.id, params.membershipId, body.endsOn),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/users/:id/deactivate',
      summary: 'Deactivate an account; its sessions end at their next request',
      tags,
      access: { kind: 'permission', action: 'users.manage' },
      params: idParams,
      responses: { 200: { description: 'The user', schema: userDetail } },
      handler: ({ caller, dbIn, params }) => users.setActive({ ...caller, dbIn }, params.id, false),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/users/:id/reactivate',
      summary: 'Reactivate an account',
      tags,
      access: { kind: 'permission', action: 'users.manage' },
      params: idParams,
      responses: { 200: { description: 'The user', schema: userDetail } },
      handler: ({ caller, dbIn, params }) => users.setActive({ ...caller, dbIn }, params.id, true),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/users/:id/reset-second-factor',
      summary: 'Remove the user’s authenticator app and recovery codes — for roles that need a second factor, only after a second administrator approves',
      tags,
      access: { kind: 'permission', action: 'users.manage' },
      params: idParams,
      responses: { 200: { description: 'The user and the reset (done, or awaiting approval)', schema: userResetResponse } },
      handler: ({ caller, dbIn, params }) => users.resetSecondFactor({ ...caller, dbIn }, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/users/:id/reset-password',
      summary: 'Request a new one-time link to choose a password: mailed to the person, or released to a second administrator; never answered to the caller',
      tags,
      access: { kind: 'permission', action: 'users.manage' },
      params: idParams,
      responses: { 200: { description: 'The user and the reset request', schema: userResetResponse } },
      handler: ({ caller, dbIn, params, request }) => users.resetPassword({ ...caller, dbIn }, params.id, origin(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/users/:id/resets/:resetId/approve',
      summary: 'A second administrator approves a waiting reset; a set-up link without mail is answered to this administrator only, to hand over',
      tags,
      access: { kind: 'permission', action: 'users.manage' },
      params: resetParams,
      responses: { 200: { description: 'The reset, and the link to hand over when there is one (shown once)', schema: approveResetResponse } },
      async handler({ caller, dbIn, params, request, reply }) {
        reply.header('cache-control', 'no-store');
        return users.approveReset({ ...caller, dbIn }, params.id, params.resetId, origin(request));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/admin/user-resets',
      summary: 'Resets of the organisation waiting for a second administrator',
      tags,
      access: { kind: 'permission', action: 'users.manage' },
      query: organisationQuery,
      responses: { 200: { description: 'Waiting resets', schema: userResetList } },
      handler: ({ caller, dbIn, query }) => users.pendingResets({ ...caller, dbIn }, query.organisationId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/admin/service-accounts',
      summary: 'Service accounts of the organisation (tokens are never shown again)',
      tags,
      access: { kind: 'permission', action: 'service_accounts.manage' },
      query: organisationQuery,
      responses: { 200: { description: 'Service accounts', schema: serviceAccountList } },
      handler: ({ caller, dbIn, query }) => serviceAccounts.list({ ...caller, dbIn }, query.organisationId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/service-accounts',
      summary: 'Create a service account for one unit and some actions; the token is shown once',
      tags,
      access: { kind: 'permission', action: 'service_accounts.manage' },
      grants: 'actions',
      body: createServiceAccountRequest,
      responses: { 201: { description: 'Created', schema: createServiceAccountResponse } },
      async handler({ caller, dbIn, body, reply }) {
        reply.code(201).header('cache-control', 'no-store');
        return serviceAccounts.create({ ...caller, dbIn }, body);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/service-accounts/:id/rotate',
      summary: 'Issue a new token, shown once; the old one keeps working for an overlap (default a day)',
      tags,
      access: { kind: 'permission', action: 'service_accounts.manage' },
      grants: 'actions',
      params: idParams,
      body: rotateServiceAccountRequest,
      responses: { 200: { description: 'Rotated; the new token is shown once', schema: createServiceAccountResponse } },
      async handler({ caller, dbIn, params, body, reply }) {
        reply.header('cache-control', 'no-store');
        return serviceAccounts.rotate({ ...caller, dbIn }, params.id, body);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/service-accounts/:id/revoke',
      summary: 'Revoke a service account: its token stops working at once',
      tags,
      access: { kind: 'permission', action: 'service_accounts.manage' },
      params: idParams,
      responses: { 200: { description: 'Revoked', schema: serviceAccountSchema } },
      handler: ({ caller, dbIn, params }) => serviceAccounts.revoke({ ...caller, dbIn }, params.id),
    }),
  ];
}
