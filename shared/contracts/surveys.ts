import { z } from 'zod';
import { normaliseName } from '../names.ts';
import { ORGANISATION_KINDS } from './administration.ts';
import { message } from '../validation.ts';

/**
 * The survey engine's API contract (issue 8): survey definitions (the builder's output),
 * rounds sent to respondents, answers, results. Used by the routes, the respondent pages and the
 * staff forms. Answers describe organisations; questions marked `countsPersons` count people and
 * their results pass disclosure control.
 */

/** The national strategy's four goals (Skr. 2016/17:10): 1 prevention, 2 detection/protection/support, 3 law enforcement, 4 knowledge/methods. */
export const STRATEGY_GOALS = ['prevention', 'detection_support', 'law_enforcement', 'knowledge'] as const;
export type StrategyGoal = (typeof STRATEGY_GOALS)[number];

/** The collaboration's four joint development areas (domain.md). */
export const JOINT_AREAS = ['routines', 'information', 'referral', 'staff_support'] as const;
export type JointArea = (typeof JOINT_AREAS)[number];

/** Violence areas a matrix question is answered for: VNR, HRV, PoM. */
export const VIOLENCE_AREAS = ['vnr', 'hrv', 'pom'] as const;
export type ViolenceArea = (typeof VIOLENCE_AREAS)[number];

export const YES_NO_PARTLY = ['yes', 'partly', 'no'] as const;
export type YesNoPartly = (typeof YES_NO_PARTLY)[number];

export const QUESTION_KINDS = ['yes_no_partly', 'single_choice', 'multiple_choice', 'number', 'short_text', 'long_text', 'date', 'matrix'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** What each cell of a violence-area matrix asks for. */
export const MATRIX_CELL_KINDS = ['yes_no_partly', 'number', 'single_choice'] as const;

const key = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, message('survey_key_format'))
  .describe('Stable key of a section, question or option');
const text = (max: number) => z.string().trim().min(1).max(max);

export const choiceOption = z.object({ value: key, label: text(200) });

/** Show a question only when an earlier question's answer is one of `values` (for a matrix: in any area). */
export const questionCondition = z.object({ question: key, values: z.array(z.string().min(1).max(40)).min(1).max(20) });

const questionBase = {
  id: key,
  text: text(500),
  help: z.string().trim().max(1000).optional(),
  required: z.boolean().default(false),
  goals: z.array(z.enum(STRATEGY_GOALS)).max(4).default([]),
  jointAreas: z.array(z.enum(JOINT_AREAS)).max(4).default([]),
  condition: questionCondition.optional(),
};

const numberRange = {
  unit: z.string().trim().max(40).optional(),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  integer: z.boolean().default(true),
  /** The number counts persons (clients, cases, staff): its results pass disclosure control. */
  countsPersons: z.boolean().default(false),
};

export const question = z.discriminatedUnion('kind', [
  z.object({ ...questionBase, kind: z.literal('yes_no_partly') }),
  z.object({ ...questionBase, kind: z.literal('single_choice'), options: z.array(choiceOption).min(2).max(30), other: z.boolean().default(false) }),
  z.object({ ...questionBase, kind: z.literal('multiple_choice'), options: z.array(choiceOption).min(2).max(30), other: z.boolean().default(false) }),
  z.object({ ...questionBase, kind: z.literal('number'), ...numberRange }),
  z.object({ ...questionBase, kind: z.literal('short_text'), maxLength: z.number().int().min(1).max(500).default(200) }),
  z.object({ ...questionBase, kind: z.literal('long_text'), maxLength: z.number().int().min(1).max(10_000).default(4000) }),
  z.object({ ...questionBase, kind: z.literal('date') }),
  z.object({
    ...questionBase,
    kind: z.literal('matrix'),
    areas: z
      .array(z.enum(VIOLENCE_AREAS))
      .min(1)
      .max(3)
      .default([...VIOLENCE_AREAS]),
    cell: z.enum(MATRIX_CELL_KINDS),
    options: z.array(choiceOption).min(2).max(30).optional(),
    ...numberRange,
  }),
]);
export type Question = z.output<typeof question>;
export type QuestionInput = z.input<typeof question>;

export const section = z.object({
  id: key,
  title: text(200),
  intro: z.string().trim().max(2000).optional(),
  questions: z.array(question).min(1).max(80),
});
export type Section = z.output<typeof section>;

/** A survey's questions, as the builder makes them. Checked further by `definitionProblems`. */
export const surveyDefinition = z
  .object({
    title: text(200),
    intro: z.string().trim().max(4000).optional(),
    sections: z.array(section).min(1).max(30),
  })
  .superRefine((definition, context) => {
    for (const problem of definitionProblems(definition)) context.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  });
