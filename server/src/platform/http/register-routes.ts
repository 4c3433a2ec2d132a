import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { FieldError } from '#shared/problem.ts';
import { parseWithLocale, toFieldErrors } from '#shared/validation.ts';
import { accessContextFor, accessContextIn, ANONYMOUS_ACTOR, scopeFor, type Actor } from '../auth/actor.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import { PERMISSIONS } from '#shared/auth/permissions.ts';
import type { Scope } from '#shared/auth/roles.ts';
import { withGrantCheck } from '../access/grants.ts';
import { recordAudit, type AuditEntry, type AuditSource } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { sendProblem } from '../errors/error-handler.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import type { Clock } from '../time/clock.ts';
import { requestLocale } from './request-locale.ts';
import type { Caller, PermittedCaller, Route, RouteAccess } from './route.ts';
import { isRawUpload, RAW_UPLOAD_TYPE } from './uploads.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    scope: Scope | undefined;
    publicRoute: boolean;
  }
}

export type RouteDeps = {
  database: Database;
  authenticator: Authenticator;
  clock: Clock;
  /** Check every response against its declared schema (tests): a mismatch is a fault. */
  validateResponses: boolean;
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function auditSource(request: FastifyRequest): AuditSource {
  return { ip: request.publicRoute ? null : request.ip, requestId: request.id };
}

export function idleSeconds(idleExpiresAt: Date, clock: Clock): number {
  return Math.max(0, Math.floor((idleExpiresAt.getTime() - clock.now().getTime()) / 1000));
}

/** The synchronizer token matches and the browser does not call this a cross-site request. */
function csrfHolds(request: FastifyRequest, csrfToken: string): boolean {
  return request.headers['x-csrf-token'] === csrfToken && request.headers['sec-fetch-site'] !== 'cross-site';
}

function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' || (type !== undefined && type.endsWith('+json'));
}

/** The route's caller (issue 17): built once per request from what `checkAccess` established. */
export function callerFor(actor: Actor, scope: Scope | undefined, access: RouteAccess, source: AuditSource, now: Date): Caller | PermittedCaller {
  if (actor.kind === 'anonymous') return { kind: 'anonymous', actor, source, now };
  const caller = {
    kind: actor.kind,
    actor,
    tenantId: actor.tenantId,
    userId: actor.kind === 'user' ? actor.userId : null,
    serviceAccountId: actor.kind === 'service' ? actor.serviceAccountId : null,
    actingUnitId: actor.actingUnitId,
    unitScopeIds: actor.unitScopeIds,
    source,
    now,
    audit: (tx: Tx, entry: AuditEntry) => recordAudit(tx, actor, source, entry),
  };
  // `checkAccess` has answered 403 before the handler when the action is not held.
  return access.kind === 'permission' && scope !== undefined ? { ...caller, action: access.action, scope } : caller;
}

/**
 * Registers feature routes with one pipeline (ADR 0004):
 *  onRequest  → who is calling, may they (401/403 before the body is even read), CSRF;
 *  preHandler → params, query and body validated by the route's zod schemas (400);
 *  handler    → the feature's handler, with a transaction scoped to the caller.
 */
