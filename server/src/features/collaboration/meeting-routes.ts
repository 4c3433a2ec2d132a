import { z } from 'zod';
import {
  agendaRequest,
  attachmentParams,
  attachmentQuery,
  attachmentSchema,
  createMeetingRequest,
  decisionFollowUpRequest,
  decisionParams,
  decisionRequest,
  idParams,
  meetingDetail as meetingDetailSchema,
  minutesRequest,
  updateMeetingRequest,
} from '#shared/contracts/collaboration.ts';
import { message } from '#shared/validation.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import { RAW_UPLOAD_TYPE } from '../../platform/http/uploads.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { ATTACHMENT_CONTENT_TYPES, contentDisposition } from './attachments.ts';
import { collaborationCaller } from './caller.ts';
import { sendCalendar } from './icalendar.ts';
import {
  addDecision,
  changeMeeting,
  checkUpload,
  createMeeting,
  followUpDecision,
  mayAttach,
  meetingCalendar,
  meetingDetail,
  readAttachment,
  recordMinutes,
  removeAttachment,
  setAgenda,
  storeAttachment,
} from './meeting-service.ts';

const tags = ['Samverkan'];
const record = { kind: 'permission', action: 'collaboration.record' } as const;
const read = { kind: 'permission', action: 'collaboration.read' } as const;
/** The body of an upload is the file itself (platform/http/uploads.ts). */
const fileBody = z.custom<Buffer>((value) => Buffer.isBuffer(value), { message: message('required') });

/** `/api/v1/meetings`: meetings of bodies with agenda, attachments, minutes, decisions and calendar export. */
export function meetingRoutes(context: FeatureContext): Route[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/meetings',
      summary: 'Schedule a meeting of a body (Europe/Stockholm local date and times)',
      tags,
      access: record,
      body: createMeetingRequest,
      responses: { 201: { description: 'Scheduled', schema: meetingDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        const detail = await input.db(async (tx) => meetingDetail(tx, caller, await createMeeting(tx, caller, input.body)));
        input.reply.code(201);
        return detail;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/meetings/:id',
      summary: 'One meeting: time and place, agenda, attachments, minutes and decisions',
      tags,
      access: read,
      params: idParams,
      responses: { 200: { description: 'The meeting', schema: meetingDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db((tx) => meetingDetail(tx, caller, input.params.id));
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/meetings/:id',
      summary: 'Change a meeting’s time, place, convener or status (cancel it)',
      tags,
      access: record,
      params: idParams,
      body: updateMeetingRequest,
      responses: { 200: { description: 'Saved', schema: meetingDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db(async (tx) => {
          await changeMeeting(tx, caller, input.params.id, input.body);
          return meetingDetail(tx, caller, input.params.id);
        });
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/meetings/:id/agenda',
      summary: 'Replace the agenda: items in order, each with who presents it',
      tags,
      access: record,
      params: idParams,
      body: agendaRequest,
      responses: { 200: { description: 'Saved', schema: meetingDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db(async (tx) => {
          await setAgenda(tx, caller, input.params.id, input.body);
          return meetingDetail(tx, caller, input.params.id);
        });
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/meetings/:id/minutes',
      summary: 'Record the minutes; the meeting is then held',
      tags,
      access: record,
      params: idParams,
      body: minutesRequest,
      responses: { 200: { description: 'Saved', schema: meetingDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db(async (tx) => {
          await recordMinutes(tx, caller, input.params.id, input.body);
          return meetingDetail(tx, caller, input.params.id);
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/meetings/:id/decisions',
      summary: 'Record a decision; it is numbered within the body and year ("2026:3") and dated by the meeting',
      tags,
      access: record,
      params: idParams,
      body: decisionRequest,
      responses: { 201: { description: 'Recorded', schema: meetingDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        const detail = await input.db(async (tx) => {
          await addDecision(tx, caller, input.params.id, input.body);
          return meetingDetail(tx, caller, input.params.id);
        });
        input.reply.code(201);
        return detail;
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/meetings/:id/decisions/:decisionId',
      summary: 'Follow up a decision: its status and what has been done',
      tags,
      access: record,
      params: decisionParams,
      body: decisionFollowUpRequest,
      responses: { 200: { description: 'Saved', schema: meetingDetailSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return input.db(async (tx) => {
          await followUpDecision(tx, caller, input.params.id, input.params.decisionId, input.body);
          return meetingDetail(tx, caller, input.params.id);
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/meetings/:id/attachments',
      summary: 'Attach a PDF or Office document (the body is the file): type checked by content, at most 10 MB, metadata removed',
      tags,
      access: record,
      params: idParams,
      query: attachmentQuery,
      body: fileBody,
      bodyContentTypes: [RAW_UPLOAD_TYPE],
      responses: { 201: { description: 'Attached', schema: attachmentSchema } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        // Who may attach is decided before the file is examined; the examination runs outside
        // any transaction (a large PDF takes a moment, and the embedded database has one connection).
        await input.db((tx) => mayAttach(tx, caller, input.params.id));
        const checked = await checkUpload(input.query.filename, new Uint8Array(input.body));
        const attachment = await input.db((tx) => storeAttachment(tx, caller, input.params.id, checked));
        input.reply.code(201);
        return attachment;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/meetings/:id/attachments/:attachmentId',
      summary: 'Download an attachment (as stored: metadata removed)',
      tags,
      access: read,
      params: attachmentParams,
      responses: { 200: { description: 'The file', contentType: 'application/octet-stream' } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        const attachment = await input.db((tx) => readAttachment(tx, caller, input.params.id, input.params.attachmentId));
        return input.reply
          .header('content-type', ATTACHMENT_CONTENT_TYPES[attachment.kind])
          .header('content-disposition', contentDisposition(attachment.filename))
          .send(Buffer.from(attachment.content));
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/meetings/:id/attachments/:attachmentId',
      summary: 'Remove an attachment',
      tags,
      access: record,
      params: attachmentParams,
      responses: { 204: { description: 'Removed' } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        await input.db((tx) => removeAttachment(tx, caller, input.params.id, input.params.attachmentId));
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/meetings/:id/calendar.ics',
      summary: 'One meeting as iCalendar (RFC 5545), to send the invitation from one’s own calendar',
      tags,
      access: read,
      params: idParams,
      responses: { 200: { description: 'iCalendar', contentType: 'text/calendar' } },
      async handler(input) {
        const caller = collaborationCaller(input.caller, input.locale, context);
        return sendCalendar(input.reply, await input.db((tx) => meetingCalendar(tx, caller, input.params.id)));
      },
    }),
  ];
}
