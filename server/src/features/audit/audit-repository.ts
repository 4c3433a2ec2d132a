import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { auditQuery } from '#shared/contracts/audit.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';

export type AuditFilter = z.output<typeof auditQuery>;

export type AuditRow = {
  seq: string | number;
  tenant_id: string | null;
  record_tenant_id: string | null;
  occurred_at: string | Date;
  actor_kind: 'user' | 'service' | 'anonymous' | 'system';
  actor_id: string | null;
  actor_name: string | null;
  acting_unit_id: string | null;
  acting_unit_name: string | null;
  acting_roles: string[];
  action: string;
  outcome: 'allowed' | 'denied';
  record_type: string | null;
  record_id: string | null;
  reason: string | null;
  break_glass: boolean;
  source_ip: string | null;
  details: Record<string, unknown>;
  hash: string;
  reviewed_by: string | null;
  reviewer_name: string | null;
  reviewed_at: string | Date | null;
  review_note: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function conditions(filter: AuditFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.user) {
    if (UUID.test(filter.user)) {
      where.push(sql`e.actor_id = ${filter.user}::uuid`);
    } else {
      const pattern = `%${filter.user.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(sql`e.actor_id in (select id from users where display_name ilike ${pattern} or email ilike ${pattern})`);
    }
  }
  if (filter.recordType) where.push(sql`e.record_type = ${filter.recordType}`);
  if (filter.recordId) where.push(sql`e.record_id = ${filter.recordId}`);
  if (filter.action) where.push(sql`e.action = ${filter.action}`);
  if (filter.from) where.push(sql`e.occurred_at >= (${filter.from}::date::timestamp at time zone 'Europe/Stockholm')`);
  if (filter.to) where.push(sql`e.occurred_at < ((${filter.to}::date + 1)::timestamp at time zone 'Europe/Stockholm')`);
  if (filter.flagged === 'flagged' || filter.flagged === 'unreviewed') where.push(sql`e.break_glass`);
  if (filter.flagged === 'unreviewed') where.push(sql`r.seq is null`);
  if (filter.before) where.push(sql`e.seq < ${filter.before}`);
  return where;
}

/**
 * Reads the audit trail as the auditor's transaction sees it: row-level security admits the
 * events of their organisation (or about its records) and only to holders of `audit.read`.
 * Names of users in other organisations stay hidden (the users table is isolated too).
 */
export const auditRepository = {
  search(tx: Tx, filter: AuditFilter, limit: number, seq?: number): Promise<AuditRow[]> {
    const where = conditions(filter);
    if (seq !== undefined) where.push(sql`e.seq = ${seq}`);
    return queryRows<AuditRow>(
      tx,
      sql`select e.seq, e.tenant_id, e.record_tenant_id, e.occurred_at, e.actor_kind, e.actor_id, a.display_name as actor_name, e.acting_unit_id,
                 u.name as acting_unit_name, e.acting_roles, e.action, e.outcome, e.record_type, e.record_id, e.reason,
                 e.break_glass, e.source_ip, e.details, e.hash, r.reviewed_by, rv.display_name as reviewer_name,
                 r.reviewed_at, r.note as review_note
            from audit_events e
            left join users a on a.id = e.actor_id
            left join units u on u.id = e.acting_unit_id
            left join audit_reviews r on r.seq = e.seq
            left join users rv on rv.id = r.reviewed_by
           ${where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``}
           order by e.seq desc
           limit ${limit}`,
    );
  },

  async event(tx: Tx, seq: number) {
    const [row] = await queryRows<{ seq: string | number; break_glass: boolean; reviewed: boolean }>(
      tx,
      sql`select e.seq, e.break_glass, exists (select 1 from audit_reviews r where r.seq = e.seq) as reviewed from audit_events e where e.seq = ${seq}`,
    );
    return row;
  },

  async insertReview(tx: Tx, values: { seq: number; tenantId: string; reviewedBy: string; note: string | null; reviewedAt: Date }) {
    await tx.execute(
      sql`insert into audit_reviews (seq, tenant_id, reviewed_by, note, reviewed_at)
          values (${values.seq}, ${values.tenantId}::uuid, ${values.reviewedBy}::uuid, ${values.note}, ${values.reviewedAt.toISOString()}::timestamptz)`,
    );
  },
};
