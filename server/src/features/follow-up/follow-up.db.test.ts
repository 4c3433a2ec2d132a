import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison, Completeness, Dashboard, ImportResult, PublishedCell, ReportDetail } from '#shared/contracts/follow-up.ts';
import { formatIndicatorValue } from '#shared/format/indicator-value.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { queryRows } from '../../platform/db/database.ts';
import { MAX_NOISE } from '../../platform/disclosure/cell-key.ts';
import { attack } from '../../test-support/disclosure-attacker.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { createProcess, insertEncounter, type TestProcess } from '../screening/builders.ts';
import { createTestCompletionIn, createTestRequirementIn } from '../competence/competence-builders.ts';

/**
 * Follow-up end to end on the database: rollups kept by the triggers (and never decremented by
 * retention), dashboards through disclosure control limited to declared levels, definitions that
 * would divide by nothing, the annual report chain, and the regional comparison import.
 */
describe('follow-up', () => {
  let app: TestApp;
  let big: TestUnit;
  let small: TestUnit;
  let process: TestProcess;
  let caseworker: TestUser;
  let coordinator: ApiClient;
  let manager: ApiClient;
  let national: ApiClient;
  let strategist: ApiClient;

  const rollup = () =>
    app.database.system((tx) =>
      queryRows<{ eligible: number; asked: number; encounters: number; disclosed: number }>(
        tx,
        sql`select coalesce(sum(eligible), 0)::int as eligible, coalesce(sum(asked), 0)::int as asked, coalesce(sum(encounters), 0)::int as encounters, coalesce(sum(disclosed), 0)::int as disclosed
              from follow_up_encounter_rollup where tenant_id = ${big.tenantId}`,
      ),
    );
  const raw = () =>
    app.database.system((tx) =>
      queryRows<{ eligible: number; asked: number; encounters: number; disclosed: number }>(
        tx,
        sql`select count(*) filter (where eligible)::int as eligible, count(*) filter (where asking = 'asked')::int as asked, count(*)::int as encounters,
                   count(*) filter (where outcome = 'disclosed')::int as disclosed from screening_encounters where tenant_id = ${big.tenantId}`,
      ),
    );

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-11-23T09:00:00Z' });
    const region = await createUnit(app.database, { organisation: 'FK', level: 'region', name: 'Region Test' });
    big = await createUnit(app.database, { organisation: 'FK', name: 'Stora enheten', parentId: region.id });
    small = await createUnit(app.database, { organisation: 'FK', name: 'Lilla enheten', parentId: region.id });
    caseworker = await createUser(app.database, { unit: big });
    process = await createProcess(app.database, big.tenantId);
    await app.database.system(async (tx) => {
      for (let i = 0; i < 24; i++)
        await insertEncounter(tx, process, {
          unit: big,
          createdBy: caseworker.id,
          state: i % 4 === 0 ? 'open' : i % 5 === 0 ? 'disclosed' : 'asked',
          occurredOn: `2026-0${1 + (i % 3)}-10`,
        });
      for (let i = 0; i < 3; i++)
        await insertEncounter(tx, process, { unit: small, createdBy: caseworker.id, state: 'asked', occurredOn: '2026-02-10', protectedIdentity: i === 0 });
    });
    coordinator = await signIn(app, await createUser(app.database, { unit: region, roles: ['agency_coordinator'] }));
    manager = await signIn(app, await createUser(app.database, { unit: region, roles: ['manager'] }));
    national = await signIn(app, await createUser(app.database, { organisation: 'JAMY', roles: ['national_coordinator'] }));
    strategist = await signIn(app, await createUser(app.database, { organisation: 'LST-20', roles: ['county_strategist'] }));
  });
  afterAll(() => app.close());

  it('keeps the rollups equal to the encounters as they are written and completed, and never decrements on retention', async () => {
    expect(await rollup()).toEqual(await raw());
    await app.database.system((tx) =>
      tx.execute(sql`update screening_encounters set status = 'completed', asking = 'asked', outcome = 'disclosed', question_set_version_id = (select question_set_version_id from screening_encounters where question_set_version_id is not null limit 1),
        children_in_household = 'no', child_at_risk = false, acute_danger = false, completed_at = now() where tenant_id = ${big.tenantId} and status = 'open'`),
    );
    expect(await rollup()).toEqual(await raw());
    const before = await rollup();
    const staffBefore = await app.database.system((tx) => queryRows(tx, sql`select * from follow_up_staff_rollup order by month, unit_id`));
    // Retention: anonymise (no counted value changes), then delete — the rollups stay as they were.
    await app.database.system((tx) =>
      tx.execute(
        sql`update screening_encounters set created_by = null, occurred_on = null, case_reference_encrypted = null, case_reference_hash = null, anonymised_at = now() where tenant_id = ${big.tenantId}`,
      ),
    );
    expect(await rollup()).toEqual(before);
    expect(await app.database.system((tx) => queryRows(tx, sql`select * from follow_up_staff_rollup order by month, unit_id`))).toEqual(staffBefore);
    await app.database.system((tx) => tx.execute(sql`delete from screening_encounters where tenant_id = ${big.tenantId} and occurred_month = '2026-01-01'`));
    expect(await rollup()).toEqual(before);
  });

  it('rolls up child rows of many encounters written in one statement', async () => {
    const written = await app.database.system(async (tx) => [
      await insertEncounter(tx, process, { unit: small, createdBy: caseworker.id, state: 'asked', occurredOn: '2026-04-10' }),
      await insertEncounter(tx, process, { unit: small, createdBy: caseworker.id, state: 'asked', occurredOn: '2026-04-11' }),
    ]);
    await app.database.system((tx) =>
      tx.execute(sql`insert into screening_encounter_forms (encounter_id, tenant_id, kind, form) values
        (${written[0]!.id}, ${small.tenantId}, 'exposure', 'physical'), (${written[0]!.id}, ${small.tenantId}, 'exposure', 'threats'), (${written[1]!.id}, ${small.tenantId}, 'exposure', 'physical')`),
    );
    const rows = await app.database.system((tx) =>
      queryRows<{ measure: string; code: string; n: number }>(
        tx,
        sql`select measure, code, sum(count)::int as n from follow_up_detail_rollup where unit_id = ${small.id} and month = '2026-04-01'
              and measure in ('disclosed_exposure', 'exposure_form') group by 1, 2 order by 1, 2`,
      ),
    );
    expect(rows).toEqual([
      { measure: 'disclosed_exposure', code: '', n: 2 },
      { measure: 'exposure_form', code: 'physical', n: 2 },
      { measure: 'exposure_form', code: 'threats', n: 1 },
    ]);
  });

  it('counts a protected identity at county level only', async () => {
    const rows = await app.database.system((tx) =>
      queryRows<{ municipality_code: string; n: number }>(
        tx,
        sql`select municipality_code, sum(encounters)::int as n from follow_up_encounter_rollup where unit_id = ${small.id} and month = '2026-02-01' group by 1 order by 1`,
      ),
    );
    expect(rows).toEqual([
      { municipality_code: '', n: 1 },
      { municipality_code: '2080', n: 2 },
    ]);
  });

  it('moves a protected identity’s count back when the marker is removed, and again when it is set again', async () => {
    const counts = () =>
      app.database.system((tx) =>
        queryRows<{ municipality_code: string; n: number }>(
          tx,
          sql`select municipality_code, sum(encounters)::int as n from follow_up_encounter_rollup where unit_id = ${small.id} and month = '2026-02-01' group by 1 having sum(encounters) <> 0 order by 1`,
        ),
      );
    const mark = (protectedIdentity: boolean) =>
      app.database.system((tx) =>
        tx.execute(
          sql`update record_protections set protected_identity = ${protectedIdentity} where record_type = 'encounter' and record_id in (select id from screening_encounters where unit_id = ${small.id})`,
        ),
      );
    await mark(false);
    expect(await counts()).toEqual([{ municipality_code: '2080', n: 3 }]);
    await mark(true);
    expect(await counts()).toEqual([
      { municipality_code: '', n: 1 },
      { municipality_code: '2080', n: 2 },
    ]);
  });

  it('hides the small unit, publishes the others with bounded noise, and its total cannot be subtracted to pin the small unit', async () => {
    const response = await coordinator.get('/api/v1/dashboards/indicator?indicator=screening.share_asked&by=unit&period=year&from=2026-01&to=2026-03');
    expect(response.status).toBe(200);
    const board = response.json<Dashboard>();
    const smallRow = board.rows.findIndex((row) => row.label === 'Lilla enheten');
    const bigRow = board.rows.findIndex((row) => row.label === 'Stora enheten');
    expect(board.cells[smallRow]![0]!.numerator.text).toBe('<5');
    expect(board.cells[smallRow]![0]!.value.suppressed).toBe('share');
    const [truth] = await app.database.system((tx) =>
      queryRows<{ asked: number }>(
        tx,
        sql`select coalesce(sum(asked), 0)::int as asked from follow_up_encounter_rollup where unit_id = ${big.id} and month between '2026-01-01' and '2026-03-01'`,
      ),
    );
    const bigCell = board.cells[bigRow]![0]!.numerator;
    expect(Math.abs(bigCell.value! - truth!.asked)).toBeLessThanOrEqual(MAX_NOISE);
    // The total minus the big unit is not the small unit's count for certain: its own noise leaves several values open.
    const interval = (cell: PublishedCell) => ({ lo: Math.max(5, cell.value! - MAX_NOISE), hi: cell.value! + MAX_NOISE });
    const [derived] = attack(
      2,
      [
        { atoms: [0, 1], interval: interval(board.total.numerator) },
        { atoms: [bigRow], interval: interval(bigCell) },
        { atoms: [smallRow], interval: { lo: 1, hi: 4 } },
      ],
      [[smallRow]],
    );
    expect(derived!.interval.hi).toBeGreaterThan(derived!.interval.lo);
    expect(board.summary).toMatch(/döljs/);
    expect(board.summary).toMatch(/brus/);
    expect(JSON.stringify(board)).not.toMatch(/"value":[1-4],"text":"[1-4]"/);

    // The spreadsheet carries shown figures as numbers (a share as a percent-formatted fraction) and hidden ones as their text (issue 20).
    const xlsx = await app.server.inject({
      method: 'GET',
      url: '/api/v1/dashboards/indicator.xlsx?indicator=screening.share_asked&by=unit&period=year&from=2026-01&to=2026-03',
      headers: { cookie: coordinator.cookie! },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues().filter((row): row is ExcelJS.CellValue[] => Array.isArray(row));
    const bigLine = rows.find((row) => row[1] === 'Stora enheten')!;
    const smallLine = rows.find((row) => row[1] === 'Lilla enheten')!;
    expect(smallLine[3]).toBe('<5');
    expect(typeof bigLine[4]).toBe(board.cells[bigRow]![0]!.denominator!.suppressed ? 'string' : 'number');
    const bigValue = board.cells[bigRow]![0]!.value;
    // The export is the same answer: the same cells with the same noise.
    expect(bigLine[5]).toBe(bigValue.suppressed ? bigValue.text : bigValue.value);
    expect(workbook.worksheets[0]!.getColumn(5).numFmt).toBe('0%');
  });

  it('refuses a breakdown the indicator does not declare, naming the parameter', async () => {
    const response = await coordinator.get('/api/v1/dashboards/indicator?indicator=fk.caseworkers_asking&by=sex');
    expect(response.status).toBe(400);
    // The breakdowns are named in the reader's language, never by their codes.
    expect(response.problem().errors[0]).toMatchObject({
      field: 'by',
      message: 'Indikatorn kan inte delas upp på ”kön”. Tillåtna uppdelningar: myndighet, enhet, månad, kvartal, år.',
    });
  });

  it('answers an unknown indicator, breakdown, period or window with 400 naming the parameter in Swedish, on the dashboard and its exports', async () => {
    const cases: Array<[string, string]> = [
      ['indicator=screening.no_such_indicator', 'indicator'],
      ['indicator=screening.share_asked&by=shoe_size', 'by'],
      ['indicator=screening.share_asked&period=week', 'period'],
      ['indicator=screening.share_asked&from=2026-13', 'from'],
      ['indicator=screening.share_asked&to=november', 'to'],
      ['indicator=screening.share_asked&from=2026-11&to=2026-01', 'from'],
      ['indicator=screening.share_asked&from=2000-01&to=2026-11', 'from'],
    ];
    const exported = () =>
      app.database.system((tx) =>
        queryRows<{ n: number }>(tx, sql`select count(*)::int as n from audit_events where action = 'dashboards.read' and details->>'change' = 'exported'`),
      );
    const exportsBefore = await exported();
    for (const [query, field] of cases) {
      for (const path of ['/api/v1/dashboards/indicator', '/api/v1/dashboards/indicator.csv']) {
        const response = await coordinator.get(`${path}?${query}`);
        expect(response.status, `${path}?${query}`).toBe(400);
        const problem = response.problem();
        expect(
          problem.errors.map((error) => error.field),
          `${path}?${query}`,
        ).toContain(field);
        expect(problem.errors.find((error) => error.field === field)!.message, `${path}?${query}`).toMatch(/^(Ogiltig|Indikatorn|Perioden)/);
      }
    }
    expect((await coordinator.get('/api/v1/dashboards/indicator?indicator=screening.no_such_indicator')).problem().errors[0]!.message).toContain('finns inte');
    // Nothing was exported.
    expect(await exported()).toEqual(exportsBefore);
  });

  it('imports meetings held all or nothing, divides the asked by them, and reports completeness per unit and month', async () => {
    const bad = (
      await coordinator.post('/api/v1/indicators/series/meetings-held', {
        csv: 'enhet;manad;moten\nStora enheten;2026-01;40\nOkänd enhet;2026-13;x\nStora enheten;2026-01;41',
      })
    ).json<ImportResult>();
    expect(bad.errors.map((error) => [error.line, error.field])).toEqual([
      [3, 'enhet'],
      [3, 'manad'],
      [3, 'moten'],
      [4, 'csv'],
    ]);
    const none = (
      await coordinator.get('/api/v1/dashboards/indicator?indicator=screening.share_asked_of_meetings&period=year&from=2026-01&to=2026-03')
    ).json<Dashboard>();
    expect(none.total.denominator?.value).toBe(0);
    expect(none.total.value.text).toBe('–');
    const good = (
      await coordinator.post('/api/v1/indicators/series/meetings-held', {
        csv: 'enhet;manad;moten\nStora enheten;2026-01;40\nStora enheten;2026-02;40\nStora enheten;2026-03;40',
      })
    ).json<ImportResult>();
    expect(good).toMatchObject({ dryRun: false, rows: 3, errors: [] });
    const board = (
      await coordinator.get('/api/v1/dashboards/indicator?indicator=screening.share_asked_of_meetings&period=year&from=2026-01&to=2026-03')
    ).json<Dashboard>();
    expect(board.total.denominator?.value).toBe(120);
    expect(board.total.value.value).toBeGreaterThan(0);

    const target = await coordinator.put('/api/v1/indicators/targets', {
      indicatorCode: 'screening.share_asked',
      year: 2026,
      unitId: big.id,
      target: 150,
      baseline: null,
      baselineYear: null,
      note: null,
    });
    expect(target.problem().errors).toMatchObject([{ field: 'target' }]);
    expect(
      (
        await coordinator.put('/api/v1/indicators/targets', {
          indicatorCode: 'screening.share_asked',
          year: 2026,
          unitId: big.id,
          target: 90,
          baseline: 50,
          baselineYear: 2019,
          note: null,
        })
      ).status,
    ).toBe(200);
    const withTarget = (
      await coordinator.get('/api/v1/dashboards/indicator?indicator=screening.share_asked&by=unit&period=year&from=2026-01&to=2026-03')
    ).json<Dashboard>();
    expect(withTarget.rows.find((row) => row.label === 'Stora enheten')?.target).toMatchObject({ target: 90, baseline: 50 });

    const completeness = (await coordinator.get('/api/v1/dashboards/completeness?year=2026')).json<{
      units: Array<{ name: string; months: string[] }>;
      rate: number;
    }>();
    const bigUnit = completeness.units.find((unit) => unit.name === 'Stora enheten')!;
    expect(bigUnit.months.slice(0, 3)).toEqual(['late', 'late', 'late']);
    expect(bigUnit.months.slice(4, 10)).toEqual(['missing', 'missing', 'missing', 'missing', 'missing', 'missing']);
    expect(bigUnit.months[11]).toBe('future');
  });

  it('shows units that never recorded and organisations with no annual report, and no count of persons (issue 20)', async () => {
    const region = await app.database.system((tx) => queryRows<{ id: string }>(tx, sql`select id::text from units where name = 'Region Test'`));
    const silent = await createUnit(app.database, { organisation: 'FK', name: 'Tysta enheten', parentId: region[0]!.id });
    const withoutProcess = await createUnit(app.database, { organisation: 'MV', name: 'Enhet utan process' });
    for (const reader of [coordinator, national]) {
      const completeness = (await reader.get('/api/v1/dashboards/completeness?year=2026')).json<Completeness>();
      const quiet = completeness.units.find((unit) => unit.unitId === silent.id)!;
      expect(quiet).toEqual({
        unitId: silent.id,
        name: 'Tysta enheten',
        agency: 'FK',
        months: [...Array(11).fill('missing'), 'future'],
        recorded: false,
        rate: 0,
      });
      expect(completeness.units.find((unit) => unit.name === 'Stora enheten')).toMatchObject({ recorded: true });
      // Only units of organisations that screen are expected; a region is not a unit that records.
      expect(completeness.units.map((unit) => unit.unitId)).not.toContain(withoutProcess.id);
      expect(completeness.units.map((unit) => unit.name)).not.toContain('Region Test');
      expect(completeness.reports).toEqual([{ agency: 'FK', status: 'missing', submittedAt: null, onTime: null }]);
      // Statuses and shares of months only: nothing here counts persons, so nothing needs disclosure control.
      expect(
        completeness.units.flatMap((unit) => Object.keys(unit)).filter((key) => !['unitId', 'name', 'agency', 'months', 'recorded', 'rate'].includes(key)),
      ).toEqual([]);
    }
  });

  it('says "no data source yet" for an indicator whose measure no feature registers, never zero', async () => {
    // A catalogue row naming a measure of a feature this installation does not have.
    await app.database.system(async (tx) => {
      await tx.execute(sql`insert into follow_up_indicators (code, owner_code, source) values ('example.not_installed', 'JAMY', 'measures')`);
      await tx.execute(sql`insert into follow_up_indicator_versions (code, version, name_sv, name_en, definition_sv, definition_en, numerator, denominator, unit, disaggregations, goal, joint_area, direction, valid_from)
        values ('example.not_installed', 1, 'Exempel', 'Example', 'Ett mått som inte finns', 'A measure that does not exist', 'example.count', null, 'number', array['agency', 'year'], 'knowledge', 'staff_support', 'higher', '2019-01-01')`);
    });
    const board = (await coordinator.get('/api/v1/dashboards/indicator?indicator=example.not_installed&period=year')).json<Dashboard>();
    expect(board.noDataSource).toBe(true);
    expect(board.cells).toEqual([]);
    expect(board.summary).toContain('ingen datakälla');
  });

  it('reads the share of caseworkers trained from the competence feature: confirmed completions of required courses', async () => {
    // In an organisation of its own, so no other unit's small counts call for complementary suppression.
    const trainingUnit = await createUnit(app.database, { organisation: 'MV', name: 'Utbildningsenheten' });
    const mvCoordinator = await signIn(app, await createUser(app.database, { unit: trainingUnit, roles: ['agency_coordinator'] }));
    const staff = await Promise.all(Array.from({ length: 7 }, () => createUser(app.database, { unit: trainingUnit })));
    await app.database.system(async (tx) => {
      const { courseId } = await createTestRequirementIn(tx, { tenantId: trainingUnit.tenantId });
      for (const [index, person] of staff.entries()) {
        // Five confirmed, one only self-recorded (waits for a manager), one not trained.
        if (index < 6)
          await createTestCompletionIn(tx, {
            tenantId: trainingUnit.tenantId,
            userId: person.id,
            unitId: trainingUnit.id,
            courseId,
            completedOn: '2026-10-01',
            status: index < 5 ? 'confirmed' : 'recorded',
          });
      }
    });
    const board = (
      await mvCoordinator.get('/api/v1/dashboards/indicator?indicator=mv.staff_trained&by=unit&period=month&from=2026-11&to=2026-11')
    ).json<Dashboard>();
    expect(board.noDataSource).toBe(false);
    const row = board.rows.findIndex((candidate) => candidate.label === 'Utbildningsenheten');
    expect(row).toBeGreaterThanOrEqual(0);
    const cell = board.cells[row]![0]!;
    // Five trained of seven, each published with its own noise, never below the threshold.
    expect(cell.numerator.value).toBeGreaterThanOrEqual(5);
    expect(cell.numerator.value).toBeLessThanOrEqual(5 + MAX_NOISE);
    expect(Math.abs(cell.denominator!.value! - 7)).toBeLessThanOrEqual(MAX_NOISE);
    expect(cell.value.text).toBe(`${Math.round(Math.min(1, cell.numerator.value! / cell.denominator!.value!) * 100)} %`);
  });

  it('reads every organisation’s numbers for the national coordinator, protected', async () => {
    const board = (
      await national.get('/api/v1/dashboards/indicator?indicator=screening.share_asked&by=agency&period=year&from=2026-01&to=2026-12')
    ).json<Dashboard>();
    expect(board.reach).toBe('aggregated');
    expect(board.rows.map((row) => row.label)).toContain('FK');
    // Other organisations' processes are named, not all "Process" (issue 20).
    const byProcess = (
      await national.get('/api/v1/dashboards/indicator?indicator=screening.share_asked&by=process&period=year&from=2026-01&to=2026-12')
    ).json<Dashboard>();
    expect(byProcess.rows.map((row) => row.label)).toEqual(['Testprocess']);
    const county = (
      await strategist.get('/api/v1/dashboards/indicator?indicator=screening.share_asked&by=process&period=year&from=2026-01&to=2026-12')
    ).json<Dashboard>();
    expect(county.rows.map((row) => row.label)).toEqual(['Testprocess']);
  });

  it('refuses a share without a denominator and a count with one, naming the field in Swedish', async () => {
    const definition = {
      nameSv: 'Andel',
      nameEn: 'Share',
      definitionSv: 'En andel',
      definitionEn: 'A share',
      numerator: 'screening.asked',
      denominator: null,
      unit: 'share',
      disaggregations: ['unit', 'year'],
      goal: 'detection_support',
      jointArea: 'routines',
      direction: 'higher',
      validFrom: '2026-11-23',
    };
    const missing = await national.post('/api/v1/indicators/screening.share_asked/versions', definition);
    expect(missing.status).toBe(400);
    expect(missing.json<{ errors: Array<{ field: string; message: string }> }>().errors[0]).toMatchObject({
      field: 'denominator',
      message: expect.stringContaining('Nämnare'),
    });
    const same = await national.post('/api/v1/indicators/screening.share_asked/versions', { ...definition, denominator: 'screening.asked' });
    expect(same.json<{ errors: Array<{ field: string }> }>().errors[0]!.field).toBe('denominator');
    const created = await national.post('/api/v1/indicators/screening.share_asked/versions', { ...definition, denominator: 'screening.eligible' });
    expect(created.status).toBe(201);
    expect(created.json<{ version: number; versions: unknown[] }>().version).toBe(2);
  });

  it('marks the periods that are not over, so an unfinished quarter does not read as a drop', async () => {
    const year = Number(stockholmDate(app.clock.now()).slice(0, 4));
    const partial = async (from: string, to: string) =>
      (await coordinator.get(`/api/v1/dashboards/indicator?indicator=screening.not_asked_reasons&period=quarter&from=${from}&to=${to}`))
        .json<Dashboard>()
        .columns.map((column) => [column.key, column.partial]);
    expect(await partial(`${year - 1}-01`, `${year - 1}-12`)).toEqual([1, 2, 3, 4].map((q) => [`${year - 1}-Q${q}`, false]));
    expect(await partial(`${year - 1}-01`, `${year - 1}-11`)).toEqual([1, 2, 3, 4].map((q) => [`${year - 1}-Q${q}`, q === 4]));
    const thisYear = await partial(`${year}-01`, `${year}-12`);
    expect(thisYear.at(-1)).toEqual([`${year}-Q4`, true]);
    expect(thisYear[0]).toEqual([`${year}-Q1`, stockholmDate(app.clock.now()).slice(5, 7) <= '03']);
  });

  it('takes no annual report before its year is over, and says from when', async () => {
    const thisYear = Number(stockholmDate(app.clock.now()).slice(0, 4));
    const draft = (await coordinator.post('/api/v1/reports', { year: thisYear })).json<ReportDetail>();
    expect(draft.actions).toEqual(['edit']);
    const saved = (
      await coordinator.put(`/api/v1/reports/${draft.id}`, { version: draft.version, narrative: { routines: 'Rutinen gäller alla enheter.' } })
    ).json<ReportDetail>();
    const early = await coordinator.post(`/api/v1/reports/${draft.id}/submit`, { version: saved.version });
    expect(early.status).toBe(409);
    expect(early.json<{ detail: string }>().detail).toBe(
      `Årsredovisningen för ${thisYear} kan lämnas in först när året är slut, från 1 januari ${thisYear + 1}. Fram till dess kan du skriva och spara texterna.`,
    );
    expect((await coordinator.get(`/api/v1/reports/${draft.id}`)).json<ReportDetail>().status).toBe('draft');
  });

  it('runs the annual report chain: submit once, approval by the agency freezes figures, return with a comment, compile', async () => {
    const year = Number(stockholmDate(app.clock.now()).slice(0, 4)) - 1;
    const draft = await coordinator.post('/api/v1/reports', { year });
    expect(draft.status).toBe(201);
    const report = draft.json<ReportDetail>();
    expect(report.actions).toEqual(['edit', 'submit']);
    expect((await coordinator.post('/api/v1/reports', { year })).json<{ errors: Array<{ field: string }> }>().errors[0]!.field).toBe('year');
    const saved = (
      await coordinator.put(`/api/v1/reports/${report.id}`, { version: report.version, narrative: { routines: 'Rutinen gäller alla enheter.' } })
    ).json<ReportDetail>();
    const submitted = await coordinator.post(`/api/v1/reports/${report.id}/submit`, { version: saved.version });
    expect(submitted.status).toBe(200);
    const again = await coordinator.post(`/api/v1/reports/${report.id}/submit`, { version: submitted.json<ReportDetail>().version });
    expect(again.status).toBe(409);
    expect(again.json<{ detail: string }>().detail).toContain('redan inskickad');
    expect((await coordinator.post(`/api/v1/reports/${report.id}/approve`, { version: submitted.json<ReportDetail>().version })).status).toBe(403);

    const seen = (await national.get(`/api/v1/reports/${report.id}`)).json<ReportDetail>();
    expect(seen.actions).toEqual(['return']);
    const noComment = await national.post(`/api/v1/reports/${report.id}/return`, { version: seen.version });
    expect(noComment.json<{ errors: Array<{ field: string }> }>().errors[0]!.field).toBe('comment');
    const returned = (await national.post(`/api/v1/reports/${report.id}/return`, { version: seen.version, comment: 'Beskriv hindren.' })).json<ReportDetail>();
    expect(returned.status).toBe('returned');
    const resubmitted = (await coordinator.post(`/api/v1/reports/${report.id}/submit`, { version: returned.version })).json<ReportDetail>();
    const approved = await manager.post(`/api/v1/reports/${report.id}/approve`, { version: resubmitted.version });
    expect(approved.status).toBe(200);
    expect(approved.json<ReportDetail>().frozen).toBe(true);
    const frozenFigures = approved.json<ReportDetail>().figures;

    // Data change later: the approved report keeps its figures.
    await app.database.system((tx) => insertEncounter(tx, process, { unit: big, createdBy: caseworker.id, state: 'asked', occurredOn: `${year}-03-10` }));
    expect((await manager.get(`/api/v1/reports/${report.id}`)).json<ReportDetail>().figures).toEqual(frozenFigures);
    await expect(app.database.system((tx) => tx.execute(sql`update follow_up_reports set narrative = '{}'::jsonb where id = ${report.id}`))).rejects.toThrow();

    expect((await national.post(`/api/v1/reports/${report.id}/receive`, { version: approved.json<ReportDetail>().version })).status).toBe(200);
    const pdf = await app.server.inject({ method: 'GET', url: `/api/v1/reports/compiled.pdf?year=${year}`, headers: { cookie: national.cookie! } });
    expect(pdf.statusCode).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'follow-up-')), 'report.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('FK');
    expect(text).toContain('Rutinen gäller alla enheter.');
    // The compiled spreadsheet: shown figures are number cells with a number format, hidden ones their text (issue 20).
    const compiled = await app.server.inject({ method: 'GET', url: `/api/v1/reports/compiled.xlsx?year=${year}`, headers: { cookie: national.cookie! } });
    expect(compiled.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(compiled.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const figureCells: ExcelJS.Cell[] = [];
    sheet.eachRow((row, number) => {
      if (number > 3 && row.getCell(1).value === 'FK') figureCells.push(row.getCell(3), row.getCell(4), row.getCell(5));
    });
    const shown = figureCells.filter((cell) => cell.type === ExcelJS.ValueType.Number);
    expect(shown.length).toBeGreaterThan(0);
    for (const cell of shown) expect(cell.numFmt).toMatch(/0/);
    for (const cell of figureCells.filter((entry) => entry.type !== ExcelJS.ValueType.Number && entry.type !== ExcelJS.ValueType.Null))
      expect(String(cell.value)).toMatch(/^(<\d+|–|ingen datakälla ännu|)$/);
    const shareAsked = sheet
      .getRows(4, sheet.rowCount)!
      .find((row) => row.getCell(1).value === 'FK' && row.getCell(2).value === 'Andel hållna möten där frågan om våld ställdes')!;
    expect(shareAsked.getCell(3).numFmt).toBe('0%');
  });

  it('imports county values all or nothing, naming unknown counties and duplicates, and classifies 30/40/30', async () => {
    const bad = await strategist.post('/api/v1/regional-comparisons/import', {
      csv: 'indikator;lan;ar;varde\nregion.routine_vnr;99;2025;0,5\nregion.routine_vnr;20;2025;0,5\nregion.routine_vnr;20;2025;0,6',
    });
    const checked = bad.json<ImportResult>();
    expect(checked.errors).toEqual([
      { line: 2, field: 'lan', message: expect.stringContaining('”99” finns inte') },
      { line: 4, field: 'csv', message: expect.stringContaining('rad 3') },
    ]);
    expect((await strategist.get('/api/v1/regional-comparisons?county=20')).json<Comparison>().indicators).toEqual([]);
    const counties = ['01', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '17', '18', '19', '20', '21', '22', '23', '24', '25'];
    const csv = ['indikator;lan;ar;varde', ...counties.map((county, index) => `region.routine_vnr;${county};2025;${index < 2 ? 1 : index / 21}`)].join('\n');
    const preview = (await strategist.post('/api/v1/regional-comparisons/import?dryRun=true', { csv })).json<ImportResult>();
    expect(preview).toMatchObject({ dryRun: true, rows: 21, errors: [] });
    expect((await strategist.get('/api/v1/regional-comparisons?county=20')).json<Comparison>().indicators).toEqual([]);
    expect((await strategist.post('/api/v1/regional-comparisons/import', { csv })).json<ImportResult>().errors).toEqual([]);
    const comparison = (await strategist.get('/api/v1/regional-comparisons?county=20')).json<Comparison>();
    const indicator = comparison.indicators[0]!;
    expect(indicator.counties).toBe(21);
    expect(indicator.all.filter((entry) => entry.class === 'best')).toHaveLength(6);
    expect(indicator.all.filter((entry) => entry.class === 'worst')).toHaveLength(6);
    expect(comparison.goals.find((goal) => goal.goal === 'detection_support')?.class).toBe(indicator.class);
  });

  it('computes a rate per 10 000 from a count and the population, and refuses a rate or a share written in the shown unit (issue 20)', async () => {
    // 36 shelter places for Dalarna's 287 966 inhabitants: 1,25 per 10 000, not 0.000125 nor 1 250 000.
    const counties = ['01', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '17', '18', '19', '20', '21', '22', '23', '24', '25'];
    const csv = [
      'indikator;lan;ar;antal;befolkning',
      ...counties.map((county) => `region.shelter_places;${county};2024;${county === '20' ? 36 : 30};${county === '20' ? '287 966' : 300000}`),
    ].join('\n');
    expect((await strategist.post('/api/v1/regional-comparisons/import', { csv })).json<ImportResult>()).toMatchObject({ rows: 21, errors: [] });
    const shelter = (await strategist.get('/api/v1/regional-comparisons?county=20&year=2024'))
      .json<Comparison>()
      .indicators.find((entry) => entry.code === 'region.shelter_places')!;
    expect(shelter.value).toBeCloseTo(36 / 287_966, 12);
    expect(formatIndicatorValue(shelter.value!, shelter.unit, 'sv')).toBe('1,3');

    const shown = await strategist.post('/api/v1/regional-comparisons/import?dryRun=true', {
      csv: 'indikator;lan;ar;varde\nregion.shelter_places;20;2023;1,3\nregion.routine_vnr;20;2023;45\nregion.routine_vnr;21;2023;0,45',
    });
    expect(shown.json<ImportResult>().errors).toEqual([
      { line: 2, field: 'varde', message: expect.stringContaining('0,00013') },
      { line: 3, field: 'varde', message: expect.stringContaining('0,45') },
    ]);
    const counted = await strategist.post('/api/v1/regional-comparisons/import?dryRun=true', {
      csv: 'indikator;lan;ar;antal;befolkning\nregion.routine_vnr;20;2023;10;15\nregion.shelter_places;20;2023;36;0',
    });
    expect(counted.json<ImportResult>().errors).toEqual([
      { line: 2, field: 'antal', message: expect.stringContaining('tal per 10 000') },
      { line: 3, field: 'befolkning', message: expect.stringContaining('större än 0') },
    ]);
  });
});
