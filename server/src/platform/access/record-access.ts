import { and, eq, gt, sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { Scope } from '#shared/auth/roles.ts';
import { can, type SignedInActor } from '../auth/actor.ts';
import { recordAudit, type AuditSource } from '../audit/audit.ts';
import type { Tx } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import type { RecordLocation, RecordTypeDefinition } from './record-types.ts';
import { breakGlassGrants, recordProtections } from './schema.ts';

/**
 * Opening and changing individual-level records (issue 3; ADR 0010, 0014). The kernel decides,
 * the same way for every record type:
 *  1. Row-level security has already hidden other organisations' records, records the caller is
 *     connected to and records designated to another unit: `locate` answers null → 404.
 *  2. The grant's scope reaches the record (own / unit / agency / all) → allowed.
 *  3. Otherwise a live break-the-glass grant of this user for this record → allowed, flagged.
 *  4. Otherwise 403 `break_glass_required` to someone who may break the glass, 404 to others.
 * Every outcome writes exactly one audit event; denials are written by the route pipeline in
 * their own transaction (this one rolls back with the error).
 */

export function reaches(actor: SignedInActor, scope: Scope | undefined, record: RecordLocation): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'agency':
      return record.tenantId === actor.tenantId;
    case 'unit':
      return record.tenantId === actor.tenantId && record.unitId !== null && actor.unitScopeIds.includes(record.unitId);
    case 'own':
      return actor.kind === 'user' && record.tenantId === actor.tenantId && record.createdBy === actor.userId;
    case 'aggregated':
    case undefined:
      return false;
  }
}

/**
 * The scope as a condition for list queries: `own` → created by the caller, `unit` → in the
 * acting unit or below (a designated unit counts instead of the record's own), `agency`/`all`
 * → no condition (row-level security limits to the organisation). `aggregated` and no grant
 * match nothing.
 */
export function scopeCondition(
  actor: SignedInActor,
  scope: Scope | undefined,
  recordType: string,
  columns: { id: AnyColumn; unitId: AnyColumn; createdBy: AnyColumn },
): SQL {
  switch (scope) {
    case 'all':
    case 'agency':
      return sql`true`;
    case 'unit':
      return actor.unitScopeIds.length > 0
        ? sql`coalesce((select p.designated_unit_id from record_protections p where p.record_type = ${recordType} and p.record_id = ${columns.id}), ${columns.unitId}) in (${sql.join(
            actor.unitScopeIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql`false`;
    case 'own':
      return actor.kind === 'user' ? eq(columns.createdBy, actor.userId) : sql`false`;
    case 'aggregated':
    case undefined:
      return sql`false`;
  }
}

export type OpenedRecord = { location: RecordLocation; via: 'scope' | 'break_glass' };

type AccessInput = { actor: SignedInActor; source: AuditSource; now: Date };

function denied(code: 'not_found' | 'break_glass_required' | 'forbidden', action: string, type: string, id: string): AppError {
  return new AppError(code, { deniedAccess: { action, recordType: type, recordId: id } });
}

/** The user's live break-the-glass grant for a record, if any (row-level security: own grants only). */
export async function activeBreakGlass(tx: Tx, actor: SignedInActor, type: string, id: string, now: Date) {
  if (actor.kind !== 'user') return undefined;
  const [grant] = await tx
    .select({ id: breakGlassGrants.id, reason: breakGlassGrants.reason, expiresAt: breakGlassGrants.expiresAt })
    .from(breakGlassGrants)
    .where(
      and(
        eq(breakGlassGrants.userId, actor.userId),
        eq(breakGlassGrants.recordType, type),
        eq(breakGlassGrants.recordId, id),
        gt(breakGlassGrants.expiresAt, now),
      ),
    )
    .orderBy(sql`${breakGlassGrants.expiresAt} desc`)
    .limit(1);
  return grant;
}

/**
 * Finds the record and where it is handled: a designated unit (ADR 0010) takes the place of the
 * record's own unit for `unit` grants.
 */
export async function locateHandled(tx: Tx, definition: RecordTypeDefinition, id: string): Promise<RecordLocation | null> {
  const location = await definition.locate(tx, id);
  if (!location) return null;
  const [protection] = await tx
    .select({ designatedUnitId: recordProtections.designatedUnitId })
    .from(recordProtections)
    .where(and(eq(recordProtections.recordType, definition.type), eq(recordProtections.recordId, id)));
  return protection?.designatedUnitId ? { ...location, unitId: protection.designatedUnitId } : location;
}

/** Opens one record for reading and records the one audit event of this read. */
export async function openRecord(tx: Tx, definition: RecordTypeDefinition, id: string, input: AccessInput): Promise<OpenedRecord> {
  const { actor, source, now } = input;
  const location = await locateHandled(tx, definition, id);
  if (!location) throw denied('not_found', definition.readAction, definition.type, id);
  const event = { action: definition.readAction, recordType: definition.type, recordId: id, recordTenantId: location.tenantId };
  if (reaches(actor, definition.readScope(actor), location)) {
    await recordAudit(tx, actor, source, event);
    return { location, via: 'scope' };
  }
  const grant = await activeBreakGlass(tx, actor, definition.type, id, now);
  if (grant) {
    await recordAudit(tx, actor, source, { ...event, breakGlass: true, reason: grant.reason, details: { grant: grant.id } });
    return { location, via: 'break_glass' };
  }
  throw denied(actor.kind === 'user' && can(actor, 'records.break_glass') ? 'break_glass_required' : 'not_found', definition.readAction, definition.type, id);
}

/**
 * Authorizes one change of a record under the change action's scope and records the one audit
 * event of the change (rolled back with it if the change fails). Break-the-glass never allows
 * a change.
 */
export async function authorizeChange(
  tx: Tx,
  definition: RecordTypeDefinition,
  id: string,
  input: AccessInput & { action: string; scope: Scope | undefined; details?: Record<string, string | number | boolean | null> },
): Promise<RecordLocation> {
  const { actor, source, action, scope } = input;
  const location = await locateHandled(tx, definition, id);
  if (!location) throw denied('not_found', action, definition.type, id);
  if (!reaches(actor, scope, location)) throw denied(location.tenantId === actor.tenantId ? 'forbidden' : 'not_found', action, definition.type, id);
  await recordAudit(tx, actor, source, {
    action,
    recordType: definition.type,
    recordId: id,
    recordTenantId: location.tenantId,
    ...(input.details ? { details: input.details } : {}),
  });
  return location;
}

/**
 * One audit event per record shown in a list of individual-level records, so "who saw this
 * record" has a complete answer (issue 3: one event per read of an individual-level record).
 */
export async function recordListReads(
  tx: Tx,
  actor: SignedInActor,
  source: AuditSource,
  action: string,
  type: string,
  records: Array<{ id: string; tenantId: string }>,
): Promise<void> {
  for (const record of records) {
    await recordAudit(tx, actor, source, { action, recordType: type, recordId: record.id, recordTenantId: record.tenantId, details: { list: true } });
  }
}
