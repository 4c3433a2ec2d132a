/**
 * Competence benchmark (issue 6; not part of `npm test`): one organisation with 10 000 staff in
 * 200 units under 10 regions, a year of turnover (10 % leave, 10 % move, 10 % join), 4 courses,
 * requirements for the whole organisation and per region, ~24 000 confirmed completions. Then the
 * shares report exactly as the route computes it (`sharesReport` as `upptack_app` in the
 * organisation), with a 12-month trend, and the follow-up measure over a year.
 *
 *   node_modules/.bin/tsx bench/competence.ts [--staff 10000] [--runs 10]
 *
 * With DATABASE_URL set it runs on a throwaway database on that PostgreSQL server, else on the
 * embedded database (in memory). Figures go to docs/benchmarks.md by hand.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { parseFlags } from '../server/src/admin/command.ts';
import type { AccessContext, Database } from '../server/src/platform/db/database.ts';
import { openEmbeddedDatabase } from '../server/src/platform/db/embedded.ts';
import { openPostgresDatabase } from '../server/src/platform/db/postgres.ts';
import { migrate } from '../server/src/platform/db/migrator.ts';
import { organisationId } from '../server/src/platform/organisations/organisation-id.ts';
import { sharesReport } from '../server/src/features/competence/competence-service.ts';
import { trainedStaffByUnitAndMonth } from '../server/src/features/competence/competence-measures.ts';

const { flags } = parseFlags(process.argv.slice(2));
const count = (name: string, fallback: number) => (typeof flags[name] === 'string' ? Number(flags[name]) : fallback);
const STAFF = count('staff', 10_000);
const RUNS = count('runs', 10);
const log = (line: string) => process.stdout.write(`${line}\n`);

let seed = 60_601;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

async function openDatabase(): Promise<{ database: Database; kind: string; cleanup(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openEmbeddedDatabase();
    return { database, kind: 'embedded (PGlite, in memory)', cleanup: () => database.close() };
  }
  const name = `upptack_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openPostgresDatabase({ url: target.toString(), poolSize: 4 });
  const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '?';
  return {
    database,
    kind: `PostgreSQL ${version}`,
    async cleanup() {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const tenantId = organisationId('FK');
const day = (month: number, date: number) => `2026-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;

async function generate(database: Database): Promise<{ units: string[]; courses: string[] }> {
  const regions = Array.from({ length: 10 }, () => crypto.randomUUID());
  const units = Array.from({ length: 200 }, () => crypto.randomUUID());
  const courses = Array.from({ length: 4 }, () => crypto.randomUUID());
  await database.system(async (tx) => {
    for (const [index, id] of regions.entries())
      await tx.execute(sql`insert into units (id, tenant_id, level, name) values (${id}, ${tenantId}, 'region', ${`Region ${index}`})`);
    for (const [index, id] of units.entries())
      await tx.execute(
        sql`insert into units (id, tenant_id, parent_id, level, name) values (${id}, ${tenantId}, ${regions[index % 10]!}, 'unit', ${`Enhet ${index}`})`,
      );
    for (const [index, id] of courses.entries())
      await tx.execute(
        sql`insert into training_courses (id, tenant_id, title, provider, format) values (${id}, ${tenantId}, ${`Kurs ${index}`}, 'Bench', 'web_course')`,
      );
    await tx.execute(
      sql`insert into training_requirements (tenant_id, course_id, unit_id, roles, deadline) values (${tenantId}, ${courses[0]!}, null, '{caseworker,manager}', '2026-12-31')`,
    );
    for (const [index, region] of regions.entries()) {
      await tx.execute(
        sql`insert into training_requirements (tenant_id, course_id, unit_id, roles, deadline) values (${tenantId}, ${courses[1 + (index % 3)]!}, ${region}, '{caseworker}', '2026-09-30')`,
      );
    }
  });
  const batch = 500;
  for (let start = 0; start < STAFF; start += batch) {
    const people: ReturnType<typeof sql>[] = [];
    const memberships: ReturnType<typeof sql>[] = [];
    const completions: ReturnType<typeof sql>[] = [];
    for (let index = start; index < Math.min(start + batch, STAFF); index++) {
      const id = crypto.randomUUID();
      const unit = units[Math.floor(random() * units.length)]!;
      const role = random() < 0.08 ? 'manager' : 'caseworker';
      people.push(sql`(${id}, ${tenantId}, ${`bench-${index}@bench.example`}, ${`Person ${index}`})`);
      const turnover = random();
      if (turnover < 0.1) memberships.push(sql`(${tenantId}, ${id}, ${unit}, ${role}, '2024-01-01'::date, ${day(1 + Math.floor(random() * 11), 15)}::date)`);
      else if (turnover < 0.2) {
        const moveMonth = 2 + Math.floor(random() * 10);
        memberships.push(sql`(${tenantId}, ${id}, ${unit}, ${role}, '2024-01-01'::date, ${day(moveMonth - 1, 28)}::date)`);
        memberships.push(sql`(${tenantId}, ${id}, ${units[Math.floor(random() * units.length)]!}, ${role}, ${day(moveMonth, 1)}::date, null)`);
      } else if (turnover < 0.3) memberships.push(sql`(${tenantId}, ${id}, ${unit}, ${role}, ${day(1 + Math.floor(random() * 11), 1)}::date, null)`);
      else memberships.push(sql`(${tenantId}, ${id}, ${unit}, ${role}, '2024-01-01'::date, null)`);
      for (const course of courses) {
        if (random() < 0.6)
          completions.push(
            sql`(${tenantId}, ${id}, ${unit}, ${course}, ${day(1 + Math.floor(random() * 10), 1 + Math.floor(random() * 27))}::date, 'import', 'confirmed')`,
          );
      }
    }
    await database.system(async (tx) => {
      await tx.execute(sql`insert into users (id, tenant_id, email, display_name) values ${sql.join(people, sql`, `)}`);
      await tx.execute(sql`insert into memberships (tenant_id, user_id, unit_id, role, starts_on, ends_on) values ${sql.join(memberships, sql`, `)}`);
      if (completions.length > 0)
        await tx.execute(
          sql`insert into training_completions (tenant_id, user_id, unit_id, course_id, completed_on, source, status) values ${sql.join(completions, sql`, `)}`,
        );
    });
  }
  await database.system((tx) => tx.execute(sql`analyze`));
  return { units, courses };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

const { database, kind, cleanup } = await openDatabase();
try {
  log(
    `Competence benchmark — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'CPU'}, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, ${kind}`,
  );
  await migrate(database);
  const started = performance.now();
  const { units, courses } = await generate(database);
  const [counts] = await database
    .system((tx) =>
      tx.execute(
        sql`select (select count(*)::int from memberships where tenant_id = ${tenantId}) as memberships, (select count(*)::int from training_completions) as completions`,
      ),
    )
    .then((result) => (result as unknown as { rows: Array<{ memberships: number; completions: number }> }).rows);
  log(
    `  generated ${STAFF} staff (${counts?.memberships} memberships, ${counts?.completions} completions) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const access: AccessContext = { role: 'upptack_app', settings: { tenant_id: tenantId } };
  const agency = { tenantId, userId: null, scope: 'agency' as const, unitScopeIds: [], actingUnitId: null };
  const unit = { ...agency, scope: 'unit' as const, unitScopeIds: units.slice(0, 1) };
  const now = new Date('2026-11-22T10:00:00Z');
  const time = async (label: string, work: () => Promise<unknown>) => {
    const times: number[] = [];
    let size = 0;
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const result = await work();
      times.push(performance.now() - start);
      size = Array.isArray(result) ? result.length : ((result as { rows?: unknown[] }).rows?.length ?? 0);
    }
    log(`  ${label}: p50 ${percentile(times, 0.5).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (${size} rows)`);
  };
  await time('shares on one day, whole organisation (no trend)', () => database.transaction(access, (tx) => sharesReport(tx, agency, { months: 0 }, now)));
  await time('shares with a 12-month trend, whole organisation', () => database.transaction(access, (tx) => sharesReport(tx, agency, { months: 12 }, now)));
  await time('shares with a 12-month trend, one unit (a manager)', () => database.transaction(access, (tx) => sharesReport(tx, unit, { months: 12 }, now)));
  await time('follow-up measure: trained per unit and month, 12 months', () =>
    database.transaction(access, (tx) =>
      trainedStaffByUnitAndMonth(tx, { from: '2026-01', to: '2026-12', courseIds: courses.slice(0, 1), roles: ['caseworker'] }),
    ),
  );
} finally {
  await cleanup();
}
