import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openEmbeddedDatabase } from '../platform/db/embedded.ts';
import { openPostgresDatabase } from '../platform/db/postgres.ts';
import { migrate } from '../platform/db/migrator.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/**
 * Migrates one template database per test run: a dumped PGlite data directory, or a PostgreSQL
 * database that each test file copies with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `upptack_test_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${name}`;
    const database = await openPostgresDatabase({ url: templateUrl.toString(), poolSize: 1 });
    await migrate(database);
    await database.close();
    project.provide('postgresTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    };
  }
  const database = await openEmbeddedDatabase();
  await migrate(database);
  const dump = await database.pglite.dumpDataDir('gzip');
  await database.close();
  const file = path.join(os.tmpdir(), `upptack-test-template-${process.pid}.tgz`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  return () => fs.rmSync(file, { force: true });
}
