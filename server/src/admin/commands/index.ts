import type { AdminCommand } from '../command.ts';

/** Every admin command; a feature or kernel module adds its commands here. */
export const ADMIN_COMMANDS: AdminCommand[] = [];
