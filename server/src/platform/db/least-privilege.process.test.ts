import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../paths.ts';
import { createPostgresCluster, type PostgresCluster } from '../../test-support/postgres-cluster.ts';
import { signInOverHttp, startServer, temporaryDataDir } from '../../test-support/server-process.ts';
import { urlFor } from '../../test-support/postgres-roles.ts';

/**
 * Issue 18 item 7 and issue 16 item 8 (ADR 0081), on a fresh cluster of its own, as a DBA and an
 * operator would do it: the SQL of `print-database-setup` applied by the superuser; migrations
 * by the plain owner role (`npm run admin -- migrate`); the app serving as `upptack_runtime`,
 * which owns nothing, reaches nothing once it resets its role and may not become the system role,
 * whose work runs on its own login (DATABASE_SYSTEM_URL, ADR 0086).
 */
const DATABASE = 'upptack';
let cluster: PostgresCluster;
let superuser: pg.Client;
const directories: string[] = [];

function admin(args: string[], env: Record<string, string>) {
  const bin = path.join(PROJECT_ROOT, 'node_modules', '.bin');
  const environment: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, NODE_ENV: 'development', ...env };
  if (!env.DATABASE_URL) delete environment.DATABASE_URL;
  const result = spawnSync(path.join(bin, 'tsx'), ['server/src/admin/cli.ts', ...args], { cwd: PROJECT_ROOT, env: environment, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A query in the app's database as the superuser, who sees every row (it bypasses row-level security). */
async function inDatabase<T extends pg.QueryResultRow>(query: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: urlFor(cluster.url, DATABASE) });
  await client.connect();
  try {
    return (await client.query<T>(query)).rows;
  } finally {
    await client.end();
  }
}

const runtimeUrl = () => urlFor(cluster.url, DATABASE, 'upptack_runtime');
const ownerUrl = () => urlFor(cluster.url, DATABASE, 'upptack_owner');
const systemUrl = () => urlFor(cluster.url, DATABASE, 'upptack_system');

beforeAll(async () => {
  cluster = await createPostgresCluster();
  superuser = new pg.Client({ connectionString: cluster.url });
  await superuser.connect();
  await superuser.query(`create database ${DATABASE}`);
});
afterAll(async () => {
  await superuser?.end();
  cluster?.destroy();
  for (const dir of directories) fs.rmSync(dir, { recursive: true, force: true });
});

