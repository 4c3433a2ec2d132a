import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionItems, type Encounter, type Process, type QuestionSet, type QuestionSetVersion, type Routine } from '#shared/contracts/screening.ts';
import { queryRows, sqlState } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit } from '../../test-support/builders.ts';
import { createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { TEST_ROUTINE_CONTENT } from './builders.ts';
import { DEFAULT_QUESTION_SET_VERSION_ID } from './demo-data.ts';

/** Routines and question sets as managed content: draft → review → published, immutable once published. */
describe('routines and question sets', () => {
  let app: TestApp;
  let unit: TestUnit;
  let coordinator: ApiClient;
  let caseworker: ApiClient;
  let items: QuestionSetVersion['items'];

  const rules = (questionSetVersionId: string | null = DEFAULT_QUESTION_SET_VERSION_ID) => ({
    asking: 'routinely',
    channels: ['in_person', 'phone'],
    defaultChannel: 'phone',
    questionSetVersionId,
  });

  beforeAll(async () => {
    app = await createTestApp();
    unit = await createUnit(app.database);
    coordinator = await signIn(app, await createUser(app.database, { unit, roles: ['agency_coordinator'] }));
    caseworker = await signIn(app, await createUser(app.database, { unit }));
    items = (await caseworker.get(`/api/v1/question-sets/versions/${DEFAULT_QUESTION_SET_VERSION_ID}`)).json<QuestionSetVersion>().items;
  });
  afterAll(() => app.close());

  it('ships a default question set written in our own words: shared, published, valid, three gate items, guidance on every item', async () => {
    expect(questionItems.safeParse(items).success).toBe(true);
    expect(items.filter((item) => item.gate).map((item) => item.key)).toEqual(['exposure', 'perpetration', 'children']);
    for (const item of items) {
      expect(item.guidance.howToAsk.length, item.key).toBeGreaterThan(10);
      if (!item.gate) expect(item.showWhen, item.key).not.toBeNull();
    }
    const exposureForms = items.find((item) => item.key === 'exposure_forms')!.options.map((option) => option.code);
    expect(exposureForms).toEqual(expect.arrayContaining(['physical', 'psychological', 'sexual', 'economic', 'threats', 'control', 'honour', 'digital']));
    // Every organisation sees it: here an agency that owns none of it.
    const other = await signIn(app, await createUser(app.database, { organisation: 'MV' }));
    const sets = (await other.get('/api/v1/question-sets')).json<{ questionSets: QuestionSet[] }>().questionSets;
    expect(sets.find((set) => set.versions.some((version) => version.id === DEFAULT_QUESTION_SET_VERSION_ID))).toMatchObject({
      shared: true,
      own: false,
      owner: 'SOS',
    });
  });

  it('never changes a published question set version — not through the API, not even for the database owner', async () => {
    const attempts = [
      sql`update screening_question_set_versions set items = '[]'::jsonb where id = ${DEFAULT_QUESTION_SET_VERSION_ID}`,
      sql`update screening_question_set_versions set name = 'Ändrad' where id = ${DEFAULT_QUESTION_SET_VERSION_ID}`,
      sql`update screening_question_set_versions set status = 'draft' where id = ${DEFAULT_QUESTION_SET_VERSION_ID}`,
      sql`update screening_question_set_versions set published_at = now() where id = ${DEFAULT_QUESTION_SET_VERSION_ID}`,
      sql`delete from screening_question_set_versions where id = ${DEFAULT_QUESTION_SET_VERSION_ID}`,
    ];
    for (const attempt of attempts) {
      const error = await app.database
        .system((tx) => tx.execute(attempt))
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(sqlState(error), String(attempt.queryChunks.length)).toBe('55000');
    }
    const [row] = await app.database.system((tx) =>
      queryRows<{ items: unknown }>(tx, sql`select items from screening_question_set_versions where id = ${DEFAULT_QUESTION_SET_VERSION_ID}`),
    );
    expect(row!.items).toEqual(items);
  });

  it('versions a question set: a draft is edited, reviewed and published; the published version stays as it was and encounters keep the version they used', async () => {
    const created = await coordinator.post('/api/v1/question-sets', { name: 'Eget batteri', items });
    expect(created.status).toBe(201);
    let set = created.json<QuestionSet>();
    expect(set.versions.map((v) => v.status)).toEqual(['draft']);
    set = (await coordinator.post(`/api/v1/question-sets/${set.id}/submit`, { version: set.version })).json<QuestionSet>();
    set = (await coordinator.post(`/api/v1/question-sets/${set.id}/publish`, { version: set.version })).json<QuestionSet>();
    const first = set.versions[0]!;
    expect(first.status).toBe('published');

    // Editing after publishing makes a new draft; the published version does not move.
    const edited = items.map((item) => (item.key === 'children' ? { ...item, text: 'Har du barn som bor hos dig?' } : item));
    const stale = await coordinator.put(`/api/v1/question-sets/${set.id}/draft`, { version: set.version - 1, name: 'Eget batteri', items: edited });
    expect(stale.status).toBe(409);
    set = (await coordinator.put(`/api/v1/question-sets/${set.id}/draft`, { version: set.version, name: 'Eget batteri', items: edited })).json<QuestionSet>();
    expect(set.versions.map((v) => [v.number, v.status])).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ]);
    expect((await coordinator.get(`/api/v1/question-sets/versions/${first.id}`)).json<QuestionSetVersion>().items).toEqual(items);

    // A routine using version 1; an encounter records it; publishing version 2 supersedes 1, and the encounter still names 1.
    const routine = (
      await coordinator.post('/api/v1/routines', {
        kind: 'process',
        process: { code: 'eget', name: 'Egen process' },
        title: 'Egen rutin',
        rules: rules(first.id),
        content: TEST_ROUTINE_CONTENT,
      })
    ).json<Routine>();
    const submitted = (await coordinator.post(`/api/v1/routines/${routine.id}/submit`, { version: routine.version })).json<Routine>();
    await coordinator.post(`/api/v1/routines/${routine.id}/publish`, { version: submitted.version });
    const encounter = (
      await caseworker.post('/api/v1/encounters', {
        processId: routine.process!.id,
        channel: 'phone',
        basis: 'routine',
        interpreter: 'none',
        client: { sex: 'female', ageBand: '18_24', municipalityCode: '2080' },
        result: {
          asking: 'asked',
          answers: [
            { item: 'exposure', value: 'no' },
            { item: 'perpetration', value: 'no' },
            { item: 'children', value: 'no' },
          ],
        },
      })
    ).json<Encounter>();
    expect(encounter.questionSetVersionId).toBe(first.id);
    set = (await coordinator.post(`/api/v1/question-sets/${set.id}/submit`, { version: set.version })).json<QuestionSet>();
    set = (await coordinator.post(`/api/v1/question-sets/${set.id}/publish`, { version: set.version })).json<QuestionSet>();
    expect(set.versions.map((v) => [v.number, v.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    expect((await caseworker.get(`/api/v1/encounters/${encounter.id}`)).json<Encounter>().questionSetVersionId).toBe(first.id);
  });

  it('refuses an instrument that does not start with one to three gate items, or a detail item without its condition', async () => {
    const gates = items.filter((item) => item.gate);
    const fourGates = [...gates, { ...gates[0]!, key: 'fourth' }];
    const response = await coordinator.post('/api/v1/question-sets', { name: 'Fel', items: fourGates });
    expect(response.status).toBe(400);
    const orphan = [...gates, { ...items.find((item) => !item.gate)!, key: 'orphan', showWhen: { item: 'missing', value: 'yes' } }];
    const orphanResponse = await coordinator.post('/api/v1/question-sets', { name: 'Fel', items: orphan });
    expect(orphanResponse.problem().errors.map((error) => error.field)).toEqual(['items.3.showWhen']);
  });

  it('publishes routines through review; the process in force follows the published version; only knowledge editors share guidance', async () => {
    const created = await coordinator.post('/api/v1/routines', {
      kind: 'process',
      process: { code: 'underhallsstod_test', name: 'Underhållsstöd' },
      title: 'Underhållsstöd',
      rules: rules(),
      content: TEST_ROUTINE_CONTENT,
    });
    expect(created.status).toBe(201);
    let routine = created.json<Routine>();
    const inForce = async () =>
      (await caseworker.get('/api/v1/processes')).json<{ processes: Process[] }>().processes.find((p) => p.id === routine.process!.id);
    expect(await inForce()).toBeUndefined();
    expect((await coordinator.post(`/api/v1/routines/${routine.id}/publish`, { version: routine.version })).status).toBe(409);
    routine = (await coordinator.post(`/api/v1/routines/${routine.id}/submit`, { version: routine.version })).json<Routine>();
    routine = (await coordinator.post(`/api/v1/routines/${routine.id}/publish`, { version: routine.version })).json<Routine>();
    expect(await inForce()).toMatchObject({ rules: { asking: 'routinely', defaultChannel: 'phone' } });
    const taken = await coordinator.post('/api/v1/routines', {
      kind: 'process',
      process: { code: 'underhallsstod_test', name: 'Igen' },
      title: 'Igen',
      rules: rules(),
      content: TEST_ROUTINE_CONTENT,
    });
    expect(taken.status).toBe(409);
    expect(taken.problem().errors.map((error) => error.field)).toEqual(['process.code']);

    const guidance = {
      kind: 'guidance',
      process: null,
      title: 'Att fråga om våld',
      rules: { asking: 'inform_only', channels: [], defaultChannel: null, questionSetVersionId: null },
      content: TEST_ROUTINE_CONTENT,
      shared: true,
    };
    expect((await coordinator.post('/api/v1/routines', guidance)).status).toBe(403);
    const editorUnit = await createUnit(app.database, { organisation: 'SOS' });
    const editor = await signIn(app, await createUser(app.database, { unit: editorUnit, roles: ['knowledge_editor'] }));
    let shared = (await editor.post('/api/v1/routines', guidance)).json<Routine>();
    shared = (await editor.post(`/api/v1/routines/${shared.id}/submit`, { version: shared.version })).json<Routine>();
    const beforePublishing = await caseworker.get(`/api/v1/routines/${shared.id}`);
    expect(beforePublishing.status).toBe(404);
    shared = (await editor.post(`/api/v1/routines/${shared.id}/publish`, { version: shared.version })).json<Routine>();
    const seen = (await caseworker.get(`/api/v1/routines/${shared.id}`)).json<Routine>();
    expect(seen).toMatchObject({ own: false, shared: true, draft: null, published: { title: 'Att fråga om våld' } });
    expect(
      (
        await coordinator.put(`/api/v1/routines/${shared.id}/draft`, {
          version: seen.version,
          title: 'Kapad',
          rules: guidance.rules,
          content: TEST_ROUTINE_CONTENT,
        })
      ).status,
    ).toBe(403);
  });

  it('keeps notes off and retention at the defaults until the agency changes them, with optimistic concurrency', async () => {
    const settings = (await caseworker.get('/api/v1/routines/settings')).json<{ notesEnabled: boolean; retentionMonths: number; version: number }>();
    expect(settings).toEqual({ notesEnabled: false, retentionMonths: 24, retentionAction: 'anonymise', version: 1 });
    const saved = await coordinator.put('/api/v1/routines/settings', { version: 1, notesEnabled: true, retentionMonths: 12, retentionAction: 'delete' });
    expect(saved.json()).toEqual({ notesEnabled: true, retentionMonths: 12, retentionAction: 'delete', version: 2 });
    expect(
      (await coordinator.put('/api/v1/routines/settings', { version: 1, notesEnabled: false, retentionMonths: 12, retentionAction: 'delete' })).status,
    ).toBe(409);
    expect(
      (await coordinator.put('/api/v1/routines/settings', { version: 2, notesEnabled: false, retentionMonths: 2, retentionAction: 'delete' })).status,
    ).toBe(400);
  });
});
