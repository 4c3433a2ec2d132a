import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { DEFAULT_DISCLOSURE } from '../../platform/disclosure/disclosure-control.ts';
import { createMeasureRegistry, type MeasureDimension, type MeasureRow } from '../../platform/measures/measure.ts';
import { createUnit, createUser } from '../../test-support/builders.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { createProcess, insertEncounter } from '../screening/builders.ts';
import { dashboard } from './dashboard-service.ts';
import { rollupMeasures } from './rollup-measures.ts';

/**
 * The keys the rollup triggers store (migration 0130, ADR 0057) are the keys the measures
 * computed by hashing while reading (ADR 0053): on seeded data written, completed, moved between
 * rollup rows and anonymised, every measure read by every dimension gives the same values and the
 * same cell keys both ways, and so does every published dashboard.
 */
describe('stored cell keys of the rollups', () => {
  let app: TestApp;
  const stored = rollupMeasures('stored');
  const hashed = rollupMeasures('hashed');
  const MONTHS = { from: '2026-01', to: '2026-06' };
  const sorted = (rows: MeasureRow[]) => [...rows].sort((a, b) => JSON.stringify(a.keys).localeCompare(JSON.stringify(b.keys)));

  beforeAll(async () => {
    app = await createTestApp();
    const region = await createUnit(app.database, { organisation: 'FK', level: 'region', name: 'Region Nycklar' });
    const places = ['2080', '2081', '1280'];
    const units = await Promise.all(
      places.map((municipalityCode, index) =>
        createUnit(app.database, { organisation: 'FK', name: `Nyckelenhet ${index + 1}`, parentId: region.id, municipalityCode }),
      ),
    );
    const caseworker = await createUser(app.database, { unit: units[0]! });
    const process = await createProcess(app.database, region.tenantId);
    const states = ['asked', 'disclosed', 'open', 'asked', 'open'] as const;
    const referrals = ['handover', 'signposting', 'report', undefined] as const;
    await app.database.system(async (tx) => {
      for (let i = 0; i < 90; i++) {
        const state = states[i % states.length]!;
        await insertEncounter(tx, process, {
          unit: units[i % 3]!,
          createdBy: caseworker.id,
          state,
          occurredOn: `2026-0${1 + (i % 6)}-1${i % 7}`,
          municipalityCode: places[(i * 7) % 3]!,
          referral: state === 'open' ? undefined : referrals[i % 4],
          protectedIdentity: i % 17 === 0,
        });
      }
    });
    await app.database.system(async (tx) => {
      // Information given, in two languages, one statement for many encounters.
      await tx.execute(sql`insert into screening_information (encounter_id, tenant_id, material, language, delivery)
        select id, tenant_id, 'handout', case when hashtext(id::text) % 2 = 0 then 'sv' else 'ar' end, 'printed' from screening_encounters where status = 'completed'`);
      // Rows move between rollup rows (sex and age band), and open encounters are completed as not asked, with every reason.
      await tx.execute(sql`update screening_encounters set client_sex = case when hashtext(id::text) % 3 = 0 then 'male' else client_sex end,
        client_age_band = case when hashtext(id::text) % 4 = 0 then '18_24' else client_age_band end`);
      await tx.execute(sql`update screening_encounters set status = 'completed', asking = 'not_asked',
          not_asked_reason = (array['not_alone', 'channel_unsafe', 'interpreter_unsuitable', 'client_condition', 'no_time', 'other'])[1 + abs(hashtext(id::text)) % 6], completed_at = app_now()
        where status = 'open' and hashtext(id::text) % 2 = 0`);
      // Retention: anonymising changes no key.
      await tx.execute(
        sql`update screening_encounters set created_by = null, occurred_on = null, case_reference_encrypted = null, case_reference_hash = null, anonymised_at = app_now() where occurred_month = '2026-01-01' and status = 'completed'`,
      );
    });
  }, 120_000);
  afterAll(() => app.close());

  it('the rollups hold rows of every kind the measures read', async () => {
    const [counts] = await app.database.system((tx) =>
      queryRows<{ reasons: number; moved: number; detail: number; keyed: number }>(
        tx,
        sql`select (select count(*) from follow_up_encounter_rollup where reason_not_alone + reason_channel_unsafe + reason_interpreter_unsuitable + reason_client_condition + reason_no_time + reason_other > 0)::int as reasons,
                   (select count(*) from follow_up_encounter_rollup where sex = 'male')::int as moved,
                   (select count(distinct measure) from follow_up_detail_rollup)::int as detail,
                   (select count(*) from follow_up_encounter_rollup where key_asked <> 0)::int as keyed`,
      ),
    );
    expect(counts!.reasons).toBeGreaterThan(0);
    expect(counts!.moved).toBeGreaterThan(0);
    expect(counts!.detail).toBeGreaterThanOrEqual(4);
    expect(counts!.keyed).toBeGreaterThan(0);
  });

  it('gives every measure the same values and cell keys by every dimension it declares, alone and by month', async () => {
    let compared = 0;
    for (const measure of stored) {
      const reference = hashed.find((entry) => entry.key === measure.key)!;
      const groupings: MeasureDimension[][] = [
        [],
        ...measure.dimensions.map((dimension) => [dimension]),
        ...measure.dimensions.filter((dimension) => dimension !== 'month').map((dimension) => [dimension, 'month'] as MeasureDimension[]),
      ];
      for (const groupBy of groupings) {
        const query = { ...MONTHS, tenantIds: null, unitIds: null, groupBy };
        const [fromStored, fromHashed] = await app.database.system(async (tx) => [await measure.read(tx, query), await reference.read(tx, query)]);
        expect(sorted(fromStored), `${measure.key} by ${groupBy.join(', ') || 'nothing'}`).toEqual(sorted(fromHashed));
        if (measure.countsPersons && fromStored.some((row) => row.value > 0)) compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('publishes the same dashboards, values and cell keys, from stored keys as from hashed ones', async () => {
    const deps = (mode: 'stored' | 'hashed') => ({
      measures: createMeasureRegistry(mode === 'stored' ? stored : hashed),
      settings: DEFAULT_DISCLOSURE,
      locale: 'sv' as const,
      now: app.clock.now(),
    });
    const national = { kind: 'aggregated' as const, tenantIds: null, unitIds: null };
    const indicators = await app.database.system((tx) =>
      queryRows<{ code: string }>(tx, sql`select code from follow_up_indicators where source = 'measures' order by code`),
    );
    let published = 0;
    for (const { code: indicator } of indicators) {
      for (const by of [undefined, 'unit', 'county', 'municipality', 'reason', 'referral_kind', 'language'] as const) {
        for (const period of ['month', 'year'] as const) {
          const query = { indicator, ...(by ? { by } : {}), period, ...MONTHS };
          const fromStored = await app.database.system((tx) => dashboard(tx, deps('stored'), query, national).catch((error: Error) => error.message));
          const fromHashed = await app.database.system((tx) => dashboard(tx, deps('hashed'), query, national).catch((error: Error) => error.message));
          expect(fromStored, `${indicator} by ${by ?? 'nothing'} per ${period}`).toEqual(fromHashed);
          if (typeof fromStored !== 'string' && fromStored.rows.length > 0) published++;
        }
      }
    }
    expect(published).toBeGreaterThan(40);
  });
});
