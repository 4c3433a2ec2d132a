/**
 * Builds the demo template database (see server/src/platform/db/template.ts): migrations, demo
 * data and the demo history job, in a data directory the first `npm start` copies. Skips the
 * work when a template for the current code exists (`--force` rebuilds).
 *
 * `--data-dir DIR` builds the same complete demo database into an empty DATA_DIR instead, on the
 * clock CLOCK_START sets (the browser tests: their calendar is fixed, the template's is the
 * install day).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openEmbeddedDatabase } from '../server/src/platform/db/embedded.ts';
import { openDatabase } from '../server/src/platform/db/open-database.ts';
import { findTemplate, templatePath, TEMPLATE_DIR } from '../server/src/platform/db/template.ts';
import { prepareDatabase } from '../server/src/startup.ts';

const dataDirFlag = process.argv.indexOf('--data-dir');
const dataDir = dataDirFlag > 0 ? process.argv[dataDirFlag + 1] : undefined;
if (dataDirFlag > 0 && !dataDir) throw new Error('--data-dir needs a directory');
if (dataDir) {
  const config = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: undefined, DATA_DIR: dataDir });
  const database = await openDatabase(config);
  await prepareDatabase(database, config);
  const jobs = await (await buildApp({ config, database })).jobs.runUntilIdle();
  await database.close();
  console.log(`Demo database written: ${dataDir} (${jobs} background jobs run)`);
  process.exit(0);
}
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
