import { deriveResult, isEligible, visibleItems } from '#shared/contracts/screening-codes.ts';
import type {
  AgeBand,
  Answer,
  AnswerValue,
  Basis,
  Channel,
  ChildConcernDecision,
  CreateEncounterRequest,
  DerivedResult,
  InformationDelivery,
  InformationMaterial,
  Interpreter,
  NotAskedReason,
  Process,
  QuestionItem,
  Sex,
} from '#shared/contracts/screening.ts';
import type { Language } from '#shared/contracts/directory.ts';

/**
 * The guided workflow as data (NAV/GOV.UK style): the state a caseworker fills in, the steps it
 * leads through, and the request it becomes. Pure functions, so the order of steps and the
 * request are unit-tested without a browser. The state is also what the encrypted server-side
 * draft holds.
 */
export type Path = 'ask' | 'not_safe' | 'inform';

export type FlowState = {
  /** Sent as Idempotency-Key: a double-clicked or retried save records one encounter. */
  key: string;
  processId: string;
  channel: Channel | '';
  basis: Basis | '';
  /** Empty until the caseworker chooses: nothing is pre-selected for them (issue 22). */
  interpreter: Interpreter | '';
  sex: Sex | '';
  ageBand: AgeBand | '';
  municipalityCode: string;
  protectedIdentity: boolean;
  caseReference: string;
  /** Chosen on the start page: ask, cannot ask safely, or inform only (the routine does not ask here). */
  path: Path | null;
  notAskedReason: NotAskedReason | '';
  answers: Record<string, AnswerValue>;
  childConcern: { decision: ChildConcernDecision | ''; madeOn: string; municipalityCode: string };
  information: { material: InformationMaterial | ''; language: Language | ''; delivery: InformationDelivery | '' };
  note: string;
  /** The step the caseworker was on, so a resumed draft opens where they left it. */
  at: StepId;
};

/**
 * A new encounter's state. The routine's own facts (its channel, its basis) are filled in; what
 * is about this client — interpreter, municipality — is left for the caseworker to choose, since a
 * default they overlook sends a child-at-risk report to the wrong municipality.
 */
export function initialState(process: Process | undefined, today: string, key: string): FlowState {
  return {
    key,
    processId: process?.id ?? '',
    // The routine may suggest the channel most of its encounters have (e.g. phone investigations).
    channel: process?.rules.defaultChannel ?? '',
    basis: process ? (process.rules.asking === 'on_indication' ? 'indication' : 'routine') : '',
    interpreter: '',
    sex: '',
    ageBand: '',
    municipalityCode: '',
    protectedIdentity: false,
    caseReference: '',
    path: null,
    notAskedReason: '',
    answers: {},
    childConcern: { decision: '', madeOn: today, municipalityCode: '' },
    information: { material: '', language: '', delivery: '' },
    note: '',
    at: 'start',
  };
}

export type StepId = 'start' | 'questions' | `details:${string}` | 'child' | 'not_safe' | 'information' | 'check';

/** Step ids as URL segments (Swedish, readable in the address bar). */
export function stepSegment(step: StepId): string {
  if (step.startsWith('details:')) return `foljdfragor-${step.slice('details:'.length)}`;
  return (
    { start: 'start', questions: 'fragor', child: 'barn', not_safe: 'kan-inte-fraga', information: 'information', check: 'kontrollera' } as Record<
      string,
      string
    >
  )[step]!;
}

export function segmentStep(segment: string | undefined): StepId {
  if (!segment) return 'start';
  if (segment.startsWith('foljdfragor-')) return `details:${segment.slice('foljdfragor-'.length)}`;
  const found = (['start', 'questions', 'child', 'not_safe', 'information', 'check'] as const).find((step) => stepSegment(step) === segment);
  return found ?? 'start';
}

const answersMap = (state: FlowState) => new Map(Object.entries(state.answers));

export function eligibleFor(state: FlowState, process: Process | undefined): boolean {
  return Boolean(process && state.channel && isEligible(process.rules, state.channel));
}

/** The gate an item hangs under (its chain of conditions leads back to one gate). */
function gateOf(item: QuestionItem, items: readonly QuestionItem[]): string {
  let current = item;
  for (let depth = 0; depth < items.length && !current.gate && current.showWhen; depth++) {
    current = items.find((candidate) => candidate.key === current.showWhen!.item) ?? current;
  }
  return current.key;
}

/** Detail items visible now, grouped by their gate in the instrument's order: one step each. */
export function detailGroups(state: FlowState, items: readonly QuestionItem[]): Array<{ gate: QuestionItem; items: QuestionItem[] }> {
  const visible = visibleItems(items, answersMap(state)).filter((item) => !item.gate);
  return items
    .filter((item) => item.gate)
    .map((gate) => ({ gate, items: visible.filter((item) => gateOf(item, items) === gate.key) }))
    .filter((group) => group.items.length > 0);
}

