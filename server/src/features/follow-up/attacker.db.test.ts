import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, PublishedCell } from '#shared/contracts/follow-up.ts';
import { testConfig } from '../../config.ts';
import { MAX_NOISE } from '../../platform/disclosure/cell-key.ts';
import { createMeasureRegistry, periodKey, type MeasureDimension } from '../../platform/measures/measure.ts';
import { createUnit, createUser, type TestUnit } from '../../test-support/builders.ts';
import { attack, type Interval, type Observation } from '../../test-support/disclosure-attacker.ts';
import { TEST_EPOCH } from '../../test-support/test-clock.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { createProcess, insertEncounter, type TestProcess } from '../screening/builders.ts';
import { monthsOf } from './figures.ts';
import { rollupMeasures } from './rollup-measures.ts';

/**
 * Issue 15 items 4 and 5: an attacker with ordinary accounts — every role that reads dashboards
 * (`dashboards.read`: the national coordinator, a knowledge editor and a county strategist with
 * aggregated reach, an agency coordinator, and a manager whose reach is one unit) — asks every dashboard question the API answers for a few indicators over a year —
 * every window that starts in January, ends in November or is one month, by month, quarter and
 * year, with and without a breakdown — then asks again after new data arrive, and tries to pin
 * any count of persons of 1 … threshold − 1 (test-support/disclosure-attacker.ts). Relations
 * between measures enter through the families: a measure is one family wherever it appears (the
 * numerator of one indicator, the denominator of another), and measures known to count the same
 * persons share one (`SAME_AS`). The hierarchy enters too: a county's answers are answers about
 * the sum of its units.
 */

/** The largest change the published figures may carry; the attacker knows it (the noise table is public). */
const NOISE_BOUND = MAX_NOISE;
const THRESHOLD = testConfig().suppressionThreshold;
// The scenario is one calendar year of data up to the test epoch's month.
const MONTHS = monthsOf('2026-01', '2026-11');
const INDICATORS = ['fk.clients_detected', 'screening.share_asked', 'screening.referrals'] as const;
const BREAKDOWNS = ['unit', 'county'] as const satisfies readonly MeasureDimension[];
type Breakdown = (typeof BREAKDOWNS)[number];

/** Per unit and month: encounters asked with nothing disclosed, with a disclosure, and not asked (yet). */
type Month = { asked: number; disclosed: number; open: number };
const month = (max: number) => fc.record({ asked: fc.nat(max), disclosed: fc.nat(3), open: fc.nat(2) });
/** Two busy units in Dalarna and a small one in Skåne, so both breakdowns have small cells. */
const dataset = fc.tuple(
  fc.array(month(12), { minLength: 11, maxLength: 11 }),
  fc.array(month(9), { minLength: 11, maxLength: 11 }),
  fc.array(month(3), { minLength: 11, maxLength: 11 }),
);
const PLACES = ['2080', '2081', '1280'];

type Family = { rows: string[]; observations: Observation[]; truth: Map<number, number> };

/**
 * Relations between measures the attacker knows from how the data arise: here every disclosure
 * has exactly one referral, so the referrals' answers are more answers about the disclosures.
 * (The test checks that the relation holds.)
 */
const SAME_AS: Record<string, string> = { 'screening.referrals': 'screening.disclosed' };

