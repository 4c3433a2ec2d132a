import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Encounter } from '#shared/contracts/screening.ts';
import { testConfig } from '../../config.ts';
import { createFieldCipher } from '../../platform/crypto/field-encryption.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../test-support/builders.ts';
import { PROTECTED_CANARY } from '../../test-support/canary.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { CANARY_PLACES_SCRIPT, createProcess, TEST_PROTECTED_MUNICIPALITY, type TestProcess } from './builders.ts';

/**
 * Drafts of an encounter whose client has protected identity (issue 16, migration 0179). Before,
 * a draft was its author's own and nothing more: resumed from any unit the author acts in, it
 * answered the municipality (and the child-at-risk report's municipality) the protected person
 * lives in, which a finished encounter never shows again (ADR 0010, 0084). Now a protected draft
 * exists only in the unit where it was begun, on every path (list, read, save, removal, the
 * database itself), and its location fields are kept in the stored value but answered empty; the
 * encounter recorded from it with `draftId` still gets them. Runs on the embedded database and,
 * with DATABASE_URL, on PostgreSQL.
 */
type Draft = { id: string; state: Record<string, unknown>; version: number; locationWithheld: boolean };

describe('a draft of a protected encounter is held like the encounter', () => {
  let app: TestApp;
  let home: TestUnit;
  let other: TestUnit;
  let author: TestUser;
  let inHome: ApiClient;
  let inOther: ApiClient;
  let process: TestProcess;
  const cipher = createFieldCipher(testConfig().encryptionKey);

  beforeAll(async () => {
    app = await createTestApp({ scripts: [CANARY_PLACES_SCRIPT] });
    home = await createUnit(app.database, { name: 'Hemenheten' });
    other = await createUnit(app.database, { name: 'Andra enheten' });
    author = await createUser(app.database, { unit: home });
    // The same caseworker also works in another unit of the organisation.
    await app.database.system((tx) =>
      tx.execute(
        sql`insert into memberships (tenant_id, user_id, unit_id, role, starts_on) values (${other.tenantId}, ${author.id}, ${other.id}, 'caseworker', '2024-01-01')`,
      ),
    );
    inHome = await signIn(app, author, { unitId: home.id });
    inOther = await signIn(app, author, { unitId: other.id });
    process = await createProcess(app.database, home.tenantId);
  });
  afterAll(() => app.close());

  const protectedState = (municipalityCode: string) => ({
    step: 'start',
    protectedIdentity: true,
    municipalityCode,
    childConcern: { decision: 'reported', madeOn: '2026-11-20', municipalityCode },
  });
  const start = async (state: Record<string, unknown>) => {
    const created = await inHome.post('/api/v1/encounters/drafts', { state });
    expect(created.status).toBe(201);
    return created.json<Draft>();
  };
  /** The stored value, decrypted as the system (what the service keeps for the encounter). */
  const stored = async (id: string) => {
    const [row] = await app.database.system((tx) =>
      queryRows<{ payload: string; protected_identity: boolean }>(
        tx,
        sql`select payload_encrypted as payload, protected_identity from screening_drafts where id = ${id}`,
      ),
    );
    return { state: JSON.parse(cipher.decrypt(row!.payload, `screening_drafts:${id}`)) as Record<string, unknown>, marked: row!.protected_identity };
  };

  it('answers a protected draft without its location, on create, read and save, and keeps it stored (old code answered it)', async () => {
    // The canary in the location fields: every answer of the app is scanned for it at close.
    const created = await start(protectedState(PROTECTED_CANARY));
    expect(created).toMatchObject({ locationWithheld: true, state: { municipalityCode: '', childConcern: { municipalityCode: '', decision: 'reported' } } });
    const read = await inHome.get(`/api/v1/encounters/drafts/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.json<Draft>()).toMatchObject({
      locationWithheld: true,
      state: { protectedIdentity: true, municipalityCode: '', childConcern: { municipalityCode: '' } },
    });

    // Saved back as it was answered (location empty), with another step: nothing typed is lost.
    const saved = await inHome.put(`/api/v1/encounters/drafts/${created.id}`, { state: { ...read.json<Draft>().state, step: 'questions' }, version: 1 });
    expect(saved.status).toBe(200);
    expect(saved.json<Draft>()).toMatchObject({ version: 2, locationWithheld: true, state: { step: 'questions', municipalityCode: '' } });
    expect(await stored(created.id)).toEqual({
      marked: true,
      state: { ...protectedState(PROTECTED_CANARY), step: 'questions' },
    });
  });

  it('a protected draft exists only in the unit where it was begun: not listed, read, saved or removed from another unit (old code: all of these)', async () => {
    const guarded = await start(protectedState(TEST_PROTECTED_MUNICIPALITY));
    const ordinary = await start({ step: 'start', protectedIdentity: false, municipalityCode: '0180' });
    const listed = async (client: ApiClient) =>
      (await client.get('/api/v1/encounters/drafts')).json<{ drafts: Array<{ id: string }> }>().drafts.map((d) => d.id);

    expect(await listed(inHome)).toEqual(expect.arrayContaining([guarded.id, ordinary.id]));
    expect(await listed(inOther)).toContain(ordinary.id);
    expect(await listed(inOther)).not.toContain(guarded.id);
    expect((await inOther.get(`/api/v1/encounters/drafts/${guarded.id}`)).status).toBe(404);
    expect((await inOther.put(`/api/v1/encounters/drafts/${guarded.id}`, { state: { step: 'x', protectedIdentity: false } })).status).toBe(404);
    expect((await inOther.delete(`/api/v1/encounters/drafts/${guarded.id}`)).status).toBe(404);
    expect(await stored(guarded.id)).toEqual({ marked: true, state: protectedState(TEST_PROTECTED_MUNICIPALITY) });
    // An ordinary draft is still its author's in any unit.
    expect((await inOther.get(`/api/v1/encounters/drafts/${ordinary.id}`)).json<Draft>()).toMatchObject({
      locationWithheld: false,
      state: { municipalityCode: '0180' },
    });
  });

  it('the database itself holds it: a query without any condition, as the author acting in another unit, has no protected draft', async () => {
    const guarded = await start(protectedState(TEST_PROTECTED_MUNICIPALITY));
    const asAuthorIn = (unit: TestUnit) =>
      app.database.transaction({ role: 'upptack_app', settings: { tenant_id: unit.tenantId, user_id: author.id, unit_id: unit.id } }, (tx) =>
        queryRows<{ id: string }>(tx, sql`select id from screening_drafts`),
      );
    expect((await asAuthorIn(home)).map((row) => row.id)).toContain(guarded.id);
    expect((await asAuthorIn(other)).map((row) => row.id)).not.toContain(guarded.id);
    // Nor can a draft begun in another unit be stored as protected in the home unit's name.
    const forged = app.database.transaction({ role: 'upptack_app', settings: { tenant_id: other.tenantId, user_id: author.id, unit_id: other.id } }, (tx) =>
      tx.execute(
        sql`insert into screening_drafts (tenant_id, unit_id, user_id, payload_encrypted, protected_identity) values (${home.tenantId}, ${home.id}, ${author.id}, 'v1.x', true)`,
      ),
    );
    const refusal = await forged.then(
      () => 'inserted',
      (error: unknown) => String((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message),
    );
    expect(refusal).toMatch(/row-level security/);
  });

  it('the encounter recorded from a protected draft gets the withheld municipality from the draft, and answers it withheld', async () => {
    const draft = await start(protectedState(TEST_PROTECTED_MUNICIPALITY));
    const body = {
      processId: process.processId,
      channel: 'phone',
      basis: 'routine',
      interpreter: 'none',
      client: { sex: 'female', ageBand: '35_44', municipalityCode: null, protectedIdentity: true },
    };
    const recorded = await inHome.post('/api/v1/encounters', { ...body, draftId: draft.id });
    expect(recorded.status).toBe(201);
    expect(recorded.body).not.toContain(TEST_PROTECTED_MUNICIPALITY);
    const encounter = recorded.json<Encounter>();
    const [row] = await app.database.system((tx) =>
      queryRows<{ municipality: string | null }>(tx, sql`select client_municipality_code as municipality from screening_encounters where id = ${encounter.id}`),
    );
    expect(row!.municipality).toBe(TEST_PROTECTED_MUNICIPALITY);

    // Another caseworker naming the draft gets nothing from it (it is not theirs).
    const colleague = await signIn(app, await createUser(app.database, { unit: home }));
    const theirs = await colleague.post('/api/v1/encounters', { ...body, draftId: draft.id });
    expect(theirs.status).toBe(201);
    const [their] = await app.database.system((tx) =>
      queryRows<{ municipality: string | null }>(
        tx,
        sql`select client_municipality_code as municipality from screening_encounters where id = ${theirs.json<Encounter>().id}`,
      ),
    );
    expect(their!.municipality).toBeNull();
  });

  it('an ordinary draft resumed in another unit cannot be marked protected there (it would vanish): 409, and it stays ordinary', async () => {
    const draft = await start({ step: 'start', protectedIdentity: false, municipalityCode: '' });
    const marked = await inOther.put(`/api/v1/encounters/drafts/${draft.id}`, { state: protectedState(TEST_PROTECTED_MUNICIPALITY) });
    expect(marked.status).toBe(409);
    expect(marked.body).not.toContain(TEST_PROTECTED_MUNICIPALITY);
    expect(await stored(draft.id)).toMatchObject({ marked: false, state: { protectedIdentity: false } });
    // In the unit where it was begun, it is.
    expect((await inHome.put(`/api/v1/encounters/drafts/${draft.id}`, { state: protectedState(TEST_PROTECTED_MUNICIPALITY) })).status).toBe(200);
    expect((await stored(draft.id)).marked).toBe(true);
  });

  it('unmarking the protection drops the stored location instead of showing it', async () => {
    const draft = await start(protectedState(TEST_PROTECTED_MUNICIPALITY));
    const unmarked = await inHome.put(`/api/v1/encounters/drafts/${draft.id}`, { state: { ...draft.state, protectedIdentity: false } });
    expect(unmarked.status).toBe(200);
    expect(unmarked.body).not.toContain(TEST_PROTECTED_MUNICIPALITY);
    const read = (await inHome.get(`/api/v1/encounters/drafts/${draft.id}`)).json<Draft>();
    expect(read).toMatchObject({ locationWithheld: false, state: { protectedIdentity: false, municipalityCode: '', childConcern: { municipalityCode: '' } } });
    expect((await stored(draft.id)).marked).toBe(false);
  });
});
