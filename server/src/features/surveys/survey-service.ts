import crypto from 'node:crypto';
import type { z } from 'zod';
import {
  answerValue,
  createRoundRequest,
  surveyDefinition,
  TEMPLATE_KEYS,
  type AnswerValue,
  type RespondentRow,
  type RespondentView,
  type RoundDetail,
  type SurveyDefinition,
  type SurveyDetail,
  type SurveySummary,
  type TemplateKey,
} from '#shared/contracts/surveys.ts';
import { answerCounts } from '#shared/format/answer-counts.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import type { FieldCipher } from '../../platform/crypto/field-encryption.ts';
import { randomToken, sha256Hex } from '../../platform/crypto/field-encryption.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, notFound, pick } from '../../platform/errors/app-error.ts';
import { surveyMessages } from './messages.ts';
import { allQuestions, checkAnswer, missingRequired, visibleQuestions, type AnswerProblem } from './survey-answers.ts';
import * as repository from './survey-repository.ts';
import { templateAudience, templateDefinition } from './templates.ts';

/**
 * The survey engine's rules (issue 8), without HTTP: the routes, the respondent pages and other
 * features (the competence feature's event evaluations) call these. Every function takes the
 * caller's transaction: as the owner (`upptack_app`, the owner's tenant) or as a respondent link
 * (`tokenAccess(token)`, `upptack_public`); row-level security decides what exists.
 */

export type SurveyOwner = { tenantId: string; userId: string | null };

/** Answers are encrypted at rest with the field cipher; the associated data binds them to their place. */
const answerData = (responseId: string, questionId: string) => `survey_answers:${responseId}:${questionId}`;
const tokenData = (table: 'survey_responses' | 'survey_rounds', id: string) => `${table}:${id}:token`;

export function encryptAnswer(cipher: FieldCipher, responseId: string, questionId: string, value: AnswerValue): string {
  return cipher.encrypt(JSON.stringify(value), answerData(responseId, questionId));
}

export function decryptAnswer(cipher: FieldCipher, responseId: string, questionId: string, stored: string): AnswerValue | undefined {
  const parsed = answerValue.safeParse(JSON.parse(cipher.decrypt(stored, answerData(responseId, questionId))));
  return parsed.success ? parsed.data : undefined;
}

function definitionOf(stored: unknown): SurveyDefinition {
  return surveyDefinition.parse(stored);
}

