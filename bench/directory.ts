/**
 * Directory benchmark (issue 4; not part of `npm test`): 20 000 generated services across all 290
 * municipalities, then the public search (`searchDirectory` in a transaction as `upptack_public`,
 * exactly what the API route runs) and the handout PDF. Targets: search p95 ≤ 20 ms, handout ≤ 300 ms.
 *
 *   node_modules/.bin/tsx bench/directory.ts [--services 20000] [--searches 1000] [--handouts 60]
 *
 * With DATABASE_URL set it runs on a throwaway database on that PostgreSQL server, else on the
 * embedded database (in memory). Figures go to docs/benchmarks.md by hand.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { AUDIENCES, CSV_COLUMNS, KINDS, LANGUAGES, type PublicLanguage } from '../shared/contracts/directory.ts';
import { parseFlags } from '../server/src/admin/command.ts';
import { ANONYMOUS, queryRows, type Database, type Tx } from '../server/src/platform/db/database.ts';
import { openEmbeddedDatabase } from '../server/src/platform/db/embedded.ts';
import { openPostgresDatabase } from '../server/src/platform/db/postgres.ts';
import { migrate } from '../server/src/platform/db/migrator.ts';
import { organisationId } from '../server/src/platform/organisations/organisation-id.ts';
import { searchDirectory } from '../server/src/features/directory/directory-service.ts';
import { searchServices } from '../server/src/features/directory/directory-repository.ts';
import { renderHandout } from '../server/src/features/directory/handout.ts';
import { importStageJob } from '../server/src/features/directory/directory-import.ts';

const { flags } = parseFlags(process.argv.slice(2));
const count = (name: string, fallback: number) => (typeof flags[name] === 'string' ? Number(flags[name]) : fallback);
const SERVICES = count('services', 20_000);
const SEARCHES = count('searches', 1_000);
const HANDOUTS = count('handouts', 60);
const log = (line: string) => process.stdout.write(`${line}\n`);

// A seeded generator: every run benchmarks the same data.
let seed = 20_801;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
const some = <T>(values: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(values)))];
const WORDS = ['stöd', 'samtal', 'jour', 'mottagning', 'rådgivning', 'familj', 'kvinnojour', 'behandling', 'socialtjänst', 'hälsa'];

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

async function generate(database: Database, municipalities: Array<{ code: string; county_code: string }>): Promise<number> {
  const started = performance.now();
  const owner = organisationId('JAMY');
  const organizationId = crypto.randomUUID();
  await database.system((tx) => tx.execute(sql`insert into directory_organizations (id, owner_id, name) values (${organizationId}, ${owner}, 'Benchmark')`));
  const batch = 500;
  for (let start = 0; start < SERVICES; start += batch) {
    const services: ReturnType<typeof sql>[] = [];
    const phones: ReturnType<typeof sql>[] = [];
    const schedules: ReturnType<typeof sql>[] = [];
    for (let index = start; index < Math.min(start + batch, SERVICES); index++) {
      const id = crypto.randomUUID();
      const municipality = pick(municipalities);
      // 96.9 % local, 3 % county-wide, 0.1 % national (beside the 21 seeded national lines).
      const scope = random();
      const national = scope > 0.999;
      const counties = !national && scope > 0.96 ? `{${municipality.county_code}}` : '{}';
      const local = !national && scope <= 0.96 ? `{${municipality.code}}` : '{}';
      const audiences = `{${some(AUDIENCES, 3).join(',')}}`;
      const kinds = `{${some(KINDS, 2).join(',')}}`;
      const languages = `{${['sv', ...some(LANGUAGES, 2)].join(',')}}`;
      const verified = random() > 0.05;
      services.push(sql`(${id}, ${organizationId}, ${owner}, ${`${pick(WORDS)} ${index}`}, ${`${pick(WORDS)} och ${pick(WORDS)} för ${pick(WORDS)}`},
        ${audiences}::text[], ${kinds}::text[], ${languages}::text[], ${random() > 0.7}, ${national}, ${counties}::text[], ${local}::text[],
        ${verified ? 'verified' : 'unverified'}, ${verified ? '2026-06-01' : null}::date, ${verified ? '2026-06-01' : null}::date)`);
      phones.push(sql`(${id}, 0, ${`0${20 + (index % 70)}-${String(100_000 + index).slice(-6)}`}, ${random() > 0.9})`);
      if (random() > 0.5) for (const day of ['MO', 'TU', 'WE', 'TH', 'FR']) schedules.push(sql`(${id}, 0, ${day}, '08:00', '16:30')`);
    }
    await database.system(async (tx) => {
      await tx.execute(sql`insert into directory_services (id, organization_id, owner_id, name, description, audiences, kinds, languages, interpreter,
        national, county_codes, municipality_codes, verification_status, verified_on, hours_verified_on) values ${sql.join(services, sql`, `)}`);
      await tx.execute(sql`insert into directory_phones (service_id, position, number, staff_only) values ${sql.join(phones, sql`, `)}`);
      if (schedules.length > 0)
        await tx.execute(sql`insert into directory_schedules (service_id, position, byday, opens, closes) values ${sql.join(schedules, sql`, `)}`);
    });
  }
  await database.system((tx) => tx.execute(sql`analyze`));
  return performance.now() - started;
}

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] ?? 0 };
}
const ms = (value: number) => `${value.toFixed(1)} ms`;

const { database, kind, cleanup } = await openDatabase();
try {
  log(
    `Directory benchmark — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'CPU'}, ${os.cpus().length} cores, Node.js ${process.version}, ${kind}`,
  );
  await migrate(database);
  const municipalities = await database.system((tx) => queryRows<{ code: string; county_code: string }>(tx, sql`select code, county_code from municipalities`));
  const generated = await generate(database, municipalities);
  const total = await database.system((tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from directory_services`));
  log(`Generated ${total[0]?.n} services (incl. the national lines) across ${municipalities.length} municipalities in ${(generated / 1000).toFixed(1)} s`);

  const now = new Date('2026-11-23T09:00:00Z');
  const searchOnce = async () => {
    const municipality = pick(municipalities).code;
    const roll = random();
    const started = performance.now();
    const result = await database.transaction(ANONYMOUS, (tx) =>
      searchDirectory(
        tx,
        {
          municipality,
          audiences: roll < 0.5 ? [pick(AUDIENCES.filter((a) => a !== 'professionals'))] : [],
          languages: roll > 0.6 ? [pick(LANGUAGES)] : [],
          text: roll > 0.8 ? pick(WORDS) : undefined,
        },
        { now, language: 'sv', audience: 'public' },
      ),
    );
    return { ms: performance.now() - started, results: result.services.length };
  };
  for (let warm = 0; warm < 50; warm++) await searchOnce();
  const searches: number[] = [];
  let results = 0;
  for (let run = 0; run < SEARCHES; run++) {
    const outcome = await searchOnce();
    searches.push(outcome.ms);
    results += outcome.results;
  }
  const search = percentiles(searches);
  // The database part alone: the same kind of query without the mapping to reasons and hours.
  const queries: number[] = [];
  for (let run = 0; run < SEARCHES; run++) {
    const municipality = pick(municipalities);
    const started = performance.now();
    await database.transaction(ANONYMOUS, (tx) =>
      searchServices(tx, {
        municipality: municipality.code,
        county: municipality.county_code,
        municipalities: [municipality.code],
        audiences: [],
        kinds: [],
        languages: [],
        words: [],
        includeUnverified: false,
        limit: 500,
      }),
    );
    queries.push(performance.now() - started);
  }
  const query = percentiles(queries);
  log(`Search query alone (${SEARCHES} runs): p50 ${ms(query.p50)}, p95 ${ms(query.p95)}, p99 ${ms(query.p99)}`);
  log(
    `Search (${SEARCHES} runs, mean ${Math.round(results / SEARCHES)} results): p50 ${ms(search.p50)}, p95 ${ms(search.p95)}, p99 ${ms(search.p99)}, max ${ms(search.max)}`,
  );

  for (const language of ['sv', 'ar'] as PublicLanguage[]) {
    await database.transaction(ANONYMOUS, (tx) => renderHandout(tx, { municipality: '2080', language, now, demoMode: true }));
    const times: number[] = [];
    for (let run = 0; run < HANDOUTS; run++) {
      const municipality = pick(municipalities).code;
      const started = performance.now();
      await database.transaction(ANONYMOUS, (tx) => renderHandout(tx, { municipality, language, now, demoMode: true }));
      times.push(performance.now() - started);
    }
    const handout = percentiles(times);
    log(`Handout PDF, ${language} (${HANDOUTS} runs): p50 ${ms(handout.p50)}, p95 ${ms(handout.p95)}, max ${ms(handout.max)}`);
  }

  // A large import must not block other requests for long: stage 5 000 rows while searching.
  const IMPORT_ROWS = count('import-rows', 5_000);
  const tenant = organisationId('LST-20');
  const importId = crypto.randomUUID();
  await database.system((tx) =>
    tx.execute(sql`insert into directory_imports (id, tenant_id, created_by, format) values (${importId}, ${tenant}, ${crypto.randomUUID()}, 'csv')`),
  );
  const csv = [
    CSV_COLUMNS.join(','),
    ...Array.from({ length: IMPORT_ROWS }, (_, index) =>
      CSV_COLUMNS.map(
        (column) =>
          (
            ({
              organization_name: 'Import',
              name: `Importerad ${index}`,
              audiences: 'women_exposed',
              kinds: 'counselling',
              municipalities: '2080',
              phones: '023-000 09 00',
            }) as Record<string, string>
          )[column] ?? '',
      ).join(','),
    ),
  ].join('\n');
  let staging = true;
  const during: number[] = [];
  const searching = (async () => {
    while (staging) during.push((await searchOnce()).ms);
  })();
  const stageStarted = performance.now();
  await importStageJob(database)(
    {
      id: crypto.randomUUID(),
      kind: 'directory.import.stage',
      tenantId: tenant,
      createdBy: null,
      payload: { importId, format: 'csv', content: csv },
    } as unknown as Parameters<ReturnType<typeof importStageJob>>[0],
    (() => {
      // Called without the runner (no job row, no lease): the effect's transactions are not fenced.
      const access = { role: 'upptack_app' as const, settings: { tenant_id: tenant, user_id: crypto.randomUUID() } };
      return {
        database,
        clock: { now: () => now },
        access,
        reportProgress: async () => {},
        signal: new AbortController().signal,
        fence: async () => {},
        transaction: <T>(work: (tx: Tx) => Promise<T>) => database.transaction(access, work),
        sendMailOnce: async () => {
          throw new Error('the import sends no mail');
        },
      };
    })(),
  );
  const stagedMs = performance.now() - stageStarted;
  staging = false;
  await searching;
  const blocked = percentiles(during);
  log(
    `Import staging of ${IMPORT_ROWS} CSV rows: ${(stagedMs / 1000).toFixed(1)} s; ${during.length} searches meanwhile: p50 ${ms(blocked.p50)}, p95 ${ms(blocked.p95)}, max ${ms(blocked.max)}`,
  );
} finally {
  await cleanup();
}
