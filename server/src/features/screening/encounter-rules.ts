import {
  deriveResult,
  isEligible,
  visibleItems,
  YES_NO_DECLINED,
  type AnswerValue,
  type Basis,
  type Channel,
  type Children,
  type Interpreter,
  type Outcome,
  type QuestionItem,
  type Result,
  type ViolenceForm,
} from '#shared/contracts/screening.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { validationMessages, type ValidationMessageKey } from '#shared/i18n/validation.ts';
import { AppError, pick, type Localized, type LocalizedFieldError } from '../../platform/errors/app-error.ts';
import type { ProcessRoutine } from './encounter-repository.ts';
import { screeningMessages } from './messages.ts';

/**
 * The rules of an encounter that need the routine in force or the question set (the contract's
 * zod rules handle the rest). Every broken rule names its field; all are reported at once.
 */
export class FieldProblems {
  readonly errors: LocalizedFieldError[] = [];
  constructor(private readonly prefix: string) {}

  add(field: string, code: string, message: Localized): void {
    this.errors.push({ field: `${this.prefix}${field}`, location: 'body', code, message });
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw new AppError('validation_failed', { errors: this.errors });
  }
}

const text = (select: (m: (typeof screeningMessages)['sv']) => string) => pick(screeningMessages, select);

export type CompletedResult = {
  asking: Result['asking'];
  notAskedReason: Result['notAskedReason'] | null;
  questionSetVersionId: string | null;
  outcome: Outcome | null;
  exposureForms: ViolenceForm[];
  perpetrationForms: ViolenceForm[];
  childrenInHousehold: Children | null;
  childAtRisk: boolean | null;
  acuteDanger: boolean | null;
  perpetratorWantsHelp: boolean | null;
  answers: Array<{ item: string; value: string | null; values: string[] | null; text: string | null }>;
};

/** The routine's say on the start of an encounter: eligibility and basis. */
export function checkStart(problems: FieldProblems, routine: ProcessRoutine, start: { channel: Channel; basis: Basis }): boolean {
  if (routine.asking === 'on_indication' && start.basis === 'routine')
    problems.add(
      'basis',
      'basis_indication_only',
      text((m) => m.basisIndicationOnly),
    );
  return isEligible(routine, start.channel);
}

/**
 * Checks a result against the routine (eligibility, interpreter) and, when asked, against the
 * exact question set version: every visible item answered with one of its values, no answer to an
 * item the answers did not reveal, and any stated outcome, forms and flags equal to what the
 * answers say (deriveResult). Returns the result completed from the answers.
 */
