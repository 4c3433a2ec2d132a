import type { Config } from './config.ts';
import { FEATURES } from './features/index.ts';
import type { Database } from './platform/db/database.ts';
import { migrateOrRefuse } from './platform/db/migrator.ts';
import { DemoDataInProductionError, seedDemoData, tablesWithDemoRows } from './platform/demo/demo-seed.ts';
import { createFieldCipher } from './platform/crypto/field-encryption.ts';

/**
 * Brings a database to the state this code expects: migrations applied (refusing a newer
 * database, or pending migrations it may not apply itself; ADR 0081), then demo data in demo mode — or, in production, a refusal if any demo row exists.
 */
export async function prepareDatabase(database: Database, config: Config): Promise<void> {
  await migrateOrRefuse(database);
  if (config.demoMode) {
    await seedDemoData(database, FEATURES, {
      config,
      clock: database.clock,
      cipher: createFieldCipher(config.encryptionKey),
    });
    return;
  }
  const demoTables = await tablesWithDemoRows(database);
  if (demoTables.length > 0) throw new DemoDataInProductionError(demoTables);
}
