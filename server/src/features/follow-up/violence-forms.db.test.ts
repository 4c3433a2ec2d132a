import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '#shared/contracts/follow-up.ts';
import type { ViolenceForm } from '#shared/contracts/screening-codes.ts';
import { queryRows } from '../../platform/db/database.ts';
import { MAX_NOISE } from '../../platform/disclosure/cell-key.ts';
import { createUnit, createUser } from '../../test-support/builders.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { createProcess, insertEncounter } from '../screening/builders.ts';

/** The national strategy's forms of violence are recorded and counted apart (issue 20, ADR 0097, migration 0151). */
describe('forms of violence of the national strategy', () => {
  let app: TestApp;
  let coordinator: ApiClient;

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-11-23T09:00:00Z' });
    const region = await createUnit(app.database, { organisation: 'FK', level: 'region', name: 'Region Test' });
    const unit = await createUnit(app.database, { organisation: 'FK', name: 'Enheten', parentId: region.id });
    const caseworker = await createUser(app.database, { unit });
    const process = await createProcess(app.database, unit.tenantId);
    const recorded: Array<[ViolenceForm, number]> = [
      ['fgm', 8],
      ['trafficking_labour_child', 8],
      ['sexual_harassment', 8],
      // Recorded before the split: still valid, and counted as "not specified".
      ['honour', 8],
      ['forced_marriage', 2],
    ];
    await app.database.system(async (tx) => {
      for (const [form, count] of recorded) {
        for (let i = 0; i < count; i++)
          await insertEncounter(tx, process, { unit, createdBy: caseworker.id, state: 'disclosed', exposureForms: [form], occurredOn: '2026-03-10' });
      }
    });
    coordinator = await signIn(app, await createUser(app.database, { unit: region, roles: ['agency_coordinator'] }));
  });
  afterAll(() => app.close());

  it('counts each form apart by name, the lumped old code as not specified, and a small count as "<5"', async () => {
    const board = (
      await coordinator.get('/api/v1/dashboards/indicator?indicator=screening.disclosed_exposure&by=violence_form&period=year&from=2026-01&to=2026-12')
    ).json<Dashboard>();
    const byLabel = new Map(board.rows.map((row, index) => [row.label, board.rowTotals[index]!.numerator]));
    for (const label of ['Könsstympning', 'Människohandel, arbete, barn', 'Sexuella trakasserier', 'Hedersrelaterat, ej specificerat']) {
      const cell = byLabel.get(label)!;
      expect(Math.abs(cell.value! - 8)).toBeLessThanOrEqual(MAX_NOISE);
    }
    expect(byLabel.get('Tvångsäktenskap')!.text).toBe('<5');
  });

  it('refuses a form outside the list in the database too', async () => {
    const [row] = await app.database.system((tx) =>
      queryRows<{ encounter_id: string; tenant_id: string }>(tx, sql`select encounter_id::text, tenant_id::text from screening_encounter_forms limit 1`),
    );
    await expect(
      app.database.system((tx) =>
        tx.execute(
          sql`insert into screening_encounter_forms (encounter_id, tenant_id, kind, form) values (${row!.encounter_id}, ${row!.tenant_id}, 'perpetration', 'trafficking')`,
        ),
      ),
    ).rejects.toThrow();
  });
});
