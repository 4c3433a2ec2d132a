// The staff app's assets (web/dist), rebuilt with Vite when a source is newer than the last build,
// so `npm start` after a `git pull` never serves yesterday's pages (postinstall builds them after
// `npm ci`; a pull without a reinstall would otherwise keep the old ones).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, newestChange } from './build-server.mjs';

const MANIFEST = path.join(ROOT, 'web', 'dist', '.vite', 'manifest.json');
const SOURCES = ['web/src', 'web/personal', 'web/vite.config.ts', 'shared', 'package-lock.json'];

const VITE = path.join(ROOT, 'node_modules', '.bin', 'vite');

/**
 * Builds web/dist first if any of its sources is newer; returns whether it built. A production
 * install without the build tools serves the assets it shipped with.
 */
export function webAssets() {
  if (!fs.existsSync(VITE)) return false;
  const built = fs.existsSync(MANIFEST) ? fs.statSync(MANIFEST).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map((source) => newestChange(path.join(ROOT, source))));
  if (built > changed) return false;
  // Always a production build: `npm start` in demo mode runs with NODE_ENV=development, and Vite
  // would then bundle React's development build (three times the script, several times the work).
  execFileSync(VITE, ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return true;
}
