import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Locale } from '#shared/i18n/messages.ts';
import type { Action } from '#shared/auth/permissions.ts';
import type { AnonymousActor, SignedInActor } from '../auth/actor.ts';
import type { Scope } from '#shared/auth/roles.ts';
import type { AuditEntry, AuditSource } from '../audit/audit.ts';
import type { Tx } from '../db/database.ts';

/**
 * Who may call a route. Every route declares one; `permission` routes name an action of the
 * permission table, so a route without an entry there does not compile.
 *  - `public`: anonymous callers welcome; no session is read, no cookie set, nothing cached.
 *  - `auth`: the authentication routes (`/api/v1/auth/*`): anonymous callers welcome, a session
 *    is read when present (whatever its stage) and cookies may be set.
 *  - `signed_in`: any signed-in user or service account (e.g. their own jobs).
 *  - `permission`: the caller's roles in the acting unit must grant the action.
 */
export type RouteAccess = { kind: 'public' } | { kind: 'auth' } | { kind: 'signed_in' } | { kind: 'permission'; action: Action };

/**
 * Who is calling, narrowed by the route's declared access (issue 17, ADR 0098): a `permission`
 * route's caller is signed in and holds the action with a scope; a `signed_in` route's is signed
 * in; a `public` route's is anonymous. Handlers read this instead of re-deriving it from the actor,
 * and write audit events through it, so a request's audit is written in one way.
 */
type CallerBase = {
  /** Where the request came from, as the audit trail records it. */
  source: AuditSource;
  /** The request's moment on the injected clock. */
  now: Date;
};
export type AnonymousCaller = CallerBase & { kind: 'anonymous'; actor: AnonymousActor };
export type SignedInCaller = CallerBase & {
  kind: 'user' | 'service';
  actor: SignedInActor;
  tenantId: string;
  /** Null for a service account. */
  userId: string | null;
  /** Null for a person. */
  serviceAccountId: string | null;
  /** Null until a person has chosen a unit. */
  actingUnitId: string | null;
  /** The acting unit and every unit below it: the reach of a `unit` grant. */
  unitScopeIds: readonly string[];
  /** Appends one event to the audit trail as this caller, in the given transaction. */
  audit(tx: Tx, entry: AuditEntry): Promise<number>;
};
export type PermittedCaller = SignedInCaller & { action: Action; scope: Scope };
export type Caller = AnonymousCaller | SignedInCaller;
export type CallerFor<A extends RouteAccess> = A extends { kind: 'permission' }
  ? PermittedCaller
  : A extends { kind: 'signed_in' }
    ? SignedInCaller
    : A extends { kind: 'public' }
      ? AnonymousCaller
      : Caller;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RouteResponse = {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
};

export type RouteInput<P, Q, B, A extends RouteAccess = RouteAccess> = {
  /** Who is calling, narrowed by the route's access. */
  caller: CallerFor<A>;
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
  locale: Locale;
  /** One transaction as the restricted role, scoped to the actor (row-level security applies). */
  db<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * One transaction acting in the given organisation (ADR 0016). The actor's own organisation is
   * the same as `db`; another one only with an `all` grant for this route's action (system
   * administration) — otherwise it throws `not_found`, so nothing reveals that the other exists.
   */
  dbIn<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
};

type Schema = z.ZodType;
type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler may return: the body of one of its declared JSON responses, or the reply it sent itself. */
export type HandlerResult<R extends Record<number, RouteResponse>> =
  { [K in keyof R]: R[K] extends { schema: infer S extends z.ZodType } ? z.input<S> : never }[keyof R] | FastifyReply | undefined;

export type RouteDefinition<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
  A extends RouteAccess = RouteAccess,
  R extends Record<number, RouteResponse> = Record<number, RouteResponse>,
> = {
  method: HttpMethod;
  /** Fastify path syntax, e.g. `/api/v1/units/:id`. */
  url: string;
  summary: string;
  description?: string;
  tags: string[];
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** Body media types other than JSON this route accepts (e.g. `text/csv` for imports). */
  bodyContentTypes?: string[];
  /** An example request body for the OpenAPI document. */
  bodyExample?: unknown;
  /** Request headers the route reads (e.g. `Idempotency-Key`), for the OpenAPI document. */
  headers?: Array<{ name: string; description: string; required: boolean }>;
  responses: R;
  /**
   * The route gives someone or something access (ADR 0082): `actions` (a set of actions in a
   * unit, e.g. a service account), `role` (a role in a unit). Its handler must call
   * `assertCanGrant`; in tests a success without that check is a fault, and the grant matrix
   * calls it as every role with every action and scope.
   */
  grants?: 'actions' | 'role';
  handler(input: RouteInput<Output<P>, Output<Q>, Output<B>, A>): Promise<HandlerResult<R>>;
};

/** A route with its types erased, as the registry and the OpenAPI generator see it. */
export type Route = Omit<RouteDefinition<Schema | undefined, Schema | undefined, Schema | undefined>, 'handler'> & {
  handler(input: RouteInput<unknown, unknown, unknown>): Promise<unknown>;
};

/** Declares a route; the handler's input types follow from the schemas. */
export function defineRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  A extends RouteAccess = RouteAccess,
  R extends Record<number, RouteResponse> = Record<number, RouteResponse>,
>(definition: RouteDefinition<P, Q, B, A, R>): Route {
  return definition as unknown as Route;
}
