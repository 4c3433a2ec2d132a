/**
 * Follow-up benchmark (issue 7): `node_modules/.bin/tsx bench/follow-up.ts [--encounters N] [--runs N]`.
 * Generates encounters in SQL (generate_series, in statements of 100 000) over the whole country:
 * three agencies with one unit in each of the 290 municipalities of the reference data (870
 * units), 4 processes per agency and 60 months; nine clients in ten live in their unit's
 * municipality, the rest anywhere in the country — with the rollup triggers on, as production
 * writes them — then measures:
 *   1. the dashboards (share asked, twelve months, disclosure control included): the main one
 *      (per unit and month, one agency: 290 units) against the same figures computed from the
 *      raw encounter table, and the national ones a national coordinator asks (by county, by
 *      municipality, no breakdown: every organisation);
 *   2. encounter write throughput with and without rollup maintenance (bulk statements, and one
 *      encounter per statement as the service writes them).
 * Embedded database by default (1 000 000 encounters); with DATABASE_URL a fresh database on that
 * PostgreSQL server (use --encounters 5000000 there). `--dashboards-only` skips the write figures; `--keys both` reads the dashboards also with the cell keys hashed while reading (before ADR 0057). Never part of `npm test`; figures in docs/benchmarks.md.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { parseFlags } from '../server/src/admin/command.ts';
import { queryRows, type Database } from '../server/src/platform/db/database.ts';
import { MAX_NOISE } from '../server/src/platform/disclosure/cell-key.ts';
import { DEFAULT_DISCLOSURE } from '../server/src/platform/disclosure/disclosure-control.ts';
import { createMeasureRegistry } from '../server/src/platform/measures/measure.ts';
import { dashboard } from '../server/src/features/follow-up/dashboard-service.ts';
import { rollupMeasures } from '../server/src/features/follow-up/rollup-measures.ts';
import { organisationId } from '../server/src/platform/organisations/organisation-id.ts';
import { DEFAULT_QUESTION_SET_VERSION_ID } from '../server/src/features/screening/demo-data.ts';
import { insertProcess } from '../server/src/features/screening/builders.ts';
import { migrate } from '../server/src/platform/db/migrator.ts';
import { createPostgresDatabase, openBenchDatabase } from './screening-fixture.ts';

const { flags } = parseFlags(process.argv.slice(2));
const ENCOUNTERS = typeof flags.encounters === 'string' ? Number(flags.encounters) : 1_000_000;
const RUNS = typeof flags.runs === 'string' ? Number(flags.runs) : 30;
/** `--keys both`: the dashboards with stored cell keys and with keys hashed while reading (before ADR 0057). */
const KEY_MODES: Array<'stored' | 'hashed'> = flags.keys === 'both' ? ['hashed', 'stored'] : flags.keys === 'hashed' ? ['hashed'] : ['stored'];
const log = (line: string) => process.stdout.write(`${line}\n`);
const AGENCIES = ['FK', 'AF', 'MV'];
const MONTHS = 60;
const BATCH = 100_000;

function p95(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length * 0.5)]!, p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]! };
}
const ms = (value: number) => `${value.toFixed(1)} ms`;
const rate = (rows: number, millis: number) => Math.round(rows / (millis / 1000)).toLocaleString('sv-SE');

type World = {
  units: Array<{ id: string; tenantId: string; municipalityCode: string; countyCode: string }>;
  processes: Array<{ processId: string; routineVersionId: string; tenantId: string }>;
  municipalities: Array<{ code: string; countyCode: string }>;
};

/** Every agency has a unit in each of the reference data's municipalities (all 290). */
async function prepare(database: Database): Promise<World> {
  await migrate(database);
  return database.system(async (tx) => {
    const municipalities = (await queryRows<{ code: string; county_code: string }>(tx, sql`select code, county_code from municipalities order by code`)).map(
      (row) => ({ code: row.code, countyCode: row.county_code }),
    );
    const units: World['units'] = [];
    const processes: World['processes'] = [];
    for (const agency of AGENCIES) {
      const tenantId = organisationId(agency);
      const rows = await queryRows<{ id: string; municipality_code: string; county_code: string }>(
        tx,
        sql`insert into units (tenant_id, level, name, municipality_code, county_code)
            select ${tenantId}, 'unit', 'Bench ' || ${agency} || ' ' || code, code, county_code from municipalities order by code
            returning id, municipality_code, county_code`,
      );
      units.push(...rows.map((row) => ({ id: row.id, tenantId, municipalityCode: row.municipality_code, countyCode: row.county_code })));
      for (let index = 0; index < 4; index++) processes.push({ ...(await insertProcess(tx, tenantId, { code: `bench_${index}` })), tenantId });
    }
    return { units, processes, municipalities };
  });
}

