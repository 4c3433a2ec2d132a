/**
 * Builds the demo template database (see server/src/platform/db/template.ts): migrations, demo
 * data and the demo history job, dumped so the first `npm start` loads it in well under a second.
 * Skips the work when a template for the current code exists (`--force` rebuilds).
 */
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openEmbeddedDatabase } from '../server/src/platform/db/embedded.ts';
import { templatePath, writeTemplate } from '../server/src/platform/db/template.ts';
import { prepareDatabase } from '../server/src/startup.ts';
import { systemClock } from '../server/src/platform/time/clock.ts';
import fs from 'node:fs';

const force = process.argv.includes('--force');
const target = templatePath();
if (!force && fs.existsSync(target)) {
  console.log(`Demo template is up to date: ${target}`);
  process.exit(0);
}
const started = performance.now();
const config = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: undefined });
const database = await openEmbeddedDatabase();
await prepareDatabase(database, config, systemClock);
const app = await buildApp({ config, database });
const jobs = await app.jobs.runUntilIdle();
const dump = await database.pglite.dumpDataDir('gzip');
await database.close();
const file = writeTemplate(Buffer.from(await dump.arrayBuffer()));
console.log(`Demo template written: ${file} (${jobs} background jobs run, ${Math.round(performance.now() - started)} ms)`);
