// `npm test`: every layer, in order, stopping at the first failure. Nothing is skipped silently:
// without Chromium it fails and says how to install it. With DATABASE_URL set, the database
// suite runs twice — on the embedded database and on that PostgreSQL server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(
    `npm test: Chromium was not found at ${chromium}; the browser tests need it.\n` +
      "Install Debian's Chromium with `sudo apt-get install -y chromium` (or set CHROMIUM_PATH).",
  );
  process.exit(1);
}

const databaseUrl = process.env.DATABASE_URL;
const embedded = { ...process.env };
delete embedded.DATABASE_URL;

const steps = [
  ['type check (includes the i18n catalogues)', 'tsc', ['--noEmit', '-p', 'tsconfig.json'], process.env],
  ['lint (typescript-eslint and the import boundaries, ADR 0094)', 'eslint', ['--cache', '--cache-location', '.cache/eslint/', '.'], process.env],
  ['format (Prettier, ADR 0096)', 'prettier', ['--check', '--log-level', 'warn', '.'], process.env],
  ['web build', 'vite', ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], process.env],
  ['server bundle', 'node', ['scripts/build-server.mjs'], process.env],
  ['demo template', 'tsx', ['scripts/build-template.ts'], embedded],
  ['unit tests', 'vitest', ['run', '--project', 'unit'], embedded],
  ['database tests (embedded PGlite)', 'vitest', ['run', '--project', 'db'], embedded],
  ...(databaseUrl ? [['database tests (PostgreSQL at DATABASE_URL)', 'vitest', ['run', '--project', 'db'], process.env]] : []),
  ['server process tests (start-up, shutdown, kill -9, backup)', 'vitest', ['run', '--project', 'process'], embedded],
  ['browser tests (Chromium, axe)', 'playwright', ['test', '--config', 'e2e/playwright.config.ts'], embedded],
];

for (const [name, command, args, env] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(`node_modules/.bin/${command}`, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed.`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${Math.round((Date.now() - started) / 1000)} s)`);
}
console.log(`\nAll tests passed${databaseUrl ? ' (embedded database and PostgreSQL)' : ''}.`);
