import path from 'node:path';
import { checkpointKey } from '../../platform/audit/checkpoint.ts';
import { backupEmbedded } from '../../platform/db/backup.ts';
import { parseFlags, type AdminCommand } from '../command.ts';

/** The pg_dump line for installations on a PostgreSQL server (docs/operations.md). */
export const POSTGRES_BACKUP_HINT =
  'The database is a PostgreSQL server (DATABASE_URL): back it up with\n' +
  '  pg_dump --format=custom --file=upptack.dump "$DATABASE_URL"\n' +
  'and restore into an empty database with\n' +
  '  pg_restore --no-owner --dbname="$DATABASE_URL" upptack.dump\n' +
  '(see docs/operations.md).';

function defaultFileName(now: Date): string {
  return `upptack-backup-${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.tar.gz`;
}

export const backupCommand: AdminCommand = {
  name: 'backup',
  summary: 'Writes a backup of the embedded database (stop the server first).',
  usage: 'backup [--out <file>]',
  needsDatabase: false,
  async run(args, { config, out }) {
    if (config.databaseUrl) {
      out(POSTGRES_BACKUP_HINT);
      return 2;
    }
    const { flags } = parseFlags(args);
    const now = new Date();
    const file = path.resolve(typeof flags.out === 'string' ? flags.out : defaultFileName(now));
    const summary = await backupEmbedded(config.dataDir, file, { key: checkpointKey(config), now });
    out(`Backup written: ${summary.file} (${(summary.bytes / 1_048_576).toFixed(1)} MB, migrations up to ${summary.migrations.at(-1) ?? 'none'}).`);
    out(`It carries a signed audit checkpoint of ${summary.checkpoint.events} events: npm run admin -- verify-audit --checkpoint <backup file>`);
    const relative = path.relative(process.cwd(), summary.file);
    out(`Restore it with: npm run admin -- restore ${relative.startsWith('..') ? summary.file : relative}`);
    return 0;
  },
};