describe('disclosure control against an attacker who asks every question', () => {
  let app: TestApp;
  let units: TestUnit[];
  let process: TestProcess;
  /** `unitIds`: the account's reach when it is narrower than every unit (a manager's units). */
  let accounts: Array<{ name: string; client: ApiClient; unitIds: string[] | null }>;
  const measures = createMeasureRegistry(rollupMeasures());

  let caseworkers: string[];

  const insert = (u: number, occurredOn: string, counts: Month) =>
    app.database.system(async (tx) => {
      const common = { unit: units[u]!, createdBy: caseworkers[u]!, occurredOn, municipalityCode: PLACES[u]! };
      for (let i = 0; i < counts.asked; i++) await insertEncounter(tx, process, { ...common, state: 'asked' });
      for (let i = 0; i < counts.disclosed; i++)
        await insertEncounter(tx, process, { ...common, state: 'disclosed', referral: i % 2 ? 'signposting' : 'handover' });
      for (let i = 0; i < counts.open; i++) await insertEncounter(tx, process, { ...common, state: 'open' });
    });

  beforeAll(async () => {
    app = await createTestApp({ now: TEST_EPOCH });
    const region = await createUnit(app.database, { organisation: 'FK', level: 'region', name: 'Region Angripen' });
    units = await Promise.all(
      PLACES.map((municipalityCode, index) =>
        createUnit(app.database, { organisation: 'FK', name: `Enhet ${index + 1}`, parentId: region.id, municipalityCode }),
      ),
    );
    process = await createProcess(app.database, region.tenantId);
    caseworkers = await Promise.all(units.map(async (unit) => (await createUser(app.database, { unit })).id));
    const [plan] = fc.sample(dataset, { seed: 20_261_123, numRuns: 1 });
    for (const [u, months] of plan!.entries()) for (const [m, counts] of months.entries()) await insert(u, `${MONTHS[m]}-10`, counts);
    accounts = [
      {
        name: 'national coordinator',
        client: await signIn(app, await createUser(app.database, { organisation: 'JAMY', roles: ['national_coordinator'] })),
        unitIds: null,
      },
      {
        name: 'knowledge editor',
        client: await signIn(app, await createUser(app.database, { organisation: 'SOS', roles: ['knowledge_editor'] })),
        unitIds: null,
      },
      {
        name: 'county strategist',
        client: await signIn(app, await createUser(app.database, { organisation: 'LST-20', roles: ['county_strategist'] })),
        unitIds: null,
      },
      { name: 'agency coordinator', client: await signIn(app, await createUser(app.database, { unit: region, roles: ['agency_coordinator'] })), unitIds: null },
      // The small unit's manager: her reach is where the small counts are.
      { name: 'manager', client: await signIn(app, await createUser(app.database, { unit: units[2]!, roles: ['manager'] })), unitIds: [units[2]!.id] },
    ];
  }, 120_000);
  afterAll(() => app.close());

  /** The true counts per breakdown value and month, read past disclosure control. */
  async function truthOf(measureKey: string, by: Breakdown, unitIds: string[] | null = null): Promise<{ rows: string[]; truth: Map<string, number> }> {
    const measure = measures.get(measureKey)!;
    const read = await app.database.system((tx) =>
      measure.read(tx, { from: MONTHS[0]!, to: MONTHS.at(-1)!, tenantIds: null, unitIds, groupBy: [by, 'month'] }),
    );
    const truth = new Map<string, number>();
    for (const row of read) truth.set(`${row.keys[by]}\u0000${row.keys.month}`, (truth.get(`${row.keys[by]}\u0000${row.keys.month}`) ?? 0) + row.value);
    return { rows: [...new Set(read.map((row) => row.keys[by]!))].sort(), truth };
  }

  /** What the attacker reads from one published number. */
  function intervalOf(cell: PublishedCell): Interval {
    if (cell.value !== null) return cell.value === 0 ? { lo: 0, hi: 0 } : { lo: Math.max(THRESHOLD, cell.value - NOISE_BOUND), hi: cell.value + NOISE_BOUND };
    if (cell.suppressed === 'primary') return { lo: 1, hi: THRESHOLD - 1 };
    return { lo: THRESHOLD, hi: Infinity };
  }

  /** Every dashboard question of the plan: windows × breakdowns × periods. */
  function questions(windows: Array<[number, number]>): Array<{ by: Breakdown | null; from: number; to: number; period: 'month' | 'quarter' | 'year' }> {
    return [null, ...BREAKDOWNS].flatMap((by) =>
      windows.flatMap(([from, to]) =>
        (['month', 'quarter', 'year'] as const).filter((period) => period === 'month' || from === 0).map((period) => ({ by, from, to, period })),
      ),
    );
  }

  it('cannot pin any count of 1 … threshold − 1, from any combination of answers, before or after new data arrive', async () => {
    const families = new Map<string, Family>();
    const familyOf = async (account: string, measureKey: string, by: Breakdown): Promise<Family> => {
      const key = `${account}|${measureKey}|${by}`;
      let family = families.get(key);
      if (!family) {
        // The account's totals are over its reach: its family is the counts it reaches.
        const { rows, truth } = await truthOf(measureKey, by, accounts.find((entry) => entry.name === account)!.unitIds);
        const atoms = new Map<number, number>();
        for (const [r, row] of rows.entries())
          for (const [m, month] of MONTHS.entries()) atoms.set(r * MONTHS.length + m, truth.get(`${row}\u0000${month}`) ?? 0);
        families.set(key, (family = { rows, observations: [], truth: atoms }));
      }
      return family;
    };

    /** Adds one answer's numbers to the families; `known` is what the attacker added herself since the truth was taken. */
    const observe = async (
      account: string,
      board: Dashboard,
      from: number,
      to: number,
      known: (measureKey: string, by: Breakdown, row: string, month: number) => number,
    ) => {
      const window = Array.from({ length: to - from + 1 }, (_, k) => from + k);
      const monthsOfColumn = board.columns.map((column) => window.filter((m) => periodKey(MONTHS[m]!, board.period) === column.key));
      const sides = [
        ['numerator', board.indicator.numerator],
        ...(board.indicator.denominator ? [['denominator', board.indicator.denominator] as const] : []),
      ] as const;
      for (const [side, measureKey] of sides) {
        // Where the answer's rows go: its own breakdown, and by the hierarchy (a county is its units) into the units' family.
        const views: Array<{ by: Breakdown; rowsOf: (key: string) => string[] }> =
          board.by === 'unit'
            ? [{ by: 'unit', rowsOf: (key) => [key] }]
            : board.by === 'county'
              ? [
                  { by: 'county', rowsOf: (key) => [key] },
                  { by: 'unit', rowsOf: (key) => unitsIn(key) },
                ]
              : [];
        for (const by of board.by ? views.map((view) => view.by) : BREAKDOWNS) {
          const family = await familyOf(account, SAME_AS[measureKey] ?? measureKey, by);
          const all = family.rows.map((_, r) => r);
          const view = views.find((candidate) => candidate.by === by);
          const indexes = (keys: string[]) => keys.map((key) => family.rows.indexOf(key)).filter((r) => r >= 0);
          const rowsOf = (r: number) => (view ? indexes(view.rowsOf(board.rows[r]!.key)) : all);
          const add = (rows: number[], months: number[], cell: PublishedCell | null) => {
            if (!cell || months.length === 0 || rows.length === 0) return;
            const atoms = rows.flatMap((r) => months.map((m) => r * MONTHS.length + m));
            const shift = rows.reduce((total, r) => total + months.reduce((sum, m) => sum + known(measureKey, by, family.rows[r]!, m), 0), 0);
            const interval = intervalOf(cell);
            family.observations.push({ atoms, interval: { lo: Math.max(0, interval.lo - shift), hi: interval.hi - shift } });
          };
          const pick = (cell: Dashboard['total']) => (side === 'numerator' ? cell.numerator : cell.denominator);
          board.cells.forEach((row, r) => row.forEach((cell, c) => add(rowsOf(r), monthsOfColumn[c]!, pick(cell))));
          board.rowTotals.forEach((cell, r) => add(rowsOf(r), window, pick(cell)));
          board.columnTotals.forEach((cell, c) => add(all, monthsOfColumn[c]!, pick(cell)));
          add(all, window, pick(board.total));
          // A breakdown value missing from the answer had nothing in the window.
          if (view) {
            const present = new Set(board.rows.flatMap((row) => indexes(view.rowsOf(row.key))));
            for (const r of all.filter((r) => !present.has(r))) add([r], window, { value: 0, text: '0', suppressed: null });
          }
        }
      }
    };

    const ask = async (windows: Array<[number, number]>, indicators: readonly string[], known: Parameters<typeof observe>[4]) => {
      for (const { name, client } of accounts) {
        for (const indicator of indicators) {
          for (const question of questions(windows)) {
            const url = `/api/v1/dashboards/indicator?indicator=${indicator}&from=${MONTHS[question.from]}&to=${MONTHS[question.to]}&period=${question.period}${question.by ? `&by=${question.by}` : ''}`;
            const response = await client.get(url);
            expect(response.status, url).toBe(200);
            await observe(name, response.json<Dashboard>(), question.from, question.to, known);
          }
        }
      }
    };

    const nonZero = async (measureKey: string, by: Breakdown) => [...(await truthOf(measureKey, by)).truth].filter(([, value]) => value !== 0).sort();
    for (const [measureKey, same] of Object.entries(SAME_AS))
      for (const by of BREAKDOWNS) expect(await nonZero(measureKey, by)).toEqual(await nonZero(same, by));
    const unitsIn = (county: string) => units.filter((_, u) => PLACES[u]!.slice(0, 2) === county).map((unit) => unit.id);

    const last = MONTHS.length - 1;
    const windows = new Map<string, [number, number]>();
    for (let k = 0; k <= last; k++)
      for (const window of [
        [0, k],
        [k, last],
        [k, k],
      ] as Array<[number, number]>)
        windows.set(window.join('-'), window);
    await ask([...windows.values()], INDICATORS, () => 0);

    // New data arrive: the attacker records two encounters herself in the small unit's November
    // and asks the windows that contain it again, subtracting what she added.
    const added = { asked: 2, disclosed: 0, open: 0 };
    await insert(2, `${MONTHS[last]}-12`, added);
    const countyOf = PLACES[2]!.slice(0, 2);
    const key = { unit: units[2]!.id, county: countyOf };
    await ask(
      Array.from({ length: MONTHS.length }, (_, k): [number, number] => [k, last]),
      ['screening.share_asked'],
      (measureKey, by, row, m) =>
        m === last && row === key[by] && (measureKey === 'screening.asked' || measureKey === 'screening.eligible') ? added.asked : 0,
    );

    const recovered: string[] = [];
    for (const [name, family] of families) {
      // Targets: every single count and every published set whose true value is small.
      const sets = new Map<string, number[]>();
      for (const atom of family.truth.keys()) sets.set(String(atom), [atom]);
      for (const observation of family.observations) sets.set([...observation.atoms].sort((a, b) => a - b).join(','), [...observation.atoms]);
      const valueOf = (atoms: readonly number[]) => atoms.reduce((total, atom) => total + family.truth.get(atom)!, 0);
      const targets = [...sets.values()].filter((atoms) => valueOf(atoms) >= 1 && valueOf(atoms) < THRESHOLD);
      for (const [index, derived] of attack(family.truth.size, family.observations, targets).entries()) {
        const truth = valueOf(targets[index]!);
        // The published figures and the stated bound must hold the truth, or the attacker is misled, not beaten.
        expect(derived.interval.lo, name).toBeLessThanOrEqual(truth);
        expect(derived.interval.hi, name).toBeGreaterThanOrEqual(truth);
        if (derived.interval.lo === derived.interval.hi) recovered.push(`${name} [${targets[index]!.join(',')}] = ${truth} (${derived.by})`);
      }
    }
    expect(recovered, `${recovered.length} hidden counts of 1–${THRESHOLD - 1} recovered`).toEqual([]);
  }, 600_000);
});
