import { z } from 'zod';
import {
  attendanceRequest,
  attendanceResponse,
  eventDetail,
  eventInput,
  eventList,
  evaluationRequest,
  participationQuery,
  participationReport,
  publicEvent,
  registrationInput,
  registrationList,
  registrationReceived,
  seriesResults,
  updateEventRequest,
} from '#shared/contracts/competence.ts';
import { roundResults } from '#shared/contracts/surveys.ts';
import { tokenAccess, tokenParams } from '../../platform/access/token-access.ts';
import { disclosureSettings } from '../../platform/disclosure/settings.ts';
import { defineRoute, type PermittedCaller, type Route } from '../../platform/http/route.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { participationCsv, participationXlsx } from './competence-exports.ts';
import * as events from './event-service.ts';

const tags = ['Evenemang'];
const idParams = z.object({ id: z.string().uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Where links point: `PUBLIC_URL` (required in production), else the address the organiser used. */
function linkBase(context: FeatureContext, request: { protocol: string; host: string }): string {
  return context.config.publicUrl ?? `${request.protocol}://${request.host}`;
}

export function eventRoutes(context: FeatureContext): Route[] {
  const now = () => context.clock.now();
  const settings = () => disclosureSettings(context.config);
  /** The participation report; the organiser's internal (exact) view is audited on every read, in every format (ADR 0056). */
  const participation = async (tx: Tx, caller: PermittedCaller, query: z.output<typeof participationQuery>, format: 'json' | 'csv' | 'xlsx') => {
    const report = await events.participation(tx, caller, query, { settings: settings(), now: now() });
    if (report.view === 'internal') {
      await caller.audit(tx, {
        action: 'events.participation_internal',
        recordType: 'competence_participation',
        recordTenantId: caller.tenantId,
        details: { format, from: report.years[0] ?? null, to: report.years.at(-1) ?? null },
      });
    }
    return report;
  };
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/events',
      summary: 'The organisation’s events with registrations and attendance',
      tags,
      access: { kind: 'permission', action: 'events.manage' },
      responses: { 200: { description: 'Events', schema: eventList } },
      async handler({ db }) {
        return { events: await db((tx) => events.listEvents(tx, now())) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/events',
      summary: 'Create an event with its public registration link',
      tags,
      access: { kind: 'permission', action: 'events.manage' },
      body: eventInput,
      responses: { 201: { description: 'Created', schema: eventDetail } },
      async handler({ body, caller, request, reply, db }) {
        const created = await db(async (tx) => {
          const { id } = await events.createEvent(tx, caller, body, { cipher: context.cipher });
          await caller.audit(tx, {
            action: 'events.manage',
            recordType: 'competence_event',
            recordId: id,
            details: { change: 'created' },
          });
          return events.eventDetail(tx, id, { cipher: context.cipher, publicUrl: linkBase(context, request), now: now() });
        });
        reply.code(201);
        return created;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/events/participation',
      summary: 'Attended participants per municipality (every municipality of the county, also those never taking part) and organisation, per year',
      tags,
      access: { kind: 'permission', action: 'events.manage' },
      query: participationQuery,
      responses: { 200: { description: 'Participation', schema: participationReport } },
      async handler({ query, caller, db }) {
        return db((tx) => participation(tx, caller, query, 'json'));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/events/participation.csv',
      summary: 'Participation per municipality as CSV',
      tags,
      access: { kind: 'permission', action: 'events.manage' },
      query: participationQuery,
      responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
      async handler({ query, caller, locale, reply, db }) {
        const report = await db((tx) => participation(tx, caller, query, 'csv'));
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="deltagande-per-kommun.csv"')
          .send(participationCsv(report, locale));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/events/participation.xlsx',
      summary: 'Participation per municipality and organisation, and municipalities never taking part, as XLSX',
      tags,
      access: { kind: 'permission', action: 'events.manage' },
      query: participationQuery,
      responses: { 200: { description: 'XLSX', contentType: XLSX } },
      async handler({ query, caller, locale, reply, db }) {
        const report = await db((tx) => participation(tx, caller, query, 'xlsx'));
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', 'attachment; filename="deltagande.xlsx"')
          .send(await participationXlsx(report, locale));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/events/series-results',
      summary: 'Evaluation results of every evaluated event of a series together (organisers only: free text included)',
      tags,
      access: { kind: 'permission', action: 'events.manage' },
      query: z.object({ series: z.string().trim().min(1).max(120) }),
      responses: { 200: { description: 'Results', schema: seriesResults } },
      async handler({ query, locale, caller, db }) {
        return db(async (tx) => {
          const { tenantId } = caller;
          const results = await events.seriesResults(tx, query.series, { cipher: context.cipher, settings: settings(), locale });
          // The organiser's exact counts and free text (ADR 0056): every read is audited, without the series' name.
          await caller.audit(tx, {
            action: 'events.evaluation_results',
            recordType: 'competence_event_series',
            recordTenantId: tenantId,
            details: { events: results.events },
          });
          return results;
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/events/:id',
      summary: 'One event with its registration link and evaluation',
      tags,
      access: { kind: 'permission', action: 'events.manage' },
      params: idParams,
      responses: { 200: { description: 'The event', schema: eventDetail } },
      async handler({ params, request, db }) {
        return db((tx) => events.eventDetail(tx, params.id, { cipher: context.cipher, publicUrl: linkBase(context, request), now: now() }));
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/events/:id',
      summary: 'Close (or reopen) registration',
      tags,
      access: { kind: 'permission', action: 'events.manage' },
      params: idParams,
      body: updateEventRequest,
      responses: { 200: { description: 'The event', schema: eventDetail } },
      async handler({ params, body, caller, request, db }) {
        return db(async (tx) => {
          await events.setRegistrationClosed(tx, params.id, body.version, body.registrationClosed);
          await caller.audit(tx, {
            action: 'events.manage',
            recordType: 'competence_event',
            recordId: params.id,
            details: { change: body.registrationClosed ? 'closed' : 'reopened' },
          });
          return events.eventDetail(tx, params.id, { cipher: context.cipher, publicUrl: linkBase(context, request), now: now() });
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/events/:id/registrations',
      summary: 'Who registered, from which organisation and municipality, and attendance (the read is audited)',
      tags,
      access: { kind: 'permission', action: 'events.manage' },
      params: idParams,
      responses: { 200: { description: 'Registrations', schema: registrationList } },
      async handler({ params, caller, db }) {
        return db(async (tx) => {
          const list = await events.registrations(tx, params.id);
          await caller.audit(tx, {
            action: 'events.manage',
            recordType: 'competence_event',
            recordId: params.id,
            details: { read: 'registrations', rows: list.length },
          });
          return { registrations: list, personalDataKeptDays: context.config.eventRegistrationRetentionDays };
        });
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/events/:id/attendance',
      summary: 'Mark who attended (all or nothing)',
      tags,
      access: { kind: 'permission', action: 'events.manage' },
      params: idParams,
      body: attendanceRequest,
      responses: { 200: { description: 'Marked', schema: attendanceResponse } },
      async handler({ params, body, caller, db }) {
        return db(async (tx) => {
          const updated = await events.markAttendance(tx, params.id, body);
          await caller.audit(tx, {
            action: 'events.manage',
            recordType: 'competence_event',
            recordId: params.id,
            details: { change: 'attendance', rows: updated },
          });
          return { updated };
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/events/:id/evaluation',
      summary: 'Start the event’s anonymous evaluation: a survey round with an open link (the shipped template or one of the organisation’s surveys)',
      tags,
      access: { kind: 'permission', action: 'events.manage' },
      params: idParams,
      body: evaluationRequest,
      responses: { 201: { description: 'The event', schema: eventDetail } },
      async handler({ params, body, caller, request, reply, db }) {
        const detail = await db(async (tx) => {
          await events.createEvaluation(tx, caller, params.id, body, { cipher: context.cipher });
          await caller.audit(tx, {
            action: 'events.manage',
            recordType: 'competence_event',
            recordId: params.id,
            details: { change: 'evaluation' },
          });
          return events.eventDetail(tx, params.id, { cipher: context.cipher, publicUrl: linkBase(context, request), now: now() });
        });
        reply.code(201);
        return detail;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/events/:id/evaluation',
      summary: 'The evaluation’s results (organisers only: free text included)',
      tags,
      access: { kind: 'permission', action: 'events.manage' },
      params: idParams,
      responses: { 200: { description: 'Results', schema: roundResults } },
      async handler({ params, locale, caller, db }) {
        return db(async (tx) => {
          const { tenantId } = caller;
          const results = await events.evaluationResults(tx, params.id, { cipher: context.cipher, settings: settings(), locale });
          // The organiser's exact counts and free text (ADR 0056): every read is audited.
          await caller.audit(tx, {
            action: 'events.evaluation_results',
            recordType: 'competence_event',
            recordId: params.id,
            recordTenantId: tenantId,
          });
          return results;
        });
      },
    }),
    // ---- The registration link: no account, no cookie; the token alone reaches its event (ADR 0011).
    defineRoute({
      method: 'GET',
      url: '/api/v1/public/event-registrations/:token',
      summary: 'The event behind a registration link, and whether registration is open',
      tags,
      access: { kind: 'public' },
      params: tokenParams,
      responses: { 200: { description: 'The event', schema: publicEvent } },
      async handler({ params }) {
        return context.database.transaction(tokenAccess(params.token), (tx) => events.publicEvent(tx, now()));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/public/event-registrations/:token',
      summary: 'Register for the event (409 when full, closed or already registered; nothing is saved then)',
      tags,
      access: { kind: 'public' },
      params: tokenParams,
      body: registrationInput,
      responses: { 201: { description: 'Registered', schema: registrationReceived } },
      async handler({ params, body, reply }) {
        await context.database.transaction(tokenAccess(params.token), (tx) => events.register(tx, body, now()));
        reply.code(201);
        return { registered: true as const };
      },
    }),
  ];
}
