import type { Scope } from '#shared/auth/roles.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { AuditSource } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { auditSource } from '../../platform/http/register-routes.ts';
import type { RouteInput } from '../../platform/http/route.ts';

/** Who calls an administration service, and how they reach the database. */
export type Caller = {
  actor: SignedInActor;
  scope: Scope;
  source: AuditSource;
  /** A transaction in the given organisation; `not_found` unless the scope reaches it (ADR 0016). */
  dbIn<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
};

export function callerOf(input: RouteInput<unknown, unknown, unknown>): Caller {
  const { actor, scope } = input;
  // The pipeline guarantees both for permission routes; this narrows the types.
  if (actor.kind === 'anonymous' || scope === undefined) throw new AppError('unauthenticated');
  return { actor, scope, source: auditSource(input.request), dbIn: input.dbIn };
}
