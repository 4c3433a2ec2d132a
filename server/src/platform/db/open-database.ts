import type { Config } from '../../config.ts';
import type { Database } from './database.ts';
import { embeddedDatabaseExists, openEmbeddedDatabase } from './embedded.ts';
import { openPostgresDatabase } from './postgres.ts';
import { findTemplate } from './template.ts';
import { configuredClock } from '../time/clock.ts';

/**
 * The embedded database under DATA_DIR by default; a PostgreSQL server when DATABASE_URL is
 * set (ADR 0002). In demo mode an empty DATA_DIR starts from the install-time template — unless
 * the clock is shifted (CLOCK_START): the template's rows carry the install day, so such a demo
 * seeds its own on its own calendar.
 */
export async function openDatabase(config: Config): Promise<Database> {
  const clock = configuredClock(config);
  if (config.databaseUrl) {
    return openPostgresDatabase({
      url: config.databaseUrl,
      migrationUrl: config.databaseMigrationUrl,
      systemUrl: config.databaseSystemUrl,
      poolSize: config.databasePoolSize,
      timeouts: config.databaseTimeouts,
      clock,
    });
  }
  const templateDir = config.demoMode && !config.clockStart && !embeddedDatabaseExists(config.dataDir) ? findTemplate() : undefined;
  return openEmbeddedDatabase({ dataDir: config.dataDir, clock, ...(templateDir ? { templateDir } : {}) });
}
