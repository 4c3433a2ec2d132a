/**
 * Builds the demo template database (see server/src/platform/db/template.ts): migrations, demo
 * data and the demo history job, in a data directory the first `npm start` copies. Skips the
 * work when a template for the current code exists (`--force` rebuilds).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openEmbeddedDatabase } from '../server/src/platform/db/embedded.ts';
import { findTemplate, templatePath, TEMPLATE_DIR } from '../server/src/platform/db/template.ts';
import { prepareDatabase } from '../server/src/startup.ts';

const force = process.argv.includes('--force');
if (!force && findTemplate()) {
  console.log(`Demo template is up to date: ${findTemplate()}`);
  process.exit(0);
}
const started = performance.now();
const target = path.dirname(templatePath());
const partial = `${target}.partial`;
fs.rmSync(partial, { recursive: true, force: true });
const config = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: undefined });
const database = await openEmbeddedDatabase({ dataDir: partial });
await prepareDatabase(database, config);
const app = await buildApp({ config, database });
const jobs = await app.jobs.runUntilIdle();
await database.close();
// Only a complete template replaces the old ones: the rename is the commit.
for (const old of fs.existsSync(TEMPLATE_DIR) ? fs.readdirSync(TEMPLATE_DIR) : []) {
  if (path.join(TEMPLATE_DIR, old) !== partial) fs.rmSync(path.join(TEMPLATE_DIR, old), { recursive: true, force: true });
}
fs.renameSync(partial, target);
console.log(`Demo template written: ${target} (${jobs} background jobs run, ${Math.round(performance.now() - started)} ms)`);
