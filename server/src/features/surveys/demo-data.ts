import { sql } from 'drizzle-orm';
import type { AnswerValue, Question, SurveyDefinition } from '#shared/contracts/surveys.ts';
import { demoId } from '../../platform/demo/demo-ids.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DemoContext } from '../../platform/feature.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { allQuestions, visibleQuestions } from './survey-answers.ts';
import * as repository from './survey-repository.ts';
import { createSurvey, encryptAnswer, openRound } from './survey-service.ts';

/**
 * Plausible answers to every question of a survey, varied by `seed`: demo data and test data. Free
 * text is neutral on purpose (no names).
 */
export function sampleAnswers(definition: SurveyDefinition, seed: number): Map<string, AnswerValue> {
  const answers = new Map<string, AnswerValue>();
  const pickIndex = (n: number, salt: number) => (seed * 7 + salt * 13) % n;
  const valueFor = (question: Question, salt: number): AnswerValue | undefined => {
    const yesNo = ['yes', 'partly', 'no'] as const;
    switch (question.kind) {
      case 'yes_no_partly':
        return yesNo[pickIndex(3, salt)]!;
      case 'single_choice':
        return { choice: question.options[pickIndex(question.options.length, salt)]!.value };
      case 'multiple_choice':
        return { choices: [question.options[pickIndex(question.options.length, salt)]!.value] };
      case 'number':
        return Math.min(question.max ?? 1000, (question.min ?? 0) + pickIndex(40, salt));
      case 'short_text':
      case 'long_text':
        return 'Vi har arbetat vidare enligt handlingsplanen och utbildat fler medarbetare.';
      case 'date':
        return '2026-03-01';
      case 'matrix':
        return Object.fromEntries(
          question.areas.map((area, index) => [
            area,
            question.cell === 'number'
              ? pickIndex(25, salt + index)
              : question.cell === 'yes_no_partly'
                ? yesNo[pickIndex(3, salt + index)]!
                : (question.options ?? [])[pickIndex((question.options ?? []).length, salt + index)]!.value,
          ]),
        ) as AnswerValue;
    }
  };
  allQuestions(definition).forEach((question, index) => {
    const value = valueFor(question, index);
    if (value !== undefined) answers.set(question.id, value);
  });
  const visible = visibleQuestions(definition, answers);
  for (const question of [...answers.keys()]) if (!visible.has(question)) answers.delete(question);
  return answers;
}

async function answer(tx: Tx, context: DemoContext, responseId: string, tenantId: string, answers: Map<string, AnswerValue>): Promise<void> {
  for (const [question, value] of answers) {
    await repository.insertAnswer(tx, {
      responseId,
      tenantId,
      questionId: question,
      valueEncrypted: encryptAnswer(context.cipher, responseId, question, value),
    });
  }
}

/**
 * Dalarna's annual follow-up (county 20, 15 municipalities): last year's round, mostly answered,
 * for the comparison, and this year's round with a few answers — one submitted, one in progress.
 */
export async function seedDemoSurveys(tx: Tx, context: DemoContext): Promise<void> {
  const owner = { tenantId: organisationId('LST-20'), userId: demoId('user:county-strategist') };
  const survey = await createSurvey(tx, owner, { template: 'municipality' }, { demo: true });
  const definition = survey.definition;
  const lastYear = await openRound(
    tx,
    owner,
    {
      surveyId: survey.id,
      title: 'Årsuppföljning 2025 – kommunerna i Dalarna',
      year: 2025,
      deadline: '2026-01-31',
      allowLate: false,
      countyMunicipalities: '20',
      respondents: [],
      openLink: false,
    },
    { cipher: context.cipher, demo: true },
  );
  for (const [index, link] of lastYear.respondents.slice(0, 11).entries()) {
    await answer(tx, context, link.responseId, owner.tenantId, sampleAnswers(definition, index + 3));
    await repository.updateResponseRow(tx, link.responseId, null, { status: 'submitted', submittedAt: new Date('2026-01-20T10:00:00Z') });
  }
  const thisYear = await openRound(
    tx,
    owner,
    {
      surveyId: survey.id,
      title: 'Årsuppföljning 2026 – kommunerna i Dalarna',
      year: 2026,
      deadline: '2027-01-31',
      allowLate: true,
      countyMunicipalities: '20',
      respondents: [],
      openLink: false,
    },
    { cipher: context.cipher, demo: true },
  );
  const [first, second] = thisYear.respondents;
  if (first) {
    await answer(tx, context, first.responseId, owner.tenantId, sampleAnswers(definition, 1));
    await repository.updateResponseRow(tx, first.responseId, null, { status: 'submitted', submittedAt: new Date('2026-11-02T09:30:00Z') });
  }
  if (second) {
    const partial = new Map([...sampleAnswers(definition, 2)].slice(0, 8));
    await answer(tx, context, second.responseId, owner.tenantId, partial);
    await repository.updateResponseRow(tx, second.responseId, null, { status: 'in_progress' });
  }
  // Answers are inserted the way a link inserts them; mark them demo like their responses.
  await tx.execute(sql`update survey_answers set demo = true where response_id in (select id from survey_responses where demo)`);
}