export type SurveyDefinition = z.output<typeof surveyDefinition>;
export type SurveyDefinitionInput = z.input<typeof surveyDefinition>;

/** Rules the shape alone cannot say: unique keys, conditions on earlier questions, sensible ranges and cells. */
export function definitionProblems(definition: {
  sections: ReadonlyArray<{ id: string; questions: ReadonlyArray<Question> }>;
}): Array<{ path: Array<string | number>; message: string }> {
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  const sections = new Set<string>();
  const earlier = new Map<string, Question>();
  definition.sections.forEach((current, s) => {
    if (sections.has(current.id)) problems.push({ path: ['sections', s, 'id'], message: message('survey_key_taken', { key: current.id }) });
    sections.add(current.id);
    current.questions.forEach((item, q) => {
      const path = ['sections', s, 'questions', q];
      if (earlier.has(item.id)) problems.push({ path: [...path, 'id'], message: message('survey_key_taken', { key: item.id }) });
      if (item.condition) {
        const source = earlier.get(item.condition.question);
        if (!source) problems.push({ path: [...path, 'condition', 'question'], message: message('survey_condition_earlier') });
        else if (!['yes_no_partly', 'single_choice', 'multiple_choice', 'matrix'].includes(source.kind)) {
          problems.push({ path: [...path, 'condition', 'question'], message: message('survey_condition_fixed') });
        }
      }
      if ((item.kind === 'number' || item.kind === 'matrix') && item.min !== undefined && item.max !== undefined && item.min > item.max) {
        problems.push({ path: [...path, 'max'], message: message('survey_range') });
      }
      if (item.kind === 'matrix' && item.cell === 'single_choice' && !item.options)
        problems.push({ path: [...path, 'options'], message: message('survey_matrix_options') });
      if ((item.kind === 'single_choice' || item.kind === 'multiple_choice' || (item.kind === 'matrix' && item.options)) && 'options' in item && item.options) {
        const values = item.options.map((option) => option.value);
        if (new Set(values).size !== values.length) problems.push({ path: [...path, 'options'], message: message('survey_options_unique') });
        if (values.includes('other')) problems.push({ path: [...path, 'options'], message: message('survey_other_reserved') });
      }
      earlier.set(item.id, item);
    });
  });
  return problems;
}

/** One answer's value, by question kind. */
export const choiceAnswer = z.object({ choice: z.string().min(1).max(40), other: z.string().trim().max(500).optional() });
export const multipleAnswer = z.object({ choices: z.array(z.string().min(1).max(40)).max(31), other: z.string().trim().max(500).optional() });
export const answerValue = z.union([
  z.string().max(10_000),
  z.number().finite(),
  choiceAnswer,
  multipleAnswer,
  z.partialRecord(z.enum(VIOLENCE_AREAS), z.union([z.string().max(40), z.number().finite()])),
]);
export type AnswerValue = z.output<typeof answerValue>;

