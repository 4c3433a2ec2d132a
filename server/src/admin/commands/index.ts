import type { AdminCommand } from '../command.ts';
import { backupCommand } from './backup.ts';
import { migrateCommand, printDatabaseSetupCommand } from './database-commands.ts';
import { restoreCommand } from './restore.ts';
import { verifyAuditCommand } from './audit-commands.ts';
import { createAdminCommand, deactivateUserCommand, resetSecondFactorCommand } from './identity-commands.ts';
import { rotateEncryptionKeyCommand } from './key-rotation-command.ts';

/** Every admin command; a feature or kernel module adds its commands here. */
export const ADMIN_COMMANDS: AdminCommand[] = [
  backupCommand,
  restoreCommand,
  createAdminCommand,
  resetSecondFactorCommand,
  deactivateUserCommand,
  verifyAuditCommand,
  rotateEncryptionKeyCommand,
  printDatabaseSetupCommand,
  migrateCommand,
];