export function registerRoutes(app: FastifyInstance, routes: Route[], deps: RouteDeps): void {
  const { database, authenticator, clock } = deps;
  // Fastify refuses object defaults on requests (they would be shared); a getter/setter pair
  // keeps the per-request value and defaults to anonymous.
  const actors = new WeakMap<FastifyRequest, Actor>();
  app.decorateRequest('actor', {
    getter(this: FastifyRequest) {
      return actors.get(this) ?? ANONYMOUS_ACTOR;
    },
    setter(this: FastifyRequest, actor: Actor) {
      actors.set(this, actor);
    },
  });
  app.decorateRequest('scope', undefined);
  app.decorateRequest('publicRoute', false);

  for (const route of routes) {
    const access = route.access;

    const checkAccess = async (request: FastifyRequest, reply: FastifyReply) => {
      if (access.kind === 'public') {
        request.actor = ANONYMOUS_ACTOR;
        request.publicRoute = true;
        return;
      }
      const { actor, presentedCredentials } = await authenticator.authenticate(request);
      request.actor = actor;
      // Lets the staff app warn before an idle logout without polling (which would keep it alive).
      // A duration, not a time: the browser's clock may differ from the server's.
      if (actor.kind === 'user') reply.header('x-session-idle-seconds', String(idleSeconds(actor.idleExpiresAt, clock)));
      if (access.kind === 'auth') {
        if (actor.kind === 'user' && STATE_CHANGING.has(request.method) && !csrfHolds(request, actor.csrfToken)) {
          return sendProblem(request, reply, 'csrf_failed');
        }
        return undefined;
      }
      if (actor.kind === 'anonymous') {
        return sendProblem(request, reply, presentedCredentials ? 'session_expired' : 'unauthenticated');
      }
      if (actor.kind === 'user' && actor.stage !== 'full') {
        return sendProblem(request, reply, 'second_factor_required');
      }
      if (actor.kind === 'user' && STATE_CHANGING.has(request.method)) {
        // SameSite=Strict already keeps the cookie off cross-site requests; the synchronizer
        // token and Fetch Metadata make the protection independent of browser defaults.
        if (!csrfHolds(request, actor.csrfToken)) return sendProblem(request, reply, 'csrf_failed');
      }
      if (access.kind === 'permission') {
        const scope = scopeFor(actor, access.action);
        if (scope === undefined) {
          if (PERMISSIONS[access.action].individualLevel) {
            await database.transaction(accessContextFor(actor), (tx) =>
              recordAudit(tx, actor, auditSource(request), { action: access.action, outcome: 'denied', details: { route: route.url } }),
            );
          }
          return sendProblem(request, reply, 'forbidden');
        }
        request.scope = scope;
      }
      return undefined;
    };

    const validate = async (request: FastifyRequest, reply: FastifyReply) => {
      const locale = requestLocale(request);
      const errors: FieldError[] = [];
      const parsed: { params?: unknown; query?: unknown; body?: unknown } = {};
      const parts: Array<['params' | 'query' | 'body', z.ZodType | undefined, unknown]> = [
        ['params', route.params, request.params],
        ['query', route.query, request.query],
        ['body', route.body, request.body],
      ];
      if (route.body && request.body !== undefined) {
        const contentType = request.headers['content-type'];
        const accepted = isJson(contentType) || (route.bodyContentTypes ?? []).some((type) => contentType?.startsWith(type));
        if (!accepted) return sendProblem(request, reply, 'unsupported_media_type');
      }
      for (const [location, schema, value] of parts) {
        if (!schema) continue;
        const result = parseWithLocale(schema, value ?? (location === 'body' ? undefined : {}), locale);
        if (result.success) parsed[location] = result.data;
        else errors.push(...toFieldErrors(result.error, location, locale));
      }
      if (errors.length > 0) return sendProblem(request, reply, 'validation_failed', { errors });
      (request as FastifyRequest & { parsedInput: typeof parsed }).parsedInput = parsed;
      return undefined;
    };

    // A raw upload is read only by a route that takes one (its body limit is far above JSON's).
    const refuseUnexpectedUpload = async (request: FastifyRequest, reply: FastifyReply) => {
      if (isRawUpload(request.headers['content-type']) && !(route.bodyContentTypes ?? []).includes(RAW_UPLOAD_TYPE)) {
        return sendProblem(request, reply, 'unsupported_media_type');
      }
      return undefined;
    };

    app.route({
      method: route.method,
      url: route.url,
      onRequest: [checkAccess, refuseUnexpectedUpload],
      preHandler: validate,
      handler: async (request, reply) => {
        const input = (request as FastifyRequest & { parsedInput: { params?: unknown; query?: unknown; body?: unknown } }).parsedInput;
        const actor = request.actor;
        const scope = request.scope;
        // API answers are data, often about people: never kept by a browser or a proxy. A route
        // that serves something cacheable may override this.
        reply.header('cache-control', 'no-store');
        let result: unknown;
        let grantChecked: boolean;
        try {
          ({ result, checked: grantChecked } = await withGrantCheck(() =>
            route.handler({
              caller: callerFor(actor, scope, route.access, auditSource(request), clock.now()),
              params: input.params,
              query: input.query,
              body: input.body,
              request,
              reply,
              locale: requestLocale(request),
              db: (work) => database.transaction(accessContextFor(actor), work),
              dbIn: (tenantId, work) => {
                if (actor.kind === 'anonymous') throw new AppError('unauthenticated');
                if (tenantId === actor.tenantId) return database.transaction(accessContextFor(actor), work);
                // Only an `all` grant acts in another organisation; anyone else meets "not found".
                if (scope !== 'all') throw notFound();
                return database.transaction(accessContextIn(actor, tenantId), work);
              },
            }),
          ));
        } catch (error) {
          // A denial thrown inside a transaction was rolled back with it: record it in its own.
          if (error instanceof AppError && error.options.deniedAccess && actor.kind !== 'anonymous') {
            const denied = error.options.deniedAccess;
            await database.transaction(accessContextFor(actor), (tx) => recordAudit(tx, actor, auditSource(request), { ...denied, outcome: 'denied' }));
          }
          throw error;
        }
        if (route.grants && !grantChecked && deps.validateResponses) {
          throw new Error(`${route.method} ${route.url} gives access but did not call assertCanGrant (ADR 0082)`);
        }
        if (reply.sent) return reply;
        if (result === undefined) return reply.code(reply.statusCode === 200 ? 204 : reply.statusCode).send();
        if (deps.validateResponses) {
          const declared = route.responses[reply.statusCode];
          if (!declared) throw new Error(`${route.method} ${route.url} answered ${reply.statusCode}, which it does not declare`);
          if (declared.schema) {
            const check = declared.schema.safeParse(result);
            if (!check.success) {
              throw new Error(`${route.method} ${route.url} response does not match its schema: ${check.error.message}`);
            }
          }
        }
        return reply.send(result);
      },
    });
  }
}
