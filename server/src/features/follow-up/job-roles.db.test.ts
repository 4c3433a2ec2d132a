import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserDetail } from '#shared/contracts/administration.ts';
import type { Dashboard, Indicator } from '#shared/contracts/follow-up.ts';
import { MAX_NOISE } from '../../platform/disclosure/cell-key.ts';
import { createUnit, createUser, type TestUnit } from '../../test-support/builders.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { createProcess, insertEncounter } from '../screening/builders.ts';

/**
 * Job roles apart from permission roles (issue 20, ADR 0116, migrations 0176–0177): set on a
 * membership through the administration API, and the denominator of "share of caseworkers who
 * asked" is every caseworker by job role in the unit, not only those who recorded something.
 */
describe('job roles', () => {
  let app: TestApp;
  let coordinator: ApiClient;
  let region: TestUnit;
  let unit: TestUnit;
  const near = (value: number | null | undefined, expected: number) => expect(Math.abs(value! - expected)).toBeLessThanOrEqual(MAX_NOISE);

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-11-23T09:00:00Z' });
    region = await createUnit(app.database, { organisation: 'FK', level: 'region', name: 'Region Befattning' });
    unit = await createUnit(app.database, { organisation: 'FK', name: 'Enheten Befattning', parentId: region.id });
    const caseworkers = await Promise.all(Array.from({ length: 12 }, () => createUser(app.database, { unit, jobRole: 'caseworker' })));
    // Decision makers hold the caseworker permission role to record, but are not caseworkers by job.
    const deciders = await Promise.all(Array.from({ length: 4 }, () => createUser(app.database, { unit, jobRole: 'decision_maker' })));
    const process = await createProcess(app.database, unit.tenantId);
    await app.database.system(async (tx) => {
      for (const person of [...caseworkers.slice(0, 8), ...deciders])
        await insertEncounter(tx, process, { unit, createdBy: person.id, state: 'asked', occurredOn: '2026-03-10' });
    });
    coordinator = await signIn(app, await createUser(app.database, { unit: region, roles: ['agency_coordinator'] }));
  });
  afterAll(() => app.close());

  it('sets a job role on a membership through the administration API, and refuses an unknown one naming the field', async () => {
    const person = await createUser(app.database, { unit: region, roles: ['caseworker'] });
    const added = await coordinator.post(`/api/v1/admin/users/${person.id}/memberships`, {
      unitId: region.id,
      role: 'caseworker',
      jobRole: 'accommodation_staff',
      startsOn: '2026-11-23',
    });
    expect(added.status).toBe(201);
    expect(added.json<UserDetail>().memberships).toEqual(
      expect.arrayContaining([expect.objectContaining({ jobRole: 'accommodation_staff', role: 'caseworker' }), expect.objectContaining({ jobRole: null })]),
    );
    const refused = await coordinator.post(`/api/v1/admin/users/${person.id}/memberships`, {
      unitId: region.id,
      role: 'caseworker',
      jobRole: 'pilot',
      startsOn: '2026-11-23',
    });
    expect(refused.status).toBe(400);
    expect(refused.problem().errors.map((error) => error.field)).toEqual(['jobRole']);
  });

  it('divides the caseworkers by job role who asked by every caseworker by job role in the unit', async () => {
    const indicator = (await coordinator.get('/api/v1/indicators/fk.caseworkers_asking')).json<Indicator>();
    expect(indicator).toMatchObject({ version: 2, numerator: 'screening.caseworkers_asked', denominator: 'staff.caseworkers', hasDataSource: true });
    expect(indicator.definition).toContain('alla handläggare (befattning) i enheten');
    const board = (
      await coordinator.get('/api/v1/dashboards/indicator?indicator=fk.caseworkers_asking&by=unit&period=year&from=2026-01&to=2026-12')
    ).json<Dashboard>();
    const row = board.rows.findIndex((candidate) => candidate.key === unit.id);
    expect(row).toBeGreaterThanOrEqual(0);
    // 8 of 12 caseworkers asked; the 4 decision makers who asked count in neither.
    near(board.rowTotals[row]!.numerator.value, 8);
    near(board.rowTotals[row]!.denominator!.value, 12);
  });
});
