import { sql } from 'drizzle-orm';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { DEFAULT_DISCLOSURE } from '../../platform/disclosure/disclosure-control.ts';
import { demoId, demoUnitId, demoUserId } from '../../platform/demo/demo-ids.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { demoPlanId } from '../collaboration/index.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { monthsOf } from './figures.ts';
import { saveCountyValues, saveMeetings, type CountyValue } from './imports.ts';
import { computeFigures, COORDINATOR_ID } from './report-service.ts';

/**
 * Demo data of follow-up: targets after the roadmap (half of the caseworkers ask in 2019, all in
 * 2020–2021, carried on), meetings held by the FK units (the imported series), FK's and MV's
 * drafts of the current year, MV's received reports of the two years before, and three years of
 * county values for the regional comparison. The received reports' figures are frozen after the
 * screening history exists (`demoHistory`).
 */
export const demoReportId = (agency: string, year: number) => demoId(`follow-up:report:${agency}:${year}`);

const COUNTIES = ['01', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '17', '18', '19', '20', '21', '22', '23', '24', '25'];
const COUNTY_INDICATORS: Array<[string, number, number]> = [
  ['region.routine_vnr', 0.55, 0.4],
  ['region.routine_hrv', 0.35, 0.5],
  ['region.staff_trained_share', 0.45, 0.4],
  ['region.shelter_places', 0.00012, 0.00018],
  ['region.clearance_rate', 0.18, 0.15],
  ['region.repeat_victimisation', 0.3, 0.2],
];

function countyValues(currentYear: number): CountyValue[] {
  const values: CountyValue[] = [];
  let seed = 7;
  const next = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  for (const year of [currentYear - 3, currentYear - 2, currentYear - 1]) {
    for (const [code, base, spread] of COUNTY_INDICATORS) {
      for (const county of COUNTIES) {
        // One county has no value for one indicator a year: the rule for missing counties applies.
        if (code === 'region.clearance_rate' && county === '25' && year === currentYear - 1) continue;
        const trend = 1 + (year - (currentYear - 3)) * 0.04;
        const value = Math.round(base * trend * (1 - spread / 2 + next() * spread) * 10_000_000) / 10_000_000;
        values.push({ indicatorCode: code, countyCode: county, year, value });
      }
    }
  }
  return values;
}

