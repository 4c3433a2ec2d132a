import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipationReport } from '#shared/contracts/competence.ts';
import { testConfig } from '../../config.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser } from '../../test-support/builders.ts';
import { attack, type Interval, type Observation } from '../../test-support/disclosure-attacker.ts';
import { TEST_EPOCH } from '../../test-support/test-clock.ts';
import { anonymous, createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { createTestEvent } from './competence-builders.ts';
import * as eventRepository from './event-repository.ts';

/**
 * Issue 15 item 5: competence's publishers of counts of persons under the same attacker as
 * follow-up's dashboards (test-support/disclosure-attacker.ts). Participation in events is
 * published per municipality and per organisation and year, for any span of years: the attacker
 * receives the published view of every span and subtracts them (a span's row total minus a shorter
 * span's, totals minus the shown cells). The organiser's internal view and the evaluation results
 * stay with the organiser, and every read of them is audited (ADR 0056).
 *
 * The attacker reads how exact the figures are from the answer (`disclosure.noise`, the largest
 * change a shown count may carry; absent = exact figures, as suppression publishes them).
 */

const THRESHOLD = testConfig().suppressionThreshold;
const YEARS = [2023, 2024, 2025, 2026];
const PLACES = [
  { code: '2080', organisation: 'Falu kommun' },
  { code: '2081', organisation: 'Borlänge kommun' },
  { code: '2062', organisation: 'Mora kommun' },
  { code: '2021', organisation: 'Vansbro kommun' },
];
const LST = organisationId('LST-20');
/** Attended participants per place, year and event (two events a year): small and larger counts. */
const dataset = fc.array(fc.array(fc.tuple(fc.nat(5), fc.nat(4)), { minLength: YEARS.length, maxLength: YEARS.length }), {
  minLength: PLACES.length,
  maxLength: PLACES.length,
});

type Cell = ParticipationReport['municipalities'][number]['total'];

describe('disclosure control of competence publishers against an attacker who asks every question', () => {
  let app: TestApp;
  let organiser: ApiClient;
  /** The true count per place and year. */
  const truth = new Map<number, number>();
  const atom = (place: number, year: number) => place * YEARS.length + year;

  beforeAll(async () => {
    app = await createTestApp({ now: TEST_EPOCH });
    organiser = await signIn(
      app,
      await createUser(app.database, {
        roles: ['county_strategist'],
        unit: await createUnit(app.database, { organisation: 'LST-20', municipalityCode: '2080' }),
      }),
    );
    const [plan] = fc.sample(dataset, { seed: 20_261_205, numRuns: 1 });
    for (const [y, year] of YEARS.entries()) {
      const events = [
        await createTestEvent(app.database, { tenantId: LST, startsAt: `${year}-03-10T08:00:00.000Z` }),
        await createTestEvent(app.database, { tenantId: LST, startsAt: `${year}-10-10T08:00:00.000Z` }),
      ];
      for (const [p, place] of PLACES.entries()) {
        const counts = plan![p]![y]!;
        truth.set(atom(p, y), counts[0] + counts[1]);
        await app.database.system(async (tx) => {
          for (const [e, event] of events.entries()) {
            await eventRepository.insertRegistrations(
              tx,
              Array.from({ length: counts[e]! }, () => {
                const id = crypto.randomUUID();
                return {
                  id,
                  eventId: event.id,
                  tenantId: LST,
                  name: 'Deltagare',
                  email: `d-${id.slice(0, 8)}@example.se`,
                  organisationName: place.organisation,
                  organisationKind: 'municipality' as const,
                  municipalityCode: place.code,
                  attended: true,
                };
              }),
            );
          }
        });
      }
    }
  }, 120_000);
  afterAll(() => app.close());

  function intervalOf(cell: Cell, noise: number): Interval {
    if (cell.value !== null)
      return cell.value === 0
        ? { lo: 0, hi: 0 }
        : noise === 0
          ? { lo: cell.value, hi: cell.value }
          : { lo: Math.max(THRESHOLD, cell.value - noise), hi: cell.value + noise };
    if (cell.text.startsWith('<')) return { lo: 1, hi: THRESHOLD - 1 };
    return { lo: 1, hi: Infinity };
  }

  it('participation: no count of 1 … threshold − 1 is pinned from the published views of every span of years', async () => {
    const families = { municipalities: [] as Observation[], organisations: [] as Observation[] };
    const spans = YEARS.flatMap((from, f) => YEARS.slice(f).map((to) => [from, to] as const));
    for (const [from, to] of spans) {
      const response = await organiser.get(`/api/v1/events/participation?county=20&from=${from}&to=${to}&view=published`);
      expect(response.status).toBe(200);
      const report = response.json<ParticipationReport>();
      const noise = (report.disclosure as { noise?: number }).noise ?? 0;
      const yearIndexes = report.years.map((year) => YEARS.indexOf(year));
      const add = (family: Observation[], place: number, years: number[], cell: Cell) =>
        family.push({ atoms: years.map((y) => atom(place, y)), interval: intervalOf(cell, noise) });
      for (const row of report.municipalities) {
        const place = PLACES.findIndex((entry) => entry.code === row.code);
        if (place < 0) continue;
        row.years.forEach((cell, c) => add(families.municipalities, place, [yearIndexes[c]!], cell));
        add(families.municipalities, place, yearIndexes, row.total);
      }
      for (const row of report.organisations) {
        const place = PLACES.findIndex((entry) => entry.organisation === row.name);
        row.years.forEach((cell, c) => add(families.organisations, place, [yearIndexes[c]!], cell));
        add(families.organisations, place, yearIndexes, row.total);
      }
    }
    const recovered: string[] = [];
    const valueOf = (atoms: readonly number[]) => atoms.reduce((total, a) => total + truth.get(a)!, 0);
    for (const [name, observations] of Object.entries(families)) {
      // Both tables count the same persons (each municipality here has one organisation): the attacker pools them.
      const pooled = [...families.municipalities, ...families.organisations];
      const sets = new Map<string, number[]>();
      for (const a of truth.keys()) sets.set(String(a), [a]);
      for (const observation of observations) sets.set([...observation.atoms].sort((a, b) => a - b).join(','), [...observation.atoms]);
      const targets = [...sets.values()].filter((atoms) => valueOf(atoms) >= 1 && valueOf(atoms) < THRESHOLD);
      expect(targets.length, 'the seeded data have small counts to protect').toBeGreaterThan(0);
      for (const [index, derived] of attack(truth.size, pooled, targets).entries()) {
        const value = valueOf(targets[index]!);
        expect(derived.interval.lo, name).toBeLessThanOrEqual(value);
        expect(derived.interval.hi, name).toBeGreaterThanOrEqual(value);
        if (derived.interval.lo === derived.interval.hi) recovered.push(`${name} [${targets[index]!.join(',')}] = ${value} (${derived.by})`);
      }
    }
    expect(recovered, `${recovered.length} hidden counts of 1–${THRESHOLD - 1} recovered`).toEqual([]);
  }, 120_000);

  it('participation: the organiser’s internal view (exact counts) is audited on every read, the API, CSV and XLSX alike', async () => {
    const audited = async () =>
      (
        await app.database.system((tx) =>
          queryRows<{ n: number }>(
            tx,
            sql`select count(*)::int as n from audit_events where action = 'events.participation_internal' and record_tenant_id = ${LST}`,
          ),
        )
      )[0]!.n;
    const before = await audited();
    expect((await organiser.get('/api/v1/events/participation?county=20&from=2023&to=2026')).status).toBe(200);
    expect((await organiser.get('/api/v1/events/participation.csv?county=20&from=2023&to=2026')).status).toBe(200);
    expect((await organiser.get('/api/v1/events/participation.xlsx?county=20&from=2023&to=2026')).status).toBe(200);
    expect(await audited()).toBe(before + 3);
    // The published view is not the organiser's exact figures: not audited as such.
    expect((await organiser.get('/api/v1/events/participation?county=20&from=2023&to=2026&view=published')).status).toBe(200);
    expect(await audited()).toBe(before + 3);
  });

  it('evaluations: the organiser’s results per event and per series are audited on every read', async () => {
    const event = await createTestEvent(app.database, { tenantId: LST, series: 'Attackdag' });
    const started = await organiser.post(`/api/v1/events/${event.id}/evaluation`, {});
    expect(started.status).toBe(201);
    const token = started.json<{ evaluation: { link: string } }>().evaluation.link.split('/enkat/oppen/')[1]!;
    expect(
      (
        await anonymous(app).post(`/api/v1/public/survey-links/${token}/responses`, {
          answers: { e_overall: { choice: 'five' }, e_useful: 'yes', e_knowledge: { choice: 'much' } },
        })
      ).status,
    ).toBe(201);
    const audited = async () =>
      (
        await app.database.system((tx) =>
          queryRows<{ record_id: string | null }>(
            tx,
            sql`select record_id from audit_events where action = 'events.evaluation_results' and record_tenant_id = ${LST} order by seq`,
          ),
        )
      ).map((row) => row.record_id);
    const before = (await audited()).length;
    expect((await organiser.get(`/api/v1/events/${event.id}/evaluation`)).status).toBe(200);
    expect((await organiser.get('/api/v1/events/series-results?series=Attackdag')).status).toBe(200);
    const after = await audited();
    expect(after.length).toBe(before + 2);
    expect(after.at(-2)).toBe(event.id);
    // The same round through the survey engine's routes and exports: audited there too.
    const roundId = started.json<{ evaluation: { roundId: string } }>().evaluation.roundId;
    for (const path of ['results', 'results.csv', 'results.xlsx']) expect((await organiser.get(`/api/v1/survey-rounds/${roundId}/${path}`)).status).toBe(200);
    const surveyReads = await app.database.system((tx) =>
      queryRows<{ format: string }>(
        tx,
        sql`select details->>'format' as format from audit_events where action = 'surveys.results' and record_id = ${roundId} order by seq`,
      ),
    );
    expect(surveyReads.map((row) => row.format)).toEqual(['json', 'csv', 'xlsx']);
  });
});
