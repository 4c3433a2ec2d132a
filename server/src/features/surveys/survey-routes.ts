import { z } from 'zod';
import { jobAccepted } from '#shared/contracts/jobs.ts';
import {
  createRoundRequest,
  createRoundResponse,
  createSurveyRequest,
  openLinkView,
  openSubmissionRequest,
  reminderList as reminderListSchema,
  respondentRow,
  respondentView,
  roundDetail as roundDetailSchema,
  roundList,
  roundResults,
  roundResultsQuery,
  type RoundResultsQuery,
  saveAnswersRequest,
  saveAnswersResponse,
  sendRemindersRequest,
  sendRemindersResponse,
  submitResponse,
  surveyDetail,
  surveyList,
  templateList,
  updateRespondentRequest,
  updateRoundRequest,
  updateSurveyRequest,
} from '#shared/contracts/surveys.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { tokenAccess, tokenParams } from '../../platform/access/token-access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { disclosureSettings } from '../../platform/disclosure/settings.ts';
import { AppError, pick } from '../../platform/errors/app-error.ts';
import { defineRoute, type Route, type SignedInCaller } from '../../platform/http/route.ts';
import { enqueueJob, type JobHandler } from '../../platform/jobs/job-runner.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { surveyMessages } from './messages.ts';
import { resultsCsv, resultsPdf, resultsXlsx } from './survey-exports.ts';
import { problemText, allQuestions } from './survey-answers.ts';
import { roundResults as computeResults } from './survey-results.ts';
import * as service from './survey-service.ts';

const tags = ['Enkäter'];
const idParams = z.object({ id: z.string().uuid() });
const respondentParams = z.object({ id: z.string().uuid(), respondentId: z.string().uuid() });

export const SURVEY_REPORT_JOB = 'surveys.report-pdf';

/**
 * Where links point: `PUBLIC_URL` (required in production); without it (demo, tests) the address
 * the owner used, so the links they copy work for them.
 */
function linkBase(context: FeatureContext, request: { protocol: string; host: string }): string {
  return context.config.publicUrl ?? `${request.protocol}://${request.host}`;
}

function senderName(actor: Actor): string {
  return actor.kind === 'user' ? actor.displayName : 'Upptäck';
}

/** One recipient's reminder: only their own link, since a link opens and submits their answers. */
function reminderMessage(
  t: (typeof surveyMessages)[Locale]['reminder'],
  round: { title: string; deadline: string },
  reminder: service.Reminder,
  locale: Locale,
  actor: Actor,
): string {
  return interpolate(t.body, {
    name: reminder.name,
    title: round.title,
    deadline: formatDate(round.deadline, locale),
    link: reminder.link,
    sender: senderName(actor),
  });
}

/** Answer problems as field errors (the JSON routes; the pages show the same texts in an error summary). */
function problemErrors(
  problems: Array<{ question: string; code: Parameters<typeof problemText>[0]['code']; params?: Record<string, string | number> }>,
  texts: Map<string, string>,
) {
  return problems.map((problem) => ({
    field: `answers.${problem.question}`,
    location: 'body' as const,
    code: problem.code,
    message: {
      sv: problemText(problem, texts.get(problem.question) ?? problem.question, 'sv'),
      en: problemText(problem, texts.get(problem.question) ?? problem.question, 'en'),
    },
  }));
}

export function reportJob(context: FeatureContext): JobHandler {
  return async (job, jobContext) => {
    const payload = z.object({ roundId: z.string().uuid(), locale: z.enum(['sv', 'en']) }).parse(job.payload);
    await jobContext.reportProgress(0, 2);
    const results = await jobContext.database.transaction(jobContext.access, (tx) =>
      computeResults(tx, payload.roundId, { cipher: context.cipher, settings: disclosureSettings(context.config), locale: payload.locale }),
    );
    await jobContext.reportProgress(1, 2);
    const pdf = await resultsPdf(results, payload.locale, jobContext.clock.now());
    await jobContext.reportProgress(2, 2);
    return {
      result: { questions: results.questions.length },
      file: { content: pdf, contentType: 'application/pdf', filename: `enkatresultat-${results.year}.pdf` },
    };
  };
}

