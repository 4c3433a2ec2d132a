import type { SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';

/**
 * The registry of the randomized isolation test (issue 3, ADR 0015). Every table with a
 * `tenant_id` column must be covered by one subject, in an `<feature>.isolation.ts` file beside
 * the feature (exporting `isolationSubjects`); an uncovered table fails the test.
 *
 * The test builds a random world (organisations, nested units, a user per unit), lets each
 * subject create rows in every unit, and then, as every user: runs each of the subject's query
 * paths — the feature's own repository code — in a restricted transaction, and requires the
 * caller's rows and no row of another organisation; runs them again with no tenant context and
 * as the public role, and requires nothing at all; and counts the raw tables the same way.
 */
export type IsolationOwner = { tenantId: string; unitId: string; userId: string };
export type IsolationCaller = IsolationOwner & { unitScopeIds: string[] };

export type IsolationRow = { id: string; tenantId: string };
/** A created row; `hiddenFrom` lists users the protection rules hide it from (connected staff). */
export type CreatedRow = IsolationRow & { unitId: string; userId: string; hiddenFrom?: string[] };

export type IsolationWorld = {
  /** Every unit of the world and its organisation. */
  unitTenant: ReadonlyMap<string, string>;
  users: ReadonlyArray<IsolationOwner>;
  /** Rows the subjects created so far, by subject name. */
  created: ReadonlyMap<string, CreatedRow[]>;
};

export type QueryPath = {
  name: string;
  /** Which created rows the caller must get back: their organisation's, their unit's (and below), or their own. */
  reach: 'tenant' | 'unit' | 'user';
  /** Runs the feature's query in the caller's restricted transaction; rows with the organisation they belong to. */
  run(tx: Tx, caller: IsolationCaller, world: IsolationWorld): Promise<IsolationRow[]>;
};

export type IsolationSubject = {
  name: string;
  /** The tables with `tenant_id` this subject covers. */
  tables: string[];
  /**
   * Rows of other organisations a caller sees in a raw table by design (ADR 0011), and why;
   * with `allowedWhen`, every such row must satisfy it (e.g. shared with the caller).
   */
  foreignRows?: Record<string, { reason: string; allowedWhen?: (callerTenant: string) => SQL }>;
  /** Settings the feature's transactions carry besides the tenant, user and unit. */
  settings?: Record<string, string>;
  /** Creates one row owned by `owner`, in a system transaction. */
  create(tx: Tx, owner: IsolationOwner, world: IsolationWorld): Promise<CreatedRow>;
  paths: QueryPath[];
};

export function defineIsolationSubjects(subjects: IsolationSubject[]): IsolationSubject[] {
  return subjects;
}
