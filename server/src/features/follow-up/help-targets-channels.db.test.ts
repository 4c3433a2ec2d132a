import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '#shared/contracts/follow-up.ts';
import type { CreateEncounterRequest, Encounter } from '#shared/contracts/screening.ts';
import { queryRows } from '../../platform/db/database.ts';
import { MAX_NOISE } from '../../platform/disclosure/cell-key.ts';
import { createUnit, createUser } from '../../test-support/builders.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { createProcess, insertEncounter, type TestProcess } from '../screening/builders.ts';

/**
 * What the caseworker records that follow-up counts (issue 20, ADR 0097, migration 0175): a
 * perpetrator's wish for help, referrals by target (perpetrator programmes on their own) and the
 * contact form as a breakdown of eligible and asked encounters — each through the measure
 * catalogue and disclosure control like every count of persons.
 */
describe('wish for help, referral targets and contact forms', () => {
  let app: TestApp;
  let coordinator: ApiClient;
  let caseworker: ApiClient;
  let process: TestProcess;
  const near = (value: number | null | undefined, expected: number) => expect(Math.abs(value! - expected)).toBeLessThanOrEqual(MAX_NOISE);
  const board = async (indicator: string, by: string) =>
    (await coordinator.get(`/api/v1/dashboards/indicator?indicator=${indicator}&by=${by}&period=year&from=2026-01&to=2026-12`)).json<Dashboard>();
  const byLabel = (dashboard: Dashboard) => new Map(dashboard.rows.map((row, index) => [row.label, dashboard.rowTotals[index]!]));

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-11-23T09:00:00Z' });
    const region = await createUnit(app.database, { organisation: 'FK', level: 'region', name: 'Region Hjälp' });
    const unit = await createUnit(app.database, { organisation: 'FK', name: 'Enheten Hjälp', parentId: region.id });
    const user = await createUser(app.database, { unit });
    process = await createProcess(app.database, unit.tenantId);
    await app.database.system(async (tx) => {
      for (let i = 0; i < 12; i++)
        await insertEncounter(tx, process, {
          unit,
          createdBy: user.id,
          state: 'disclosed',
          perpetrationForms: ['physical'],
          perpetratorWantsHelp: true,
          referral: 'signposting',
          referralTarget: 'perpetrator_programme',
          channel: 'in_person',
          occurredOn: '2026-03-10',
        });
      for (let i = 0; i < 3; i++)
        await insertEncounter(tx, process, {
          unit,
          createdBy: user.id,
          state: 'disclosed',
          perpetrationForms: ['threats'],
          perpetratorWantsHelp: false,
          referral: 'signposting',
          channel: 'phone',
          occurredOn: '2026-04-10',
        });
      for (let i = 0; i < 20; i++) await insertEncounter(tx, process, { unit, createdBy: user.id, state: 'asked', channel: 'phone', occurredOn: '2026-05-10' });
      for (let i = 0; i < 10; i++)
        await insertEncounter(tx, process, { unit, createdBy: user.id, state: 'not_asked', channel: 'video', occurredOn: '2026-05-12' });
    });
    coordinator = await signIn(app, await createUser(app.database, { unit: region, roles: ['agency_coordinator'] }));
    caseworker = await signIn(app, user);
  });
  afterAll(() => app.close());

  it('records the wish for help from the default question set and a referral to a perpetrator programme through the API', async () => {
    const body: CreateEncounterRequest = {
      processId: process.processId,
      occurredOn: '2026-06-02',
      channel: 'video',
      basis: 'routine',
      interpreter: 'none',
      client: { sex: 'male', ageBand: '35_44', municipalityCode: '2080' },
      result: {
        asking: 'asked',
        answers: [
          { item: 'exposure', value: 'no' },
          { item: 'perpetration', value: 'yes' },
          { item: 'children', value: 'no' },
          { item: 'perpetration_forms', values: ['forced_marriage'] },
          { item: 'perpetration_support', value: 'yes' },
        ],
      },
      actions: { referrals: [{ kind: 'signposting', target: 'perpetrator_programme' }] },
    };
    const created = await caseworker.post('/api/v1/encounters', body);
    expect(created.status).toBe(201);
    const encounter = created.json<Encounter>();
    expect(encounter).toMatchObject({ outcome: 'disclosed', perpetrationForms: ['forced_marriage'], perpetratorWantsHelp: true, channel: 'video' });
    const [row] = await app.database.system((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select coalesce(sum(count), 0)::int as n from follow_up_detail_rollup where measure = 'perpetrator_wants_help' and month = '2026-06-01'`,
      ),
    );
    expect(row!.n).toBe(1);
  });

  it('refuses a stated wish for help without a use of violence, naming the field', async () => {
    const response = await caseworker.post('/api/v1/encounters', {
      processId: process.processId,
      channel: 'phone',
      basis: 'routine',
      interpreter: 'none',
      client: { sex: 'female', ageBand: '35_44', municipalityCode: '2080' },
      result: { asking: 'asked', outcome: 'disclosed', exposureForms: ['physical'], perpetratorWantsHelp: true },
    } satisfies CreateEncounterRequest);
    expect(response.status).toBe(400);
    expect(response.problem().errors.map((error) => error.field)).toContain('result.perpetratorWantsHelp');
    // And the database refuses a wish for help on an encounter where nobody asked.
    await expect(
      app.database.system((tx) => tx.execute(sql`update screening_encounters set perpetrator_wants_help = true where asking = 'not_asked'`)),
    ).rejects.toThrow();
  });

  it('counts perpetrators who want help and referrals to perpetrator programmes, a small count as "<5"', async () => {
    const help = await board('screening.perpetrators_wanting_help', 'sex');
    expect(help.noDataSource).toBe(false);
    near(help.total.numerator.value, 13);
    const programmes = await board('screening.perpetrator_programme_referrals', 'year');
    near(programmes.total.numerator.value, 13);
    const targets = byLabel(await board('screening.referrals_by_target', 'referral_target'));
    near(targets.get('Verksamhet för våldsutövare')!.numerator.value, 13);
    expect(targets.get('Socialtjänsten')!.numerator.text).toBe('<5');
  });

  it('splits eligible and asked encounters by contact form', async () => {
    const rows = byLabel(await board('screening.share_asked_by_channel', 'channel'));
    expect([...rows.keys()].sort()).toEqual(['Fysiskt möte', 'Telefon', 'Video']);
    near(rows.get('Fysiskt möte')!.numerator.value, 12);
    near(rows.get('Telefon')!.numerator.value, 23);
    near(rows.get('Telefon')!.denominator!.value, 23);
    // Ten video meetings where nobody asked and the one asked through the API.
    expect(rows.get('Video')!.numerator.text).toBe('<5');
    near(rows.get('Video')!.denominator!.value, 11);
  });

  it('moves a completed result into the split: an open encounter completed as asked counts on its channel', async () => {
    const count = async () =>
      (
        await app.database.system((tx) =>
          queryRows<{ n: number }>(
            tx,
            sql`select coalesce(sum(count), 0)::int as n from follow_up_detail_rollup where measure = 'asked_channel' and code = 'video' and month = '2026-07-01'`,
          ),
        )
      )[0]!.n;
    const unit = await createUnit(app.database, { organisation: 'FK', name: 'Enheten Öppen' });
    const author = await createUser(app.database, { unit });
    const open = await app.database.system((tx) =>
      insertEncounter(tx, process, { unit, createdBy: author.id, state: 'open', channel: 'video', occurredOn: '2026-07-01' }),
    );
    expect(await count()).toBe(0);
    await app.database.system((tx) =>
      tx.execute(sql`update screening_encounters set status = 'completed', asking = 'asked', outcome = 'nothing_disclosed', children_in_household = 'no',
        child_at_risk = false, acute_danger = false, question_set_version_id = '7d1f3a52-6c0e-4b8a-9f21-5e3c0a1d2b03', completed_at = app_now() where id = ${open.id}`),
    );
    expect(await count()).toBe(1);
  });
});
