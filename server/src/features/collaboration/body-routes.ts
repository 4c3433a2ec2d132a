import {
  addMemberRequest,
  bodyDetail as bodyDetailSchema,
  bodyList,
  createBodyRequest,
  idParams,
  memberParams,
  organisationOptions as organisationOptionsSchema,
  overviewResponse,
  updateBodyRequest,
  updateMemberRequest,
} from '#shared/contracts/collaboration.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { organisationOptions } from './body-repository.ts';
import { addMember, bodyDetail, changeMember, createBody, deleteBody, listBodies, overview, removeMember, updateBody } from './body-service.ts';
import { collaborationCaller } from './caller.ts';
import { sendCalendar } from './icalendar.ts';
import { bodyCalendar } from './meeting-service.ts';

const tags = ['Samverkan'];
const manage = { kind: 'permission', action: 'collaboration.manage' } as const;
const read = { kind: 'permission', action: 'collaboration.read' } as const;

/** `/api/v1/bodies`: collaboration bodies, their members, the schedule export and the overview. */
export function bodyRoutes(context: FeatureContext): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/bodies',
      summary: 'Bodies the organisation keeps or is a member of',
      tags,
      access: read,
      responses: { 200: { description: 'Bodies', schema: bodyList } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return { bodies: await input.db((tx) => listBodies(tx, caller)) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/bodies/overview',
      summary: 'The coordinator’s overview: bodies, upcoming meetings, open decisions, activities late against plan',
      tags,
      access: { kind: 'permission', action: 'collaboration.overview' },
      responses: { 200: { description: 'The overview', schema: overviewResponse } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db((tx) => overview(tx, caller));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/bodies/organisations',
      summary: 'Participating organisations to choose from (leading organisation, members, responsible)',
      tags,
      access: read,
      responses: { 200: { description: 'Organisations', schema: organisationOptionsSchema } },
      async handler(input) {
        return { organisations: await input.db((tx) => organisationOptions(tx)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/bodies',
      summary: 'Create a body, kept by the caller’s organisation',
      tags,
      access: manage,
      body: createBodyRequest,
      responses: { 201: { description: 'Created', schema: bodyDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        const detail = await input.db(async (tx) => bodyDetail(tx, caller, await createBody(tx, caller, input.body)));
        input.reply.code(201);
        return detail;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/bodies/:id',
      summary: 'One body: members, meetings, decisions and work plans',
      tags,
      access: read,
      params: idParams,
      responses: { 200: { description: 'The body', schema: bodyDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db((tx) => bodyDetail(tx, caller, input.params.id));
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/bodies/:id',
      summary: 'Change a body, or deactivate it (`active: false`); 409 version_conflict when someone else saved first',
      tags,
      access: manage,
      params: idParams,
      body: updateBodyRequest,
      responses: { 200: { description: 'Saved', schema: bodyDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db(async (tx) => {
          await updateBody(tx, caller, input.params.id, input.body);
          return bodyDetail(tx, caller, input.params.id);
        });
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/bodies/:id',
      summary: 'Delete a body created by mistake; a body with meetings or work plans is refused (409): deactivate it instead',
      tags,
      access: manage,
      params: idParams,
      responses: { 204: { description: 'Deleted' } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        await input.db((tx) => deleteBody(tx, caller, input.params.id));
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/bodies/:id/members',
      summary: 'Add a member: an organisation, a named person of it, or the person’s account (by email)',
      tags,
      access: manage,
      params: idParams,
      body: addMemberRequest,
      responses: { 201: { description: 'Added', schema: bodyDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        const detail = await input.db(async (tx) => {
          await addMember(tx, caller, input.params.id, input.body);
          return bodyDetail(tx, caller, input.params.id);
        });
        input.reply.code(201);
        return detail;
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/bodies/:id/members/:memberId',
      summary: 'Change a member’s role (member, convener, secretary)',
      tags,
      access: manage,
      params: memberParams,
      body: updateMemberRequest,
      responses: { 200: { description: 'Saved', schema: bodyDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db(async (tx) => {
          await changeMember(tx, caller, input.params.id, input.params.memberId, input.body);
          return bodyDetail(tx, caller, input.params.id);
        });
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/bodies/:id/members/:memberId',
      summary: 'Remove a member',
      tags,
      access: manage,
      params: memberParams,
      responses: { 204: { description: 'Removed' } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        await input.db((tx) => removeMember(tx, caller, input.params.id, input.params.memberId));
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/bodies/:id/calendar.ics',
      summary: 'The body’s whole meeting schedule as iCalendar (RFC 5545), to import into the agencies’ own calendars',
      tags,
      access: read,
      params: idParams,
      responses: { 200: { description: 'iCalendar', contentType: 'text/calendar' } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return sendCalendar(input.reply, await input.db((tx) => bodyCalendar(tx, caller, input.params.id)));
      },
    }),
  ];
}
