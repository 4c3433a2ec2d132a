import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Encounter } from '#shared/contracts/screening.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { CANARY_PLACES_SCRIPT, createProcess, TEST_PROTECTED_MUNICIPALITY, type TestProcess } from './builders.ts';

/**
 * Protected identity is lifted only by two people (issue 16 item 4, ADR 0084). Before, one
 * manager's lift showed the stored municipality at once, and a referral's directory service —
 * a local shelter or office, which reveals the area — was answered even while location was
 * withheld.
 */
type Protection = { protectedIdentity: boolean; liftRequest: { requestedBy: string; requestedByMe: boolean } | null };

describe('lifting protected identity takes two people', () => {
  let app: TestApp;
  let unit: TestUnit;
  let caseworker: ApiClient;
  let firstManager: TestUser;
  let secondManager: TestUser;
  let first: ApiClient;
  let second: ApiClient;
  let process: TestProcess;

  beforeAll(async () => {
    app = await createTestApp({ scripts: [CANARY_PLACES_SCRIPT] });
    unit = await createUnit(app.database, { name: 'Skyddsenheten' });
    caseworker = await signIn(app, await createUser(app.database, { unit }));
    firstManager = await createUser(app.database, { unit, roles: ['manager'] });
    secondManager = await createUser(app.database, { unit, roles: ['manager'] });
    first = await signIn(app, firstManager);
    second = await signIn(app, secondManager);
    process = await createProcess(app.database, unit.tenantId);
  });
  afterAll(() => app.close());

  const encounter = async (municipalityCode: string, directoryServiceId: string) => {
    const created = await caseworker.post('/api/v1/encounters', {
      processId: process.processId,
      channel: 'phone',
      basis: 'routine',
      interpreter: 'none',
      client: { sex: 'female', ageBand: '35_44', municipalityCode, protectedIdentity: true },
      actions: { referrals: [{ kind: 'signposting', target: 'shelter', directoryServiceId }], information: [] },
    });
    expect(created.status).toBe(201);
    return created.json<Encounter>();
  };

  it('a referral’s directory service is withheld with the location (old code answered it)', async () => {
    const service = crypto.randomUUID();
    const created = await encounter(TEST_PROTECTED_MUNICIPALITY, service);
    expect(created.referrals[0]).toMatchObject({ target: 'shelter', directoryServiceId: null, municipality: null, locationWithheld: true });
    for (const response of [await caseworker.get(`/api/v1/encounters/${created.id}`), await caseworker.get('/api/v1/encounters')]) {
      expect(response.status).toBe(200);
      expect(response.body).not.toContain(service);
    }
    const [stored] = await app.database.system((tx) =>
      queryRows<{ id: string }>(tx, sql`select directory_service_id as id from screening_referrals where encounter_id = ${created.id}`),
    );
    expect(stored!.id).toBe(service);
  });

  it('one manager’s lift leaves location and referral services withheld; a second manager’s approval reveals them; both are audited (old code lifted at once)', async () => {
    const service = crypto.randomUUID();
    const created = await encounter('2080', service);
    const url = `/api/v1/records/encounter/${created.id}/protection`;

    const requested = await first.put(url, { protectedIdentity: false, designatedUnitId: null });
    expect(requested.status).toBe(200);
    expect(requested.json<Protection>()).toMatchObject({ protectedIdentity: true, liftRequest: { requestedBy: firstManager.id, requestedByMe: true } });
    const meanwhile = await caseworker.get(`/api/v1/encounters/${created.id}`);
    expect(meanwhile.json<Encounter>()).toMatchObject({ locationWithheld: true, client: { municipality: null, county: null, protectedIdentity: true } });
    expect(meanwhile.json<Encounter>().referrals[0]).toMatchObject({ directoryServiceId: null, municipality: null });
    expect(meanwhile.body).not.toContain(service);

    // The same manager cannot approve their own request, through the API or the database.
    const again = await first.put(url, { protectedIdentity: false, designatedUnitId: null });
    expect(again.status).toBe(409);
    expect(again.json().detail).toBe('Du har redan begärt att skyddet ska tas bort. En annan person med behörighet måste godkänna.');
    const refused = await app.database
      .transaction({ role: 'upptack_app', settings: { tenant_id: unit.tenantId, user_id: firstManager.id, unit_id: unit.id } }, (tx) =>
        tx.execute(sql`update record_protections set protected_identity = false where record_id = ${created.id}`),
      )
      .then(
        () => null,
        (error: unknown) => error as Error & { cause?: Error },
      );
    expect(refused?.cause?.message ?? refused?.message).toMatch(/two people/);
    expect((await caseworker.get(`/api/v1/encounters/${created.id}`)).json<Encounter>().client.municipality).toBeNull();

    const approved = await second.put(url, { protectedIdentity: false, designatedUnitId: null });
    expect(approved.status).toBe(200);
    expect(approved.json<Protection>()).toMatchObject({ protectedIdentity: false, liftRequest: null });
    const shown = (await caseworker.get(`/api/v1/encounters/${created.id}`)).json<Encounter>();
    expect(shown).toMatchObject({ locationWithheld: false, client: { municipality: { code: '2080' }, protectedIdentity: false } });
    expect(shown.referrals[0]).toMatchObject({ directoryServiceId: service, locationWithheld: false });

    const events = await app.database.system((tx) =>
      queryRows<{ action: string; actor_id: string; details: Record<string, unknown> | null }>(
        tx,
        sql`select action, actor_id, details from audit_events where record_id = ${created.id} and action like 'records.%' order by seq`,
      ),
    );
    expect(events.map((event) => [event.action, event.actor_id])).toEqual([
      ['records.request_unprotect', firstManager.id],
      ['records.protect', secondManager.id],
    ]);
    expect(events[1]!.details).toMatchObject({ protectedIdentity: false, liftRequestedBy: firstManager.id });
  });

  it('marking protected identity again withdraws a waiting request', async () => {
    const created = await encounter('2080', crypto.randomUUID());
    const url = `/api/v1/records/encounter/${created.id}/protection`;
    await first.put(url, { protectedIdentity: false, designatedUnitId: null });
    expect((await second.put(url, { protectedIdentity: true, designatedUnitId: null })).json<Protection>()).toMatchObject({
      protectedIdentity: true,
      liftRequest: null,
    });
    // A new lift starts over: the next manager's call is a request again, not an approval.
    expect((await first.put(url, { protectedIdentity: false, designatedUnitId: null })).json<Protection>()).toMatchObject({ protectedIdentity: true });
  });
});
