import {
  contentActionRequest,
  createQuestionSetRequest,
  createRoutineRequest,
  idParams,
  processList,
  questionSetDraftRequest,
  questionSetList,
  questionSetSchema,
  questionSetVersionSchema,
  routineDraftRequest,
  routineList,
  routineSchema,
  routineVersionSchema,
  settingsRequest,
  settingsSchema,
  versionParams,
} from '#shared/contracts/screening.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { auditSource } from '../../platform/http/register-routes.ts';
import { defineRoute, type Route, type RouteInput } from '../../platform/http/route.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import {
  createQuestionSet,
  createRoutine,
  getQuestionSet,
  getQuestionSetVersion,
  getRoutine,
  getRoutineVersion,
  getSettings,
  listProcesses,
  listQuestionSets,
  listRoutines,
  publishQuestionSet,
  publishRoutine,
  saveQuestionSetDraft,
  saveRoutineDraft,
  saveSettings,
  submitQuestionSet,
  submitRoutine,
} from './content-service.ts';

function signedIn(input: RouteInput<unknown, unknown, unknown>): SignedInActor {
  if (input.actor.kind === 'anonymous') throw new AppError('unauthenticated');
  return input.actor;
}

/** Processes, routines, shared guidance, question sets and the agency's screening settings. */
export function contentRoutes(context: FeatureContext): Route[] {
  const call = (input: RouteInput<unknown, unknown, unknown>) => ({ actor: signedIn(input), source: auditSource(input.request), now: context.clock.now() });
  const routineTags = ['Screening routines'];
  const setTags = ['Screening question sets'];
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/processes',
      summary: 'The agency’s processes where asking applies, each with the routine version in force',
      description:
        'What a case system needs to record an encounter: the process id, whether and on which channels the routine asks, and the question set version.',
      tags: routineTags,
      access: { kind: 'permission', action: 'routines.read' },
      responses: { 200: { description: 'Processes', schema: processList } },
      handler: (input) => input.db((tx) => listProcesses(tx, signedIn(input))),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/routines',
      summary: 'Routines of the agency and shared guidance',
      tags: routineTags,
      access: { kind: 'permission', action: 'routines.read' },
      responses: { 200: { description: 'Routines', schema: routineList } },
      handler: (input) => input.db((tx) => listRoutines(tx, signedIn(input))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/routines',
      summary: 'Create a routine (a new process with its routine, or shared guidance) as a draft',
      tags: routineTags,
      access: { kind: 'permission', action: 'routines.edit' },
      body: createRoutineRequest,
      responses: { 201: { description: 'Created', schema: routineSchema } },
      async handler(input) {
        const routine = await input.db((tx) => createRoutine(tx, call(input), input.body));
        input.reply.code(201);
        return routine;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/routines/settings',
      summary: 'The agency’s screening settings: notes, retention',
      tags: routineTags,
      access: { kind: 'permission', action: 'routines.read' },
      responses: { 200: { description: 'Settings', schema: settingsSchema } },
      handler: (input) => input.db((tx) => getSettings(tx)),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/routines/settings',
      summary: 'Change the agency’s screening settings (optimistic concurrency by `version`)',
      tags: routineTags,
      access: { kind: 'permission', action: 'routines.edit' },
      body: settingsRequest,
      responses: { 200: { description: 'Saved', schema: settingsSchema } },
      handler: (input) => input.db((tx) => saveSettings(tx, call(input), input.body)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/routines/versions/:versionId',
      summary: 'One routine version exactly as it was (what an encounter followed)',
      tags: routineTags,
      access: { kind: 'permission', action: 'routines.read' },
      params: versionParams,
      responses: { 200: { description: 'The version', schema: routineVersionSchema } },
      handler: (input) => input.db((tx) => getRoutineVersion(tx, input.params.versionId)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/routines/:id',
      summary: 'A routine with its versions, the draft and the version in force',
      tags: routineTags,
      access: { kind: 'permission', action: 'routines.read' },
      params: idParams,
      responses: { 200: { description: 'The routine', schema: routineSchema } },
      handler: (input) => input.db((tx) => getRoutine(tx, signedIn(input), input.params.id)),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/routines/:id/draft',
      summary: 'Save the routine’s draft (a version in review goes back to draft)',
      tags: routineTags,
      access: { kind: 'permission', action: 'routines.edit' },
      params: idParams,
      body: routineDraftRequest,
      responses: { 200: { description: 'Saved', schema: routineSchema } },
      handler: (input) => input.db((tx) => saveRoutineDraft(tx, call(input), input.params.id, input.body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/routines/:id/submit',
      summary: 'Send the routine’s draft for review',
      tags: routineTags,
      access: { kind: 'permission', action: 'routines.publish' },
      params: idParams,
      body: contentActionRequest,
      responses: { 200: { description: 'In review', schema: routineSchema } },
      handler: (input) => input.db((tx) => submitRoutine(tx, call(input), input.params.id, input.body.version)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/routines/:id/publish',
      summary: 'Publish the reviewed version (the previous one is superseded; versions never change)',
      tags: routineTags,
      access: { kind: 'permission', action: 'routines.publish' },
      params: idParams,
      body: contentActionRequest,
      responses: { 200: { description: 'Published', schema: routineSchema } },
      handler: (input) => input.db((tx) => publishRoutine(tx, call(input), input.params.id, input.body.version)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/question-sets',
      summary: 'Question sets of the agency and shared ones (e.g. the default set)',
      tags: setTags,
      access: { kind: 'permission', action: 'routines.read' },
      responses: { 200: { description: 'Question sets', schema: questionSetList } },
      handler: (input) => input.db((tx) => listQuestionSets(tx, signedIn(input))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/question-sets',
      summary: 'Create a question set as a draft (e.g. an instrument the agency holds a licence for)',
      tags: setTags,
      access: { kind: 'permission', action: 'routines.edit' },
      body: createQuestionSetRequest,
      responses: { 201: { description: 'Created', schema: questionSetSchema } },
      async handler(input) {
        const set = await input.db((tx) => createQuestionSet(tx, call(input), input.body));
        input.reply.code(201);
        return set;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/question-sets/versions/:versionId',
      summary: 'One question set version exactly as asked (published versions never change)',
      tags: setTags,
      access: { kind: 'permission', action: 'routines.read' },
      params: versionParams,
      responses: { 200: { description: 'The version with its items', schema: questionSetVersionSchema } },
      handler: (input) => input.db((tx) => getQuestionSetVersion(tx, input.params.versionId)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/question-sets/:id',
      summary: 'A question set with its versions',
      tags: setTags,
      access: { kind: 'permission', action: 'routines.read' },
      params: idParams,
      responses: { 200: { description: 'The question set', schema: questionSetSchema } },
      handler: (input) => input.db((tx) => getQuestionSet(tx, signedIn(input), input.params.id)),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/question-sets/:id/draft',
      summary: 'Save the question set’s draft (a new version when the current one is published)',
      tags: setTags,
      access: { kind: 'permission', action: 'routines.edit' },
      params: idParams,
      body: questionSetDraftRequest,
      responses: { 200: { description: 'Saved', schema: questionSetSchema } },
      handler: (input) => input.db((tx) => saveQuestionSetDraft(tx, call(input), input.params.id, input.body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/question-sets/:id/submit',
      summary: 'Send the question set’s draft for review',
      tags: setTags,
      access: { kind: 'permission', action: 'routines.publish' },
      params: idParams,
      body: contentActionRequest,
      responses: { 200: { description: 'In review', schema: questionSetSchema } },
      handler: (input) => input.db((tx) => submitQuestionSet(tx, call(input), input.params.id, input.body.version)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/question-sets/:id/publish',
      summary: 'Publish the reviewed version; from then on it never changes',
      tags: setTags,
      access: { kind: 'permission', action: 'routines.publish' },
      params: idParams,
      body: contentActionRequest,
      responses: { 200: { description: 'Published', schema: questionSetSchema } },
      handler: (input) => input.db((tx) => publishQuestionSet(tx, call(input), input.params.id, input.body.version)),
    }),
  ];
}