describe('managed PostgreSQL, least privilege', () => {
  it('print-database-setup prints SQL alone, which sets up roles that are neither superuser nor owner', async () => {
    const printed = admin(['print-database-setup'], {});
    expect(printed.code).toBe(0);
    expect(printed.stderr).toBe('');
    // Standard output is nothing but SQL: the superuser runs it as it is.
    const setup = new pg.Client({ connectionString: urlFor(cluster.url, DATABASE) });
    await setup.connect();
    try {
      await setup.query(printed.stdout);
      // Running it again changes nothing and fails on nothing (roles are cluster-wide).
      await setup.query(printed.stdout);
    } finally {
      await setup.end();
    }

    const { rows: roles } = await superuser.query<{
      rolname: string;
      rolsuper: boolean;
      rolcreaterole: boolean;
      rolbypassrls: boolean;
      rolinherit: boolean;
      rolcanlogin: boolean;
    }>(`select rolname, rolsuper, rolcreaterole, rolbypassrls, rolinherit, rolcanlogin from pg_roles where rolname like 'upptack\\_%' order by rolname`);
    expect(roles).toEqual([
      { rolname: 'upptack_app', rolsuper: false, rolcreaterole: false, rolbypassrls: false, rolinherit: false, rolcanlogin: false },
      { rolname: 'upptack_owner', rolsuper: false, rolcreaterole: false, rolbypassrls: false, rolinherit: false, rolcanlogin: true },
      { rolname: 'upptack_public', rolsuper: false, rolcreaterole: false, rolbypassrls: false, rolinherit: false, rolcanlogin: false },
      { rolname: 'upptack_runtime', rolsuper: false, rolcreaterole: false, rolbypassrls: false, rolinherit: false, rolcanlogin: true },
      { rolname: 'upptack_system', rolsuper: false, rolcreaterole: false, rolbypassrls: false, rolinherit: false, rolcanlogin: true },
    ]);
    // The runtime login may switch to the request roles only, never to the system role (ADR 0086).
    const { rows: memberships } = await superuser.query<{ role: string }>(
      `select r.rolname as role from pg_auth_members m join pg_roles r on r.oid = m.roleid
        where m.member = (select oid from pg_roles where rolname = 'upptack_runtime') order by 1`,
    );
    expect(memberships).toEqual([{ role: 'upptack_app' }, { role: 'upptack_public' }]);
    const { rows: owner } = await superuser.query<{ owner: string }>(`select pg_get_userbyid(datdba) as owner from pg_database where datname = $1`, [DATABASE]);
    expect(owner).toEqual([{ owner: 'upptack_owner' }]);
    // Created without a password: the DBA sets one.
    const { rows: passwords } = await superuser.query(`select rolname from pg_authid where rolname like 'upptack\\_%' and rolpassword is not null`);
    expect(passwords).toEqual([]);
  });

  it('refuses to start as the runtime role while migrations are pending, naming the command that applies them', async () => {
    const dataDir = temporaryDataDir('least-privilege-refused');
    directories.push(dataDir);
    const server = await startServer({ dataDir, env: { DATABASE_URL: runtimeUrl(), DATABASE_SYSTEM_URL: systemUrl() } });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.output()).toMatch(/Upptäck cannot start: \d+ database migration\(s\) are pending \(0001_platform, /);
    expect(server.output()).toContain('`npm run admin -- migrate`, with DATABASE_MIGRATION_URL naming the database owner');
    expect(await inDatabase(`select 1 from pg_tables where schemaname = 'public'`)).toEqual([]);
  });

  it('the migrate command applies the migrations as the owner; without the owner it refuses', async () => {
    const refused = admin(['migrate'], { DATABASE_URL: runtimeUrl() });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('DATABASE_MIGRATION_URL');

    const migrated = admin(['migrate'], { DATABASE_URL: runtimeUrl(), DATABASE_MIGRATION_URL: ownerUrl() });
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^Applied \d+ migration\(s\): 0001_platform, /);
    const again = admin(['migrate'], { DATABASE_URL: runtimeUrl(), DATABASE_MIGRATION_URL: ownerUrl() });
    expect(again.stdout).toBe('No migration was pending.\n');
    // Every table belongs to the owner; the runtime role owns nothing anywhere in the cluster.
    expect(await inDatabase(`select distinct tableowner as owner from pg_tables where schemaname = 'public'`)).toEqual([{ owner: 'upptack_owner' }]);
    const { rows: owned } = await superuser.query(
      `select 1 from pg_shdepend where deptype = 'o' and refobjid = (select oid from pg_roles where rolname = 'upptack_runtime')`,
    );
    expect(owned).toEqual([]);
  });

  it('without DATABASE_SYSTEM_URL the runtime role alone cannot start: it may not become the system role', async () => {
    const dataDir = temporaryDataDir('least-privilege-no-system');
    directories.push(dataDir);
    const server = await startServer({ dataDir, env: { DATABASE_URL: runtimeUrl() } });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.output()).toContain('DATABASE_SYSTEM_URL is not set');
  });

  it('serves as the runtime role, with system work on the system role’s own login: seeds, signs in, answers with data', async () => {
    const dataDir = temporaryDataDir('least-privilege-serving');
    directories.push(dataDir);
    const server = await startServer({ dataDir, env: { DATABASE_URL: runtimeUrl(), DATABASE_SYSTEM_URL: systemUrl() } });
    try {
      await server.healthy(180_000);
      const session = await signInOverHttp(server.url);
      const response = await fetch(`${server.url}/api/v1/processes`, { headers: { cookie: session.cookie } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { processes: unknown[] }).processes.length).toBeGreaterThan(0);
    } finally {
      expect((await server.stop()).code).toBe(0);
    }
  });

  it('RESET ROLE on the runtime connection reaches no tenant row, even claiming to be the system', async () => {
    // The demo's encounters are there to be reached.
    const [present] = await inDatabase<{ n: number }>('select count(*)::int as n from screening_encounters');
    expect(present!.n).toBeGreaterThan(0);

    const probe = new pg.Client({ connectionString: runtimeUrl() });
    await probe.connect();
    try {
      // What an injected statement in a request's transaction could try: drop the restricted role
      // and claim the system's setting.
      await probe.query('set role upptack_app');
      await probe.query('reset role');
      await probe.query("select set_config('app.system', 'on', false)");
      const { rows: who } = await probe.query<{ user: string; rolsuper: boolean; rolbypassrls: boolean }>(
        'select current_user as user, rolsuper, rolbypassrls from pg_roles where rolname = current_user',
      );
      expect(who).toEqual([{ user: 'upptack_runtime', rolsuper: false, rolbypassrls: false }]);
      for (const table of ['screening_encounters', 'organisations', 'users', 'audit_events', 'jobs']) {
        await expect(probe.query(`select * from ${table} limit 1`), table).rejects.toMatchObject({ code: '42501' });
      }
      await expect(probe.query('alter table screening_encounters disable row level security')).rejects.toMatchObject({ code: '42501' });
      // Nor can it become the system role, which reads every row (ADR 0086), or the owner.
      await expect(probe.query('set role upptack_system')).rejects.toMatchObject({ code: '42501' });
      await expect(probe.query('set role upptack_owner')).rejects.toMatchObject({ code: '42501' });
      await expect(probe.query('set role postgres')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await probe.end();
    }
  });
});
