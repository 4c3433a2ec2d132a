import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { recordAudit, SYSTEM_SOURCE } from '../../platform/audit/audit.ts';
import { loadProtections } from '../../platform/access/protected-identity.ts';
import { breakGlassGrants, recordConnections, recordProtections } from '../../platform/access/schema.ts';
import { APP_NOW } from '../../platform/db/database.ts';
import { defineIsolationSubjects } from '../../test-support/isolation/isolation-subjects.ts';

const TYPE = 'isolation_record';

/** The protection markers, connections and break-the-glass grants of any record type. */
export const isolationSubjects = defineIsolationSubjects([
  {
    name: 'record-protection',
    tables: ['record_protections', 'record_connections', 'break_glass_grants'],
    async create(tx, owner, world) {
      const recordId = crypto.randomUUID();
      await tx.insert(recordProtections).values({ tenantId: owner.tenantId, recordType: TYPE, recordId, protectedIdentity: true });
      // A colleague elsewhere in the organisation is connected: the rules hide the record from them.
      const connected = world.users.find((user) => user.tenantId === owner.tenantId && user.userId !== owner.userId);
      if (connected) await tx.insert(recordConnections).values({ tenantId: owner.tenantId, recordType: TYPE, recordId, userId: connected.userId });
      const seq = await recordAudit(
        tx,
        { actorKind: 'user', actorId: owner.userId, tenantId: owner.tenantId, actingUnitId: owner.unitId, roles: ['caseworker'] },
        SYSTEM_SOURCE,
        {
          action: 'records.break_glass',
          recordType: TYPE,
          recordId,
          breakGlass: true,
          reason: 'Isoleringstest av nödåtkomst',
        },
      );
      await tx.insert(breakGlassGrants).values({
        tenantId: owner.tenantId,
        userId: owner.userId,
        recordType: TYPE,
        recordId,
        reason: 'Isoleringstest av nödåtkomst',
        grantedAt: APP_NOW,
        expiresAt: sql`app_now() + interval '1 hour'`,
        auditSeq: seq,
      });
      return { id: recordId, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId, ...(connected ? { hiddenFrom: [connected.userId] } : {}) };
    },
    paths: [
      {
        name: 'the protections of every record in the world',
        reach: 'tenant',
        async run(tx, _caller, world) {
          const created = world.created.get('record-protection') ?? [];
          const tenantOf = new Map(created.map((row) => [row.id, row.tenantId]));
          const protections = await loadProtections(
            tx,
            TYPE,
            created.map((row) => row.id),
          );
          return [...protections.keys()].map((id) => ({ id, tenantId: tenantOf.get(id) ?? 'unknown' }));
        },
      },
      {
        name: 'the caller’s break-the-glass grants',
        reach: 'user',
        run: async (tx) =>
          (await tx.select({ id: breakGlassGrants.recordId, tenantId: breakGlassGrants.tenantId }).from(breakGlassGrants)).map((row) => ({
            id: row.id,
            tenantId: row.tenantId,
          })),
      },
    ],
  },
]);
