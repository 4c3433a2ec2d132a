import type { OrganisationKind } from '#shared/contracts/administration.ts';
import {
  STRATEGY_GOALS,
  surveyDefinition,
  VIOLENCE_AREAS,
  YES_NO_PARTLY,
  type AnswerValue,
  type Question,
  type QuestionResult,
  type ResultCell,
  type RoundResults,
  type RoundResultsQuery,
  type SurveyDefinition,
  type ViolenceArea,
} from '#shared/contracts/surveys.ts';
import { answerCounts } from '#shared/format/answer-counts.ts';
import { formatNumber } from '#shared/format/number.ts';
import type { Locale } from '#shared/i18n/messages.ts';
import type { FieldCipher } from '../../platform/crypto/field-encryption.ts';
import type { Tx } from '../../platform/db/database.ts';
import { cube, TOTAL } from '../../platform/disclosure/cube.ts';
import { formatCell, type DisclosureSettings, type ProtectedCell } from '../../platform/disclosure/disclosure-control.ts';
import { protectLinkedOffThread } from '../../platform/disclosure/protect-off-thread.ts';
import type { LinkedCell } from '../../platform/disclosure/suppression.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import { surveyMessages } from './messages.ts';
import { allQuestions, answerText, freeTextOf, labelsFor, optionLabel, visibleQuestions, type Labels } from './survey-answers.ts';
import * as repository from './survey-repository.ts';
import { decryptAnswer } from './survey-service.ts';

/**
 * Results of a round (issue 8 item 4): per question counts and shares, per organisation and in
 * total, by goal and by violence area, free text per question, and the comparison with the
 * previous year's round of the same series. Only submitted responses count. Answers about
 * organisations are shown per organisation to the owner, as the issue says.
 *
 * Counts of persons (questions marked `countsPersons`; ADR 0054, issue 15): every figure any
 * breakdown or filter can show — an organisation's answer, a kind of organisation's subtotal, the
 * total, per violence area — is a cell of one set of linked tables per round (per question: the
 * organisations under their kinds under the total, × area). The set is protected once, as a whole,
 * when the round is closed, and the published cells are stored (`survey_round_disclosure`):
 * every later answer, export and report shows the same cells, so no combination of them and no
 * difference between two of them gives a hidden count away. Before the round closes counts of
 * persons read "pending": figures that changed with every new answer could be subtracted.
 */

type Submitted = { id: string; name: string; anonymous: boolean; kind: OrganisationKind; answers: Map<string, AnswerValue> };