export async function seedDemoFollowUp(tx: Tx, context: { clock: { now(): Date } }): Promise<void> {
  const today = stockholmDate(context.clock.now());
  const year = Number(today.slice(0, 4));
  const FK = organisationId('FK');
  const MV = organisationId('MV');
  const fkCoordinator = demoUserId('fk-coordinator');
  for (const [tenant, indicator, target, forYear, note] of [
    [FK, 'screening.share_asked', 50, 2019, 'Färdplanen: hälften av handläggarna frågar rutinmässigt (2019).'],
    [FK, 'screening.share_asked', 100, 2021, 'Färdplanen: alla handläggare frågar rutinmässigt (2020–2021).'],
    ...Array.from(
      { length: year - 2021 },
      (_, index) => [FK, 'screening.share_asked', 100, 2022 + index, 'Färdplanens mål för 2021 gäller vidare: alla handläggare frågar rutinmässigt.'] as const,
    ),
    [FK, 'fk.caseworkers_asking', 100, year, 'Färdplanens mål för 2021 gäller vidare.'],
    [MV, 'screening.share_asked', 90, year, 'Mottagningsenheterna frågar vid det fördjupade samtalet.'],
  ] as const) {
    await tx.execute(sql`insert into follow_up_targets (tenant_id, indicator_code, year, target, baseline, baseline_year, note, demo)
      values (${tenant}, ${indicator}, ${forYear}, ${target}, ${forYear > 2019 ? 50 : null}, ${forYear > 2019 ? 2019 : null}, ${note}, true)`);
  }
  const months = monthsOf(`${year - 1}-${today.slice(5, 7)}`, today.slice(0, 7));
  await saveMeetings(
    tx,
    FK,
    fkCoordinator,
    months.flatMap((month, index) => [
      { unitId: demoUnitId('fk-sjukpenning-falun'), month, value: 52 + (index % 4) * 3 },
      { unitId: demoUnitId('fk-sjukpenning-borlange'), month, value: 30 + (index % 3) * 2 },
    ]),
    true,
  );
  await saveCountyValues(tx, organisationId('LST-20'), demoUserId('county-strategist'), countyValues(year), true);

  const narrative = (agency: string) => ({
    routines: `${agency} har infört rutinen för att fråga om våld i de processer där den gäller och följer upp hur ofta frågan ställs.`,
    information: 'Informationsmaterial finns på flera språk och delas ut vid mötena.',
    referral: 'Kontaktlistor till socialtjänst, hälso- och sjukvård och rättsväsende finns per kontor.',
    staff_support: 'Handledning erbjuds personal som möter våldsutsatta.',
    obstacles: 'Telefonmöten gör det svårare att fråga säkert.',
    next_steps: 'Fortsätta utbilda chefer och följa upp andelen som frågar per enhet.',
  });
  await tx.execute(sql`insert into follow_up_reports (id, tenant_id, recipient_tenant_id, year, narrative, created_by, demo)
    values (${demoReportId('FK', year)}, ${FK}, ${COORDINATOR_ID}, ${year}, ${JSON.stringify(narrative('Försäkringskassan'))}::jsonb, ${fkCoordinator}, true),
           (${demoReportId('MV', year)}, ${MV}, ${COORDINATOR_ID}, ${year}, ${JSON.stringify(narrative('Migrationsverket'))}::jsonb, ${demoUserId('mv-coordinator')}, true),
           (${demoReportId('MV', year - 1)}, ${MV}, ${COORDINATOR_ID}, ${year - 1}, ${JSON.stringify(narrative('Migrationsverket'))}::jsonb, ${demoUserId('mv-coordinator')}, true),
           (${demoReportId('MV', year - 2)}, ${MV}, ${COORDINATOR_ID}, ${year - 2}, ${JSON.stringify(narrative('Migrationsverket'))}::jsonb, ${demoUserId('mv-coordinator')}, true)`);

  // Issue 9: the information and referral group's goal follows the share asked.
  const [goal] = await queryRows<{ id: string; tenant_id: string; body_id: string }>(
    tx,
    sql`select id, tenant_id, body_id from collaboration_goals where plan_id = ${demoPlanId('information')} order by position limit 1`,
  );
  if (goal)
    await tx.execute(
      sql`insert into collaboration_goal_indicators (goal_id, tenant_id, body_id, indicator_code, demo) values (${goal.id}, ${goal.tenant_id}, ${goal.body_id}, 'screening.share_asked', true)`,
    );
}

/**
 * After the screening history exists: MV's reports of the two years before this one are
 * submitted, approved (figures frozen) and received; this year's is a draft until the year ends.
 */
export async function seedDemoReportChain(context: FeatureContext): Promise<void> {
  const now = context.clock.now();
  const year = Number(stockholmDate(now).slice(0, 4));
  const MV = organisationId('MV');
  for (const forYear of [year - 2, year - 1]) {
    await context.database.system(async (tx) => {
      const settings = { ...DEFAULT_DISCLOSURE, threshold: context.config.suppressionThreshold, display: context.config.suppressionDisplay };
      const figures = await computeFigures(tx, { measures: context.measures, settings, locale: 'sv', now }, MV, 'MV', forYear);
      const id = demoReportId('MV', forYear);
      const at = now.toISOString();
      await tx.execute(
        sql`update follow_up_reports set status = 'submitted', submitted_at = ${at}::timestamptz, submitted_by = ${demoUserId('mv-coordinator')}, version = version + 1 where id = ${id}`,
      );
      await tx.execute(
        sql`update follow_up_reports set status = 'approved', figures = ${JSON.stringify(figures)}::jsonb, frozen_at = ${at}::timestamptz, approved_at = ${at}::timestamptz, version = version + 1 where id = ${id}`,
      );
      await tx.execute(
        sql`update follow_up_reports set status = 'received', received_at = ${at}::timestamptz, received_by = ${demoUserId('national-coordinator')}, version = version + 1 where id = ${id}`,
      );
      await tx.execute(sql`insert into follow_up_report_events (report_id, tenant_id, from_status, to_status, actor_tenant_id, demo) values
        (${id}, ${MV}, 'draft', 'submitted', ${MV}, true), (${id}, ${MV}, 'submitted', 'approved', ${MV}, true), (${id}, ${MV}, 'approved', 'received', ${COORDINATOR_ID}, true)`);
    });
  }
}