/** One statement inserting `count` encounters from generate_series, spread over units, processes and months. */
function generate(world: World, offset: number, count: number) {
  const units = world.units.map((unit) => `${unit.id}|${unit.tenantId}|${unit.municipalityCode}|${unit.countyCode}`);
  const places = world.municipalities.map((place) => `${place.code}|${place.countyCode}`);
  const processes = world.processes.map((process) => `${process.processId}|${process.routineVersionId}|${process.tenantId}`);
  return sql`
    with u as (select row_number() over () - 1 as i, split_part(x, '|', 1)::uuid as unit_id, split_part(x, '|', 2)::uuid as tenant_id,
                      split_part(x, '|', 3) as municipality_code, split_part(x, '|', 4) as county_code from unnest(${`{${units.join(',')}}`}::text[]) x),
         pl as (select row_number() over () - 1 as k, split_part(x, '|', 1) as municipality_code, split_part(x, '|', 2) as county_code from unnest(${`{${places.join(',')}}`}::text[]) x),
         p as (select split_part(x, '|', 1)::uuid as process_id, split_part(x, '|', 2)::uuid as routine_version_id, split_part(x, '|', 3)::uuid as tenant_id,
                      row_number() over (partition by split_part(x, '|', 3) order by x) - 1 as j from unnest(${`{${processes.join(',')}}`}::text[]) x),
         g as (select n, (n % ${world.units.length}) as ui, ((n / 7) % 4) as pj, ((n / 13) % ${MONTHS}) as m, (n % 10) as r,
                      ((n / 3) % 4) as sx, ((n / 11) % 5) as ab, case when (n / 17) % 10 = 0 then (n / 170) % ${world.municipalities.length} end as elsewhere
                 from generate_series(${offset}::bigint, ${offset + count - 1}::bigint) n)
    insert into screening_encounters (tenant_id, unit_id, created_by, process_id, routine_version_id, question_set_version_id, occurred_on, occurred_month, channel, basis,
      interpreter, eligible, client_sex, client_age_band, client_municipality_code, client_county_code, status, asking, not_asked_reason, outcome,
      children_in_household, child_at_risk, acute_danger, completed_at, anonymised_at, created_at)
    select u.tenant_id, u.unit_id, null, p.process_id, p.routine_version_id,
           case when g.r < 7 then ${DEFAULT_QUESTION_SET_VERSION_ID}::uuid end,
           null, (date '2022-01-01' + (g.m || ' months')::interval)::date, 'phone', 'routine', 'none', true,
           (array['female', 'male', 'other', 'not_stated'])[1 + g.sx], (array['18_24', '25_34', '35_44', '45_54', '55_64'])[1 + g.ab],
           coalesce(pl.municipality_code, u.municipality_code), coalesce(pl.county_code, u.county_code), 'completed',
           case when g.r < 7 then 'asked' else 'not_asked' end,
           case when g.r >= 7 then (array['not_alone', 'channel_unsafe', 'no_time'])[1 + g.n % 3] end,
           case when g.r < 7 then (case when g.r = 0 then 'disclosed' else 'nothing_disclosed' end) end,
           case when g.r < 7 then 'no' end, case when g.r < 7 then false end, case when g.r < 7 then false end,
           (date '2022-01-01' + (g.m || ' months')::interval)::timestamptz, now(), now()
      from g join u on u.i = g.ui join p on p.tenant_id = u.tenant_id and p.j = g.pj left join pl on pl.k = g.elsewhere`;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const TRIGGERS = ['follow_up_encounters_inserted', 'follow_up_encounters_updated'];
const triggers = (database: Database, on: boolean) =>
  database.system(async (tx) => {
    for (const name of TRIGGERS) await tx.execute(sql.raw(`alter table screening_encounters ${on ? 'enable' : 'disable'} trigger ${name}`));
  });

async function main() {
  const url = process.env.DATABASE_URL;
  const server = url ? await createPostgresDatabase(url) : undefined;
  const { database, kind, cleanup } = await openBenchDatabase(server?.url);
  try {
    log(
      `Follow-up benchmark — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'CPU'}, ${os.cpus().length} cores, ${kind}, ${ENCOUNTERS.toLocaleString('sv-SE')} encounters`,
    );
    const world = await prepare(database);
    let written = 0;
    const generation = await timed(async () => {
      while (written < ENCOUNTERS) {
        const count = Math.min(BATCH, ENCOUNTERS - written);
        await database.system((tx) => tx.execute(generate(world, written, count)));
        written += count;
      }
    });
    log(`  generated with rollups maintained: ${ms(generation)} (${rate(ENCOUNTERS, generation)} encounters/s)`);
    await database.system((tx) => tx.execute(sql`analyze`));
    const [rollupRows] = await database.system((tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from follow_up_encounter_rollup`));
    log(`  rollup rows: ${rollupRows!.n.toLocaleString('sv-SE')}`);

    // 1. The main dashboard against the raw table, the same figures. `--keys both` also reads
    // every dashboard with the keys hashed while reading (the code before ADR 0057), on the same data.
    const FK = organisationId('FK');
    for (const mode of KEY_MODES) {
      log(`  cell keys ${mode === 'stored' ? 'stored by the rollup triggers (ADR 0057)' : 'hashed per rollup row while reading (before ADR 0057)'}:`);
      const deps = {
        measures: createMeasureRegistry(rollupMeasures(mode)),
        settings: DEFAULT_DISCLOSURE,
        locale: 'sv' as const,
        now: new Date('2026-12-15T12:00:00Z'),
      };
      const query = { indicator: 'screening.share_asked', by: 'unit' as const, period: 'month' as const, from: '2025-01', to: '2025-12' };
      const reach = { kind: 'agency' as const, tenantIds: [FK], unitIds: null };
      const board = await database.system((tx) => dashboard(tx, deps, query, reach));
      const rollupTimes: number[] = [];
      for (let run = 0; run < RUNS; run++) rollupTimes.push(await timed(() => database.system((tx) => dashboard(tx, deps, query, reach))));
      const measures = rollupMeasures(mode);
      const eligible = measures.find((measure) => measure.key === 'screening.eligible')!;
      const asked = measures.find((measure) => measure.key === 'screening.asked')!;
      const measureQuery = { from: query.from, to: query.to, tenantIds: [FK], unitIds: null, groupBy: ['unit', 'month'] as const };
      const queryTimes: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        queryTimes.push(await timed(() => database.system(async (tx) => [await eligible.read(tx, measureQuery), await asked.read(tx, measureQuery)])));
      }
      const rawQuery = sql`select unit_id, to_char(occurred_month, 'YYYY-MM') as month, count(*) filter (where eligible)::int as eligible, count(*) filter (where asking = 'asked')::int as asked
      from screening_encounters where tenant_id = ${FK} and occurred_month between '2025-01-01' and '2025-12-01' group by 1, 2`;
      const raw = await database.system((tx) => queryRows<{ eligible: number; asked: number }>(tx, rawQuery));
      const rawTimes: number[] = [];
      for (let run = 0; run < Math.max(3, Math.floor(RUNS / 6)); run++) rawTimes.push(await timed(() => database.system((tx) => queryRows(tx, rawQuery))));
      // The dashboard publishes counts of persons with cell-key noise (ADR 0053): the same within its bound.
      const near = (truth: number, shown: number | null | undefined) => shown !== null && shown !== undefined && Math.abs(truth - shown) <= MAX_NOISE;
      const same =
        near(
          raw.reduce((sum, row) => sum + Number(row.eligible), 0),
          board.total.denominator?.value,
        ) &&
        near(
          raw.reduce((sum, row) => sum + Number(row.asked), 0),
          board.total.numerator.value,
        );
      const fast = p95(rollupTimes);
      const slow = p95(rawTimes);
      const reads = p95(queryTimes);
      log(`  dashboard from rollups (incl. labels, targets and disclosure control), ${RUNS} runs: p50 ${ms(fast.p50)}, p95 ${ms(fast.p95)}`);
      log(`  its two rollup queries alone, ${RUNS} runs: p50 ${ms(reads.p50)}, p95 ${ms(reads.p95)}`);
      log(
        `  the same figures from raw encounters, ${rawTimes.length} runs: p50 ${ms(slow.p50)}, p95 ${ms(slow.p95)}; same totals (within the noise bound): ${same}`,
      );
      log(`  raw ÷ rollup queries: ${(slow.p95 / reads.p95).toFixed(1)}× (p95); raw ÷ whole dashboard: ${(slow.p95 / fast.p95).toFixed(1)}×`);

      // The national questions: every organisation (a national coordinator's aggregated reach).
      const national = { kind: 'aggregated' as const, tenantIds: null, unitIds: null };
      for (const by of [null, 'county', 'municipality'] as const) {
        const nationalQuery = { indicator: 'screening.share_asked', ...(by ? { by } : {}), period: 'month' as const, from: '2025-01', to: '2025-12' };
        const nationalBoard = await database.system((tx) => dashboard(tx, deps, nationalQuery, national));
        const times: number[] = [];
        for (let run = 0; run < RUNS; run++) times.push(await timed(() => database.system((tx) => dashboard(tx, deps, nationalQuery, national))));
        const figures = p95(times);
        log(
          `  national dashboard ${by ? `by ${by}` : 'without breakdown'} (${nationalBoard.rows.length} rows × 12 months), ${RUNS} runs: p50 ${ms(figures.p50)}, p95 ${ms(figures.p95)}`,
        );
      }
    }
    if (KEY_MODES.length === 2) {
      // The two ways in alternating runs, so a changing load on a shared machine weighs on both alike.
      log('  hashed vs stored keys, alternating runs (same published dashboard both ways?):');
      const registries = { hashed: createMeasureRegistry(rollupMeasures('hashed')), stored: createMeasureRegistry(rollupMeasures('stored')) };
      const questions = [
        {
          name: 'one agency by unit',
          query: { indicator: 'screening.share_asked', by: 'unit' as const, period: 'month' as const, from: '2025-01', to: '2025-12' },
          reach: { kind: 'agency' as const, tenantIds: [FK], unitIds: null },
        },
        ...([null, 'county', 'municipality'] as const).map((by) => ({
          name: `national ${by ? `by ${by}` : 'without breakdown'}`,
          query: { indicator: 'screening.share_asked', ...(by ? { by } : {}), period: 'month' as const, from: '2025-01', to: '2025-12' },
          reach: { kind: 'aggregated' as const, tenantIds: null, unitIds: null },
        })),
      ];
      for (const question of questions) {
        const ask = (mode: 'hashed' | 'stored') =>
          database.system((tx) =>
            dashboard(
              tx,
              { measures: registries[mode], settings: DEFAULT_DISCLOSURE, locale: 'sv' as const, now: new Date('2026-12-15T12:00:00Z') },
              question.query,
              question.reach,
            ),
          );
        const identical = JSON.stringify(await ask('hashed')) === JSON.stringify(await ask('stored'));
        const times = { hashed: [] as number[], stored: [] as number[] };
        for (let run = 0; run < RUNS; run++) for (const mode of ['hashed', 'stored'] as const) times[mode].push(await timed(() => ask(mode)));
        const [before, after] = [p95(times.hashed), p95(times.stored)];
        log(
          `    ${question.name}: hashed p50 ${ms(before.p50)} p95 ${ms(before.p95)}; stored p50 ${ms(after.p50)} p95 ${ms(after.p95)}; identical: ${identical}`,
        );
      }
    }
    if (flags['dashboards-only']) return;

    // 2. Write throughput with and without rollup maintenance.
    const sample = Math.min(100_000, Math.max(10_000, Math.floor(ENCOUNTERS / 10)));
    const bulk = async (on: boolean) => {
      await triggers(database, on);
      const time = await timed(() => database.system((tx) => tx.execute(generate(world, written + crypto.randomInt(1000), sample))));
      await triggers(database, true);
      return time;
    };
    const bulkOff = await bulk(false);
    const bulkOn = await bulk(true);
    log(
      `  bulk (${sample.toLocaleString('sv-SE')} per statement): without rollups ${rate(sample, bulkOff)}/s, with ${rate(sample, bulkOn)}/s (${(((bulkOn - bulkOff) / bulkOff) * 100).toFixed(0)} % slower)`,
    );
    const single = async (on: boolean, count: number) => {
      await triggers(database, on);
      const time = await timed(() =>
        database.system(async (tx) => {
          for (let index = 0; index < count; index++) await tx.execute(generate(world, written + index * 17, 1));
        }),
      );
      await triggers(database, true);
      return time;
    };
    const ROWS = 2000;
    await single(true, 200);
    const singleOff = await single(false, ROWS);
    const singleOn = await single(true, ROWS);
    log(
      `  one encounter per statement (${ROWS}): without rollups ${rate(ROWS, singleOff)}/s, with ${rate(ROWS, singleOn)}/s (${(((singleOn - singleOff) / singleOff) * 100).toFixed(0)} % slower)`,
    );
  } finally {
    await cleanup();
    await server?.drop();
  }
}

await main();
