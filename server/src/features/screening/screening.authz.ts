import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.ts';
import { defineRouteCases, type CaseContext } from '../../test-support/authorization/route-cases.ts';
import type { ApiResponse } from '../../test-support/test-app.ts';
import { createDraft, createEncounter, createProcess, enableNotes, insertProcess, insertQuestionSet, TEST_ROUTINE_CONTENT } from './builders.ts';
import { DEFAULT_QUESTION_SET_VERSION_ID } from './demo-data.ts';

/**
 * Screening routes in the authorization matrix (ADR 0015). Encounters and drafts are real records
 * in the given unit; routines and question sets belong to the organisation (`tenantParam`).
 */
const encounter = (context: CaseContext, partial: Parameters<typeof createEncounter>[1] extends infer P ? Omit<P, 'unit'> : never = {}) =>
  createEncounter(context.app.database, { unit: context.owner.unit, createdBy: context.owner.user.id, ...partial });
const includes = (id: string) => (response: ApiResponse) => response.body.includes(id);
const defaultItems = async (context: CaseContext, versionId = DEFAULT_QUESTION_SET_VERSION_ID) => {
  const [row] = await context.app.database.system((tx) =>
    queryRows<{ items: unknown }>(tx, sql`select items from screening_question_set_versions where id = ${versionId}`),
  );
  return row!.items;
};

const routineBody = (version: number) => ({
  version,
  title: 'Ändrad testrutin',
  rules: { asking: 'routinely', channels: ['in_person'], defaultChannel: null, questionSetVersionId: DEFAULT_QUESTION_SET_VERSION_ID },
  content: TEST_ROUTINE_CONTENT,
});

