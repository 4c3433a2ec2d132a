import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root directory, found by walking up from this module to the folder that holds
 * `server/migrations`. The same code runs from `server/src` (tsx, tests) and bundled into
 * `.cache/server/` (`npm start`, ADR 0001), so paths relative to a module's own file would differ.
 */
function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'server', 'migrations')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Upptäck's project root was not found above ${start}`);
    dir = parent;
  }
}

export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
