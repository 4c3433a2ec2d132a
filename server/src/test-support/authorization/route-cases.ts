import type { Action } from '#shared/auth/permissions.ts';
import type { Role, Scope } from '#shared/auth/roles.ts';
import type { TestUnit, TestUser } from '../builders.ts';
import type { ApiResponse, TestApp } from '../test-app.ts';

/**
 * The registry of the generated authorization test (issue 3, ADR 0015). Every API route needs
 * one entry, in a `<feature>.authz.ts` file beside the feature (the test finds them all); a
 * route without an entry — or an entry without a route — fails the test.
 *
 * An entry says how to make a REAL record in a given place and how to call the route on it.
 * The test takes who may do what from the permission table (`permission` routes) or from the
 * entry's `reach` (`signed_in` routes), calls the route as every role, a service account and an
 * anonymous caller, on a record in each scope, and requires: the expected 2xx where the grant
 * reaches, never a 2xx where it does not (403, or 404 for another organisation's record), 401
 * without a session, and the audit events the call must write.
 */
export type MatrixActor = Role | 'service';

/** Where the prepared record lives, seen from the caller (who sits in the `home` unit). */
export const MATRIX_SCOPES = ['own', 'unit', 'other_unit', 'other_agency'] as const;
export type MatrixScope = (typeof MATRIX_SCOPES)[number];

export type AuthzWorld = {
  /** The caller's unit, under `region`; `sibling` is another unit of the same organisation. */
  region: TestUnit;
  home: TestUnit;
  sibling: TestUnit;
  /** A unit of another organisation. */
  foreign: TestUnit;
  /** Users per role in `home` (the callers), and one staff member in each place. */
  actors: Record<Role, TestUser>;
  colleague: TestUser;
  siblingStaff: TestUser;
  foreignStaff: TestUser;
};

export type CaseContext = {
  app: TestApp;
  world: AuthzWorld;
  /** Where the record is made: its unit, and the user who created it. */
  owner: { unit: TestUnit; user: TestUser };
  actor: MatrixActor;
  scope: MatrixScope;
};

export type PreparedCall = {
  url: string;
  body?: unknown;
  /** Collection routes: whether the answer shows the prepared record. */
  shows?(response: ApiResponse): boolean;
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RouteKey = `${Method} /api/${string}`;

export type AnonymousCase = {
  route: RouteKey;
  /** Public and authentication routes: called without a session, they answer `status`. */
  kind: 'anonymous';
  status: number;
  call(app: TestApp): Promise<PreparedCall>;
  /** Where the route's full behaviour is tested. */
  coveredBy: string;
};

export type ScopedCase = {
  route: RouteKey;
  /**
   * `record`: the route addresses the prepared record; the grant must reach its scope.
   * `collection`: the route lists or creates in the caller's organisation; any grant answers,
   * and `shows` must match the reach. With `tenantParam` the URL names the record's organisation,
   * so another organisation is "not found" unless the grant is `all`.
   */
  kind: 'record' | 'collection';
  tenantParam?: boolean;
  success: number;
  prepare(context: CaseContext): Promise<PreparedCall>;
  /** `signed_in` routes only: the reach per caller (permission routes take it from the table). */
  reach?: Partial<Record<MatrixActor, Scope>>;
  /** `signed_in` routes only: refusals are individual-level and must be audited. */
  individualLevel?: boolean;
  /** Audit events an allowed call writes (omitted: not checked, e.g. one per listed row). */
  audit?: number;
  /**
   * A permitted call a domain rule still refuses, with the status it answers (e.g. 409 to
   * break-the-glass inside one's own scope). Never a 2xx.
   */
  refusedBy?(context: { actor: MatrixActor; scope: MatrixScope }): number | undefined;
  /**
   * Public data whose existence is no secret (e.g. directory entries): a grant that does not
   * reach another organisation's record may answer 403. Without this it must be 404.
   */
  publicRecords?: true;
  /**
   * The route answers only numbers that passed disclosure control (follow-up's dashboards): an
   * `aggregated` grant may call it. Without this an `aggregated` grant reaches nothing.
   */
  aggregatedNumbers?: true;
};

export type RouteCase = AnonymousCase | ScopedCase;

export function defineRouteCases(cases: RouteCase[]): RouteCase[] {
  return cases;
}

/**
 * The grant dimension of the matrix (issue 16 item 1, ADR 0082). Every route that declares
 * `grants` needs one entry, in the feature's `*.authz.ts` file as `grantCases`: how to call it so
 * that it gives one action (`actions` routes) or one role (`role` routes) in a given unit. The
 * grant matrix calls it as every role, with every action a service account may hold (or every
 * role), in the caller's unit, another unit of its organisation and a unit of another
 * organisation, and requires a success exactly where the permission table says the caller holds
 * what it gives there.
 */
export type GrantContext = {
  app: TestApp;
  world: AuthzWorld;
  granter: Role;
  /** Where the grant applies. */
  unit: TestUnit;
  /** What is given: one action (`actions` routes) or one role (`role` routes). */
  action?: Action;
  role?: Role;
};

export type GrantCase = {
  route: RouteKey;
  success: number;
  /**
   * Roles this route never gives, whoever asks, with the reason (e.g. a provider's mapping rule
   * never gives `system_admin`): the matrix expects a refusal (400 naming the field, or 403).
   */
  neverGives?: { roles: Role[]; reason: string };
  prepare(context: GrantContext): Promise<PreparedCall>;
};

export function defineGrantCases(cases: GrantCase[]): GrantCase[] {
  return cases;
}
