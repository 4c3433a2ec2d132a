import { STRATEGY_GOALS, surveyDefinition, VIOLENCE_AREAS, YES_NO_PARTLY, type AnswerValue, type Question, type QuestionResult, type ResultCell, type RoundResults, type SurveyDefinition, type ViolenceArea } from '#shared/contracts/surveys.ts';
import type { Locale } from '#shared/i18n/messages.ts';
import type { FieldCipher } from '../../platform/crypto/field-encryption.ts';
import type { Tx } from '../../platform/db/database.ts';
import { formatCell, protectTable, type DisclosureSettings, type ProtectedCell } from '../../platform/disclosure/disclosure-control.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import { surveyMessages } from './messages.ts';
import { allQuestions, answerText, freeTextOf, labelsFor, optionLabel, visibleQuestions, type Labels } from './survey-answers.ts';
import * as repository from './survey-repository.ts';
import { decryptAnswer } from './survey-service.ts';

/**
 * Results of a round (issue 8 item 4): per question counts and shares, per organisation and in
 * total, by goal and by violence area, free text per question, and the comparison with the
 * previous year's round of the same series. Only submitted responses count. Numbers that count
 * persons pass the disclosure-control kernel (ADR 0050) — per organisation and in total alike;
 * answers about organisations are shown per organisation to the owner, as the issue says.
 */

type Submitted = { name: string; anonymous: boolean; answers: Map<string, AnswerValue> };

async function submittedAnswers(tx: Tx, cipher: FieldCipher, roundId: string, anonymousLabel: string): Promise<{ definition: SurveyDefinition; responses: Submitted[]; round: repository.RoundRow; seriesKey: string; respondents: number }> {
  const round = await repository.findRound(tx, roundId);
  if (!round) throw notFound();
  const survey = await repository.findSurvey(tx, round.surveyId);
  if (!survey) throw notFound();
  const definition = surveyDefinition.parse(survey.definition);
  const all = await repository.responsesOf(tx, roundId);
  const submitted = all.filter((row) => row.status === 'submitted');
  const answers = await repository.answersOf(tx, submitted.map((row) => row.id));
  const responses = submitted.map((row) => {
    const values = new Map<string, AnswerValue>();
    for (const answer of answers.filter((a) => a.responseId === row.id)) {
      const value = decryptAnswer(cipher, row.id, answer.questionId, answer.valueEncrypted);
      if (value !== undefined && value !== '') values.set(answer.questionId, value);
    }
    // A hidden question's answer (its condition no longer holds) is left out, as on the form.
    const visible = visibleQuestions(definition, values);
    for (const question of [...values.keys()]) if (!visible.has(question)) values.delete(question);
    return { name: row.anonymous ? anonymousLabel : row.respondentName, anonymous: row.anonymous, answers: values };
  });
  return { definition, responses, round, seriesKey: survey.seriesKey, respondents: all.filter((row) => !row.anonymous).length };
}

function optionValues(question: Question): string[] {
  switch (question.kind) {
    case 'yes_no_partly':
      return [...YES_NO_PARTLY];
    case 'single_choice':
    case 'multiple_choice':
      return [...question.options.map((option) => option.value), ...(question.other ? ['other'] : [])];
    case 'matrix':
      return question.cell === 'yes_no_partly' ? [...YES_NO_PARTLY] : question.cell === 'single_choice' ? (question.options ?? []).map((option) => option.value) : [];
    default:
      return [];
  }
}

function chosen(question: Question, value: AnswerValue, area: ViolenceArea | null): string[] {
  if (area !== null) return typeof value === 'object' && !('choice' in value) && !('choices' in value) && area in value ? [String(value[area])] : [];
  if (typeof value === 'string') return [value];
  if (typeof value === 'object' && 'choice' in value) return [value.choice];
  if (typeof value === 'object' && 'choices' in value) return [...value.choices];
  return [];
}

const cellOf = (cell: ProtectedCell, settings: DisclosureSettings, display: DisclosureSettings['display']): ResultCell => ({
  value: cell.value,
  hidden: cell.suppressed,
  text: formatCell(cell, { threshold: settings.threshold, display }),
});
const plainCell = (value: number): ResultCell => ({ value, hidden: null, text: String(value) });

type NumberSums = { sums: Array<{ area: ViolenceArea | null; total: ResultCell }>; perRespondent: Map<string, string> };