export function checkResult(
  problems: FieldProblems,
  input: { result: Result; eligible: boolean; interpreter: Interpreter; items: readonly QuestionItem[] | undefined; questionSetVersionId: string | null },
): CompletedResult {
  const { result, eligible, interpreter, items } = input;
  if (eligible && result.asking === 'inform_only')
    problems.add(
      'asking',
      'routine_asks_here',
      text((m) => m.routineAsksHere),
    );
  if (!eligible && result.asking !== 'inform_only')
    problems.add(
      'asking',
      'routine_not_asking_here',
      text((m) => m.routineNotAskingHere),
    );
  if (interpreter === 'other' && result.asking === 'asked')
    problems.add(
      'asking',
      'interpreter_unsuitable',
      text((m) => m.interpreterOther),
    );

  const base: CompletedResult = {
    asking: result.asking,
    notAskedReason: result.notAskedReason ?? null,
    questionSetVersionId: null,
    outcome: null,
    exposureForms: [],
    perpetrationForms: [],
    childrenInHousehold: null,
    childAtRisk: null,
    acuteDanger: null,
    perpetratorWantsHelp: null,
    answers: [],
  };
  if (result.asking !== 'asked') return base;
  if (!items) {
    problems.add(
      'questionSetVersionId',
      'question_set_unpublished',
      text((m) => m.questionSetUnpublished),
    );
    return base;
  }

  const answers = new Map<string, AnswerValue>();
  const byKey = new Map(items.map((item) => [item.key, item]));
  (result.answers ?? []).forEach((answer, index) => {
    const item = byKey.get(answer.item);
    if (!item)
      return problems.add(
        `answers.${index}.item`,
        'answer_unknown_item',
        text((m) => m.answerUnknownItem),
      );
    if (answers.has(answer.item))
      return problems.add(
        `answers.${index}.item`,
        'answer_duplicate',
        text((m) => m.answerDuplicate),
      );
    if (!answerFits(item, answer))
      return problems.add(
        `answers.${index}.value`,
        'answer_invalid',
        text((m) => m.answerInvalid),
      );
    answers.set(answer.item, answer);
  });

  const completed: CompletedResult = {
    ...base,
    questionSetVersionId: input.questionSetVersionId,
    outcome: result.outcome ?? null,
    exposureForms: result.exposureForms,
    perpetrationForms: result.perpetrationForms,
    childrenInHousehold: result.childrenInHousehold ?? 'unknown',
    childAtRisk: result.childAtRisk,
    acuteDanger: result.acuteDanger,
    perpetratorWantsHelp: result.perpetratorWantsHelp,
  };
  if (answers.size === 0) return completed;

  const visible = new Set(visibleItems(items, answers).map((item) => item.key));
  (result.answers ?? []).forEach((answer, index) => {
    if (byKey.has(answer.item) && !visible.has(answer.item))
      problems.add(
        `answers.${index}.item`,
        'answer_hidden_item',
        text((m) => m.answerHiddenItem),
      );
  });
  for (const key of visible) {
    if (!answers.has(key))
      problems.add(
        `answers.${key}`,
        'answer_missing',
        text((m) => m.answerMissing),
      );
  }

  const derived = deriveResult(items, answers);
  const mismatch = (field: string, stated: unknown, expected: unknown, shown: string) => {
    if (JSON.stringify(stated) !== JSON.stringify(expected)) {
      problems.add(field, 'derived_mismatch', {
        sv: interpolate(screeningMessages.sv.derivedMismatch, { expected: shown }),
        en: interpolate(screeningMessages.en.derivedMismatch, { expected: shown }),
      });
    }
  };
  if (result.outcome) mismatch('outcome', result.outcome, derived.outcome, derived.outcome);
  if (result.exposureForms.length > 0) mismatch('exposureForms', result.exposureForms, derived.exposureForms, derived.exposureForms.join(', ') || '–');
  if (result.perpetrationForms.length > 0)
    mismatch('perpetrationForms', result.perpetrationForms, derived.perpetrationForms, derived.perpetrationForms.join(', ') || '–');
  if (result.childrenInHousehold) mismatch('childrenInHousehold', result.childrenInHousehold, derived.childrenInHousehold, derived.childrenInHousehold);
  if (result.childAtRisk) mismatch('childAtRisk', result.childAtRisk, derived.childAtRisk, String(derived.childAtRisk));
  if (result.acuteDanger) mismatch('acuteDanger', result.acuteDanger, derived.acuteDanger, String(derived.acuteDanger));
  if (result.perpetratorWantsHelp)
    mismatch('perpetratorWantsHelp', result.perpetratorWantsHelp, derived.perpetratorWantsHelp, String(derived.perpetratorWantsHelp));
  // A child at risk the answers reveal needs the same report decision as a stated one.
  if (derived.childAtRisk && !result.childConcern)
    problems.add('childConcern', 'screening_child_concern_required', pickValidation('screening_child_concern_required'));
  if (!derived.childAtRisk && result.childConcern)
    problems.add('childConcern', 'screening_child_concern_without_risk', pickValidation('screening_child_concern_without_risk'));
  if (derived.outcome === 'disclosed' && derived.exposureForms.length + derived.perpetrationForms.length === 0) {
    problems.add('answers', 'screening_disclosed_needs_form', pickValidation('screening_disclosed_needs_form'));
  }
  return {
    ...completed,
    ...derived,
    answers: (result.answers ?? []).map((answer) => ({
      item: answer.item,
      value: answer.value ?? null,
      values: answer.values ?? null,
      text: answer.text ?? null,
    })),
  };
}

function answerFits(item: QuestionItem, answer: AnswerValue): boolean {
  const hasValue = answer.value !== undefined && answer.value !== null;
  const hasValues = answer.values !== undefined;
  const hasText = answer.text !== undefined;
  switch (item.type) {
    case 'yes_no_declined':
      return hasValue && !hasValues && !hasText && (YES_NO_DECLINED as readonly string[]).includes(answer.value!);
    case 'single_choice':
      return hasValue && !hasValues && !hasText && item.options.some((option) => option.code === answer.value);
    case 'multiple_choice':
      return (
        !hasValue &&
        !hasText &&
        hasValues &&
        answer.values!.length > 0 &&
        new Set(answer.values).size === answer.values!.length &&
        answer.values!.every((value) => item.options.some((option) => option.code === value))
      );
    case 'short_text':
      return !hasValue && !hasValues && hasText && answer.text!.length > 0;
  }
}

function pickValidation(key: ValidationMessageKey): Localized {
  return { sv: validationMessages.sv[key], en: validationMessages.en[key] };
}
