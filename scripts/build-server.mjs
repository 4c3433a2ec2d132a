// Bundles the server's own TypeScript (server/src + shared) into one ES module with esbuild, so
// `npm start` does not compile every file on the fly with tsx: that cut the time to a healthy
// server by about a second (docs/benchmarks.md, ADR 0001). Packages stay external (loaded from
// node_modules) except those in BUNDLED: drizzle-orm alone is ~450 small modules that took
// 0.2–0.5 s to load one by one at every start.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_BUNDLE_DIR = path.join(ROOT, '.cache', 'server');

const BUNDLED = new Set(['drizzle-orm', 'zod']);
/** Worker threads the server starts by file (beside the bundle, as `<name>.mjs`). */
const WORKERS = {
  'attachment-worker': 'server/src/features/collaboration/attachment-worker.ts',
  'protect-worker': 'server/src/platform/disclosure/protect-worker.ts',
};
/** What the bundle is made from: when any of it is newer than the bundle, it is rebuilt. */
const SOURCES = ['server/src', 'shared', 'package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build-server.mjs'];

export function newestChange(file) {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A directory's own time changes when an entry is added, removed or renamed.
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) newest = Math.max(newest, newestChange(path.join(file, entry)));
  return newest;
}

/** The bundle of `entry` (a name in .cache/server), rebuilt first if any source is newer. */
export async function serverBundle(name = 'main', entry = 'server/src/main.ts') {
  const output = path.join(SERVER_BUNDLE_DIR, `${name}.mjs`);
  const built = fs.existsSync(output) ? fs.statSync(output).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map((source) => newestChange(path.join(ROOT, source))));
  if (built > changed) return output;
  const { build } = await import('esbuild');
  const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const external = Object.keys({ ...packageJson.dependencies, ...packageJson.devDependencies })
    .filter((dependency) => !BUNDLED.has(dependency))
    .flatMap((dependency) => [dependency, `${dependency}/*`]);
  await build({
    absWorkingDir: ROOT,
    entryPoints: { [name]: path.join(ROOT, entry), ...Object.fromEntries(Object.entries(WORKERS).map(([worker, file]) => [worker, path.join(ROOT, file)])) },
    outdir: SERVER_BUNDLE_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    external,
    jsx: 'automatic',
    sourcemap: true,
    logLevel: 'warning',
  });
  return output;
}

if (import.meta.main) console.log(`Server bundle: ${path.relative(ROOT, await serverBundle())}`);
