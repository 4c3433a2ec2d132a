import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openEmbeddedDatabase } from '../platform/db/embedded.ts';
import { openPostgresDatabase } from '../platform/db/postgres.ts';
import { migrate } from '../platform/db/migrator.ts';
import { DATABASE_SETUP_SQL } from '../admin/commands/database-commands.ts';
import { OWNER_ROLE, RUNTIME_ROLE, SYSTEM_LOGIN_ROLE, urlFor } from './postgres-roles.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/**
 * Migrates one template database per test run: a dumped PGlite data directory, or a PostgreSQL
 * database that each test file copies with CREATE DATABASE … TEMPLATE. On PostgreSQL the
 * template is set up with `print-database-setup`'s SQL and migrated by its owner role.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `upptack_test_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const setup = new pg.Client({ connectionString: urlFor(url, name) });
    await setup.connect();
    await setup.query(DATABASE_SETUP_SQL);
    await setup.end();
    const database = await openPostgresDatabase({
      url: urlFor(url, name, RUNTIME_ROLE),
      migrationUrl: urlFor(url, name, OWNER_ROLE),
      systemUrl: urlFor(url, name, SYSTEM_LOGIN_ROLE),
      poolSize: 1,
    });
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
