import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { recordAudit, SYSTEM_SOURCE } from '../../platform/audit/audit.ts';
import { defineIsolationSubjects } from '../../test-support/isolation/isolation-subjects.ts';
import { auditRepository } from './audit-repository.ts';

/** The audit trail: an auditor's organisation's events, and events about its records by others. */
export const isolationSubjects = defineIsolationSubjects([
  {
    name: 'audit',
    tables: ['audit_events', 'audit_reviews'],
    settings: { audit_reader: 'on' },
    foreignRows: {
      audit_events: {
        reason: 'An organisation’s auditors see what others (a system administrator) did to its records (migration 0010).',
        allowedWhen: (tenant) => sql`record_tenant_id = ${tenant}::uuid`,
      },
    },
    async create(tx, owner) {
      const seq = await recordAudit(
        tx,
        { actorKind: 'user', actorId: owner.userId, tenantId: owner.tenantId, actingUnitId: owner.unitId, roles: ['caseworker'] },
        SYSTEM_SOURCE,
        {
          action: 'example.read',
          recordType: 'example_record',
          recordId: crypto.randomUUID(),
          recordTenantId: owner.tenantId,
          breakGlass: true,
          reason: 'Isoleringstest',
        },
      );
      await tx.execute(sql`insert into audit_reviews (seq, tenant_id, reviewed_by) values (${seq}, ${owner.tenantId}::uuid, ${owner.userId}::uuid)`);
      return { id: String(seq), tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the auditors’ search',
        reach: 'tenant',
        run: async (tx, caller) =>
          (await auditRepository.search(tx, {}, 100_000)).map((row) => ({
            id: String(row.seq),
            tenantId: row.tenant_id === caller.tenantId || row.record_tenant_id === caller.tenantId ? caller.tenantId : (row.tenant_id ?? 'none'),
          })),
      },
    ],
  },
]);