function summary(row: repository.SurveyRow): SurveySummary {
  const definition = definitionOf(row.definition);
  return {
    id: row.id,
    title: row.title,
    seriesKey: row.seriesKey,
    templateKey: row.templateKey ?? null,
    versionNumber: row.versionNumber,
    locked: row.locked,
    questionCount: allQuestions(definition).length,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function detail(row: repository.SurveyRow): SurveyDetail {
  return { ...summary(row), definition: definitionOf(row.definition), version: row.version };
}

export function listTemplates() {
  return TEMPLATE_KEYS.map((key) => {
    const definition = templateDefinition(key);
    return { key, title: definition.title, audience: templateAudience(key), questionCount: allQuestions(definition).length };
  });
}

export async function listSurveys(tx: Tx): Promise<SurveySummary[]> {
  return (await repository.listSurveyRows(tx)).map(summary);
}

export async function getSurvey(tx: Tx, id: string): Promise<SurveyDetail> {
  const row = await repository.findSurvey(tx, id);
  if (!row) throw notFound();
  return detail(row);
}

/** A new survey (version 1 of a new series) from a template or the builder's definition. */
export async function createSurvey(
  tx: Tx,
  owner: SurveyOwner,
  input: { template: TemplateKey; title?: string | undefined } | { definition: SurveyDefinition; seriesKey?: string | undefined },
  options: { demo?: boolean } = {},
): Promise<SurveyDetail> {
  const definition = 'template' in input ? { ...templateDefinition(input.template), ...(input.title ? { title: input.title } : {}) } : input.definition;
  // Rounds made from the same template compare with each other year by year (one series per
  // template and organisation); a survey built from scratch starts its own series.
  const seriesKey = 'template' in input ? `template:${input.template}` : (input.seriesKey ?? `survey:${crypto.randomUUID()}`);
  const versionNumber = (await repository.latestVersionNumber(tx, seriesKey)) + 1;
  const row = await repository.insertSurvey(tx, {
    tenantId: owner.tenantId,
    createdBy: owner.userId,
    seriesKey,
    templateKey: 'template' in input ? input.template : null,
    versionNumber,
    title: definition.title,
    definition,
    demo: options.demo ?? false,
  });
  return detail(row);
}

/** Changes a draft. A sent (locked) survey never changes: 409 with the advice to make a new version. */
export async function updateSurvey(tx: Tx, id: string, version: number, definition: SurveyDefinition, now: Date): Promise<SurveyDetail> {
  const current = await repository.findSurvey(tx, id);
  if (!current) throw notFound();
  if (current.locked) throw new AppError('conflict', { detail: pick(surveyMessages, (m) => m.errors.locked) });
  const row = await repository.updateDraft(tx, id, version, { title: definition.title, definition, now });
  if (!row) throw new AppError('version_conflict', { detail: pick(surveyMessages, (m) => m.errors.versionConflict) });
  return detail(row);
}

/** A new draft version of a survey, with the same questions, in the same series. */
export async function newVersion(tx: Tx, owner: SurveyOwner, id: string): Promise<SurveyDetail> {
  const current = await repository.findSurvey(tx, id);
  if (!current) throw notFound();
  const row = await repository.insertSurvey(tx, {
    tenantId: owner.tenantId,
    createdBy: owner.userId,
    seriesKey: current.seriesKey,
    templateKey: current.templateKey,
    versionNumber: (await repository.latestVersionNumber(tx, current.seriesKey)) + 1,
    title: current.title,
    definition: current.definition,
  });
  return detail(row);
}

export type RespondentLink = { responseId: string; name: string; token: string };

export type OpenedRound = { id: string; respondents: RespondentLink[]; openToken: string | null };

/**
 * Opens a round of a survey: locks the survey (its questions never change again), and gives each
 * respondent organisation its own unguessable link (256 random bits; stored as a hash for the
 * link's lookup and encrypted so the owner can show it again), and optionally one anonymous open
 * link where every submission is a separate response.
 */
export async function openRound(
  tx: Tx,
  owner: SurveyOwner,
  input: z.output<typeof createRoundRequest>,
  options: { cipher: FieldCipher; demo?: boolean },
): Promise<OpenedRound> {
  const survey = await repository.findSurvey(tx, input.surveyId);
  if (!survey) throw notFound();
  const named: Array<{ organisationId: string | null; name: string; contactName: string | null; contactEmail: string | null }> = [];
  if (input.countyMunicipalities) {
    const municipalities = await repository.municipalitiesOfCounty(tx, input.countyMunicipalities);
    if (municipalities.length === 0) {
      throw new AppError('validation_failed', {
        errors: [
          {
            field: 'countyMunicipalities',
            location: 'body',
            code: 'invalid_value',
            message: {
              sv: interpolate(surveyMessages.sv.errors.unknownCounty, { county: input.countyMunicipalities }),
              en: interpolate(surveyMessages.en.errors.unknownCounty, { county: input.countyMunicipalities }),
            },
          },
        ],
      });
    }
    for (const municipality of municipalities) named.push({ organisationId: municipality.id, name: municipality.name, contactName: null, contactEmail: null });
  }
  const organisationIds = input.respondents.flatMap((respondent) => (respondent.organisationId ? [respondent.organisationId] : []));
  const known = new Map((await repository.organisationsByIds(tx, organisationIds)).map((row) => [row.id, row.name]));
  for (const [index, respondent] of input.respondents.entries()) {
    const field = `respondents.${index}`;
    if (respondent.organisationId && !known.has(respondent.organisationId)) {
      throw new AppError('validation_failed', {
        errors: [
          { field: `${field}.organisationId`, location: 'body', code: 'invalid_value', message: pick(surveyMessages, (m) => m.errors.unknownOrganisation) },
        ],
      });
    }
    if (!respondent.organisationId && !respondent.name) {
      throw new AppError('validation_failed', {
        errors: [{ field: `${field}.name`, location: 'body', code: 'required', message: pick(surveyMessages, (m) => m.errors.respondentNameMissing) }],
      });
    }
    const existing = respondent.organisationId ? named.find((row) => row.organisationId === respondent.organisationId) : undefined;
    const entry = {
      organisationId: respondent.organisationId ?? null,
      name: respondent.organisationId ? known.get(respondent.organisationId)! : respondent.name!,
      contactName: respondent.contactName ?? null,
      contactEmail: respondent.contactEmail ?? null,
    };
    if (existing)
      Object.assign(existing, { contactName: entry.contactName ?? existing.contactName, contactEmail: entry.contactEmail ?? existing.contactEmail });
    else named.push(entry);
  }
  if (named.length === 0 && !input.openLink) {
    throw new AppError('validation_failed', {
      errors: [{ field: 'respondents', location: 'body', code: 'required', message: pick(surveyMessages, (m) => m.errors.noRespondents) }],
    });
  }
  const roundId = crypto.randomUUID();
  const openToken = input.openLink ? randomToken(32) : null;
  await repository.insertRound(tx, {
    id: roundId,
    tenantId: owner.tenantId,
    surveyId: survey.id,
    createdBy: owner.userId,
    title: input.title,
    year: input.year,
    deadline: input.deadline,
    allowLate: input.allowLate,
    openTokenHash: openToken ? sha256Hex(openToken) : null,
    openTokenEncrypted: openToken ? options.cipher.encrypt(openToken, tokenData('survey_rounds', roundId)) : null,
    demo: options.demo ?? false,
  });
  const links: RespondentLink[] = named.map((entry) => ({ responseId: crypto.randomUUID(), name: entry.name, token: randomToken(32) }));
  await repository.insertResponses(
    tx,
    named.map((entry, index) => {
      const link = links[index]!;
      return {
        id: link.responseId,
        roundId,
        tenantId: owner.tenantId,
        organisationId: entry.organisationId,
        respondentName: entry.name,
        contactName: entry.contactName,
        contactEmail: entry.contactEmail,
        tokenHash: sha256Hex(link.token),
        tokenEncrypted: options.cipher.encrypt(link.token, tokenData('survey_responses', link.responseId)),
        demo: options.demo ?? false,
      };
    }),
  );
  if (!survey.locked) await repository.lockSurvey(tx, survey.id);
  return { id: roundId, respondents: links, openToken };
}

export function respondentLink(publicUrl: string | undefined, token: string): string {
  return `${publicUrl ?? ''}/enkat/${token}`;
}

export function openLink(publicUrl: string | undefined, token: string): string {
  return `${publicUrl ?? ''}/enkat/oppen/${token}`;
}

function respondentRow(row: repository.ResponseRow): RespondentRow {
  return {
    id: row.id,
    name: row.respondentName,
    organisationId: row.organisationId,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    status: row.status,
    openedAt: row.openedAt?.toISOString() ?? null,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    remindedAt: row.remindedAt?.toISOString() ?? null,
    late: row.late,
    version: row.version,
  };
}

export async function listRounds(tx: Tx) {
  const rows = await repository.listRoundRows(tx);
  const statuses = await repository.responseStatusCounts(tx);
  return rows.map((row) => ({
    id: row.id,
    surveyId: row.surveyId,
    title: row.title,
    year: row.year,
    deadline: row.deadline,
    allowLate: row.allowLate,
    closed: row.closed,
    ...answerCounts(statuses.filter((entry) => entry.roundId === row.id)),
    demo: row.demo,
  }));
}

export async function roundDetail(
  tx: Tx,
  id: string,
  options: { cipher: FieldCipher; publicUrl: string | undefined; mailConfigured: boolean },
): Promise<RoundDetail> {
  const round = await repository.findRound(tx, id);
  if (!round) throw notFound();
  const survey = await repository.findSurvey(tx, round.surveyId);
  const responses = await repository.responsesOf(tx, id);
  const named = responses.filter((row) => !row.anonymous);
  const counts = { not_opened: 0, in_progress: 0, submitted: 0 };
  for (const row of named) counts[row.status]++;
  return {
    id: round.id,
    surveyId: round.surveyId,
    surveyTitle: survey?.title ?? '',
    title: round.title,
    year: round.year,
    deadline: round.deadline,
    allowLate: round.allowLate,
    closed: round.closed,
    version: round.version,
    demo: round.demo,
    ...answerCounts(responses),
    counts,
    respondentList: named.map(respondentRow),
    openLink: round.openTokenEncrypted
      ? openLink(options.publicUrl, options.cipher.decrypt(round.openTokenEncrypted, tokenData('survey_rounds', round.id)))
      : null,
    mailConfigured: options.mailConfigured,
  };
}

export async function updateRound(
  tx: Tx,
  id: string,
  version: number,
  values: { deadline?: string | undefined; allowLate?: boolean | undefined; closed?: boolean | undefined },
) {
  const current = await repository.findRound(tx, id);
  if (!current) throw notFound();
  const row = await repository.updateRoundRow(tx, id, version, {
    ...(values.deadline !== undefined ? { deadline: values.deadline } : {}),
    ...(values.allowLate !== undefined ? { allowLate: values.allowLate } : {}),
    ...(values.closed !== undefined ? { closed: values.closed } : {}),
  });
  if (!row) throw new AppError('version_conflict', { detail: pick(surveyMessages, (m) => m.errors.versionConflict) });
  return row;
}

export async function updateRespondent(
  tx: Tx,
  roundId: string,
  respondentId: string,
  version: number,
  values: { contactName: string | null; contactEmail: string | null },
): Promise<RespondentRow> {
  const current = await repository.findResponse(tx, roundId, respondentId);
  if (!current || current.anonymous) throw notFound();
  const row = await repository.updateResponseRow(tx, respondentId, version, values);
  if (!row) throw new AppError('version_conflict', { detail: pick(surveyMessages, (m) => m.errors.versionConflict) });
  return respondentRow(row);
}

/** Reopens a submitted response on the respondent's request: the link can change and submit again. */
export async function reopenResponse(tx: Tx, roundId: string, respondentId: string, now: Date): Promise<RespondentRow> {
  const current = await repository.findResponse(tx, roundId, respondentId);
  if (!current || current.anonymous) throw notFound();
  if (current.status !== 'submitted') throw new AppError('conflict', { detail: pick(surveyMessages, (m) => m.errors.notSubmitted) });
  const row = await repository.updateResponseRow(tx, respondentId, null, { status: 'in_progress', reopenedAt: now, submittedAt: null, late: false });
  return respondentRow(row!);
}

export type Reminder = {
  respondentId: string;
  name: string;
  contactName: string | null;
  contactEmail: string | null;
  status: RespondentRow['status'];
  link: string;
};

/** Respondents who have not submitted, each with its link (owners only). */
export async function reminderList(
  tx: Tx,
  roundId: string,
  options: { cipher: FieldCipher; publicUrl: string | undefined },
): Promise<{ round: repository.RoundRow; reminders: Reminder[] }> {
  const round = await repository.findRound(tx, roundId);
  if (!round) throw notFound();
  const responses = await repository.responsesOf(tx, roundId);
  const reminders = responses
    .filter((row) => !row.anonymous && row.status !== 'submitted' && row.tokenEncrypted)
    .map((row) => ({
      respondentId: row.id,
      name: row.respondentName,
      contactName: row.contactName,
      contactEmail: row.contactEmail,
      status: row.status,
      link: respondentLink(options.publicUrl, options.cipher.decrypt(row.tokenEncrypted!, tokenData('survey_responses', row.id))),
    }));
  return { round, reminders };
}

export async function markReminded(tx: Tx, respondentIds: string[], now: Date): Promise<void> {
  for (const id of respondentIds) await repository.updateResponseRow(tx, id, null, { remindedAt: now });
}

// ---- The respondent's side: every function runs in a transaction as `tokenAccess(token)`.

/** Whether an answer is late today, and whether it may still be given. */
function deadlineState(round: { deadline: string; allowLate: boolean; closed: boolean }, now: Date): { late: boolean; open: boolean } {
  const late = stockholmDate(now) > round.deadline;
  return { late, open: !round.closed && (!late || round.allowLate) };
}

type LinkContext = {
  response: repository.TokenResponse;
  round: NonNullable<Awaited<ReturnType<typeof repository.tokenRound>>>;
  definition: SurveyDefinition;
  late: boolean;
};

/**
 * What the link reaches, or not_found — the same answer for a token that never existed, a closed
 * round and a passed deadline without late answers, so a link reveals nothing it should not.
 */
async function linkContext(tx: Tx, now: Date): Promise<LinkContext> {
  const response = await repository.tokenResponse(tx);
  if (!response) throw notFound();
  const round = await repository.tokenRound(tx, response.roundId);
  if (!round) throw notFound();
  const state = deadlineState(round, now);
  if (!state.open && response.status !== 'submitted') throw notFound();
  if (round.closed) throw notFound();
  const survey = await repository.tokenSurvey(tx, round.surveyId);
  if (!survey) throw notFound();
  return { response, round, definition: definitionOf(survey.definition), late: state.late };
}

async function savedAnswers(tx: Tx, cipher: FieldCipher, responseId: string): Promise<Map<string, { value: AnswerValue; version: number }>> {
  const rows = await repository.tokenAnswers(tx, responseId);
  const answers = new Map<string, { value: AnswerValue; version: number }>();
  for (const row of rows) {
    const value = decryptAnswer(cipher, responseId, row.questionId, row.valueEncrypted);
    if (value !== undefined) answers.set(row.questionId, { value, version: row.version });
  }
  return answers;
}

/** Opens the link: marks the response opened the first time, and returns the survey with what is saved. */
export async function openByToken(tx: Tx, cipher: FieldCipher, now: Date): Promise<RespondentView & { responseId: string }> {
  const context = await linkContext(tx, now);
  let status = context.response.status;
  if (status === 'not_opened') {
    await repository.updateTokenResponse(tx, { status: 'in_progress', openedAt: now });
    status = 'in_progress';
  }
  const answers = await savedAnswers(tx, cipher, context.response.id);
  return {
    responseId: context.response.id,
    roundTitle: context.round.title,
    respondentName: context.response.respondentName,
    deadline: context.round.deadline,
    late: context.late,
    status,
    submittedAt: context.response.submittedAt?.toISOString() ?? null,
    definition: context.definition,
    answers: Object.fromEntries(answers),
  };
}

export type SaveResult = {
  saved: Array<{ question: string; version: number }>;
  conflicts: Array<{ question: string; current: AnswerValue | null; version: number }>;
  problems: AnswerProblem[];
};

/**
 * Saves answers read at the given versions. An answer someone else saved in between is not
 * overwritten: it comes back as a conflict with what is stored now (issue 8: "the later save is
 * told"). Values that do not fit their question come back as problems and are not saved; the
 * rest is saved (a respondent may save a half-filled part and come back).
 */
export async function saveAnswers(
  tx: Tx,
  cipher: FieldCipher,
  answers: ReadonlyArray<{ question: string; value: AnswerValue | null; version: number }>,
  now: Date,
): Promise<SaveResult> {
  const context = await linkContext(tx, now);
  if (context.response.status === 'submitted') throw new AppError('conflict', { detail: pick(surveyMessages, (m) => m.errors.alreadySubmitted) });
  const questions = new Map(allQuestions(context.definition).map((question) => [question.id, question]));
  const stored = await savedAnswers(tx, cipher, context.response.id);
  const result: SaveResult = { saved: [], conflicts: [], problems: [] };
  for (const answer of answers) {
    const question = questions.get(answer.question);
    if (!question) {
      result.problems.push({ question: answer.question, code: 'invalid_value' });
      continue;
    }
    if (answer.value !== null) {
      const problem = checkAnswer(question, answer.value);
      if (problem) {
        result.problems.push(problem);
        continue;
      }
    }
    const current = stored.get(answer.question);
    const currentVersion = current?.version ?? 0;
    const same = JSON.stringify(current?.value ?? null) === JSON.stringify(answer.value);
    if (same) {
      result.saved.push({ question: answer.question, version: currentVersion });
      continue;
    }
    if (currentVersion !== answer.version) {
      result.conflicts.push({ question: answer.question, current: current?.value ?? null, version: currentVersion });
      continue;
    }
    // An emptied answer is kept as an explicit null so its version still guards later saves.
    const encrypted = encryptAnswer(cipher, context.response.id, answer.question, (answer.value ?? '') as AnswerValue);
    if (currentVersion === 0) {
      await repository.insertAnswer(tx, {
        responseId: context.response.id,
        tenantId: context.response.tenantId,
        questionId: answer.question,
        valueEncrypted: encrypted,
      });
      result.saved.push({ question: answer.question, version: 1 });
    } else if (await repository.updateAnswer(tx, context.response.id, answer.question, currentVersion, encrypted, now)) {
      result.saved.push({ question: answer.question, version: currentVersion + 1 });
    } else {
      result.conflicts.push({ question: answer.question, current: null, version: currentVersion });
    }
  }
  if (context.response.status === 'not_opened') await repository.updateTokenResponse(tx, { status: 'in_progress', openedAt: now });
  return result;
}

/** Treats an emptied answer ('' stored) as no answer. */
export function presentAnswers(answers: ReadonlyMap<string, { value: AnswerValue }>): Map<string, AnswerValue> {
  const present = new Map<string, AnswerValue>();
  for (const [question, { value }] of answers) if (value !== '') present.set(question, value);
  return present;
}

/** Submits: every visible required question answered; one person submits for the organisation. */
export async function submitByToken(tx: Tx, cipher: FieldCipher, now: Date): Promise<{ submittedAt: Date } | { missing: AnswerProblem[] }> {
  const context = await linkContext(tx, now);
  if (context.response.status === 'submitted') throw new AppError('conflict', { detail: pick(surveyMessages, (m) => m.errors.alreadySubmitted) });
  const answers = presentAnswers(await savedAnswers(tx, cipher, context.response.id));
  const missing = missingRequired(context.definition, answers);
  if (missing.length > 0) return { missing };
  await repository.updateTokenResponse(tx, { status: 'submitted', submittedAt: now, late: context.late });
  return { submittedAt: now };
}

/** The open link's survey (no respondent, nothing saved), or not_found. */
export async function openLinkSurvey(tx: Tx, now: Date) {
  const round = await repository.tokenRound(tx);
  if (!round || !deadlineState(round, now).open) throw notFound();
  const survey = await repository.tokenSurvey(tx, round.surveyId);
  if (!survey) throw notFound();
  return { round, definition: definitionOf(survey.definition), late: deadlineState(round, now).late };
}

/**
 * One anonymous submission through the open link: a separate response, submitted at once. No
 * name, address or cookie is kept; problems come back with nothing saved.
 */
export async function submitOpenLink(
  tx: Tx,
  cipher: FieldCipher,
  answers: ReadonlyMap<string, AnswerValue>,
  now: Date,
): Promise<{ responseId: string } | { problems: AnswerProblem[] }> {
  const { definition, late } = await openLinkSurvey(tx, now);
  const visible = visibleQuestions(definition, answers);
  const problems: AnswerProblem[] = [];
  const kept = new Map<string, AnswerValue>();
  for (const question of allQuestions(definition)) {
    const value = answers.get(question.id);
    if (value === undefined || !visible.has(question.id)) continue;
    const problem = checkAnswer(question, value);
    if (problem) problems.push(problem);
    else kept.set(question.id, value);
  }
  const known = new Set(allQuestions(definition).map((question) => question.id));
  for (const question of answers.keys()) if (!known.has(question)) problems.push({ question, code: 'invalid_value' });
  problems.push(...missingRequired(definition, kept).filter((missing) => !problems.some((problem) => problem.question === missing.question)));
  if (problems.length > 0) return { problems };
  const responseId = crypto.randomUUID();
  const roundId = await repository.submitOpenResponse(
    tx,
    responseId,
    late,
    [...kept].map(([question, value]) => ({ question, value: encryptAnswer(cipher, responseId, question, value) })),
  );
  if (!roundId) throw notFound();
  return { responseId };
}
