import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '../db/database.ts';
import { auditIdentity, type Actor, type AuditIdentity } from '../auth/actor.ts';
import { textArray } from '../db/array-parameter.ts';
import { databaseFault } from '../db/faults.ts';

/**
 * The audit trail (ADR 0006). One event per read of an individual-level record, per change,
 * per administrative action and per denial of access to individual-level data. Details carry
 * identifiers and codes, never personal data or free text.
 */
export type AuditEntry = {
  action: string;
  outcome?: 'allowed' | 'denied';
  recordType?: string;
  recordId?: string;
  recordTenantId?: string;
  /** Required for break-the-glass reads; shown to reviewers. */
  reason?: string;
  breakGlass?: boolean;
  details?: Record<string, string | number | boolean | null>;
};

export type AuditSource = { ip: string | null; requestId: string | null };

export const SYSTEM_SOURCE: AuditSource = { ip: null, requestId: null };

/**
 * The call that appends one event, as SQL: a feature may end a statement with it (e.g. after the
 * inserts of a write, in one round trip) instead of calling `recordAudit` separately.
 */
export function auditAppendSql(who: Actor | AuditIdentity | 'system', source: AuditSource, entry: AuditEntry): SQL {
  const identity: AuditIdentity =
    who === 'system' ? { actorKind: 'system', actorId: null, tenantId: null, actingUnitId: null, roles: [] } : 'actorKind' in who ? who : auditIdentity(who);
  return sql`audit_append(
      ${identity.tenantId}::uuid, ${identity.actorKind}, ${identity.actorId}::uuid, ${identity.actingUnitId}::uuid,
      ${textArray(identity.roles)}, ${entry.action}, ${entry.outcome ?? 'allowed'},
      ${entry.recordType ?? null}, ${entry.recordId ?? null}, ${entry.recordTenantId ?? null}::uuid,
      ${entry.reason ?? null}, ${entry.breakGlass ?? false}, ${source.ip}, ${source.requestId},
      ${JSON.stringify(entry.details ?? {})}::jsonb
    )`;
}

/**
 * Why an audit event could not be written: the database was unavailable (ADR 0080) or anything
 * else (a refused row, a bug). The write it belonged to fails with it, so nothing goes unaudited;
 * the metric `upptack_audit_write_failures_total` counts these (issue 18).
 */
export type AuditWriteFailure = 'database_unavailable' | 'error';

type AuditFailureListener = (reason: AuditWriteFailure) => void;
const failureListeners = new Set<AuditFailureListener>();
/** Marks an error already counted, so a caller that reports it again does not count it twice. */
const COUNTED = Symbol('audit write failure counted');

/** Calls `listener` for every audit write that fails (the metrics); returns the unsubscribe. */
export function onAuditWriteFailure(listener: AuditFailureListener): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

/**
 * Reports a failed audit write (once per error). `recordAudit` does it itself; a statement that
 * carries `auditAppendSql` calls it when `isAuditAppendError` says the audit part failed.
 */
export function reportAuditWriteFailure(error: unknown): void {
  if (typeof error === 'object' && error !== null) {
    if ((error as { [COUNTED]?: boolean })[COUNTED]) return;
    Object.defineProperty(error, COUNTED, { value: true });
  }
  const reason: AuditWriteFailure = databaseFault(error) ? 'database_unavailable' : 'error';
  for (const listener of failureListeners) listener(reason);
}

/**
 * Whether a database error came from inside `audit_append` (its PL/pgSQL context) or from the
 * audit table: the audit part of a statement that also wrote other rows failed.
 */
export function isAuditAppendError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const fields = current as Error & { where?: unknown; table?: unknown };
    if ((typeof fields.where === 'string' && fields.where.includes('audit_append')) || fields.table === 'audit_events') return true;
    current = (current as Error & { cause?: unknown }).cause;
  }
  return false;
}

/** `who` is the acting actor, an explicit identity (e.g. at sign-in) or the system itself. */
export async function recordAudit(tx: Tx, who: Actor | AuditIdentity | 'system', source: AuditSource, entry: AuditEntry): Promise<number> {
  try {
    const rows = await queryRows<{ seq: string | number }>(tx, sql`select ${auditAppendSql(who, source, entry)} as seq`);
    return Number(rows[0]?.seq);
  } catch (error) {
    reportAuditWriteFailure(error);
    throw error;
  }
}

export type ChainVerification =
  { ok: true; events: number } | { ok: false; events: number; brokenAt: number; problem: 'hash_mismatch' | 'link_mismatch' | 'sequence_gap' };

/** Recomputes every hash and link in sequence order (`npm run admin -- verify-audit`). */
export async function verifyAuditChain(database: Database, batchSize = 5000): Promise<ChainVerification> {
  let previousHash = '0'.repeat(64);
  let previousSeq = 0;
  let events = 0;
  for (;;) {
    const rows = await database.system((tx) =>
      queryRows<{ seq: string | number; prev_hash: string; hash: string; computed: string }>(
        tx,
        sql`select seq, prev_hash, hash,
              encode(sha256(convert_to(audit_canonical(e), 'UTF8')), 'hex') as computed
            from audit_events e where seq > ${previousSeq} order by seq limit ${batchSize}`,
      ),
    );
    if (rows.length === 0) return { ok: true, events };
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== previousSeq + 1) return { ok: false, events, brokenAt: seq, problem: 'sequence_gap' };
      if (row.prev_hash !== previousHash) return { ok: false, events, brokenAt: seq, problem: 'link_mismatch' };
      if (row.computed !== row.hash) return { ok: false, events, brokenAt: seq, problem: 'hash_mismatch' };
      previousHash = row.hash;
      previousSeq = seq;
      events++;
    }
  }
}