/** Sums of a number question (per area for matrices); counts of persons pass disclosure control, per organisation too. */
function numberSums(question: Question, responses: Submitted[], settings: DisclosureSettings, labels: Labels): NumberSums | null {
  const areas: Array<ViolenceArea | null> = question.kind === 'matrix' && question.cell === 'number' ? question.areas : question.kind === 'number' ? [null] : [];
  if (areas.length === 0) return null;
  const answering = responses.filter((response) => response.answers.has(question.id) && !response.anonymous);
  const anonymousOnes = responses.filter((response) => response.answers.has(question.id) && response.anonymous);
  const valueAt = (response: Submitted, area: ViolenceArea | null): number => {
    const value = response.answers.get(question.id);
    if (area === null) return typeof value === 'number' ? value : 0;
    return typeof value === 'object' && !('choice' in value) && !('choices' in value) && typeof value[area] === 'number' ? (value[area] as number) : 0;
  };
  const rows = [...answering, ...anonymousOnes];
  const countsPersons = 'countsPersons' in question && question.countsPersons;
  const perRespondent = new Map<string, string>();
  if (countsPersons && rows.length > 0) {
    const table = protectTable(
      {
        id: question.id,
        rowDimension: `respondent:${question.id}`,
        columnDimension: `area:${question.id}`,
        rows: rows.map((_, index) => String(index)),
        columns: areas.map((area) => area ?? 'total'),
        counts: rows.map((response) => areas.map((area) => Math.max(0, Math.round(valueAt(response, area))))),
      },
      settings,
    );
    answering.forEach((response, index) => {
      perRespondent.set(response.name, areas.map((area, column) => `${area ? `${labels.areas[area]}: ` : ''}${formatCell(table.cells[index]![column]!, { threshold: settings.threshold, display: table.display })}`).join('; '));
    });
    return { sums: areas.map((area, column) => ({ area, total: cellOf(table.columnTotals[column]!, settings, table.display) })), perRespondent };
  }
  return { sums: areas.map((area) => ({ area, total: plainCell(rows.reduce((total, response) => total + valueAt(response, area), 0)) })), perRespondent };
}

function questionResults(definition: SurveyDefinition, responses: Submitted[], settings: DisclosureSettings, labels: Labels): Array<QuestionResult> {
  const results: QuestionResult[] = [];
  for (const section of definition.sections) {
    for (const question of section.questions) {
      const answeredBy = responses.filter((response) => response.answers.has(question.id));
      const areas: Array<ViolenceArea | null> = question.kind === 'matrix' ? question.areas : [null];
      const options: QuestionResult['options'] = [];
      for (const area of areas) {
        const values = optionValues(question);
        const answeredHere = answeredBy.filter((response) => chosen(question, response.answers.get(question.id)!, area).length > 0);
        for (const value of values) {
          const count = answeredHere.filter((response) => chosen(question, response.answers.get(question.id)!, area).includes(value)).length;
          options.push({ area, value, label: optionLabel(question, value, labels), count, share: answeredHere.length > 0 ? count / answeredHere.length : null, previousShare: null });
        }
      }
      const sums = numberSums(question, responses, settings, labels);
      const byRespondent = answeredBy
        .filter((response) => !response.anonymous)
        .map((response) => ({ respondent: response.name, answer: sums?.perRespondent.get(response.name) ?? answerText(question, response.answers.get(question.id), labels) }));
      const freeText = answeredBy.flatMap((response) => {
        const text = freeTextOf(question, response.answers.get(question.id));
        return text ? [{ respondent: response.name, text }] : [];
      });
      results.push({
        id: question.id,
        sectionTitle: section.title,
        text: question.text,
        kind: question.kind,
        goals: question.goals,
        jointAreas: question.jointAreas,
        countsPersons: 'countsPersons' in question ? question.countsPersons : false,
        unit: 'unit' in question ? (question.unit ?? null) : null,
        answered: answeredBy.length,
        options,
        sums: sums?.sums.map((sum) => ({ ...sum, previousTotal: null })) ?? [],
        // Free text is listed separately; per-organisation rows of text questions would repeat it.
        byRespondent: question.kind === 'short_text' || question.kind === 'long_text' ? [] : byRespondent,
        freeText,
      });
    }
  }
  return results;
}

