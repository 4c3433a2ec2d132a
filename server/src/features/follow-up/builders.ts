import { sql } from 'drizzle-orm';
import type { ReportStatus } from '#shared/contracts/follow-up.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { COORDINATOR_ID } from './report-service.ts';

/** Test data of follow-up: an annual report in any state (parents must exist: the organisation). */
export async function insertTestReport(
  tx: Tx,
  partial: {
    tenantId: string;
    year?: number;
    status?: ReportStatus;
    recipientTenantId?: string;
    submittedBy?: string | null;
    narrative?: Record<string, string>;
  },
): Promise<string> {
  const status = partial.status ?? 'draft';
  const frozen = status === 'approved' || status === 'received';
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into follow_up_reports (tenant_id, recipient_tenant_id, year, status, narrative, figures, frozen_at, submitted_at, submitted_by)
        values (${partial.tenantId}, ${partial.recipientTenantId ?? COORDINATOR_ID}, ${partial.year ?? 2000 + Math.floor(Math.random() * 100)}, ${status},
          ${JSON.stringify(partial.narrative ?? { routines: 'Rutin' })}::jsonb,
          ${frozen ? JSON.stringify({ computedAt: '2026-11-23T09:00:00.000Z', year: 2026, threshold: 5, indicators: [] }) : null}::jsonb,
          ${frozen ? '2026-11-23T09:00:00Z' : null}::timestamptz, ${status === 'draft' ? null : '2026-11-23T09:00:00Z'}::timestamptz, ${partial.submittedBy ?? null})
        returning id`,
  );
  return row!.id;
}
