import { randomToken, sha256Hex } from '../../platform/crypto/field-encryption.ts';
import type { Database } from '../../platform/db/database.ts';
import { recordConnections, recordProtections } from '../../platform/access/schema.ts';
import type { TestUnit } from '../builders.ts';
import { EXAMPLE_RECORD_TYPE, exampleRecordsFeature } from './example-records-feature.ts';
import { EXAMPLE_SCHEMA, exampleRecords, exampleRespondents, exampleRoundShares, exampleRounds } from './example-tables.ts';

/** What `createTestApp` needs to include the example record type. */
export const exampleFixture = { extraFeatures: [exampleRecordsFeature], scripts: [EXAMPLE_SCHEMA] };

export type ExampleRecord = { id: string; tenantId: string; unitId: string };

export async function createExampleRecord(
  database: Database,
  partial: {
    unit: TestUnit;
    createdBy?: string | null;
    title?: string;
    municipalityCode?: string | null;
    address?: string | null;
    protectedIdentity?: boolean;
    designatedUnitId?: string | null;
    connectedUserIds?: string[];
  },
): Promise<ExampleRecord> {
  return database.system(async (tx) => {
    const [row] = await tx
      .insert(exampleRecords)
      .values({
        tenantId: partial.unit.tenantId,
        unitId: partial.unit.id,
        createdBy: partial.createdBy ?? null,
        title: partial.title ?? 'Exempelärende',
        municipalityCode: partial.municipalityCode === undefined ? '2080' : partial.municipalityCode,
        address: partial.address ?? null,
      })
      .returning();
    const record = row!;
    if (partial.protectedIdentity || partial.designatedUnitId) {
      await tx.insert(recordProtections).values({
        tenantId: record.tenantId,
        recordType: EXAMPLE_RECORD_TYPE,
        recordId: record.id,
        protectedIdentity: partial.protectedIdentity ?? false,
        designatedUnitId: partial.designatedUnitId ?? null,
      });
    }
    for (const userId of partial.connectedUserIds ?? []) {
      await tx.insert(recordConnections).values({ tenantId: record.tenantId, recordType: EXAMPLE_RECORD_TYPE, recordId: record.id, userId });
    }
    return { id: record.id, tenantId: record.tenantId, unitId: record.unitId };
  });
}

export async function createExampleRound(database: Database, partial: { tenantId: string; title?: string; sharedWith?: string[] }) {
  return database.system(async (tx) => {
    const [round] = await tx
      .insert(exampleRounds)
      .values({ tenantId: partial.tenantId, title: partial.title ?? 'Årsuppföljning' })
      .returning();
    for (const tenantId of partial.sharedWith ?? []) {
      await tx.insert(exampleRoundShares).values({ roundId: round!.id, tenantId: partial.tenantId, sharedWithTenantId: tenantId });
    }
    return round!;
  });
}

/** A respondent link: the token is returned once, only its hash is stored. */
export async function createExampleRespondent(database: Database, round: { id: string; tenantId: string }, answer: string | null = null) {
  const token = randomToken(24);
  await database.system((tx) => tx.insert(exampleRespondents).values({ roundId: round.id, tenantId: round.tenantId, tokenHash: sha256Hex(token), answer }));
  return token;
}