async function submittedAnswers(
  tx: Tx,
  cipher: FieldCipher,
  roundId: string,
  anonymousLabel: string,
): Promise<{ definition: SurveyDefinition; responses: Submitted[]; round: repository.RoundRow; seriesKey: string; respondents: number }> {
  const round = await repository.findRound(tx, roundId);
  if (!round) throw notFound();
  const survey = await repository.findSurvey(tx, round.surveyId);
  if (!survey) throw notFound();
  const definition = surveyDefinition.parse(survey.definition);
  const all = await repository.responsesOf(tx, roundId);
  const submitted = all.filter((row) => row.status === 'submitted');
  const answers = await repository.answersOf(
    tx,
    submitted.map((row) => row.id),
  );
  const kinds = new Map(
    (await repository.organisationsByIds(tx, [...new Set(submitted.flatMap((row) => (row.organisationId ? [row.organisationId] : [])))])).map((row) => [
      row.id,
      row.kind,
    ]),
  );
  const responses = submitted.map((row): Submitted => {
    const values = new Map<string, AnswerValue>();
    for (const answer of answers.filter((a) => a.responseId === row.id)) {
      const value = decryptAnswer(cipher, row.id, answer.questionId, answer.valueEncrypted);
      if (value !== undefined && value !== '') values.set(answer.questionId, value);
    }
    // A hidden question's answer (its condition no longer holds) is left out, as on the form.
    const visible = visibleQuestions(definition, values);
    for (const question of [...values.keys()]) if (!visible.has(question)) values.delete(question);
    return {
      id: row.id,
      name: row.anonymous ? anonymousLabel : row.respondentName,
      anonymous: row.anonymous,
      kind: (row.organisationId && kinds.get(row.organisationId)) || 'other',
      answers: values,
    };
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
      return question.cell === 'yes_no_partly'
        ? [...YES_NO_PARTLY]
        : question.cell === 'single_choice'
          ? (question.options ?? []).map((option) => option.value)
          : [];
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

const plainCell = (value: number): ResultCell => ({ value, hidden: null, text: String(value) });

/** The areas a number question is answered for (`null`: a plain number). Empty: not a number. */
function numberAreas(question: Question): Array<ViolenceArea | null> {
  return question.kind === 'matrix' && question.cell === 'number' ? question.areas : question.kind === 'number' ? [null] : [];
}

function numberAt(response: Submitted, question: Question, area: ViolenceArea | null): number {
  const value = response.answers.get(question.id);
  if (area === null) return typeof value === 'number' ? value : 0;
  return value !== undefined && typeof value === 'object' && !('choice' in value) && !('choices' in value) && typeof value[area] === 'number'
    ? (value[area] as number)
    : 0;
}

const countsPersons = (question: Question) => 'countsPersons' in question && question.countsPersons === true && numberAreas(question).length > 0;

/** Where a count sits in the round's linked tables: question, organisation node, area node. */
const NO_AREA = '-';
const respondentNode = (response: Pick<Submitted, 'id'>) => `r:${response.id}`;
const kindNode = (kind: string) => `k:${kind}`;
/** `<question>|<node>|<area>` (jsonb keys cannot hold U+0000; question keys and nodes hold no `|`). */
const personKey = (question: string, node: string, area: ViolenceArea | null | typeof TOTAL) => [question, node, area ?? NO_AREA].join('|');

type PublishedCell = { value: number | null; hidden: 'primary' | 'complementary' | null };
/** A round's published counts of persons, or `pending` before it is closed. */
export type PersonCounts =
  { state: 'published'; threshold: number; display: DisclosureSettings['display']; cells: Record<string, PublishedCell> } | { state: 'pending' };

/**
 * Protects every count of persons a round can show, as one set of linked tables: per question,
 * organisations under their kind under the total, crossed with the violence areas. Anonymous
 * answers and totals over the areas are in the relations but never shown.
 */
export async function protectRoundCounts(
  definition: SurveyDefinition,
  responses: readonly Submitted[],
  settings: DisclosureSettings,
): Promise<Extract<PersonCounts, { state: 'published' }>> {
  const cells: LinkedCell[] = [];
  const relations: Array<{ total: number; parts: number[] }> = [];
  const keys: string[] = [];
  for (const question of allQuestions(definition).filter(countsPersons)) {
    const areas = numberAreas(question);
    const kinds = [...new Set(responses.map((response) => response.kind))].sort();
    const respondentDimension = {
      name: 'respondent',
      codes: [
        ...kinds.map((kind) => ({ code: kindNode(kind) })),
        ...responses.map((response) => ({ code: respondentNode(response), parent: kindNode(response.kind) })),
      ],
    };
    const byNode = new Map(responses.map((response) => [respondentNode(response), response]));
    const dimensions = areas[0] === null ? [respondentDimension] : [respondentDimension, { name: 'area', codes: areas.map((area) => ({ code: area! })) }];
    const table = cube(dimensions, ([node, area]) =>
      Math.max(0, Math.round(numberAt(byNode.get(node!)!, question, (area as ViolenceArea | undefined) ?? null))),
    );
    const offset = cells.length;
    table.keys.forEach((codes, i) => {
      const [node, area] = codes as [string, string | undefined];
      const anonymous = node.startsWith('r:') && byNode.get(node)!.anonymous;
      cells.push({ ...table.cells[i]!, unpublished: anonymous || area === TOTAL });
      keys.push(personKey(question.id, node, area === undefined ? null : (area as ViolenceArea | typeof TOTAL)));
    });
    for (const relation of table.relations) relations.push({ total: relation.total + offset, parts: relation.parts.map((part) => part + offset) });
  }
  // Every breakdown of a round at once can take the solver seconds: off the event loop.
  const { suppressed, display } = await protectLinkedOffThread({ cells, relations }, settings);
  const published: Record<string, PublishedCell> = {};
  cells.forEach((cell, i) => {
    if (cell.unpublished) return;
    const hidden = suppressed[i] ?? null;
    published[keys[i]!] = { value: hidden ? null : cell.value, hidden };
  });
  return { state: 'published', threshold: settings.threshold, display, cells: published };
}

/** The round's published counts: stored when the round was first read closed, else protected and stored now. */
async function personCountsOf(
  tx: Tx,
  round: repository.RoundRow,
  definition: SurveyDefinition,
  responses: readonly Submitted[],
  settings: DisclosureSettings,
): Promise<PersonCounts> {
  if (!round.closed) return { state: 'pending' };
  if (!allQuestions(definition).some(countsPersons)) return { state: 'published', threshold: settings.threshold, display: settings.display, cells: {} };
  const stored = await repository.findRoundDisclosure(tx, round.id);
  if (stored) return { state: 'published', threshold: stored.threshold, display: stored.display, cells: stored.cells as Record<string, PublishedCell> };
  const computed = await protectRoundCounts(definition, responses, settings);
  const row = await repository.insertRoundDisclosure(tx, {
    roundId: round.id,
    tenantId: round.tenantId,
    threshold: computed.threshold,
    display: computed.display,
    cells: computed.cells,
  });
  return { state: 'published', threshold: row.threshold, display: row.display, cells: row.cells as Record<string, PublishedCell> };
}

type View = { counts: PersonCounts; locale: Locale; pendingText: string; breakdown: RoundResultsQuery; kindLabels: Record<OrganisationKind, string> };

/** One published count of persons as a result cell ("pending" before publication; a cell unknown to the stored set too). */
function personCell(view: View, key: string): ResultCell {
  const counts = view.counts;
  if (counts.state === 'pending') return { value: null, hidden: 'pending', text: view.pendingText };
  const cell = counts.cells[key];
  if (!cell) return { value: null, hidden: 'pending', text: view.pendingText };
  const protectedCell: ProtectedCell = cell.hidden ? { value: null, suppressed: cell.hidden } : { value: cell.value!, suppressed: null };
  return {
    value: protectedCell.value,
    hidden: protectedCell.suppressed,
    text: formatCell(protectedCell, { threshold: counts.threshold, display: counts.display }, (value) => formatNumber(value, view.locale)),
  };
}

type NumberSums = { sums: Array<{ area: ViolenceArea | null; total: ResultCell }>; perRespondent: Map<string, string>; perKind: Map<string, string> };

/** Sums of a number question (per area for matrices); counts of persons are the round's published cells. */
function numberSums(question: Question, responses: Submitted[], view: View, labels: Labels): NumberSums | null {
  const areas = numberAreas(question);
  if (areas.length === 0) return null;
  const rows = responses.filter((response) => response.answers.has(question.id));
  const perRespondent = new Map<string, string>();
  const perKind = new Map<string, string>();
  const text = (area: ViolenceArea | null, cell: ResultCell) => `${area ? `${labels.areas[area]}: ` : ''}${cell.text}`;
  if (countsPersons(question)) {
    const filterNode = view.breakdown.kind ? kindNode(view.breakdown.kind) : TOTAL;
    for (const response of rows.filter((row) => !row.anonymous))
      perRespondent.set(response.id, areas.map((area) => text(area, personCell(view, personKey(question.id, respondentNode(response), area)))).join('; '));
    for (const kind of new Set(responses.map((response) => response.kind)))
      perKind.set(kind, areas.map((area) => text(area, personCell(view, personKey(question.id, kindNode(kind), area)))).join('; '));
    return {
      sums: areas.map((area) => ({ area, total: responses.length === 0 ? plainCell(0) : personCell(view, personKey(question.id, filterNode, area)) })),
      perRespondent,
      perKind,
    };
  }
  return {
    sums: areas.map((area) => ({ area, total: plainCell(rows.reduce((total, response) => total + numberAt(response, question, area), 0)) })),
    perRespondent,
    perKind,
  };
}

function questionResults(definition: SurveyDefinition, responses: Submitted[], view: View, labels: Labels): Array<QuestionResult> {
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
          options.push({
            area,
            value,
            label: optionLabel(question, value, labels),
            count,
            share: answeredHere.length > 0 ? count / answeredHere.length : null,
            previousShare: null,
          });
        }
      }
      const sums = numberSums(question, responses, view, labels);
      const byRespondent: QuestionResult['byRespondent'] =
        view.breakdown.by === 'kind'
          ? [...new Set(answeredBy.map((response) => response.kind))].sort().map((kind) => {
              const here = answeredBy.filter((response) => response.kind === kind);
              const tally = new Map<string, number>();
              for (const response of here) {
                const text = answerText(question, response.answers.get(question.id), labels);
                tally.set(text, (tally.get(text) ?? 0) + 1);
              }
              const answer = sums?.perKind.get(kind) ?? [...tally].map(([text, n]) => `${text} (${n})`).join('; ');
              return { respondent: view.kindLabels[kind], answer, key: kind };
            })
          : answeredBy
              .filter((response) => !response.anonymous)
              .map((response) => ({
                respondent: response.name,
                answer: sums?.perRespondent.get(response.id) ?? answerText(question, response.answers.get(question.id), labels),
              }));
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
      else if (typeof value === 'object' && !('choice' in value) && !('choices' in value))
        for (const [area, cell] of Object.entries(value)) cells.push({ area: area as ViolenceArea, value: String(cell) });
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

function viewOf(counts: PersonCounts, locale: Locale, breakdown: RoundResultsQuery): View {
  return { counts, locale, pendingText: surveyMessages[locale].pendingCount, breakdown, kindLabels: surveyMessages[locale].organisationKinds };
}

const inBreakdown = (breakdown: RoundResultsQuery) => (response: Submitted) => !breakdown.kind || response.kind === breakdown.kind;

/**
 * The results of a round, for its owner (free text and per-organisation answers included), with
 * the breakdown and filter asked for (`roundResultsQuery`).
 */
export async function roundResults(
  tx: Tx,
  roundId: string,
  options: { cipher: FieldCipher; settings: DisclosureSettings; locale: Locale; query?: Partial<RoundResultsQuery> },
): Promise<RoundResults> {
  const breakdown: RoundResultsQuery = { by: options.query?.by ?? 'organisation', ...(options.query?.kind ? { kind: options.query.kind } : {}) };
  const labels = labelsFor(options.locale);
  const anonymousLabel = surveyMessages[options.locale].anonymous;
  const current = await submittedAnswers(tx, options.cipher, roundId, anonymousLabel);
  const counts = await personCountsOf(tx, current.round, current.definition, current.responses, options.settings);
  const chosenResponses = current.responses.filter(inBreakdown(breakdown));
  const questions = questionResults(current.definition, chosenResponses, viewOf(counts, options.locale, breakdown), labels);
  const previousRow = await repository.previousRound(tx, current.seriesKey, current.round.year);
  let previous: RoundResults['previous'] = null;
  if (previousRow) {
    const before = await submittedAnswers(tx, options.cipher, previousRow.id, anonymousLabel);
    const beforeCounts = await personCountsOf(tx, before.round, before.definition, before.responses, options.settings);
    const earlier = new Map(
      questionResults(before.definition, before.responses.filter(inBreakdown(breakdown)), viewOf(beforeCounts, options.locale, breakdown), labels).map(
        (result) => [result.id, result],
      ),
    );
    for (const result of questions) {
      const match = earlier.get(result.id);
      if (!match || match.kind !== result.kind) continue;
      for (const option of result.options) option.previousShare = match.options.find((o) => o.area === option.area && o.value === option.value)?.share ?? null;
      for (const sum of result.sums) sum.previousTotal = match.sums.find((s) => s.area === sum.area)?.total ?? null;
    }
    previous = {
      id: previousRow.id,
      title: previousRow.title,
      year: previousRow.year,
      submitted: before.responses.filter((response) => !response.anonymous).length,
    };
  }
  return {
    roundId,
    title: current.round.title,
    year: current.round.year,
    ...answerCounts(chosenResponses.map((response) => ({ anonymous: response.anonymous, status: 'submitted' as const }))),
    respondents: current.respondents,
    previous,
    questions,
    ...rollups(current.definition, chosenResponses),
    disclosure:
      counts.state === 'published'
        ? { threshold: counts.threshold, display: counts.display }
        : { threshold: options.settings.threshold, display: options.settings.display },
    personCounts: counts.state,
    breakdown: { by: breakdown.by, kind: breakdown.kind ?? null },
    kinds: [...new Set(current.responses.map((response) => response.kind))]
      .sort()
      .map((kind) => ({ kind, label: surveyMessages[options.locale].organisationKinds[kind] })),
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
export async function combinedResults(
  tx: Tx,
  roundIds: readonly string[],
  options: { cipher: FieldCipher; settings: DisclosureSettings; locale: Locale },
): Promise<CombinedResults> {
  const labels = labelsFor(options.locale);
  const anonymousLabel = surveyMessages[options.locale].anonymous;
  const loaded = [];
  for (const id of roundIds) loaded.push(await submittedAnswers(tx, options.cipher, id, anonymousLabel));
  const latest = [...loaded].sort((a, b) => b.round.createdAt.getTime() - a.round.createdAt.getTime())[0];
  if (!latest) throw notFound();
  const responses = loaded.flatMap((round) => round.responses);
  const counts = [];
  for (const round of loaded) counts.push(await personCountsOf(tx, round.round, round.definition, round.responses, options.settings));
  return {
    rounds: loaded.length,
    submitted: responses.length,
    questions: questionResults(
      latest.definition,
      responses,
      viewOf(combinedPersonCounts(counts, options.settings), options.locale, { by: 'organisation' }),
      labels,
    ),
    ...rollups(latest.definition, responses),
  };
}

/**
 * Counts of persons over several rounds (ADR 0054): an organisation's answer is its own round's
 * published cell; a kind's subtotal and the total are the sums of the rounds' published cells, or
 * hidden when any of them is hidden. Every figure is thus a sum of cells the same reader already
 * sees round by round, so combining rounds reveals nothing new. A round without a node (that kind
 * did not answer it) adds 0. Until every round is closed, they read "pending".
 */
export function combinedPersonCounts(rounds: readonly PersonCounts[], settings: DisclosureSettings): PersonCounts {
  const published = rounds.filter((round) => round.state === 'published');
  if (published.length < rounds.length) return { state: 'pending' };
  const cells: Record<string, PublishedCell> = {};
  const summedKeys = new Set(published.flatMap((round) => Object.keys(round.cells).filter((key) => !key.split('|')[1]!.startsWith('r:'))));
  for (const round of published) for (const [key, cell] of Object.entries(round.cells)) if (key.split('|')[1]!.startsWith('r:')) cells[key] = cell;
  for (const key of summedKeys) {
    const parts = published.flatMap((round) => (round.cells[key] ? [round.cells[key]] : []));
    // A sum with a hidden part is not "<threshold": the other parts may be large.
    cells[key] = parts.some((part) => part.hidden)
      ? { value: null, hidden: 'complementary' }
      : { value: parts.reduce((sum, part) => sum + part.value!, 0), hidden: null };
  }
  return { state: 'published', threshold: published[0]?.threshold ?? settings.threshold, display: published[0]?.display ?? settings.display, cells };
}
