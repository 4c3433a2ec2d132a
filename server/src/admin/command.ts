import type { Config } from '../config.ts';
import type { Database } from '../platform/db/database.ts';

/** One `npm run admin -- <name> …` command. Commands that need the database get it opened. */
export type AdminCommand = {
  name: string;
  summary: string;
  usage: string;
  /** false for commands that handle the database themselves (e.g. restore). */
  needsDatabase: boolean;
  run(args: string[], context: { config: Config; database: Database | undefined; out: (line: string) => void }): Promise<number>;
};

/** Parses `--name value` and `--flag` arguments. */
export function parseFlags(args: string[]): { flags: Record<string, string | true>; positional: string[] } {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        flags[arg.slice(2)] = next;
        i++;
      } else {
        flags[arg.slice(2)] = true;
      }
    } else {
      positional.push(arg);
    }
  }
  return { flags, positional };
}
