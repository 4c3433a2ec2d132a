import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sessionResponse } from '#shared/contracts/auth.ts';
import { idParams } from '#shared/contracts/administration.ts';
import {
  identityProviderRequest,
  identityProviderResponse,
  identityProviderSchema,
  oidcRefusalMessages,
  oidcTotpRequest,
  signInMethodRequest,
} from '#shared/contracts/identity.ts';
import { SESSION_COOKIE, sessionCookieOptions } from '../../platform/auth/sessions.ts';
import { AppError, invalidField, pick } from '../../platform/errors/app-error.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import { authMessages, createAuthService } from '../auth/index.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { createOidcService, OidcRefusalError } from './oidc-service.ts';
import { createProviderService } from './provider-service.ts';
import { createScimService } from './scim-service.ts';
import {
  scimGroupRequest,
  scimListQuery,
  scimPatchRequest,
  scimResourceQuery,
  scimTokenRequest,
  scimTokenResponse,
  scimUserRequest,
} from '#shared/contracts/scim.ts';
import { resourceTypeList, schemaList, serviceProviderConfig } from './scim-discovery.ts';

/** Binds a sign-in under way to this browser; Lax, because the provider sends the person back by a cross-site navigation. */
export const OIDC_COOKIE = 'upptack_oidc';
const OIDC_COOKIE_PATH = '/api/v1/auth/oidc';
/** The staff app's base path (web/src/app/App.tsx): `returnTo` is a path inside it, as the sign-in page knows it. */
const STAFF_APP = '/personal';
const LOGIN_PAGE = `${STAFF_APP}/logga-in`;

