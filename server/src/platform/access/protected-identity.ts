import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { recordProtections } from './schema.ts';

/**
 * Protected identity (skyddade personuppgifter, ADR 0010): a record that concerns a person with
 * protected personal data never exposes its location fields — not on screens, in the API, in
 * exports or in logs. Features pass every row they answer with or export through
 * `withholdLocation`; the canary test (test-support/canary.ts) proves nothing slipped through.
 */
export type Protection = { protectedIdentity: boolean; designatedUnitId: string | null };

export const NO_PROTECTION: Protection = { protectedIdentity: false, designatedUnitId: null };

/**
 * Sets a record's protection markers in the caller's transaction, e.g. when a caseworker
 * registers a record that concerns a protected identity (row-level security applies).
 */
export async function setProtection(
  tx: Tx,
  values: { tenantId: string; recordType: string; recordId: string; protectedIdentity: boolean; designatedUnitId: string | null; by: string | null; now: Date },
): Promise<void> {
  const row = {
    tenantId: values.tenantId,
    recordType: values.recordType,
    recordId: values.recordId,
    protectedIdentity: values.protectedIdentity,
    designatedUnitId: values.designatedUnitId,
    updatedAt: values.now,
    updatedBy: values.by,
  };
  await tx
    .insert(recordProtections)
    .values(row)
    .onConflictDoUpdate({
      target: [recordProtections.recordType, recordProtections.recordId],
      set: { protectedIdentity: row.protectedIdentity, designatedUnitId: row.designatedUnitId, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
    });
}

/** The protection markers of some records of one type (row-level security applies). */
export async function loadProtections(tx: Tx, recordType: string, ids: readonly string[]): Promise<Map<string, Protection>> {
  const result = new Map<string, Protection>();
  if (ids.length === 0) return result;
  const rows = await tx
    .select({
      recordId: recordProtections.recordId,
      protectedIdentity: recordProtections.protectedIdentity,
      designatedUnitId: recordProtections.designatedUnitId,
    })
    .from(recordProtections)
    .where(and(eq(recordProtections.recordType, recordType), inArray(recordProtections.recordId, [...ids])));
  for (const row of rows) result.set(row.recordId, { protectedIdentity: row.protectedIdentity, designatedUnitId: row.designatedUnitId });
  return result;
}

/**
 * The row as it may be shown: for a protected identity every location field becomes null and
 * `locationWithheld` says so (the interface explains why instead of showing an empty place).
 */
export function withholdLocation<T extends Record<string, unknown>>(
  row: T,
  protection: Protection | undefined,
  locationFields: readonly string[],
): T & { locationWithheld: boolean } {
  if (!protection?.protectedIdentity) return { ...row, locationWithheld: false };
  const shown: Record<string, unknown> = { ...row, locationWithheld: true };
  for (const field of locationFields) {
    if (field in shown) shown[field] = null;
  }
  return shown as T & { locationWithheld: boolean };
}
