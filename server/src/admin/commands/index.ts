import type { AdminCommand } from '../command.ts';
import { backupCommand } from './backup.ts';
import { restoreCommand } from './restore.ts';

/** Every admin command; a feature or kernel module adds its commands here. */
export const ADMIN_COMMANDS: AdminCommand[] = [backupCommand, restoreCommand];
