import {
  consultationParams,
  consultationRequest,
  createStrategyProcessRequest,
  idParams,
  respondentParams,
  respondentRequest,
  responseRequest,
  stepParams,
  stepRequest,
  strategyProcessDetail as detailSchema,
  strategyProcessList,
  updateStepRequest,
  updateStrategyProcessRequest,
} from '#shared/contracts/collaboration.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { collaborationCaller } from './caller.ts';
import {
  addConsultation,
  addRespondent,
  addStep,
  changeStep,
  changeStrategyProcess,
  createStrategyProcess,
  listStrategyProcesses,
  recordResponse,
  removeRespondent,
  removeStep,
  strategyProcessDetail,
} from './strategy-service.ts';

const tags = ['Samverkan'];
const strategy = { kind: 'permission', action: 'collaboration.strategy' } as const;
const read = { kind: 'permission', action: 'collaboration.read' } as const;

/** `/api/v1/strategy-processes`: the county's strategy process, its steps and consultation rounds. */
export function strategyRoutes(context: FeatureContext): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/strategy-processes',
      summary: 'The organisation’s strategy processes',
      tags,
      access: read,
      responses: { 200: { description: 'Processes', schema: strategyProcessList } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return { processes: await input.db((tx) => listStrategyProcesses(tx)), mayManage: caller.canStrategy };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/strategy-processes',
      summary: 'Start a strategy process, optionally from the template (steps with computed deadlines)',
      tags,
      access: strategy,
      body: createStrategyProcessRequest,
      responses: { 201: { description: 'Created', schema: detailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        const detail = await input.db(async (tx) => strategyProcessDetail(tx, caller, await createStrategyProcess(tx, caller, input.body)));
        input.reply.code(201);
        return detail;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/strategy-processes/:id',
      summary: 'One strategy process: its activity plan and consultation rounds',
      tags,
      access: read,
      params: idParams,
      responses: { 200: { description: 'The process', schema: detailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db((tx) => strategyProcessDetail(tx, caller, input.params.id));
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/strategy-processes/:id',
      summary: 'Change a strategy process, e.g. mark it adopted',
      tags,
      access: strategy,
      params: idParams,
      body: updateStrategyProcessRequest,
      responses: { 200: { description: 'Saved', schema: detailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db(async (tx) => {
          await changeStrategyProcess(tx, caller, input.params.id, input.body);
          return strategyProcessDetail(tx, caller, input.params.id);
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/strategy-processes/:id/steps',
      summary: 'Add a step: activity, deadline, challenge and responsible',
      tags,
      access: strategy,
      params: idParams,
      body: stepRequest,
      responses: { 201: { description: 'Added', schema: detailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        const detail = await input.db(async (tx) => {
          await addStep(tx, caller, input.params.id, input.body);
          return strategyProcessDetail(tx, caller, input.params.id);
        });
        input.reply.code(201);
        return detail;
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/strategy-processes/:id/steps/:stepId',
      summary: 'Change a step',
      tags,
      access: strategy,
      params: stepParams,
      body: updateStepRequest,
      responses: { 200: { description: 'Saved', schema: detailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db(async (tx) => {
          await changeStep(tx, caller, input.params.id, input.params.stepId, input.body);
          return strategyProcessDetail(tx, caller, input.params.id);
        });
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/strategy-processes/:id/steps/:stepId',
      summary: 'Remove a step',
      tags,
      access: strategy,
      params: stepParams,
      responses: { 204: { description: 'Removed' } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        await input.db((tx) => removeStep(tx, caller, input.params.id, input.params.stepId));
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/strategy-processes/:id/consultations',
      summary: 'Start a consultation round (remiss); the answer date is computed and moved past weekends and holidays',
      tags,
      access: strategy,
      params: idParams,
      body: consultationRequest,
      responses: { 201: { description: 'Started', schema: detailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        const detail = await input.db(async (tx) => {
          await addConsultation(tx, caller, input.params.id, input.body);
          return strategyProcessDetail(tx, caller, input.params.id);
        });
        input.reply.code(201);
        return detail;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/strategy-processes/:id/consultations/:consultationId/respondents',
      summary: 'Add an organisation the proposal is sent to',
      tags,
      access: strategy,
      params: consultationParams,
      body: respondentRequest,
      responses: { 201: { description: 'Added', schema: detailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        const detail = await input.db(async (tx) => {
          await addRespondent(tx, caller, input.params.id, input.params.consultationId, input.body);
          return strategyProcessDetail(tx, caller, input.params.id);
        });
        input.reply.code(201);
        return detail;
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/strategy-processes/:id/consultations/:consultationId/respondents/:respondentId',
      summary: 'Record an organisation’s answer (or that it declined)',
      tags,
      access: strategy,
      params: respondentParams,
      body: responseRequest,
      responses: { 200: { description: 'Saved', schema: detailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db(async (tx) => {
          await recordResponse(tx, caller, input.params.id, input.params.consultationId, input.params.respondentId, input.body);
          return strategyProcessDetail(tx, caller, input.params.id);
        });
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/strategy-processes/:id/consultations/:consultationId/respondents/:respondentId',
      summary: 'Remove an organisation from the consultation round',
      tags,
      access: strategy,
      params: respondentParams,
      responses: { 204: { description: 'Removed' } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        await input.db((tx) => removeRespondent(tx, caller, input.params.id, input.params.consultationId, input.params.respondentId));
        return undefined;
      },
    }),
  ];
}