export const TEMPLATE_KEYS = ['municipality', 'agency', 'shelter', 'event_evaluation'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const surveySummary = z.object({
  id: z.string().uuid(),
  title: z.string(),
  /** Surveys of one series (e.g. the annual municipality survey) share it; results compare rounds within a series. */
  seriesKey: z.string(),
  templateKey: z.enum(TEMPLATE_KEYS).nullable(),
  versionNumber: z.number().int(),
  locked: z.boolean(),
  questionCount: z.number().int(),
  updatedAt: z.string(),
});
export type SurveySummary = z.output<typeof surveySummary>;

export const surveyDetail = surveySummary.extend({
  definition: surveyDefinition,
  /** Row version for optimistic concurrency when editing a draft. */
  version: z.number().int(),
});
export type SurveyDetail = z.output<typeof surveyDetail>;

export const surveyList = z.object({ surveys: z.array(surveySummary) });
export const templateList = z.object({
  templates: z.array(z.object({ key: z.enum(TEMPLATE_KEYS), title: z.string(), audience: z.string(), questionCount: z.number().int() })),
});

export const createSurveyRequest = z.union([
  z.object({ template: z.enum(TEMPLATE_KEYS), title: text(200).optional() }),
  z.object({ definition: surveyDefinition, seriesKey: key.optional() }),
]);
export const updateSurveyRequest = z.object({ version: z.number().int(), definition: surveyDefinition });

export const RESPONSE_STATUSES = ['not_opened', 'in_progress', 'submitted'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

const email = z.string().trim().email().max(200);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, message('invalid_date'));

export const respondentInput = z.object({
  organisationId: z.string().uuid().optional(),
  /** For respondents that are not organisations in Upptäck (e.g. a women's shelter): its name. */
  name: z.string().overwrite(normaliseName).trim().min(1).max(200).optional(),
  contactName: z.string().overwrite(normaliseName).trim().max(200).optional(),
  contactEmail: email.optional(),
});

export const createRoundRequest = z.object({
  surveyId: z.string().uuid(),
  title: text(200),
  /** The year the round follows up (comparison with the previous year's round of the same series). */
  year: z.number().int().min(2000).max(2100),
  deadline: isoDate,
  allowLate: z.boolean().default(false),
  /** Every municipality of this county (SCB code) with one choice. */
  countyMunicipalities: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  respondents: z.array(respondentInput).max(400).default([]),
  /** An anonymous open link: each submission through it is a separate response (event evaluations). */
  openLink: z.boolean().default(false),
});
export type CreateRoundRequest = z.input<typeof createRoundRequest>;

export const respondentRow = z.object({
  id: z.string().uuid(),
  name: z.string(),
  organisationId: z.string().uuid().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  status: z.enum(RESPONSE_STATUSES),
  openedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  late: z.boolean(),
  version: z.number().int(),
});
export type RespondentRow = z.output<typeof respondentRow>;

export const roundSummary = z.object({
  id: z.string().uuid(),
  surveyId: z.string().uuid(),
  title: z.string(),
  year: z.number().int(),
  deadline: z.string(),
  allowLate: z.boolean(),
  closed: z.boolean(),
  respondents: z.number().int(),
  submitted: z.number().int(),
  anonymousResponses: z.number().int(),
  demo: z.boolean(),
});
export const roundList = z.object({ rounds: z.array(roundSummary) });

export const roundDetail = roundSummary.extend({
  surveyTitle: z.string(),
  version: z.number().int(),
  respondentList: z.array(respondentRow),
  counts: z.record(z.enum(RESPONSE_STATUSES), z.number().int()),
  /** The anonymous open link (owners only), when the round has one. */
  openLink: z.string().nullable(),
  mailConfigured: z.boolean(),
});
export type RoundDetail = z.output<typeof roundDetail>;

export const createRoundResponse = z.object({ id: z.string().uuid(), respondents: z.number().int() });

export const updateRoundRequest = z.object({
  version: z.number().int(),
  deadline: isoDate.optional(),
  allowLate: z.boolean().optional(),
  closed: z.boolean().optional(),
});
export const updateRespondentRequest = z.object({
  version: z.number().int(),
  contactName: z.string().trim().max(200).nullable(),
  contactEmail: email.nullable(),
});

export const reminderList = z.object({
  /**
   * Respondents who have not submitted, each with their own link and a message holding only that
   * link: a link opens and submits that organisation's answers, so one text never carries two.
   */
  reminders: z.array(
    z.object({
      respondentId: z.string().uuid(),
      name: z.string(),
      contactName: z.string().nullable(),
      contactEmail: z.string().nullable(),
      status: z.enum(RESPONSE_STATUSES),
      link: z.string(),
      message: z.string(),
    }),
  ),
  subject: z.string(),
  mailConfigured: z.boolean(),
});
export const sendRemindersRequest = z.object({ respondentIds: z.array(z.string().uuid()).min(1).max(400) });
export const sendRemindersResponse = z.object({ sent: z.number().int(), withoutAddress: z.number().int() });

/** What a respondent link shows: the survey, the answers saved so far and their versions. */
export const respondentView = z.object({
  roundTitle: z.string(),
  respondentName: z.string(),
  deadline: z.string(),
  late: z.boolean(),
  status: z.enum(RESPONSE_STATUSES),
  submittedAt: z.string().nullable(),
  definition: surveyDefinition,
  answers: z.record(z.string(), z.object({ value: answerValue, version: z.number().int() })),
});
export type RespondentView = z.output<typeof respondentView>;

export const saveAnswersRequest = z.object({
  /** Each answer with the version it was read at (0 when it was empty); `null` clears it. */
  answers: z.array(z.object({ question: key, value: answerValue.nullable(), version: z.number().int().min(0) })).max(200),
});
export const saveAnswersResponse = z.object({
  saved: z.array(z.object({ question: z.string(), version: z.number().int() })),
  /** Answers someone else changed since they were read: not saved, with what is stored now. */
  conflicts: z.array(z.object({ question: z.string(), current: answerValue.nullable(), version: z.number().int() })),
});
export const submitResponse = z.object({ submittedAt: z.string() });
export const openLinkView = z.object({ roundTitle: z.string(), deadline: z.string(), definition: surveyDefinition });
export const openSubmissionRequest = z.object({ answers: z.record(key, answerValue) });

/** Results of one question. Counts of persons have passed disclosure control (`hidden` cells). */
/** `pending`: a count of persons of a round not yet closed (published once, when it closes; ADR 0054). */
export const resultCell = z.object({
  value: z.number().nullable(),
  hidden: z.enum(['primary', 'complementary', 'share', 'pending']).nullable(),
  text: z.string(),
});
export type ResultCell = z.output<typeof resultCell>;

export const questionResult = z.object({
  id: z.string(),
  sectionTitle: z.string(),
  text: z.string(),
  kind: z.enum(QUESTION_KINDS),
  goals: z.array(z.enum(STRATEGY_GOALS)),
  jointAreas: z.array(z.enum(JOINT_AREAS)),
  countsPersons: z.boolean(),
  unit: z.string().nullable(),
  answered: z.number().int(),
  /** Counts and shares per option (choices, yes/no/partly), per area for matrices (`area` null otherwise). */
  options: z.array(
    z.object({
      area: z.enum(VIOLENCE_AREAS).nullable(),
      value: z.string(),
      label: z.string(),
      count: z.number().int(),
      share: z.number().nullable(),
      previousShare: z.number().nullable(),
    }),
  ),
  /** Numbers: the sum per area (`null` area for plain number questions), protected when they count persons. */
  sums: z.array(z.object({ area: z.enum(VIOLENCE_AREAS).nullable(), total: resultCell, previousTotal: resultCell.nullable() })),
  /** Each organisation's answer as text (owners see answers about organisations per organisation). */
  /** With `by=kind`: one row per kind of organisation (`key` is the kind), counts of persons protected. */
  byRespondent: z.array(z.object({ respondent: z.string(), answer: z.string(), key: z.string().optional() })),
  /** Free text (text answers and "other"): owners only, never in public exports. */
  freeText: z.array(z.object({ respondent: z.string(), text: z.string() })),
});
export type QuestionResult = z.output<typeof questionResult>;

export const roundResults = z.object({
  roundId: z.string().uuid(),
  title: z.string(),
  year: z.number().int(),
  respondents: z.number().int(),
  /** Named respondents' submitted responses and open-link answers in the breakdown (`answerCounts`). */
  submitted: z.number().int(),
  anonymousResponses: z.number().int(),
  /** The previous year's round of the same series, when there is one. */
  previous: z.object({ id: z.string().uuid(), title: z.string(), year: z.number().int(), submitted: z.number().int() }).nullable(),
  questions: z.array(questionResult),
  /** Shares of "yes" (and "partly") answers, per goal and per violence area. */
  byGoal: z.array(
    z.object({ goal: z.enum(STRATEGY_GOALS), questions: z.number().int(), yes: z.number().int(), partly: z.number().int(), answers: z.number().int() }),
  ),
  byArea: z.array(
    z.object({ area: z.enum(VIOLENCE_AREAS), questions: z.number().int(), yes: z.number().int(), partly: z.number().int(), answers: z.number().int() }),
  ),
  disclosure: z.object({ threshold: z.number().int(), display: z.enum(['below', 'dash']) }),
  /** Counts of persons are published once, when the round is closed, and never change after (ADR 0054). */
  personCounts: z.enum(['pending', 'published']),
  /** The breakdown and filter the answer applies (`roundResultsQuery`). */
  breakdown: z.object({ by: z.enum(['organisation', 'kind']), kind: z.enum(ORGANISATION_KINDS).nullable() }),
  /** The kinds of organisation that submitted, named in the request's language: the choices of `kind`. */
  kinds: z.array(z.object({ kind: z.enum(ORGANISATION_KINDS), label: z.string() })),
});
export type RoundResults = z.output<typeof roundResults>;

/**
 * The breakdowns and filters results offer (issue 15): `by` lists the answers per organisation or
 * per kind of organisation; `kind` limits the results to one kind. Every combination shows cells
 * of the same protected tables of the round (ADR 0054). Organisations outside Upptäck count as `other`.
 */
export const RESULT_BREAKDOWNS = ['organisation', 'kind'] as const;
export const roundResultsQuery = z.object({
  by: z.enum(RESULT_BREAKDOWNS).default('organisation'),
  kind: z.enum(ORGANISATION_KINDS).optional(),
});
export type RoundResultsQuery = z.output<typeof roundResultsQuery>;

export const reportJobStarted = z.object({ jobId: z.string().uuid() });