/** Only paths inside the staff app may be returned to (no open redirect). */
const safeReturnTo = (value: string | undefined) => (value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/');

export function identityRoutes(context: FeatureContext): Route[] {
  const providers = createProviderService(context);
  const oidc = createOidcService(context);
  const auth = createAuthService(context);
  const origin = (request: FastifyRequest) => (context.config.publicUrl ? new URL(context.config.publicUrl).origin : `${request.protocol}://${request.host}`);
  const secure = (request: FastifyRequest) => origin(request).startsWith('https:');
  const sessionCookie = (request: FastifyRequest) => sessionCookieOptions(context.config.publicUrl, request);
  const loginCookie = (request: FastifyRequest) => ({ httpOnly: true, secure: secure(request), sameSite: 'lax' as const, path: OIDC_COOKIE_PATH, maxAge: 600 });
  const refusalTo = (reply: FastifyReply, request: FastifyRequest, error: OidcRefusalError) => {
    reply.clearCookie(OIDC_COOKIE, loginCookie(request));
    return reply.redirect(`${LOGIN_PAGE}?inloggning=${error.refusal}`, 303);
  };
  const assertSameOrigin = (request: FastifyRequest) => {
    const site = request.headers['sec-fetch-site'];
    const requestOrigin = request.headers.origin;
    if (site === 'cross-site' || site === 'same-site' || (requestOrigin !== undefined && requestOrigin !== origin(request))) {
      throw new AppError('forbidden', { detail: pick(authMessages, (m) => m.crossSite) });
    }
  };
  const scim = createScimService(context);
  const scimBase = (request: FastifyRequest) => `${origin(request)}/api/v1/scim/v2`;
  /** SCIM routes authenticate by the organisation's SCIM token and answer SCIM documents. */
  const scimRoute = async (request: FastifyRequest, reply: FastifyReply, work: (tenantId: string) => Promise<unknown>) => {
    reply.header('cache-control', 'no-store');
    const tenantId = await scim.authenticate(request.headers.authorization);
    if (!tenantId) throw scim.unauthenticated();
    const result = await work(tenantId);
    if (result === undefined) return reply.code(204).send();
    return reply.type('application/scim+json').send(result);
  };
  const scimTags = ['SCIM'];
  const scimAccess = { kind: 'public' } as const;
  const scimDescription = 'Authenticated by the organisation’s SCIM bearer token (not a session); answers application/scim+json.';
  const adminTags = ['Administration'];
  const tags = ['Inloggning'];

  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/admin/organisations/:id/identity-provider',
      summary: 'The organisation’s own identity provider (OpenID Connect), if any; the client secret is never answered',
      tags: adminTags,
      access: { kind: 'permission', action: 'organisations.manage' },
      params: idParams,
      responses: { 200: { description: 'The configuration, or null', schema: identityProviderResponse } },
      handler: async ({ caller, dbIn, params, request }) => ({ provider: await providers.get({ ...caller, dbIn }, params.id, origin(request)) }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/admin/organisations/:id/identity-provider',
      summary:
        'Configure the organisation’s identity provider: issuer, client, email domains, multi-factor values, local passwords and mapping rules (audited)',
      description:
        'Each mapping rule gives a role in a unit and is checked with the grant rule (ADR 0082) against the writer, and again against the writer’s current grants each time it is applied (at sign-in and on SCIM group changes). A mapping never gives `system_admin` (400; ADR 0108).',
      tags: adminTags,
      access: { kind: 'permission', action: 'organisations.manage' },
      grants: 'role',
      params: idParams,
      body: identityProviderRequest,
      responses: { 200: { description: 'Saved', schema: identityProviderSchema } },
      handler: ({ caller, dbIn, params, body, request }) => providers.put({ ...caller, dbIn }, params.id, body, origin(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/organisations/:id/scim-token',
      summary: 'Issue or rotate the organisation’s SCIM provisioning token (answered once; the previous one stops working)',
      tags: adminTags,
      access: { kind: 'permission', action: 'organisations.manage' },
      params: idParams,
      body: scimTokenRequest,
      responses: { 200: { description: 'The new token', schema: scimTokenResponse } },
      async handler({ caller, dbIn, params, body, request, reply }) {
        reply.header('cache-control', 'no-store');
        return { ...(await scim.rotateToken({ ...caller, dbIn }, params.id, body.expiresInDays)), baseUrl: scimBase(request) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/scim/v2/Users',
      summary: 'SCIM: list or find provisioned users (filter userName eq or externalId eq)',
      description: scimDescription,
      tags: scimTags,
      access: scimAccess,
      query: scimListQuery,
      responses: { 200: { description: 'A SCIM ListResponse', contentType: 'application/scim+json' } },
      handler: ({ query, request, reply }) => scimRoute(request, reply, (tenantId) => scim.list(tenantId, query, scimBase(request))),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/scim/v2/Users/:id',
      summary: 'SCIM: one provisioned user',
      description: scimDescription,
      tags: scimTags,
      access: scimAccess,
      params: z.object({ id: z.string().max(100) }),
      responses: { 200: { description: 'A SCIM User', contentType: 'application/scim+json' } },
      handler: ({ params, request, reply }) => scimRoute(request, reply, (tenantId) => scim.get(tenantId, params.id, scimBase(request))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/scim/v2/Users',
      summary: 'SCIM: create a user (an account without roles; roles stay in Upptäck)',
      description: scimDescription,
      tags: scimTags,
      access: scimAccess,
      body: scimUserRequest,
      responses: { 201: { description: 'The created SCIM User', contentType: 'application/scim+json' } },
      handler: ({ caller, body, request, reply }) =>
        scimRoute(request, reply, async (tenantId) => {
          const created = await scim.create(tenantId, body, caller.source, scimBase(request));
          reply.code(201);
          return created;
        }),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/scim/v2/Users/:id',
      summary: 'SCIM: update a user (PatchOp as Entra ID sends it); active=false deactivates and ends every session at once',
      description: scimDescription,
      tags: scimTags,
      access: scimAccess,
      params: z.object({ id: z.string().max(100) }),
      body: scimPatchRequest,
      responses: { 200: { description: 'The updated SCIM User', contentType: 'application/scim+json' } },
      handler: ({ caller, params, body, request, reply }) =>
        scimRoute(request, reply, (tenantId) => scim.patch(tenantId, params.id, body, caller.source, scimBase(request))),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/scim/v2/Users/:id',
      summary: 'SCIM: deprovision a user: the account is deactivated (never deleted) and every session ends',
      description: scimDescription,
      tags: scimTags,
      access: scimAccess,
      params: z.object({ id: z.string().max(100) }),
      responses: { 204: { description: 'Deactivated' } },
      handler: ({ caller, params, request, reply }) => scimRoute(request, reply, (tenantId) => scim.remove(tenantId, params.id, caller.source)),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/scim/v2/Users/:id',
      summary: 'SCIM: replace a user (Okta); active=false deactivates and ends every session at once',
      description: scimDescription,
      tags: scimTags,
      access: scimAccess,
      params: z.object({ id: z.string().max(100) }),
      body: scimUserRequest,
      responses: { 200: { description: 'The replaced SCIM User', contentType: 'application/scim+json' } },
      handler: ({ caller, params, body, request, reply }) =>
        scimRoute(request, reply, (tenantId) => scim.replace(tenantId, params.id, body, caller.source, scimBase(request))),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/scim/v2/Groups',
      summary: 'SCIM: list or find groups (filter displayName eq or externalId eq; excludedAttributes=members)',
      description: scimDescription,
      tags: scimTags,
      access: scimAccess,
      query: scimListQuery,
      responses: { 200: { description: 'A SCIM ListResponse', contentType: 'application/scim+json' } },
      handler: ({ query, request, reply }) => scimRoute(request, reply, (tenantId) => scim.listGroups(tenantId, query, scimBase(request))),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/scim/v2/Groups/:id',
      summary: 'SCIM: one group with its members',
      description: scimDescription,
      tags: scimTags,
      access: scimAccess,
      params: z.object({ id: z.string().max(100) }),
      query: scimResourceQuery,
      responses: { 200: { description: 'A SCIM Group', contentType: 'application/scim+json' } },
      handler: ({ params, query, request, reply }) => scimRoute(request, reply, (tenantId) => scim.getGroup(tenantId, params.id, query, scimBase(request))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/scim/v2/Groups',
      summary: 'SCIM: create a group; its members get the roles the organisation’s mapping rules give it (never beyond the rule author’s grants)',
      description: scimDescription,
      tags: scimTags,
      access: scimAccess,
      body: scimGroupRequest,
      responses: { 201: { description: 'The created SCIM Group', contentType: 'application/scim+json' } },
      handler: ({ caller, body, request, reply }) =>
        scimRoute(request, reply, async (tenantId) => {
          const created = await scim.createGroup(tenantId, body, caller.source, scimBase(request));
          reply.code(201);
          return created;
        }),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/scim/v2/Groups/:id',
      summary: 'SCIM: add or remove members, rename (PatchOp as Entra ID and Okta send it); roles follow at once',
      description: scimDescription,
      tags: scimTags,
      access: scimAccess,
      params: z.object({ id: z.string().max(100) }),
      body: scimPatchRequest,
      responses: { 204: { description: 'Updated' } },
      handler: ({ caller, params, body, request, reply }) => scimRoute(request, reply, (tenantId) => scim.patchGroup(tenantId, params.id, body, caller.source)),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/scim/v2/Groups/:id',
      summary: 'SCIM: delete a group; the roles it gave end',
      description: scimDescription,
      tags: scimTags,
      access: scimAccess,
      params: z.object({ id: z.string().max(100) }),
      responses: { 204: { description: 'Deleted' } },
      handler: ({ caller, params, request, reply }) => scimRoute(request, reply, (tenantId) => scim.removeGroup(tenantId, params.id, caller.source)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/scim/v2/ServiceProviderConfig',
      summary: 'SCIM: what this endpoint supports (PATCH and filters; no bulk, sort, ETags or passwords)',
      description: scimDescription,
      tags: scimTags,
      access: scimAccess,
      responses: { 200: { description: 'The ServiceProviderConfig', contentType: 'application/scim+json' } },
      handler: ({ request, reply }) => scimRoute(request, reply, async () => serviceProviderConfig(scimBase(request))),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/scim/v2/ResourceTypes',
      summary: 'SCIM: the resource types (User, Group)',
      description: scimDescription,
      tags: scimTags,
      access: scimAccess,
      responses: { 200: { description: 'A ListResponse of ResourceTypes', contentType: 'application/scim+json' } },
      handler: ({ request, reply }) => scimRoute(request, reply, async () => resourceTypeList(scimBase(request))),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/scim/v2/Schemas',
      summary: 'SCIM: the User and Group attributes Upptäck keeps',
      description: scimDescription,
      tags: scimTags,
      access: scimAccess,
      responses: { 200: { description: 'A ListResponse of Schemas', contentType: 'application/scim+json' } },
      handler: ({ request, reply }) => scimRoute(request, reply, async () => schemaList(scimBase(request))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/oidc/start',
      summary: 'Start signing in with the identity provider of the email address’s organisation; answers where to send the browser',
      tags,
      access: { kind: 'auth' },
      body: signInMethodRequest.extend({ returnTo: z.string().max(500).optional() }),
      responses: { 200: { description: 'Go to the provider', schema: z.object({ redirectUrl: z.string() }) } },
      async handler({ caller, body, request, reply }) {
        assertSameOrigin(request);
        try {
          const { browserToken, redirectUrl } = await oidc.start(body.email, safeReturnTo(body.returnTo), origin(request), caller.source);
          reply.setCookie(OIDC_COOKIE, browserToken, loginCookie(request));
          reply.header('cache-control', 'no-store');
          return { redirectUrl };
        } catch (error) {
          if (error instanceof OidcRefusalError && error.refusal === 'unknown_domain') {
            throw invalidField(
              'email',
              'oidc_unknown_domain',
              pick(oidcRefusalMessages, (m) => m.unknown_domain),
            );
          }
          if (error instanceof OidcRefusalError) throw new AppError('service_unavailable', { detail: pick(oidcRefusalMessages, (m) => m[error.refusal]) });
          throw error;
        }
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/auth/oidc/callback',
      summary: 'Where the provider sends the person back (redirect URI): signs in, or returns to the sign-in page with the reason',
      tags,
      access: { kind: 'auth' },
      query: z.record(z.string(), z.unknown()),
      responses: { 303: { description: 'To the staff app, or to the sign-in page with `inloggning=<reason>`' } },
      async handler({ caller, request, reply }) {
        reply.header('cache-control', 'no-store');
        try {
          const outcome = await oidc.callback(request.cookies[OIDC_COOKIE], new URL(request.url, origin(request)), caller.source);
          if ('awaitingTotp' in outcome) return reply.redirect(`${LOGIN_PAGE}?inloggning=engangskod`, 303);
          reply.clearCookie(OIDC_COOKIE, loginCookie(request));
          reply.setCookie(SESSION_COOKIE, outcome.token, sessionCookie(request));
          return reply.redirect(`${STAFF_APP}${outcome.returnTo}`, 303);
        } catch (error) {
          if (error instanceof OidcRefusalError) {
            request.log.warn({ refusal: error.refusal, reason: error.reason }, 'oidc sign-in refused');
            return refusalTo(reply, request, error);
          }
          throw error;
        }
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/oidc/totp',
      summary: 'Finish a sign-in through the provider with the authenticator code, when the provider did not prove multi-factor',
      tags,
      access: { kind: 'auth' },
      body: oidcTotpRequest,
      responses: { 200: { description: 'Signed in', schema: sessionResponse } },
      async handler({ caller, body, request, reply }) {
        assertSameOrigin(request);
        let token: string;
        try {
          token = await oidc.completeWithTotp(request.cookies[OIDC_COOKIE], body.totp, { ...caller.source, ip: request.ip });
        } catch (error) {
          if (error instanceof OidcRefusalError && error.reason === 'wrong code')
            throw new AppError('unauthenticated', { detail: pick(authMessages, (m) => m.invalidCredentials) });
          if (error instanceof OidcRefusalError) throw new AppError('unauthenticated', { detail: pick(oidcRefusalMessages, (m) => m[error.refusal]) });
          throw error;
        }
        reply.clearCookie(OIDC_COOKIE, loginCookie(request));
        reply.setCookie(SESSION_COOKIE, token, sessionCookie(request));
        const actor = await context.sessions.resolve(token);
        if (!actor) throw new Error('a new session did not resolve');
        return auth.sessionResponse(actor);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/oidc/backchannel-logout',
      summary: 'OpenID Connect back-channel logout: a logout token from a configured provider ends the person’s sessions',
      tags,
      access: { kind: 'auth' },
      // A form field may be parsed as a list; exactly one token is expected.
      body: z.object({ logout_token: z.preprocess((value) => (Array.isArray(value) && value.length === 1 ? value[0] : value), z.string().min(1).max(20_000)) }),
      bodyContentTypes: ['application/x-www-form-urlencoded'],
      responses: { 200: { description: 'Accepted' }, 400: { description: 'Not a valid logout token' } },
      async handler({ caller, body, reply }) {
        reply.header('cache-control', 'no-store');
        const accepted = await oidc.backchannelLogout(body.logout_token, caller.source);
        // The specification asks for 400 on a refused token; the body is the platform's problem document.
        if (!accepted)
          throw invalidField(
            'logout_token',
            'invalid_logout_token',
            pick(oidcRefusalMessages, (m) => m.invalid_response),
          );
        return reply.code(200).send();
      },
    }),
  ];
}
