import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { SERVICE_TOKEN_PREFIX } from '../server/src/platform/auth/authenticate.ts';
import { serviceAccounts, units } from '../server/src/platform/auth/schema.ts';
import { randomToken, sha256Hex } from '../server/src/platform/crypto/field-encryption.ts';
import { queryRows, type Database } from '../server/src/platform/db/database.ts';
import { openEmbeddedDatabase } from '../server/src/platform/db/embedded.ts';
import { migrate } from '../server/src/platform/db/migrator.ts';
import { openPostgresDatabase } from '../server/src/platform/db/postgres.ts';
import { organisationId } from '../server/src/platform/organisations/organisation-id.ts';
import { insertProcess } from '../server/src/features/screening/builders.ts';
import { DATABASE_SETUP_SQL } from '../server/src/admin/commands/database-commands.ts';
import { OWNER_ROLE, RUNTIME_ROLE } from '../server/src/test-support/postgres-roles.ts';

/**
 * The screening benchmark's database and data, shared by the server process and the raw ceiling:
 * an embedded database on disk (as the platform runs it) or a throwaway database on the PostgreSQL
 * server at DATABASE_URL, migrated, with one unit, a service account for the integration API and a
 * published process routine using the default question set.
 */
export type Fixture = { tenantId: string; unitId: string; processId: string; routineVersionId: string; token: string; serviceAccountId: string };

export async function openBenchDatabase(url: string | undefined): Promise<{ database: Database; kind: string; cleanup(): Promise<void> }> {
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-bench-screening-'));
    const database = await openEmbeddedDatabase({ dataDir: dir });
    return {
      database,
      kind: 'embedded (PGlite 0.5, on disk)',
      async cleanup() {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // As production on a managed server (ADR 0081): requests as upptack_runtime, migrations as the owner.
  const as = (role: string) => {
    const target = new URL(url);
    target.username = role;
    target.password = '';
    return target.toString();
  };
  const database = await openPostgresDatabase({ url: as(RUNTIME_ROLE), migrationUrl: as(OWNER_ROLE), poolSize: 10 });
  const [row] = await database.system((tx) => queryRows<{ server_version: string }>(tx, sql`show server_version`));
  return { database, kind: `PostgreSQL ${row?.server_version ?? ''}`, cleanup: () => database.close() };
}

/** A fresh database on the PostgreSQL server, dropped again by the returned function. */
export async function createPostgresDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `upptack_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  // The least-privilege roles and grants (ADR 0081), set up by the superuser as print-database-setup says.
  const setup = new pg.Client({ connectionString: target.toString() });
  await setup.connect();
  await setup.query(DATABASE_SETUP_SQL);
  await setup.end();
  return {
    url: target.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export async function prepareFixture(database: Database): Promise<Fixture> {
  await migrate(database);
  const tenantId = organisationId('FK');
  const token = `${SERVICE_TOKEN_PREFIX}${randomToken(32)}`;
  return database.system(async (tx) => {
    const [unit] = await tx
      .insert(units)
      .values({ tenantId, level: 'unit', name: 'Benchenhet', municipalityCode: '2080', countyCode: '20' })
      .returning({ id: units.id });
    const [account] = await tx
      .insert(serviceAccounts)
      .values({
        tenantId,
        unitId: unit!.id,
        name: 'Benchmark',
        tokenHash: sha256Hex(token),
        tokenHint: token.slice(0, 8),
        actions: ['encounters.create', 'encounters.read', 'encounters.update', 'routines.read'],
      })
      .returning({ id: serviceAccounts.id });
    const process = await insertProcess(tx, tenantId, { channels: ['phone', 'in_person'] });
    return { tenantId, unitId: unit!.id, processId: process.processId, routineVersionId: process.routineVersionId, token, serviceAccountId: account!.id };
  });
}

/** What a case system sends for a routine phone investigation where nothing came up, with the handout shown. */
export function encounterBody(processId: string) {
  return {
    processId,
    channel: 'phone',
    basis: 'routine',
    interpreter: 'none',
    client: { sex: 'female', ageBand: '35_44', municipalityCode: '2080' },
    result: {
      asking: 'asked',
      answers: [
        { item: 'exposure', value: 'no' },
        { item: 'perpetration', value: 'no' },
        { item: 'children', value: 'no' },
      ],
    },
    actions: { information: [{ material: 'handout', language: 'sv', delivery: 'shown' }] },
  };
}