export const authorizationCases = defineRouteCases([
  {
    route: 'GET /api/v1/encounters',
    kind: 'collection',
    success: 200,
    async prepare(context) {
      const { id } = await encounter(context);
      return { url: '/api/v1/encounters', shows: includes(id) };
    },
  },
  {
    route: 'GET /api/v1/encounters/tasks',
    kind: 'collection',
    success: 200,
    async prepare(context) {
      const { id } = await encounter(context, { state: 'not_asked' });
      return { url: '/api/v1/encounters/tasks', shows: includes(id) };
    },
  },
  {
    route: 'POST /api/v1/encounters',
    kind: 'collection',
    success: 201,
    audit: 1,
    async prepare(context) {
      const { processId } = await createProcess(context.app.database, context.world.home.tenantId);
      return {
        url: '/api/v1/encounters',
        body: {
          processId,
          channel: 'phone',
          basis: 'routine',
          interpreter: 'none',
          client: { sex: 'female', ageBand: '35_44', municipalityCode: '2080' },
          result: { asking: 'not_asked', notAskedReason: 'not_alone' },
        },
      };
    },
  },
  {
    route: 'POST /api/v1/encounters/lookup',
    kind: 'collection',
    success: 200,
    async prepare(context) {
      const caseReference = `REF-${crypto.randomBytes(6).toString('hex')}`;
      const { id } = await encounter(context, { caseReference });
      return { url: '/api/v1/encounters/lookup', body: { caseReference }, shows: includes(id) };
    },
  },
  {
    route: 'GET /api/v1/encounters/:id',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/encounters/${(await encounter(context)).id}` }),
  },
  {
    route: 'PUT /api/v1/encounters/:id/result',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/encounters/${(await encounter(context, { state: 'open' })).id}/result`,
      body: { asking: 'not_asked', notAskedReason: 'no_time' },
    }),
  },
  {
    route: 'POST /api/v1/encounters/:id/actions',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/encounters/${(await encounter(context)).id}/actions`,
      body: { information: [{ material: 'handout', language: 'sv', delivery: 'printed' }] },
    }),
  },
  {
    route: 'PATCH /api/v1/encounters/:id/referrals/:referralId',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const created = await encounter(context, { state: 'disclosed' });
      return { url: `/api/v1/encounters/${created.id}/referrals/${created.referralIds[0]}`, body: { action: 'confirm_handover' } };
    },
  },
  {
    route: 'GET /api/v1/encounters/:id/note',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/encounters/${(await encounter(context)).id}/note` }),
  },
  {
    route: 'POST /api/v1/encounters/:id/follow-up',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      return { url: `/api/v1/encounters/${(await encounter(context, { state: 'not_asked' })).id}/follow-up` };
    },
  },
  {
    route: 'PUT /api/v1/encounters/:id/note',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      await enableNotes(context.app.database, context.owner.unit.tenantId);
      return { url: `/api/v1/encounters/${(await encounter(context)).id}/note`, body: { note: 'Klienten vill bli uppringd på torsdag.' } };
    },
  },
  {
    route: 'GET /api/v1/encounters/drafts',
    kind: 'collection',
    success: 200,
    async prepare(context) {
      const id = await createDraft(context.app.database, { unit: context.owner.unit, userId: context.owner.user.id });
      return { url: '/api/v1/encounters/drafts', shows: includes(id) };
    },
  },
  {
    route: 'POST /api/v1/encounters/drafts',
    kind: 'collection',
    success: 201,
    audit: 1,
    prepare: async () => ({ url: '/api/v1/encounters/drafts', body: { state: { step: 'start' } } }),
  },
  {
    route: 'GET /api/v1/encounters/drafts/:id',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/encounters/drafts/${await createDraft(context.app.database, { unit: context.owner.unit, userId: context.owner.user.id })}`,
    }),
  },
  {
    route: 'PUT /api/v1/encounters/drafts/:id',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/encounters/drafts/${await createDraft(context.app.database, { unit: context.owner.unit, userId: context.owner.user.id })}`,
      body: { state: { step: 'questions' } },
    }),
  },
  {
    route: 'DELETE /api/v1/encounters/drafts/:id',
    kind: 'record',
    success: 204,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/encounters/drafts/${await createDraft(context.app.database, { unit: context.owner.unit, userId: context.owner.user.id })}`,
    }),
  },
  // Content of the organisation: any grant reaches it in every unit; another organisation's is "not found".
  {
    route: 'GET /api/v1/processes',
    kind: 'collection',
    success: 200,
    async prepare(context) {
      await createProcess(context.app.database, context.owner.unit.tenantId);
      return { url: '/api/v1/processes' };
    },
  },
  { route: 'GET /api/v1/routines', kind: 'collection', success: 200, prepare: async () => ({ url: '/api/v1/routines' }) },
  {
    route: 'POST /api/v1/routines',
    kind: 'collection',
    success: 201,
    audit: 1,
    prepare: async () => ({
      url: '/api/v1/routines',
      body: {
        title: 'Ny rutin',
        rules: routineBody(1).rules,
        content: TEST_ROUTINE_CONTENT,
        kind: 'process',
        process: { code: `p_${crypto.randomBytes(8).toString('hex')}`, name: 'Ny process' },
      },
    }),
  },
  { route: 'GET /api/v1/routines/settings', kind: 'collection', success: 200, prepare: async () => ({ url: '/api/v1/routines/settings' }) },
  {
    route: 'PUT /api/v1/routines/settings',
    kind: 'collection',
    success: 200,
    audit: 1,
    async prepare(context) {
      const [row] = await context.app.database.system((tx) =>
        queryRows<{ version: number }>(tx, sql`select version from screening_settings where tenant_id = ${context.world.home.tenantId}`),
      );
      return { url: '/api/v1/routines/settings', body: { version: row?.version ?? 1, notesEnabled: false, retentionMonths: 24, retentionAction: 'anonymise' } };
    },
  },
  {
    route: 'GET /api/v1/routines/versions/:versionId',
    kind: 'collection',
    tenantParam: true,
    success: 200,
    prepare: async (context) => ({
      url: `/api/v1/routines/versions/${(await context.app.database.system((tx) => insertProcess(tx, context.owner.unit.tenantId))).routineVersionId}`,
    }),
  },
  {
    route: 'GET /api/v1/routines/:id',
    kind: 'collection',
    tenantParam: true,
    success: 200,
    prepare: async (context) => ({
      url: `/api/v1/routines/${(await context.app.database.system((tx) => insertProcess(tx, context.owner.unit.tenantId))).routineId}`,
    }),
  },
  {
    route: 'PUT /api/v1/routines/:id/draft',
    kind: 'collection',
    tenantParam: true,
    success: 200,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/routines/${(await context.app.database.system((tx) => insertProcess(tx, context.owner.unit.tenantId))).routineId}/draft`,
      body: routineBody(1),
    }),
  },
  {
    route: 'POST /api/v1/routines/:id/submit',
    kind: 'collection',
    tenantParam: true,
    success: 200,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/routines/${(await context.app.database.system((tx) => insertProcess(tx, context.owner.unit.tenantId, { next: 'draft' }))).routineId}/submit`,
      body: { version: 1 },
    }),
  },
  {
    route: 'POST /api/v1/routines/:id/publish',
    kind: 'collection',
    tenantParam: true,
    success: 200,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/routines/${(await context.app.database.system((tx) => insertProcess(tx, context.owner.unit.tenantId, { next: 'review' }))).routineId}/publish`,
      body: { version: 1 },
    }),
  },
  { route: 'GET /api/v1/question-sets', kind: 'collection', success: 200, prepare: async () => ({ url: '/api/v1/question-sets' }) },
  {
    route: 'POST /api/v1/question-sets',
    kind: 'collection',
    success: 201,
    audit: 1,
    prepare: async (context) => ({ url: '/api/v1/question-sets', body: { name: 'Eget batteri', items: await defaultItems(context) } }),
  },
  {
    route: 'GET /api/v1/question-sets/versions/:versionId',
    kind: 'collection',
    tenantParam: true,
    success: 200,
    prepare: async (context) => ({
      url: `/api/v1/question-sets/versions/${(await context.app.database.system((tx) => insertQuestionSet(tx, context.owner.unit.tenantId))).versionId}`,
    }),
  },
  {
    route: 'GET /api/v1/question-sets/:id',
    kind: 'collection',
    tenantParam: true,
    success: 200,
    prepare: async (context) => ({
      url: `/api/v1/question-sets/${(await context.app.database.system((tx) => insertQuestionSet(tx, context.owner.unit.tenantId))).id}`,
    }),
  },
  {
    route: 'PUT /api/v1/question-sets/:id/draft',
    kind: 'collection',
    tenantParam: true,
    success: 200,
    audit: 1,
    async prepare(context) {
      const set = await context.app.database.system((tx) => insertQuestionSet(tx, context.owner.unit.tenantId));
      return { url: `/api/v1/question-sets/${set.id}/draft`, body: { version: 1, name: 'Ny version', items: await defaultItems(context, set.versionId) } };
    },
  },
  {
    route: 'POST /api/v1/question-sets/:id/submit',
    kind: 'collection',
    tenantParam: true,
    success: 200,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/question-sets/${(await context.app.database.system((tx) => insertQuestionSet(tx, context.owner.unit.tenantId, 'draft'))).id}/submit`,
      body: { version: 1 },
    }),
  },
  {
    route: 'POST /api/v1/question-sets/:id/publish',
    kind: 'collection',
    tenantParam: true,
    success: 200,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/question-sets/${(await context.app.database.system((tx) => insertQuestionSet(tx, context.owner.unit.tenantId, 'review'))).id}/publish`,
      body: { version: 1 },
    }),
  },
]);