export function derived(state: FlowState, items: readonly QuestionItem[]): DerivedResult {
  return deriveResult(items, answersMap(state));
}

/** The steps for the answers so far, in order (GOV.UK: a question page per small group, then check answers). */
export function stepsFor(state: FlowState, items: readonly QuestionItem[]): StepId[] {
  switch (state.path) {
    case null:
      return ['start'];
    case 'not_safe':
      return ['start', 'not_safe', 'check'];
    case 'inform':
      return ['start', 'information', 'check'];
    case 'ask': {
      const details = detailGroups(state, items).map((group) => `details:${group.gate.key}` as StepId);
      return ['start', 'questions', ...details, ...(derived(state, items).childAtRisk ? (['child'] as StepId[]) : []), 'check'];
    }
  }
}

/**
 * The workflow's three parts, the same for every path: about the meeting, asking or informing,
 * check and save. The progress line counts these, so it never grows from "av 3" to "av 6" as
 * answers add follow-up steps (issue 22).
 */
export const SECTION_COUNT = 3;

export function sectionOf(step: StepId): 1 | 2 | 3 {
  if (step === 'start') return 1;
  if (step === 'check') return 3;
  return 2;
}

export function nextStep(state: FlowState, items: readonly QuestionItem[], current: StepId): StepId {
  const steps = stepsFor(state, items);
  return steps[steps.indexOf(current) + 1] ?? 'check';
}

export function previousStep(state: FlowState, items: readonly QuestionItem[], current: StepId): StepId | undefined {
  const steps = stepsFor(state, items);
  const index = steps.indexOf(current);
  return index > 0 ? steps[index - 1] : undefined;
}

/** Which items of a step still lack an answer (the step's validation). */
export function unanswered(state: FlowState, items: readonly QuestionItem[]): string[] {
  return items
    .filter((item) => {
      const answer = state.answers[item.key];
      if (!answer) return true;
      if (item.type === 'multiple_choice') return !answer.values || answer.values.length === 0;
      if (item.type === 'short_text') return !answer.text;
      return !answer.value;
    })
    .map((item) => item.key);
}

/** The request the check-answers step saves: only the answers the client was actually asked. */
export function toRequest(state: FlowState, items: readonly QuestionItem[]): CreateEncounterRequest {
  const client = {
    sex: (state.sex || 'not_stated') as Sex,
    ageBand: (state.ageBand || 'not_stated') as AgeBand,
    municipalityCode: state.municipalityCode || null,
    protectedIdentity: state.protectedIdentity,
    caseReference: state.caseReference.trim() || null,
  };
  const start = {
    processId: state.processId,
    channel: state.channel as Channel,
    basis: state.basis as Basis,
    interpreter: state.interpreter as Interpreter,
    client,
  };
  const note = state.note.trim() ? { note: state.note.trim() } : {};
  const information =
    state.information.material && state.information.language && state.information.delivery
      ? { actions: { information: [{ material: state.information.material, language: state.information.language, delivery: state.information.delivery }] } }
      : {};
  if (state.path === 'not_safe')
    return { ...start, ...note, result: { asking: 'not_asked', notAskedReason: (state.notAskedReason || 'other') as NotAskedReason } };
  if (state.path === 'inform') return { ...start, ...note, ...information, result: { asking: 'inform_only' } };
  const shown = visibleItems(items, answersMap(state));
  const result = derived(state, items);
  return {
    ...start,
    ...note,
    result: {
      asking: 'asked',
      answers: shown.flatMap((item): Answer[] => {
        const answer = state.answers[item.key];
        if (!answer) return [];
        if (item.type === 'multiple_choice') return [{ item: item.key, values: answer.values ?? [] }];
        if (item.type === 'short_text') return [{ item: item.key, text: answer.text ?? '' }];
        return [{ item: item.key, value: answer.value ?? null }];
      }),
      outcome: result.outcome,
      exposureForms: result.exposureForms,
      perpetrationForms: result.perpetrationForms,
      childrenInHousehold: result.childrenInHousehold,
      childAtRisk: result.childAtRisk,
      acuteDanger: result.acuteDanger,
      perpetratorWantsHelp: result.perpetratorWantsHelp,
      childConcern:
        result.childAtRisk && state.childConcern.decision
          ? {
              decision: state.childConcern.decision,
              ...(state.childConcern.decision === 'reported'
                ? { madeOn: state.childConcern.madeOn, municipalityCode: state.childConcern.municipalityCode || null }
                : {}),
            }
          : null,
    },
  };
}
