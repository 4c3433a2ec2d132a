import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '../db/database.ts';
import { auditIdentity, type Actor, type AuditIdentity } from '../auth/actor.ts';
import { textArray } from '../db/array-parameter.ts';

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

/** `who` is the acting actor, an explicit identity (e.g. at sign-in) or the system itself. */
export async function recordAudit(tx: Tx, who: Actor | AuditIdentity | 'system', source: AuditSource, entry: AuditEntry): Promise<number> {
  const rows = await queryRows<{ seq: string | number }>(tx, sql`select ${auditAppendSql(who, source, entry)} as seq`);
  return Number(rows[0]?.seq);
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
