import { YES_NO_PARTLY, type AnswerValue, type Question, type SurveyDefinition, type ViolenceArea } from '#shared/contracts/surveys.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { surveyMessages } from './messages.ts';

/**
 * The rules of one answer, pure: which questions show (conditions), whether a value fits its
 * question (ranges, options, lengths), what is missing at submission, and how an answer reads.
 * The respondent pages, the JSON routes and the results all use these.
 */

export type AnswerProblem = { question: string; code: AnswerProblemCode; params?: Record<string, string | number> };
export type AnswerProblemCode =
  'required' | 'not_a_number' | 'not_integer' | 'too_small' | 'too_large' | 'too_long' | 'invalid_option' | 'other_missing' | 'invalid_date' | 'invalid_value';

export function problemText(problem: AnswerProblem, questionText: string, locale: Locale): string {
  return interpolate(surveyMessages[locale].problems[problem.code], { question: questionText, ...problem.params });
}

export function allQuestions(definition: SurveyDefinition): Question[] {
  return definition.sections.flatMap((section) => section.questions);
}

function valuesOf(value: AnswerValue): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if ('choice' in value) return [value.choice];
  if ('choices' in value) return value.choices as string[];
  return Object.values(value).map(String);
}

/** Questions whose condition holds (a hidden question's answers are ignored and not required). */
export function visibleQuestions(definition: SurveyDefinition, answers: ReadonlyMap<string, AnswerValue>): Set<string> {
  const visible = new Set<string>();
  for (const question of allQuestions(definition)) {
    const condition = question.condition;
    if (!condition) {
      visible.add(question.id);
      continue;
    }
    const source = answers.get(condition.question);
    if (visible.has(condition.question) && source !== undefined && valuesOf(source).some((value) => condition.values.includes(value))) visible.add(question.id);
  }
  return visible;
}

const isDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

function checkNumber(question: Extract<Question, { kind: 'number' | 'matrix' }>, value: number): AnswerProblem | null {
  if (question.integer && !Number.isInteger(value)) return { question: question.id, code: 'not_integer' };
  if (question.min !== undefined && value < question.min) return { question: question.id, code: 'too_small', params: { min: question.min } };
  if (question.max !== undefined && value > question.max) return { question: question.id, code: 'too_large', params: { max: question.max } };
  return null;
}

/** Whether a (non-empty) value fits its question; partial matrices are fine until submission. */
export function checkAnswer(question: Question, value: AnswerValue): AnswerProblem | null {
  const invalid: AnswerProblem = { question: question.id, code: 'invalid_value' };
  switch (question.kind) {
    case 'yes_no_partly':
      return typeof value === 'string' && (YES_NO_PARTLY as readonly string[]).includes(value) ? null : invalid;
    case 'single_choice': {
      if (typeof value !== 'object' || !('choice' in value)) return invalid;
      const allowed = [...question.options.map((option) => option.value), ...(question.other ? ['other'] : [])];
      if (!allowed.includes(value.choice)) return { question: question.id, code: 'invalid_option' };
      if (value.choice === 'other' && !value.other) return { question: question.id, code: 'other_missing' };
      return null;
    }
    case 'multiple_choice': {
      if (typeof value !== 'object' || !('choices' in value)) return invalid;
      const allowed = [...question.options.map((option) => option.value), ...(question.other ? ['other'] : [])];
      if (value.choices.some((choice) => !allowed.includes(choice))) return { question: question.id, code: 'invalid_option' };
      if (value.choices.includes('other') && !value.other) return { question: question.id, code: 'other_missing' };
      return null;
    }
    case 'number':
      return typeof value === 'number' ? checkNumber(question, value) : { question: question.id, code: 'not_a_number' };
    case 'short_text':
    case 'long_text':
      if (typeof value !== 'string') return invalid;
      return value.length > question.maxLength ? { question: question.id, code: 'too_long', params: { max: question.maxLength } } : null;
    case 'date':
      return typeof value === 'string' && isDate(value) ? null : { question: question.id, code: 'invalid_date' };
    case 'matrix': {
      if (typeof value !== 'object' || 'choice' in value || 'choices' in value) return invalid;
      for (const [area, cell] of Object.entries(value) as Array<[ViolenceArea, string | number]>) {
        if (!question.areas.includes(area)) return invalid;
        if (question.cell === 'number') {
          if (typeof cell !== 'number') return { question: question.id, code: 'not_a_number' };
          const problem = checkNumber(question, cell);
          if (problem) return problem;
        } else if (question.cell === 'yes_no_partly') {
          if (typeof cell !== 'string' || !(YES_NO_PARTLY as readonly string[]).includes(cell)) return invalid;
        } else if (typeof cell !== 'string' || !(question.options ?? []).some((option) => option.value === cell)) {
          return { question: question.id, code: 'invalid_option' };
        }
      }
      return null;
    }
  }
}

function isComplete(question: Question, value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (question.kind === 'matrix') return typeof value === 'object' && question.areas.every((area) => area in value);
  if (question.kind === 'multiple_choice') return typeof value === 'object' && 'choices' in value && value.choices.length > 0;
  return true;
}

/** Required questions that show and are not (fully) answered: what blocks submission. */
export function missingRequired(definition: SurveyDefinition, answers: ReadonlyMap<string, AnswerValue>): AnswerProblem[] {
  const visible = visibleQuestions(definition, answers);
  return allQuestions(definition)
    .filter((question) => question.required && visible.has(question.id) && !isComplete(question, answers.get(question.id)))
    .map((question) => ({ question: question.id, code: 'required' as const }));
}

