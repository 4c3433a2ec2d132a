import { z } from 'zod';
import {
  actionsSchema,
  createEncounterRequest,
  draftList,
  draftRequest,
  draftSchema,
  encounterList,
  encounterListQuery,
  encounterSchema,
  encounterSummarySchema,
  idParams,
  lookupRequest,
  noteRequest,
  noteSchema,
  referralParams,
  referralUpdateRequest,
  resultSchema,
  taskList,
} from '#shared/contracts/screening.ts';
import { defineRoute, type Route, type RouteInput } from '../../platform/http/route.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { createDraft, myDrafts, readDraft, removeDraft, saveDraft } from './draft-service.ts';
import {
  addActions,
  addResult,
  changeReferral,
  checkIdempotencyKey,
  createEncounter,
  getNote,
  listEncounters,
  listTasks,
  markFollowUp,
  lookupByCaseReference,
  readEncounter,
  saveNote,
  type ScreeningDeps,
  type WriteOutcome,
} from './encounter-service.ts';

const tags = ['Screening encounters'];

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  description:
    'Any unique string (1–200 visible characters), e.g. a UUID per logical write. A retried request with the same key and body gets the first answer again ' +
    '(header `Idempotent-Replayed: true`) instead of a second write; the same key with another body is refused (422). Keys are kept for 24 hours.',
  required: false,
};

/** A create request as a case system sends it: routine phone investigation, nothing disclosed. */
const CREATE_EXAMPLE = {
  processId: '00000000-0000-4000-8000-000000000001',
  occurredOn: '2026-11-23',
  channel: 'phone',
  basis: 'routine',
  interpreter: 'none',
  client: { sex: 'female', ageBand: '35_44', municipalityCode: '2080', protectedIdentity: false, caseReference: 'FK-2026-004711' },
  result: {
    asking: 'asked',
    answers: [
      { item: 'exposure', value: 'no' },
      { item: 'perpetration', value: 'no' },
      { item: 'children', value: 'no' },
    ],
    outcome: 'nothing_disclosed',
  },
  actions: { information: [{ material: 'handout', language: 'sv', delivery: 'shown' }] },
};

/** Writes answer with the stored status and mark a replay, so a retry cannot tell it from the first answer except by the header. */
function answer(input: RouteInput<unknown, unknown, unknown>, outcome: WriteOutcome) {
  input.reply.code(outcome.status);
  if (outcome.replayed) input.reply.header('idempotent-replayed', 'true');
  return outcome.encounter;
}

