import { ConfigError, loadConfig } from '../config.ts';
import { BackupError } from '../platform/db/backup.ts';
import { DataDirLockedError } from '../platform/db/data-dir-lock.ts';
import { NoOwnerConnectionError } from '../platform/db/database.ts';
import { MigrationStateError, migrateOrRefuse } from '../platform/db/migrator.ts';
import { NoSystemConnectionError, RuntimeIsSystemMemberError } from '../platform/db/postgres.ts';
import { openDatabase } from '../platform/db/open-database.ts';
import { migrateCommand } from './commands/database-commands.ts';
import { ADMIN_COMMANDS } from './commands/index.ts';

/**
 * `npm run admin -- <command> [options]`. Works in production (it never seeds demo data) and on
 * both databases. With the embedded database the server must be stopped: the data directory
 * has one writer at a time.
 */
async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const command = ADMIN_COMMANDS.find((c) => c.name === name);
  if (!command) {
    out('Usage: npm run admin -- <command> [options]\n');
    for (const c of ADMIN_COMMANDS) out(`  ${c.usage}\n      ${c.summary}`);
    return name === undefined || name === 'help' ? 0 : 2;
  }
  const config = loadConfig();
  if (!command.needsDatabase) return command.run(args, { config, database: undefined, out });
  const database = await openDatabase(config);
  try {
    // Like start-up: migrate when the owner's connection is there, else refuse while any is pending.
    if (command !== migrateCommand) await migrateOrRefuse(database);
    return await command.run(args, { config, database, out });
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = [
      ConfigError,
      DataDirLockedError,
      MigrationStateError,
      NoOwnerConnectionError,
      NoSystemConnectionError,
      RuntimeIsSystemMemberError,
      BackupError,
    ].some((type) => error instanceof type);
    process.stderr.write(`${known ? (error as Error).message : ((error as Error)?.stack ?? String(error))}\n`);
    process.exit(1);
  },
);
