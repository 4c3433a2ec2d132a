import type { Config } from '../../config.ts';
import type { Database } from './database.ts';
import { embeddedDatabaseExists, openEmbeddedDatabase } from './embedded.ts';
import { openPostgresDatabase } from './postgres.ts';
import { findTemplate } from './template.ts';

/**
 * The embedded database under DATA_DIR by default; a PostgreSQL server when DATABASE_URL is
 * set (ADR 0002). In demo mode an empty DATA_DIR starts from the install-time template.
 */
export async function openDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) {
    return openPostgresDatabase({ url: config.databaseUrl, poolSize: config.databasePoolSize, timeouts: config.databaseTimeouts });
  }
  const templateDir = config.demoMode && !embeddedDatabaseExists(config.dataDir) ? findTemplate() : undefined;
  return openEmbeddedDatabase({ dataDir: config.dataDir, ...(templateDir ? { templateDir } : {}) });
}