/** Yes/partly answers summed over the questions of each goal and each violence area. */
function rollups(definition: SurveyDefinition, responses: Submitted[]) {
  const byGoal = STRATEGY_GOALS.map((goal) => ({ goal, questions: 0, yes: 0, partly: 0, answers: 0 }));
  const byArea = VIOLENCE_AREAS.map((area) => ({ area, questions: 0, yes: 0, partly: 0, answers: 0 }));
  for (const question of allQuestions(definition)) {
    const yesNo = question.kind === 'yes_no_partly' || (question.kind === 'matrix' && question.cell === 'yes_no_partly');
    if (!yesNo) continue;
    const cells: Array<{ area: ViolenceArea | null; value: string }> = [];
    for (const response of responses) {
      const value = response.answers.get(question.id);
      if (value === undefined) continue;
      if (typeof value === 'string') cells.push({ area: null, value });
      else if (typeof value === 'object' && !('choice' in value) && !('choices' in value)) for (const [area, cell] of Object.entries(value)) cells.push({ area: area as ViolenceArea, value: String(cell) });
    }
    for (const goal of byGoal.filter((entry) => question.goals.includes(entry.goal))) {
      goal.questions++;
      goal.answers += cells.length;
      goal.yes += cells.filter((cell) => cell.value === 'yes').length;
      goal.partly += cells.filter((cell) => cell.value === 'partly').length;
    }
    if (question.kind === 'matrix') {
      for (const area of byArea.filter((entry) => question.areas.includes(entry.area))) {
        const here = cells.filter((cell) => cell.area === area.area);
        area.questions++;
        area.answers += here.length;
        area.yes += here.filter((cell) => cell.value === 'yes').length;
        area.partly += here.filter((cell) => cell.value === 'partly').length;
      }
    }
  }
  return { byGoal, byArea };
}

/** The results of a round, for its owner (free text and per-organisation answers included). */
export async function roundResults(tx: Tx, roundId: string, options: { cipher: FieldCipher; settings: DisclosureSettings; locale: Locale }): Promise<RoundResults> {
  const labels = labelsFor(options.locale);
  const anonymousLabel = surveyMessages[options.locale].anonymous;
  const current = await submittedAnswers(tx, options.cipher, roundId, anonymousLabel);
  const questions = questionResults(current.definition, current.responses, options.settings, labels);
  const previousRow = await repository.previousRound(tx, current.seriesKey, current.round.year);
  let previous: RoundResults['previous'] = null;
  if (previousRow) {
    const before = await submittedAnswers(tx, options.cipher, previousRow.id, anonymousLabel);
    const earlier = new Map(questionResults(before.definition, before.responses, options.settings, labels).map((result) => [result.id, result]));
    for (const result of questions) {
      const match = earlier.get(result.id);
      if (!match || match.kind !== result.kind) continue;
      for (const option of result.options) option.previousShare = match.options.find((o) => o.area === option.area && o.value === option.value)?.share ?? null;
      for (const sum of result.sums) sum.previousTotal = match.sums.find((s) => s.area === sum.area)?.total ?? null;
    }
    previous = { id: previousRow.id, title: previousRow.title, year: previousRow.year, submitted: before.responses.filter((response) => !response.anonymous).length };
  }
  return {
    roundId,
    title: current.round.title,
    year: current.round.year,
    respondents: current.respondents,
    submitted: current.responses.length,
    previous,
    questions,
    ...rollups(current.definition, current.responses),
    disclosure: { threshold: options.settings.threshold, display: options.settings.display },
  };
}

export type CombinedResults = {
  rounds: number;
  submitted: number;
  questions: QuestionResult[];
  byGoal: RoundResults['byGoal'];
  byArea: RoundResults['byArea'];
};

/**
 * Results over several rounds together (e.g. every event of a training series, each evaluated
 * through its own round): the questions of the latest round's survey, with every submitted
 * response of all the rounds. The caller decides who sees it; free text is in it (owners only).
 */
export async function combinedResults(tx: Tx, roundIds: readonly string[], options: { cipher: FieldCipher; settings: DisclosureSettings; locale: Locale }): Promise<CombinedResults> {
  const labels = labelsFor(options.locale);
  const anonymousLabel = surveyMessages[options.locale].anonymous;
  const loaded = [];
  for (const id of roundIds) loaded.push(await submittedAnswers(tx, options.cipher, id, anonymousLabel));
  const latest = [...loaded].sort((a, b) => b.round.createdAt.getTime() - a.round.createdAt.getTime())[0];
  if (!latest) throw notFound();
  const responses = loaded.flatMap((round) => round.responses);
  return {
    rounds: loaded.length,
    submitted: responses.length,
    questions: questionResults(latest.definition, responses, options.settings, labels),
    ...rollups(latest.definition, responses),
  };
}
