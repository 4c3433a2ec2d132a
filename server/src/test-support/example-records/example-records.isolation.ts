import { sql } from 'drizzle-orm';
import { randomToken, sha256Hex } from '../../platform/crypto/field-encryption.ts';
import { recordConnections } from '../../platform/access/schema.ts';
import { defineIsolationSubjects } from '../isolation/isolation-subjects.ts';
import { EXAMPLE_RECORD_TYPE } from './example-records-feature.ts';
import { exampleRecords, exampleRespondents, exampleRoundShares, exampleRounds } from './example-tables.ts';

/** The example record type and the shared-data example (test fixture; the isolation test installs its schema). */
export const isolationSubjects = defineIsolationSubjects([
  {
    name: 'example-records',
    tables: ['example_records'],
    async create(tx, owner, world) {
      const [record] = await tx
        .insert(exampleRecords)
        .values({ tenantId: owner.tenantId, unitId: owner.unitId, createdBy: owner.userId, title: 'Isolering' })
        .returning({ id: exampleRecords.id });
      // A colleague elsewhere in the organisation is connected: the rules hide the record from them.
      const connected = world.users.find((user) => user.tenantId === owner.tenantId && user.userId !== owner.userId);
      if (connected)
        await tx
          .insert(recordConnections)
          .values({ tenantId: owner.tenantId, recordType: EXAMPLE_RECORD_TYPE, recordId: record!.id, userId: connected.userId });
      return { id: record!.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId, ...(connected ? { hiddenFrom: [connected.userId] } : {}) };
    },
    paths: [
      {
        name: 'the example records',
        reach: 'tenant',
        run: async (tx) => tx.select({ id: exampleRecords.id, tenantId: exampleRecords.tenantId }).from(exampleRecords),
      },
    ],
  },
  {
    name: 'example-rounds',
    tables: ['example_rounds', 'example_round_shares'],
    foreignRows: {
      example_rounds: {
        reason: 'Shared data: a round is read by the organisations it is shared with (ADR 0011).',
        allowedWhen: (tenant) =>
          sql`exists (select 1 from example_round_shares s where s.round_id = example_rounds.id and s.shared_with_tenant_id = ${tenant}::uuid)`,
      },
      example_round_shares: {
        reason: 'A share is seen by the organisation it shares with.',
        allowedWhen: (tenant) => sql`shared_with_tenant_id = ${tenant}::uuid`,
      },
    },
    async create(tx, owner, world) {
      const [round] = await tx.insert(exampleRounds).values({ tenantId: owner.tenantId, title: 'Delad omgång' }).returning({ id: exampleRounds.id });
      const other = world.users.find((user) => user.tenantId !== owner.tenantId);
      if (other) await tx.insert(exampleRoundShares).values({ roundId: round!.id, tenantId: owner.tenantId, sharedWithTenantId: other.tenantId });
      return { id: round!.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the organisation’s own rounds',
        reach: 'tenant',
        run: async (tx, caller) =>
          tx
            .select({ id: exampleRounds.id, tenantId: exampleRounds.tenantId })
            .from(exampleRounds)
            .where(sql`${exampleRounds.tenantId} = ${caller.tenantId}::uuid`),
      },
    ],
  },
  {
    name: 'example-respondents',
    tables: ['example_respondents'],
    async create(tx, owner) {
      const [round] = await tx.insert(exampleRounds).values({ tenantId: owner.tenantId, title: 'Enkät' }).returning({ id: exampleRounds.id });
      const [respondent] = await tx
        .insert(exampleRespondents)
        .values({ roundId: round!.id, tenantId: owner.tenantId, tokenHash: sha256Hex(randomToken()) })
        .returning({ id: exampleRespondents.id });
      return { id: respondent!.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the respondents of the organisation’s rounds',
        reach: 'tenant',
        run: async (tx) => tx.select({ id: exampleRespondents.id, tenantId: exampleRespondents.tenantId }).from(exampleRespondents),
      },
    ],
  },
]);
