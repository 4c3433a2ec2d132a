import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Locale } from '#shared/i18n/messages.ts';
import type { Action } from '#shared/auth/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import type { Scope } from '#shared/auth/roles.ts';
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

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RouteResponse = {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
};

export type RouteInput<P, Q, B> = {
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
  actor: Actor;
  /** The widest scope the actor's roles grant for a `permission` route. */
  scope: Scope | undefined;
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

export type RouteDefinition<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined> = {
  method: HttpMethod;
  /** Fastify path syntax, e.g. `/api/v1/units/:id`. */
  url: string;
  summary: string;
  description?: string;
  tags: string[];
  access: RouteAccess;
  params?: P;
  query?: Q;
  body?: B;
  /** Body media types other than JSON this route accepts (e.g. `text/csv` for imports). */
  bodyContentTypes?: string[];
  /** An example request body for the OpenAPI document. */
  bodyExample?: unknown;
  /** Request headers the route reads (e.g. `Idempotency-Key`), for the OpenAPI document. */
  headers?: Array<{ name: string; description: string; required: boolean }>;
  responses: Record<number, RouteResponse>;
  /**
   * The route gives someone or something access (ADR 0082): `actions` (a set of actions in a
   * unit, e.g. a service account), `role` (a role in a unit). Its handler must call
   * `assertCanGrant`; in tests a success without that check is a fault, and the grant matrix
   * calls it as every role with every action and scope.
   */
  grants?: 'actions' | 'role';
  handler(input: RouteInput<Output<P>, Output<Q>, Output<B>>): Promise<unknown>;
};

/** A route with its types erased, as the registry and the OpenAPI generator see it. */
export type Route = Omit<RouteDefinition<Schema | undefined, Schema | undefined, Schema | undefined>, 'handler'> & {
  handler(input: RouteInput<unknown, unknown, unknown>): Promise<unknown>;
};

/** Declares a route; the handler's input types follow from the schemas. */
export function defineRoute<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  definition: RouteDefinition<P, Q, B>,
): Route {
  return definition as unknown as Route;
}