export function surveyRoutes(context: FeatureContext): Route[] {
  const mailer = createMailer(context.config);
  const now = () => context.clock.now();
  const settings = () => disclosureSettings(context.config);
  const linkDb = <T>(token: string, work: Parameters<typeof context.database.transaction<T>>[1]) => context.database.transaction(tokenAccess(token), work);
  const attachment = (reply: Parameters<Route['handler']>[0]['reply'], type: string, filename: string, body: string | Buffer) =>
    reply.header('content-type', type).header('content-disposition', `attachment; filename="${filename}"`).send(body);
  /**
   * The owner's results, free text and exact counts (an event's evaluation is a round too): every
   * read is audited, in every format (issue 15 item 5, ADR 0056).
   */
  const results = (
    db: <T>(work: Parameters<typeof context.database.transaction<T>>[1]) => Promise<T>,
    id: string,
    locale: Locale,
    audit: { caller: SignedInCaller; format: 'json' | 'csv' | 'xlsx' },
    query?: RoundResultsQuery,
  ) =>
    db(async (tx) => {
      const data = await computeResults(tx, id, { cipher: context.cipher, settings: settings(), locale, ...(query ? { query } : {}) });
      await audit.caller.audit(tx, {
        action: 'surveys.results',
        recordType: 'survey_round',
        recordId: id,
        recordTenantId: audit.caller.tenantId,
        details: { format: audit.format },
      });
      return data;
    });

  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/surveys/templates',
      summary: 'The shipped survey templates (municipality, agency/Barnahus, shelter, event evaluation)',
      tags,
      access: { kind: 'permission', action: 'surveys.manage' },
      responses: { 200: { description: 'Templates', schema: templateList } },
      async handler() {
        return { templates: service.listTemplates() };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/surveys',
      summary: 'The organisation’s surveys, every version',
      tags,
      access: { kind: 'permission', action: 'surveys.manage' },
      responses: { 200: { description: 'Surveys', schema: surveyList } },
      async handler({ db }) {
        return { surveys: await db((tx) => service.listSurveys(tx)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/surveys',
      summary: 'Create a survey from a template or from the builder’s definition',
      tags,
      access: { kind: 'permission', action: 'surveys.manage' },
      body: createSurveyRequest,
      responses: { 201: { description: 'Created', schema: surveyDetail } },
      async handler({ body, caller, reply, db }) {
        const created = await db(async (tx) => {
          const survey = await service.createSurvey(tx, caller, body);
          await caller.audit(tx, {
            action: 'surveys.manage',
            recordType: 'survey',
            recordId: survey.id,
            details: { change: 'created' },
          });
          return survey;
        });
        reply.code(201);
        return created;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/surveys/:id',
      summary: 'One survey with its questions',
      tags,
      access: { kind: 'permission', action: 'surveys.manage' },
      params: idParams,
      responses: { 200: { description: 'The survey', schema: surveyDetail } },
      async handler({ params, db }) {
        return db((tx) => service.getSurvey(tx, params.id));
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/surveys/:id',
      summary: 'Change a draft survey; 409 conflict once it has been sent (make a new version), 409 version_conflict when someone saved first',
      tags,
      access: { kind: 'permission', action: 'surveys.manage' },
      params: idParams,
      body: updateSurveyRequest,
      responses: { 200: { description: 'Saved', schema: surveyDetail } },
      async handler({ params, body, caller, db }) {
        return db(async (tx) => {
          const survey = await service.updateSurvey(tx, params.id, body.version, body.definition, now());
          await caller.audit(tx, {
            action: 'surveys.manage',
            recordType: 'survey',
            recordId: survey.id,
            details: { change: 'updated', version: survey.version },
          });
          return survey;
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/surveys/:id/versions',
      summary: 'A new draft version of a survey, in the same series',
      tags,
      access: { kind: 'permission', action: 'surveys.manage' },
      params: idParams,
      responses: { 201: { description: 'The new version', schema: surveyDetail } },
      async handler({ params, caller, reply, db }) {
        const created = await db(async (tx) => {
          const survey = await service.newVersion(tx, caller, params.id);
          await caller.audit(tx, {
            action: 'surveys.manage',
            recordType: 'survey',
            recordId: survey.id,
            details: { change: 'new_version', from: params.id },
          });
          return survey;
        });
        reply.code(201);
        return created;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/survey-rounds',
      summary: 'The organisation’s survey rounds with their response counts',
      tags,
      access: { kind: 'permission', action: 'surveys.manage' },
      responses: { 200: { description: 'Rounds', schema: roundList } },
      async handler({ db }) {
        return { rounds: await db((tx) => service.listRounds(tx)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/survey-rounds',
      summary:
        'Send a survey: a link per respondent organisation (all municipalities of a county with one choice) and/or an anonymous open link; locks the survey',
      tags,
      access: { kind: 'permission', action: 'surveys.manage' },
      body: createRoundRequest,
      responses: { 201: { description: 'Sent', schema: createRoundResponse } },
      async handler({ body, caller, reply, db }) {
        const opened = await db(async (tx) => {
          const round = await service.openRound(tx, caller, body, { cipher: context.cipher });
          await caller.audit(tx, {
            action: 'surveys.manage',
            recordType: 'survey_round',
            recordId: round.id,
            details: { change: 'sent', respondents: round.respondents.length },
          });
          return round;
        });
        reply.code(201);
        return { id: opened.id, respondents: opened.respondents.length };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/survey-rounds/:id',
      summary: 'A round: status per respondent (not opened / in progress / submitted) and the open link',
      tags,
      access: { kind: 'permission', action: 'surveys.manage' },
      params: idParams,
      responses: { 200: { description: 'The round', schema: roundDetailSchema } },
      async handler({ params, request, db }) {
        return db((tx) =>
          service.roundDetail(tx, params.id, { cipher: context.cipher, publicUrl: linkBase(context, request), mailConfigured: mailer.configured }),
        );
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/survey-rounds/:id',
      summary: 'Change the deadline, allow late answers, or close the round',
      tags,
      access: { kind: 'permission', action: 'surveys.manage' },
      params: idParams,
      body: updateRoundRequest,
      responses: { 200: { description: 'The round', schema: roundDetailSchema } },
      async handler({ params, body, caller, request, db }) {
        return db(async (tx) => {
          await service.updateRound(tx, params.id, body.version, body);
          await caller.audit(tx, {
            action: 'surveys.manage',
            recordType: 'survey_round',
            recordId: params.id,
            details: { change: 'updated' },
          });
          return service.roundDetail(tx, params.id, { cipher: context.cipher, publicUrl: linkBase(context, request), mailConfigured: mailer.configured });
        });
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/survey-rounds/:id/respondents/:respondentId',
      summary: 'Name the contact person of a respondent',
      tags,
      access: { kind: 'permission', action: 'surveys.manage' },
      params: respondentParams,
      body: updateRespondentRequest,
      responses: { 200: { description: 'The respondent', schema: respondentRow } },
      async handler({ params, body, caller, db }) {
        return db(async (tx) => {
          const row = await service.updateRespondent(tx, params.id, params.respondentId, body.version, body);
          await caller.audit(tx, {
            action: 'surveys.manage',
            recordType: 'survey_response',
            recordId: params.respondentId,
            details: { change: 'contact' },
          });
          return row;
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/survey-rounds/:id/respondents/:respondentId/reopen',
      summary: 'Reopen a submitted response on the respondent’s request',
      tags,
      access: { kind: 'permission', action: 'surveys.manage' },
      params: respondentParams,
      responses: { 200: { description: 'Reopened', schema: respondentRow } },
      async handler({ params, caller, db }) {
        return db(async (tx) => {
          const row = await service.reopenResponse(tx, params.id, params.respondentId, now());
          await caller.audit(tx, {
            action: 'surveys.manage',
            recordType: 'survey_response',
            recordId: params.respondentId,
            details: { change: 'reopened' },
          });
          return row;
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/survey-rounds/:id/reminders',
      summary: 'Respondents who have not submitted, with their links and a text to copy into an email',
      tags,
      access: { kind: 'permission', action: 'surveys.manage' },
      params: idParams,
      responses: { 200: { description: 'The reminder list', schema: reminderListSchema } },
      async handler({ params, caller, locale, request, db }) {
        const { round, reminders } = await db((tx) => service.reminderList(tx, params.id, { cipher: context.cipher, publicUrl: linkBase(context, request) }));
        const t = surveyMessages[locale].reminder;
        return {
          reminders: reminders.map((reminder) => ({ ...reminder, message: reminderMessage(t, round, reminder, locale, caller.actor) })),
          subject: interpolate(t.subject, { title: round.title }),
          mailConfigured: mailer.configured,
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/survey-rounds/:id/reminders',
      summary: 'Email a reminder with their link to the chosen respondents (only when a mail server is configured: SMTP_URL)',
      tags,
      access: { kind: 'permission', action: 'surveys.manage' },
      params: idParams,
      body: sendRemindersRequest,
      responses: { 200: { description: 'Sent', schema: sendRemindersResponse } },
      async handler({ params, body, caller, request, locale, db }) {
        const { round, reminders } = await db((tx) => service.reminderList(tx, params.id, { cipher: context.cipher, publicUrl: linkBase(context, request) }));
        const chosen = reminders.filter((reminder) => body.respondentIds.includes(reminder.respondentId));
        // Without a mail server nothing is sent (the owner copies the list); with nothing to send, nothing is needed.
        if (!mailer.configured && chosen.some((reminder) => reminder.contactEmail))
          throw new AppError('conflict', { detail: pick(surveyMessages, (m) => m.errors.mailNotConfigured) });
        const t = surveyMessages[locale].reminder;
        const sent: string[] = [];
        for (const reminder of chosen.filter((entry) => entry.contactEmail)) {
          await mailer.send({
            to: reminder.contactEmail!,
            subject: interpolate(t.subject, { title: round.title }),
            text: reminderMessage(t, round, reminder, locale, caller.actor),
          });
          sent.push(reminder.respondentId);
        }
        await db(async (tx) => {
          await service.markReminded(tx, sent, now());
          await caller.audit(tx, {
            action: 'surveys.manage',
            recordType: 'survey_round',
            recordId: params.id,
            details: { change: 'reminded', sent: sent.length },
          });
        });
        return { sent: sent.length, withoutAddress: chosen.length - sent.length };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/survey-rounds/:id/results',
      summary: 'Results: per question counts and shares, per organisation and in total, by goal and violence area, free text, and last year’s round',
      tags,
      access: { kind: 'permission', action: 'surveys.results' },
      params: idParams,
      query: roundResultsQuery,
      responses: { 200: { description: 'Results', schema: roundResults } },
      async handler({ params, query, locale, caller, db }) {
        return results(db, params.id, locale, { caller, format: 'json' }, query);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/survey-rounds/:id/results.csv',
      summary: 'The results’ counts and shares as CSV (owner only)',
      tags,
      access: { kind: 'permission', action: 'surveys.results' },
      params: idParams,
      query: roundResultsQuery,
      responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
      async handler({ params, query, locale, caller, reply, db }) {
        const data = await results(db, params.id, locale, { caller, format: 'csv' }, query);
        return attachment(reply, 'text/csv; charset=utf-8', `enkatresultat-${data.year}.csv`, resultsCsv(data, locale));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/survey-rounds/:id/results.xlsx',
      summary: 'The results as XLSX: summary, by goal and area, answers per organisation, free text (owner only)',
      tags,
      access: { kind: 'permission', action: 'surveys.results' },
      params: idParams,
      query: roundResultsQuery,
      responses: { 200: { description: 'XLSX', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
      async handler({ params, query, locale, caller, reply, db }) {
        const data = await results(db, params.id, locale, { caller, format: 'xlsx' }, query);
        return attachment(
          reply,
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          `enkatresultat-${data.year}.xlsx`,
          await resultsXlsx(data, locale, now()),
        );
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/survey-rounds/:id/report',
      summary: 'Start the report PDF with charts as a background job; follow it at /api/v1/jobs/{jobId}',
      tags,
      access: { kind: 'permission', action: 'surveys.results' },
      params: idParams,
      responses: { 202: { description: 'Queued', schema: jobAccepted } },
      async handler({ params, caller, locale, reply, db }) {
        const owner = caller;
        const jobId = await db(async (tx) => {
          await service.roundDetail(tx, params.id, { cipher: context.cipher, publicUrl: undefined, mailConfigured: false });
          // The report carries the results: audited when asked for, as every other read of them.
          await caller.audit(tx, {
            action: 'surveys.results',
            recordType: 'survey_round',
            recordId: params.id,
            recordTenantId: owner.tenantId,
            details: { format: 'pdf' },
          });
          return enqueueJob(tx, { kind: SURVEY_REPORT_JOB, payload: { roundId: params.id, locale }, tenantId: owner.tenantId, createdBy: owner.userId });
        });
        context.nudgeJobs();
        reply.code(202);
        return { jobId };
      },
    }),
    // ---- Respondent links: no account, no cookie; the token alone reaches its own response (ADR 0011).
    defineRoute({
      method: 'GET',
      url: '/api/v1/public/survey-responses/:token',
      summary: 'The survey and the answers saved so far, by the link’s token; marks the response opened',
      tags,
      access: { kind: 'public' },
      params: tokenParams,
      responses: { 200: { description: 'The respondent’s view', schema: respondentView } },
      async handler({ params }) {
        const { responseId: _responseId, ...view } = await linkDb(params.token, (tx) => service.openByToken(tx, context.cipher, now()));
        return view;
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/public/survey-responses/:token/answers',
      summary: 'Save answers with the versions they were read at; conflicts are reported, never overwritten',
      tags,
      access: { kind: 'public' },
      params: tokenParams,
      body: saveAnswersRequest,
      responses: { 200: { description: 'Saved and conflicting answers', schema: saveAnswersResponse } },
      async handler({ params, body }) {
        const saved = await linkDb(params.token, async (tx) => {
          const result = await service.saveAnswers(tx, context.cipher, body.answers, now());
          if (result.problems.length > 0) {
            const view = await service.openByToken(tx, context.cipher, now());
            throw new AppError('validation_failed', {
              errors: problemErrors(result.problems, new Map(allQuestions(view.definition).map((q) => [q.id, q.text]))),
            });
          }
          return result;
        });
        return { saved: saved.saved, conflicts: saved.conflicts };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/public/survey-responses/:token/submit',
      summary: 'Submit the response; every required question that shows must be answered',
      tags,
      access: { kind: 'public' },
      params: tokenParams,
      responses: { 200: { description: 'Submitted', schema: submitResponse } },
      async handler({ params }) {
        return linkDb(params.token, async (tx) => {
          const outcome = await service.submitByToken(tx, context.cipher, now());
          if ('missing' in outcome) {
            const view = await service.openByToken(tx, context.cipher, now());
            throw new AppError('validation_failed', {
              detail: pick(surveyMessages, (m) => m.errors.incomplete),
              errors: problemErrors(outcome.missing, new Map(allQuestions(view.definition).map((q) => [q.id, q.text]))),
            });
          }
          return { submittedAt: outcome.submittedAt.toISOString() };
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/public/survey-links/:token',
      summary: 'An anonymous open link’s survey (e.g. an event evaluation)',
      tags,
      access: { kind: 'public' },
      params: tokenParams,
      responses: { 200: { description: 'The survey', schema: openLinkView } },
      async handler({ params }) {
        const found = await linkDb(params.token, (tx) => service.openLinkSurvey(tx, now()));
        return { roundTitle: found.round.title, deadline: found.round.deadline, definition: found.definition };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/public/survey-links/:token/responses',
      summary: 'One anonymous response through an open link: a separate response each time',
      tags,
      access: { kind: 'public' },
      params: tokenParams,
      body: openSubmissionRequest,
      responses: { 201: { description: 'Received', schema: z.object({ received: z.literal(true) }) } },
      async handler({ params, body, reply }) {
        await linkDb(params.token, async (tx) => {
          const outcome = await service.submitOpenLink(tx, context.cipher, new Map(Object.entries(body.answers)), now());
          if ('problems' in outcome) {
            const { definition } = await service.openLinkSurvey(tx, now());
            throw new AppError('validation_failed', { errors: problemErrors(outcome.problems, new Map(allQuestions(definition).map((q) => [q.id, q.text]))) });
          }
        });
        reply.code(201);
        return { received: true as const };
      },
    }),
  ];
}