export type Labels = { yes: string; partly: string; no: string; other: string; areas: Record<ViolenceArea, string> };

export function labelsFor(locale: Locale): Labels {
  const t = surveyMessages[locale].labels;
  return { yes: t.yes, partly: t.partly, no: t.no, other: t.other, areas: t.areas };
}

export function optionLabel(question: Question, value: string, labels: Labels): string {
  if (value === 'yes' || value === 'partly' || value === 'no') {
    if (question.kind === 'yes_no_partly' || (question.kind === 'matrix' && question.cell === 'yes_no_partly')) return labels[value];
  }
  if (value === 'other') return labels.other;
  const options = 'options' in question ? question.options : undefined;
  return options?.find((option) => option.value === value)?.label ?? value;
}

/** An answer as one line of text (per-organisation tables, CSV/XLSX). Free text included: owners only. */
export function answerText(question: Question, value: AnswerValue | undefined, labels: Labels): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return question.kind === 'yes_no_partly' ? optionLabel(question, value, labels) : value;
  if (typeof value === 'number') return `${value}${'unit' in question && question.unit ? ` ${question.unit}` : ''}`;
  if ('choice' in value) return value.choice === 'other' ? `${labels.other}: ${value.other ?? ''}` : optionLabel(question, value.choice, labels);
  if ('choices' in value)
    return value.choices.map((choice) => (choice === 'other' ? `${labels.other}: ${value.other ?? ''}` : optionLabel(question, choice, labels))).join('; ');
  return (Object.entries(value) as Array<[ViolenceArea, string | number]>)
    .map(([area, cell]) => `${labels.areas[area]}: ${typeof cell === 'number' ? cell : optionLabel(question, cell, labels)}`)
    .join('; ');
}

/** The free text in an answer (text questions and "other"): shown to owners only, never in public exports. */
export function freeTextOf(question: Question, value: AnswerValue | undefined): string | null {
  if (value === undefined) return null;
  if ((question.kind === 'short_text' || question.kind === 'long_text') && typeof value === 'string') return value;
  if (typeof value === 'object' && ('choice' in value || 'choices' in value)) return value.other ?? null;
  return null;
}

export type FormFields = Readonly<Record<string, readonly string[]>>;

/** Field names of the respondent form: `q.<question>`, `q.<question>.other`, `q.<question>.<area>`. */
export const fieldName = (question: string, part?: string) => (part ? `q.${question}.${part}` : `q.${question}`);
export const versionField = (question: string) => `v.${question}`;

function parseNumber(raw: string): number | null {
  const cleaned = raw.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/**
 * Reads one question's answer from the submitted form: the value (`null` = left empty) or the
 * problem with what was typed. Checking ranges and options is `checkAnswer`'s job.
 */
export function readFormAnswer(question: Question, fields: FormFields): { value: AnswerValue | null } | { problem: AnswerProblem } {
  const one = (name: string) => (fields[name]?.[0] ?? '').trim();
  switch (question.kind) {
    case 'yes_no_partly':
    case 'short_text':
    case 'long_text':
    case 'date': {
      const raw = one(fieldName(question.id));
      return { value: raw === '' ? null : raw };
    }
    case 'number': {
      const raw = one(fieldName(question.id));
      if (raw === '') return { value: null };
      const parsed = parseNumber(raw);
      return parsed === null ? { problem: { question: question.id, code: 'not_a_number' } } : { value: parsed };
    }
    case 'single_choice': {
      const choice = one(fieldName(question.id));
      if (choice === '') return { value: null };
      const other = one(fieldName(question.id, 'other'));
      return { value: choice === 'other' ? { choice, ...(other ? { other } : {}) } : { choice } };
    }
    case 'multiple_choice': {
      const choices = [...(fields[fieldName(question.id)] ?? [])].filter((value) => value !== '');
      if (choices.length === 0) return { value: null };
      const other = one(fieldName(question.id, 'other'));
      return { value: { choices, ...(choices.includes('other') && other ? { other } : {}) } };
    }
    case 'matrix': {
      const cells: Partial<Record<ViolenceArea, string | number>> = {};
      for (const area of question.areas) {
        const raw = one(fieldName(question.id, area));
        if (raw === '') continue;
        if (question.cell === 'number') {
          const parsed = parseNumber(raw);
          if (parsed === null) return { problem: { question: question.id, code: 'not_a_number', params: { area } } };
          cells[area] = parsed;
        } else {
          cells[area] = raw;
        }
      }
      return { value: Object.keys(cells).length === 0 ? null : (cells as Record<ViolenceArea, string | number>) };
    }
  }
}

/** The form fields that show a saved answer (to fill the form in again). */
export function formFieldsOf(question: Question, value: AnswerValue | undefined): Record<string, string[]> {
  if (value === undefined) return {};
  if (typeof value === 'string' || typeof value === 'number') return { [fieldName(question.id)]: [String(value)] };
  if ('choice' in value) return { [fieldName(question.id)]: [value.choice], ...(value.other ? { [fieldName(question.id, 'other')]: [value.other] } : {}) };
  if ('choices' in value) return { [fieldName(question.id)]: [...value.choices], ...(value.other ? { [fieldName(question.id, 'other')]: [value.other] } : {}) };
  return Object.fromEntries(Object.entries(value).map(([area, cell]) => [fieldName(question.id, area), [String(cell)]]));
}
