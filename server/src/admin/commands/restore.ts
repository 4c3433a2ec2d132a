import path from 'node:path';
import { restoreEmbedded } from '../../platform/db/backup.ts';
import { parseFlags, type AdminCommand } from '../command.ts';
import { POSTGRES_BACKUP_HINT } from './backup.ts';

export const restoreCommand: AdminCommand = {
  name: 'restore',
  summary: 'Restores a backup into DATA_DIR (stop the server first; --force replaces a database, keeping the old one beside it).',
  usage: 'restore <file> [--force]',
  needsDatabase: false,
  async run(args, { config, out }) {
    if (config.databaseUrl) {
      out(POSTGRES_BACKUP_HINT);
      return 2;
    }
    const { flags, positional } = parseFlags(args);
    const [file] = positional;
    if (!file) {
      out('Name the backup file: npm run admin -- restore <file> [--force]');
      return 2;
    }
    const summary = await restoreEmbedded(path.resolve(file), config.dataDir, { force: flags.force === true, now: new Date() });
    out(`Restored into ${summary.dataDir} (migrations up to ${summary.migrations.at(-1) ?? 'none'}).`);
    if (summary.previous) out(`The database that was there is kept in ${summary.previous}; delete it when you no longer need it.`);
    out('Start the platform as usual; newer migrations are applied at start-up.');
    return 0;
  },
};
