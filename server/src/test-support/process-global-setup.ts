import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../platform/paths.ts';

/**
 * Builds the web assets, the server bundle and the demo template once before the process tests,
 * so each server they start finds them as `npm ci` leaves them (and no two starts build at once).
 */
export default function setup() {
  const bin = (name: string) => path.join(PROJECT_ROOT, 'node_modules', '.bin', name);
  const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
  run(bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
  run(bin('node'), ['scripts/build-server.mjs']);
  run(bin('tsx'), ['scripts/build-template.ts']);
}