export function encounterRoutes(context: FeatureContext, deps: ScreeningDeps): Route[] {
  const idempotency = (input: RouteInput<unknown, unknown, unknown>, operation: string, body: unknown) => {
    const key = checkIdempotencyKey(input.request.headers['idempotency-key']);
    return key ? { key, operation, body } : undefined;
  };
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/encounters',
      summary: 'Encounters in the caller’s reach, and those with reminders',
      description:
        'The 50 most recent encounters the caller reaches (a caseworker their own, a manager or an integration their unit’s; `mine=true` narrows to the caller’s own) ' +
        'and, separately, those with something left to do: a handover not yet confirmed, a child-at-risk report to make, a result missing. One audit event per encounter shown.',
      tags,
      access: { kind: 'permission', action: 'encounters.read' },
      query: encounterListQuery,
      responses: { 200: { description: 'Encounters', schema: encounterList } },
      handler: (input) => input.db((tx) => listEncounters(tx, deps, input.caller, input.query.mine)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/encounters/tasks',
      summary: 'The caller’s task list: handovers to confirm, child-at-risk reports to make, clients not asked',
      description:
        'Open tasks in the caller’s reach (a caseworker their own encounters, a manager their unit’s): a handover agreed with consent and not yet confirmed, ' +
        'a child-at-risk report decided on and not yet made, and an encounter where the caseworker could not ask and no later encounter with the same case ' +
        'reference asked the client (without a case reference it stays listed). Each task names its encounter. One audit event per encounter shown.',
      tags,
      access: { kind: 'permission', action: 'encounters.read' },
      responses: { 200: { description: 'Open tasks', schema: taskList } },
      handler: (input) => input.db((tx) => listTasks(tx, deps, input.caller)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/encounters',
      summary: 'Record an encounter (with its result and actions, or add them later)',
      description:
        'Records an encounter in the caller’s acting unit under the routine in force for the process. With `result` it is completed at once; without, it stays open ' +
        'until `PUT /api/v1/encounters/{id}/result`. Contradictions are refused with 400 naming the fields (e.g. not asked with answers, a child at risk without a ' +
        'report decision, a handover without consent, an unpublished question set). The case reference is encrypted, never returned, and findable only by its exact value.',
      tags,
      access: { kind: 'permission', action: 'encounters.create' },
      body: createEncounterRequest,
      bodyExample: CREATE_EXAMPLE,
      headers: [IDEMPOTENCY_HEADER],
      responses: { 201: { description: 'Recorded (or the first answer again, for a retried request)', schema: encounterSchema } },
      handler: async (input) =>
        answer(input, await input.db((tx) => createEncounter(tx, deps, input.caller, input.body, idempotency(input, 'create', input.body)))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/encounters/lookup',
      summary: 'Find encounters by the agency’s exact case reference',
      description:
        'The reference is sent in the body (never in a URL that could be logged) and compared through a keyed hash. One audit event per encounter found.',
      tags,
      access: { kind: 'permission', action: 'encounters.read' },
      body: lookupRequest,
      bodyExample: { caseReference: 'FK-2026-004711' },
      responses: { 200: { description: 'Matching encounters', schema: z.object({ encounters: z.array(encounterSummarySchema) }) } },
      handler: (input) => input.db((tx) => lookupByCaseReference(tx, deps, input.caller, input.body.caseReference)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/encounters/:id',
      summary: 'One encounter (one audit event; the place is withheld for a protected identity)',
      tags,
      access: { kind: 'permission', action: 'encounters.read' },
      params: idParams,
      responses: { 200: { description: 'The encounter', schema: encounterSchema } },
      handler: (input) => input.db(async (tx) => (await readEncounter(tx, deps, input.caller, input.params.id)).encounter),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/encounters/:id/result',
      summary: 'Add the result to an open encounter: asked or not (and why), answers, outcome, child-at-risk decision',
      tags,
      access: { kind: 'permission', action: 'encounters.update' },
      params: idParams,
      body: resultSchema,
      bodyExample: { asking: 'not_asked', notAskedReason: 'not_alone' },
      headers: [IDEMPOTENCY_HEADER],
      responses: { 200: { description: 'The completed encounter', schema: encounterSchema } },
      handler: async (input) =>
        answer(
          input,
          await input.db((tx) => addResult(tx, deps, input.caller, input.params.id, input.body, idempotency(input, `result:${input.params.id}`, input.body))),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/encounters/:id/actions',
      summary: 'Add referrals (signposting, handover with consent, police report) and information given',
      tags,
      access: { kind: 'permission', action: 'encounters.update' },
      params: idParams,
      body: actionsSchema,
      bodyExample: {
        referrals: [{ kind: 'handover', target: 'shelter', directoryServiceId: null, consent: { scope: ['contact_details', 'situation_summary'] } }],
        information: [{ material: 'handout', language: 'ar', delivery: 'printed' }],
      },
      headers: [IDEMPOTENCY_HEADER],
      responses: { 200: { description: 'The encounter with its actions', schema: encounterSchema } },
      handler: async (input) =>
        answer(
          input,
          await input.db((tx) => addActions(tx, deps, input.caller, input.params.id, input.body, idempotency(input, `actions:${input.params.id}`, input.body))),
        ),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/encounters/:id/referrals/:referralId',
      summary: 'Confirm a handover, record a withdrawal of consent, or mark a planned report as made',
      tags,
      access: { kind: 'permission', action: 'encounters.update' },
      params: referralParams,
      body: referralUpdateRequest,
      bodyExample: { action: 'confirm_handover' },
      responses: { 200: { description: 'The encounter', schema: encounterSchema } },
      handler: (input) => input.db((tx) => changeReferral(tx, deps, input.caller, input.params.id, input.params.referralId, input.body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/encounters/:id/follow-up',
      summary: 'Mark an encounter where the caseworker could not ask as followed up (off the task list)',
      description: 'Only for an encounter recorded as not asked; 409 otherwise. Audited as a change (`encounters.update`).',
      tags,
      access: { kind: 'permission', action: 'encounters.update' },
      params: idParams,
      responses: { 200: { description: 'The encounter', schema: encounterSchema } },
      handler: (input) => input.db((tx) => markFollowUp(tx, deps, input.caller, input.params.id)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/encounters/:id/note',
      summary: 'The encounter’s free-text note (its own audit event, `encounters.read_note`)',
      tags,
      access: { kind: 'permission', action: 'encounters.read' },
      params: idParams,
      responses: { 200: { description: 'The note (null when there is none)', schema: noteSchema } },
      handler: (input) => input.db((tx) => getNote(tx, deps, input.caller, input.params.id)),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/encounters/:id/note',
      summary: 'Write the encounter’s free-text note (only when the agency has enabled notes; encrypted)',
      tags,
      access: { kind: 'permission', action: 'encounters.update' },
      params: idParams,
      body: noteRequest,
      responses: { 200: { description: 'Saved', schema: noteSchema } },
      handler: (input) => input.db((tx) => saveNote(tx, deps, input.caller, input.params.id, input.body.note)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/encounters/drafts',
      summary: 'The caller’s unfinished encounters (ids and times only)',
      tags,
      access: { kind: 'permission', action: 'encounters.draft' },
      responses: { 200: { description: 'Drafts', schema: draftList } },
      handler: (input) => input.db((tx) => myDrafts(tx, input.caller)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/encounters/drafts',
      summary: 'Start a draft (stored encrypted; only its author reaches it)',
      tags,
      access: { kind: 'permission', action: 'encounters.draft' },
      body: draftRequest,
      responses: { 201: { description: 'Created', schema: draftSchema } },
      async handler(input) {
        const draft = await input.db((tx) => createDraft(tx, context.cipher, input.caller, input.body.state));
        input.reply.code(201);
        return draft;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/encounters/drafts/:id',
      summary: 'Resume a draft',
      tags,
      access: { kind: 'permission', action: 'encounters.draft' },
      params: idParams,
      responses: { 200: { description: 'The draft', schema: draftSchema } },
      handler: (input) => input.db((tx) => readDraft(tx, context.cipher, input.caller, input.params.id)),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/encounters/drafts/:id',
      summary: 'Save a draft (with `version`, a save from another tab is refused with 409)',
      tags,
      access: { kind: 'permission', action: 'encounters.draft' },
      params: idParams,
      body: draftRequest,
      responses: { 200: { description: 'Saved', schema: draftSchema } },
      handler: (input) => input.db((tx) => saveDraft(tx, context.cipher, input.caller, input.params.id, input.body.state, input.body.version)),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/encounters/drafts/:id',
      summary: 'Discard a draft (also done when the encounter is saved)',
      tags,
      access: { kind: 'permission', action: 'encounters.draft' },
      params: idParams,
      responses: { 204: { description: 'Discarded' } },
      async handler(input) {
        await input.db((tx) => removeDraft(tx, input.caller, input.params.id));
        return undefined;
      },
    }),
  ];
}
