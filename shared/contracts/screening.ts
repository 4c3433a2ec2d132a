import { z } from 'zod';
import { LANGUAGES } from './directory.ts';
import { message } from '../validation.ts';
import {
  CHANNELS,
  BASES,
  INTERPRETERS,
  SEXES,
  AGE_BANDS,
  ASKING_MODES,
  ASKING,
  NOT_ASKED_REASONS,
  OUTCOMES,
  VIOLENCE_FORMS,
  DISCLOSURE_KINDS,
  CHILDREN,
  REFERRAL_KINDS,
  REFERRAL_TARGETS,
  REPORT_TYPES,
  CONSENT_SCOPES,
  CHILD_CONCERN_DECISIONS,
  REFERRAL_STATUSES,
  INFORMATION_MATERIALS,
  INFORMATION_DELIVERIES,
  ENCOUNTER_STATUSES,
  CONTENT_STATUSES,
  RETENTION_ACTIONS,
  REMINDERS,
  TASK_KINDS,
  ITEM_TYPES,
  MAX_GATE_ITEMS,
  MIN_RETENTION_MONTHS,
  NOTE_MAX,
} from './screening-codes.ts';
import type { Asking, Children, NotAskedReason, Outcome, ViolenceForm } from './screening-codes.ts';

export * from './screening-codes.ts';

/**
 * The screening API (issue 5): processes and routines, question sets, encounters and their
 * actions. One source of truth for the routes, the integration API's OpenAPI document and the
 * caseworker's forms. Every dimension follow-up counts is a closed code list here, so an encounter
 * holds codes, never free text (docs/screening-data-dictionary.md).
 */

/* ------------------------------------------------------------------ shared pieces */

const id = z.string().uuid(message('invalid_uuid'));
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, message('invalid_date'))
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), message('invalid_date'));
const municipalityCode = z.string().regex(/^\d{4}$/, message('municipality_unknown'));
const code = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, message('screening_code_format'));
const text = (max: number) => z.string().trim().max(max, message('text_too_long', { max }));
const requiredText = (max: number) => text(max).min(1, message('required'));

export const idParams = z.object({ id });
export const versionParams = z.object({ versionId: id });
export const referralParams = z.object({ id, referralId: id });

/* ------------------------------------------------------------------ question sets */

/** What an answer tells: the instrument maps answers to the coded result (deriveResult). */
export const signalSchema = z
  .object({
    /** The answer is a disclosure of this kind, even before forms are named. */
    disclosure: z.enum(DISCLOSURE_KINDS).optional(),
    exposure: z.array(z.enum(VIOLENCE_FORMS)).optional(),
    perpetration: z.array(z.enum(VIOLENCE_FORMS)).optional(),
    /** Children live with the client (or are regularly with them). */
    children: z.boolean().optional(),
    childAtRisk: z.boolean().optional(),
    acuteDanger: z.boolean().optional(),
    /** A client who uses violence wants help to stop (counted as a measure; issue 20, ADR 0097). */
    perpetratorWantsHelp: z.boolean().optional(),
  })
  .strict();
export type Signal = z.infer<typeof signalSchema>;

export const itemGuidanceSchema = z.object({
  howToAsk: requiredText(2000),
  afterYes: requiredText(2000),
  afterNo: requiredText(2000),
});

export const itemSchema = z.object({
  key: code,
  type: z.enum(ITEM_TYPES),
  text: requiredText(500),
  /** Gate items are asked first, together on one page (at most three). */
  gate: z.boolean(),
  /** A detail item appears only when an earlier item has this answer (a yes, or an option). */
  showWhen: z.object({ item: code, value: code }).nullable().default(null),
  options: z
    .array(z.object({ code, label: requiredText(200), signal: signalSchema.optional() }))
    .max(20)
    .default([]),
  /** For yes/no/declined items: what a yes tells. */
  yesSignal: signalSchema.optional(),
  guidance: itemGuidanceSchema,
});
export type QuestionItem = z.infer<typeof itemSchema>;
export type QuestionItemInput = z.input<typeof itemSchema>;

/** An instrument: gate items first (1–3), detail items only after a given answer to an earlier item. */
export const questionItems = z
  .array(itemSchema)
  .min(1, message('required'))
  .max(60)
  .superRefine((items, context) => {
    const seen = new Map<string, QuestionItem>();
    const gates = items.filter((item) => item.gate).length;
    if (gates === 0 || gates > MAX_GATE_ITEMS)
      context.addIssue({ code: 'custom', path: [], message: message('screening_gate_count', { max: MAX_GATE_ITEMS }) });
    items.forEach((item, index) => {
      if (seen.has(item.key)) context.addIssue({ code: 'custom', path: [index, 'key'], message: message('screening_item_duplicate') });
      const choice = item.type === 'single_choice' || item.type === 'multiple_choice';
      if (choice && item.options.length < 2) context.addIssue({ code: 'custom', path: [index, 'options'], message: message('screening_item_options') });
      if (!choice && item.options.length > 0) context.addIssue({ code: 'custom', path: [index, 'options'], message: message('screening_item_options') });
      if (item.gate && item.showWhen) context.addIssue({ code: 'custom', path: [index, 'showWhen'], message: message('screening_gate_condition') });
      if (item.gate && index > 0 && !items[index - 1]!.gate)
        context.addIssue({ code: 'custom', path: [index, 'gate'], message: message('screening_gate_first') });
      if (!item.gate) {
        const parent = item.showWhen ? seen.get(item.showWhen.item) : undefined;
        const answerable =
          parent &&
          (parent.type === 'yes_no_declined' ? item.showWhen!.value === 'yes' : parent.options.some((option) => option.code === item.showWhen!.value));
        if (!answerable) context.addIssue({ code: 'custom', path: [index, 'showWhen'], message: message('screening_detail_condition') });
      }
      seen.set(item.key, item);
    });
  });

export const questionSetDraftRequest = z.object({
  /** The question set's version the editor read (optimistic concurrency). */
  version: z.number().int().min(1),
  name: requiredText(200),
  items: questionItems,
});
export type QuestionSetDraftRequest = z.input<typeof questionSetDraftRequest>;
export const createQuestionSetRequest = z.object({ name: requiredText(200), shared: z.boolean().default(false), items: questionItems });
export const contentActionRequest = z.object({ version: z.number().int().min(1) });

export const questionSetVersionSchema = z.object({
  id,
  questionSetId: id,
  number: z.number().int(),
  status: z.enum(CONTENT_STATUSES),
  name: z.string(),
  items: z.array(itemSchema),
  publishedAt: z.string().nullable(),
  owner: z.string(),
  shared: z.boolean(),
});
export type QuestionSetVersion = z.infer<typeof questionSetVersionSchema>;

export const versionSummary = z.object({
  id,
  number: z.number().int(),
  status: z.enum(CONTENT_STATUSES),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

export const questionSetSchema = z.object({
  id,
  name: z.string(),
  owner: z.string(),
  own: z.boolean(),
  shared: z.boolean(),
  version: z.number().int(),
  versions: z.array(versionSummary),
  demo: z.boolean(),
});
export type QuestionSet = z.infer<typeof questionSetSchema>;
export const questionSetList = z.object({ questionSets: z.array(questionSetSchema) });

/* ------------------------------------------------------------------ routines */

export const routineContentSchema = z.object({
  whoAsks: requiredText(1000),
  whenToAsk: requiredText(1000),
  howToDocument: requiredText(1000),
  afterNothingDisclosed: requiredText(2000),
  afterExposure: requiredText(2000),
  afterPerpetration: requiredText(2000),
  afterDeclined: requiredText(2000),
  ifNotSafe: requiredText(2000),
  acuteDanger: requiredText(2000),
  /**
   * The duty to report when a child may be at risk. The legal reference is routine content with
   * the date someone verified it: the Social Services Act was replaced in 2025, so code never
   * names the paragraph.
   */
  childConcern: z.object({
    legalReference: requiredText(300),
    verifiedOn: isoDate,
    steps: requiredText(2000),
  }),
  referral: requiredText(2000),
  perpetratorPath: requiredText(2000),
  information: requiredText(2000),
});
export type RoutineContent = z.infer<typeof routineContentSchema>;

export const routineRulesSchema = z.object({
  asking: z.enum(ASKING_MODES),
  /** Channels where the routine asks; on other channels the caseworker informs and refers only. */
  channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length),
  /** The channel the start page suggests (most encounters of the process), or none. */
  defaultChannel: z.enum(CHANNELS).nullable(),
  questionSetVersionId: id.nullable(),
});

const routineDraftShape = z.object({
  title: requiredText(200),
  rules: routineRulesSchema,
  content: routineContentSchema,
});

function checkRules(rules: z.infer<typeof routineRulesSchema>, context: z.RefinementCtx): void {
  if (rules.asking !== 'inform_only') {
    if (rules.channels.length === 0) context.addIssue({ code: 'custom', path: ['rules', 'channels'], message: message('screening_channels_required') });
    if (!rules.questionSetVersionId)
      context.addIssue({ code: 'custom', path: ['rules', 'questionSetVersionId'], message: message('screening_question_set_required') });
  }
}

export const routineDraftRequest = routineDraftShape
  .extend({ version: z.number().int().min(1) })
  .superRefine((draft, context) => checkRules(draft.rules, context));
export type RoutineDraftRequest = z.input<typeof routineDraftRequest>;

export const ROUTINE_KINDS = ['process', 'guidance'] as const;
/** The process a new process routine covers, created with it. */
export const newProcess = z.object({ code, name: requiredText(200), description: text(1000).default('') });
export const createRoutineRequest = routineDraftShape
  .extend({
    kind: z.enum(ROUTINE_KINDS).default('process'),
    process: newProcess.nullable().default(null),
    /** Shared guidance is readable by every organisation (knowledge editors, ADR 0035). */
    shared: z.boolean().default(false),
  })
  .superRefine((draft, context) => {
    checkRules(draft.rules, context);
    if ((draft.kind === 'process') !== (draft.process !== null))
      context.addIssue({ code: 'custom', path: ['process'], message: message('screening_routine_process') });
  });
export type CreateRoutineRequest = z.input<typeof createRoutineRequest>;
/** The staff form for a routine's draft; a new process routine also names its process (else null). */
export const routineForm = routineDraftRequest.and(z.object({ process: newProcess.nullable() }));

export const routineVersionSchema = z.object({
  id,
  routineId: id,
  number: z.number().int(),
  status: z.enum(CONTENT_STATUSES),
  title: z.string(),
  rules: routineRulesSchema,
  content: routineContentSchema,
  publishedAt: z.string().nullable(),
  owner: z.string(),
  shared: z.boolean(),
});
export type RoutineVersion = z.infer<typeof routineVersionSchema>;

export const routineSchema = z.object({
  id,
  kind: z.enum(ROUTINE_KINDS),
  title: z.string(),
  process: z.object({ id, code: z.string(), name: z.string(), active: z.boolean() }).nullable(),
  owner: z.string(),
  own: z.boolean(),
  shared: z.boolean(),
  version: z.number().int(),
  versions: z.array(versionSummary),
  /** The version being edited or reviewed, if any. */
  draft: routineVersionSchema.nullable(),
  published: routineVersionSchema.nullable(),
  demo: z.boolean(),
});
export type Routine = z.infer<typeof routineSchema>;
export const routineList = z.object({ routines: z.array(routineSchema.omit({ draft: true, published: true })) });

/** A process as the start page and integrations see it: its routine in force. */
export const processSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  description: z.string(),
  routineVersionId: id,
  rules: routineRulesSchema,
});
export type Process = z.infer<typeof processSchema>;
export const processList = z.object({
  processes: z.array(processSchema),
  /** The acting unit's municipality: the start page suggests it for the client. */
  unitMunicipalityCode: z.string().nullable(),
});

export const settingsSchema = z.object({
  notesEnabled: z.boolean(),
  retentionMonths: z.number().int(),
  retentionAction: z.enum(RETENTION_ACTIONS),
  version: z.number().int(),
});
export type ScreeningSettings = z.infer<typeof settingsSchema>;
export const settingsRequest = z.object({
  version: z.number().int().min(1),
  notesEnabled: z.boolean(),
  retentionMonths: z.number().int().min(MIN_RETENTION_MONTHS, message('screening_retention_range')).max(120, message('screening_retention_range')),
  retentionAction: z.enum(RETENTION_ACTIONS),
});

/* ------------------------------------------------------------------ encounters */

export const answerSchema = z.object({
  item: code,
  /** yes/no/declined, or the option of a single-choice item. */
  value: code.nullable().optional(),
  /** Options of a multiple-choice item. */
  values: z.array(code).max(20).optional(),
  /** Short-text items only; stored encrypted, never exported or aggregated. */
  text: text(500).optional(),
});
export type Answer = z.infer<typeof answerSchema>;

export const childConcernSchema = z.object({
  decision: z.enum(CHILD_CONCERN_DECISIONS),
  /** When the report was made (decision `reported`); today or earlier. */
  madeOn: isoDate.nullable().optional(),
  /** The social welfare board's municipality (usually the child's); never the child's identity. */
  municipalityCode: municipalityCode.nullable().optional(),
});

export const clientSchema = z.object({
  sex: z.enum(SEXES),
  ageBand: z.enum(AGE_BANDS),
  municipalityCode: municipalityCode.nullable(),
  /** Skyddade personuppgifter: the municipality is stored but never shown again (ADR 0010). */
  protectedIdentity: z.boolean().default(false),
  /** The agency's own case reference: encrypted, findable only by its exact value, never exported. */
  caseReference: z
    .string()
    .trim()
    .max(64, message('text_too_long', { max: 64 }))
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional(),
});

export const encounterStartSchema = z.object({
  processId: id,
  /** The day of the meeting (Stockholm); today when omitted. */
  occurredOn: isoDate.optional(),
  channel: z.enum(CHANNELS),
  basis: z.enum(BASES),
  interpreter: z.enum(INTERPRETERS),
  client: clientSchema,
});

export const resultSchema = z
  .object({
    asking: z.enum(ASKING),
    notAskedReason: z.enum(NOT_ASKED_REASONS).nullable().optional(),
    /** The exact question set version asked; the routine's when omitted. */
    questionSetVersionId: id.nullable().optional(),
    answers: z.array(answerSchema).max(60).optional(),
    outcome: z.enum(OUTCOMES).nullable().optional(),
    exposureForms: z.array(z.enum(VIOLENCE_FORMS)).max(VIOLENCE_FORMS.length).default([]),
    perpetrationForms: z.array(z.enum(VIOLENCE_FORMS)).max(VIOLENCE_FORMS.length).default([]),
    childrenInHousehold: z.enum(CHILDREN).nullable().optional(),
    childAtRisk: z.boolean().default(false),
    acuteDanger: z.boolean().default(false),
    /** A client who disclosed using violence wants help to stop (derived from the answers when they are given). */
    perpetratorWantsHelp: z.boolean().default(false),
    childConcern: childConcernSchema.nullable().optional(),
  })
  .superRefine((result, context) => checkResult(result, context));
export type ResultInput = z.input<typeof resultSchema>;
export type Result = z.output<typeof resultSchema>;

export const referralInputSchema = z
  .object({
    kind: z.enum(REFERRAL_KINDS),
    target: z.enum(REFERRAL_TARGETS),
    /** The directory entry referred to, when there is one. */
    directoryServiceId: id.nullable().optional(),
    /** Handover: what the client agreed may be passed on. Consent is recorded with the time it was given. */
    consent: z
      .object({ scope: z.array(z.enum(CONSENT_SCOPES)).max(CONSENT_SCOPES.length) })
      .nullable()
      .optional(),
    /** Reports: which duty. */
    reportType: z.enum(REPORT_TYPES).nullable().optional(),
    madeOn: isoDate.nullable().optional(),
  })
  .superRefine((referral, context) => {
    if (referral.kind === 'handover') {
      if (!referral.consent) context.addIssue({ code: 'custom', path: ['consent'], message: message('screening_handover_consent') });
      else if (referral.consent.scope.length === 0)
        context.addIssue({ code: 'custom', path: ['consent', 'scope'], message: message('screening_consent_scope') });
    } else if (referral.consent) {
      context.addIssue({ code: 'custom', path: ['consent'], message: message('screening_consent_only_handover') });
    }
    if (referral.kind === 'report') {
      if (!referral.reportType) context.addIssue({ code: 'custom', path: ['reportType'], message: message('required') });
      // A child-at-risk report is recorded through the result's child-concern decision, with its municipality.
      if (referral.reportType === 'child_concern')
        context.addIssue({ code: 'custom', path: ['reportType'], message: message('screening_child_concern_via_result') });
    } else if (referral.reportType) {
      context.addIssue({ code: 'custom', path: ['reportType'], message: message('screening_report_type_only_report') });
    }
  });
export type ReferralInput = z.input<typeof referralInputSchema>;

export const informationInputSchema = z.object({
  material: z.enum(INFORMATION_MATERIALS),
  language: z.enum(LANGUAGES),
  delivery: z.enum(INFORMATION_DELIVERIES),
});
export type InformationInput = z.input<typeof informationInputSchema>;

export const actionsSchema = z.object({
  referrals: z.array(referralInputSchema).max(20).default([]),
  information: z.array(informationInputSchema).max(20).default([]),
});
export type ActionsInput = z.input<typeof actionsSchema>;

export const createEncounterRequest = encounterStartSchema.extend({
  result: resultSchema.optional(),
  actions: actionsSchema.optional(),
  /** Only when the agency has enabled notes; encrypted, never exported or aggregated. */
  note: text(NOTE_MAX).optional(),
  /**
   * The caller's draft this encounter was recorded from: with protected identity, a location the
   * body leaves empty is taken from it (the draft sends it back withheld).
   */
  draftId: id.optional(),
});
export type CreateEncounterRequest = z.input<typeof createEncounterRequest>;

export const referralUpdateRequest = z.object({
  action: z.enum(['confirm_handover', 'withdraw_consent', 'mark_report_made']),
  madeOn: isoDate.nullable().optional(),
});
export const noteRequest = z.object({ note: text(NOTE_MAX) });
export const noteSchema = z.object({ note: z.string().nullable(), updatedAt: z.string().nullable() });
export const lookupRequest = z.object({
  caseReference: z
    .string()
    .trim()
    .min(1, message('required'))
    .max(64, message('text_too_long', { max: 64 })),
});

const place = z.object({ code: z.string(), name: z.string() }).nullable();

export const referralSchema = z.object({
  id,
  kind: z.enum(REFERRAL_KINDS),
  target: z.enum(REFERRAL_TARGETS),
  directoryServiceId: z.string().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  reportType: z.enum(REPORT_TYPES).nullable(),
  madeOn: z.string().nullable(),
  municipality: place,
  consent: z.object({ scope: z.array(z.enum(CONSENT_SCOPES)), givenAt: z.string(), withdrawnAt: z.string().nullable() }).nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  locationWithheld: z.boolean(),
});
export type Referral = z.infer<typeof referralSchema>;

export const informationSchema = z.object({
  id,
  material: z.enum(INFORMATION_MATERIALS),
  language: z.enum(LANGUAGES),
  delivery: z.enum(INFORMATION_DELIVERIES),
  createdAt: z.string(),
});

export const encounterSchema = z.object({
  id,
  status: z.enum(ENCOUNTER_STATUSES),
  unitId: id,
  createdByMe: z.boolean(),
  process: z.object({ id, code: z.string(), name: z.string() }),
  routineVersionId: id,
  questionSetVersionId: z.string().nullable(),
  occurredOn: z.string().nullable(),
  occurredMonth: z.string(),
  channel: z.enum(CHANNELS),
  basis: z.enum(BASES),
  interpreter: z.enum(INTERPRETERS),
  eligible: z.boolean(),
  client: z.object({
    sex: z.enum(SEXES),
    ageBand: z.enum(AGE_BANDS),
    municipality: place,
    county: place,
    protectedIdentity: z.boolean(),
    hasCaseReference: z.boolean(),
  }),
  /** Set when the client has protected identity: the place is stored but not shown. */
  locationWithheld: z.boolean(),
  asking: z.enum(ASKING).nullable(),
  notAskedReason: z.enum(NOT_ASKED_REASONS).nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  exposureForms: z.array(z.enum(VIOLENCE_FORMS)),
  perpetrationForms: z.array(z.enum(VIOLENCE_FORMS)),
  childrenInHousehold: z.enum(CHILDREN).nullable(),
  childAtRisk: z.boolean().nullable(),
  acuteDanger: z.boolean().nullable(),
  perpetratorWantsHelp: z.boolean().nullable(),
  answers: z.array(z.object({ item: z.string(), value: z.string().nullable(), values: z.array(z.string()), text: z.string().nullable() })),
  referrals: z.array(referralSchema),
  information: z.array(informationSchema),
  hasNote: z.boolean(),
  /** When the caseworker marked a not-asked encounter followed up (issue 22). */
  followedUpAt: z.string().nullable(),
  reminders: z.array(z.enum(REMINDERS)),
  anonymised: z.boolean(),
  createdAt: z.string(),
  demo: z.boolean(),
});
export type Encounter = z.infer<typeof encounterSchema>;

export const encounterSummarySchema = encounterSchema.pick({
  id: true,
  status: true,
  createdByMe: true,
  process: true,
  occurredOn: true,
  channel: true,
  asking: true,
  outcome: true,
  reminders: true,
  demo: true,
});
export type EncounterSummary = z.infer<typeof encounterSummarySchema>;

export const encounterListQuery = z.object({
  /** Only the caller's own encounters (a manager otherwise sees the unit's). */
  mine: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
});
export const encounterList = z.object({ encounters: z.array(encounterSummarySchema), reminders: z.array(encounterSummarySchema) });

/** The caseworker's task list (issue 22): one entry per open task, each naming its encounter. */
export const taskList = z.object({ tasks: z.array(z.object({ kind: z.enum(TASK_KINDS), encounter: encounterSummarySchema })) });
export type TaskList = z.infer<typeof taskList>;

/* ------------------------------------------------------------------ drafts */

/**
 * The caseworker's work in progress: opaque to the server, stored encrypted (ADR 0034) — except
 * that a state with `protectedIdentity: true` is a protected draft: reached only in the unit where
 * it was begun, and its location fields (DRAFT_LOCATION_FIELDS) are kept in the stored value but
 * sent back empty. A save that leaves them empty keeps the stored values; recording the encounter
 * with `draftId` takes them from the draft.
 */
export const draftStateSchema = z.record(z.string(), z.unknown());
/** The draft state's location fields, as paths: withheld from every answer of a protected draft. */
export const DRAFT_LOCATION_FIELDS = [['municipalityCode'], ['childConcern', 'municipalityCode']] as const;
export const draftRequest = z.object({ state: draftStateSchema, version: z.number().int().min(1).optional() });
export const draftSchema = z.object({
  id,
  state: draftStateSchema,
  version: z.number().int(),
  updatedAt: z.string(),
  /** Protected identity: the location fields are stored but sent empty. */
  locationWithheld: z.boolean(),
});
export const draftList = z.object({ drafts: z.array(z.object({ id, updatedAt: z.string() })) });

/* ------------------------------------------------------------------ the rules */

type ResultShape = {
  asking: Asking;
  notAskedReason?: NotAskedReason | null | undefined;
  questionSetVersionId?: string | null | undefined;
  answers?: Answer[] | undefined;
  outcome?: Outcome | null | undefined;
  exposureForms: ViolenceForm[];
  perpetrationForms: ViolenceForm[];
  childrenInHousehold?: Children | null | undefined;
  childAtRisk: boolean;
  acuteDanger: boolean;
  perpetratorWantsHelp: boolean;
  childConcern?: z.infer<typeof childConcernSchema> | null | undefined;
};

/**
 * Contradictions a result can hold without looking anything up; each names its field. The
 * service adds those that need the database (the question set, the routine, the answers' items).
 */
function checkResult(result: ResultShape, context: z.RefinementCtx): void {
  const issue = (path: Array<string | number>, key: Parameters<typeof message>[0]) => context.addIssue({ code: 'custom', path, message: message(key) });
  const asked = result.asking === 'asked';
  if (result.asking === 'not_asked' && !result.notAskedReason) issue(['notAskedReason'], 'required');
  if (result.asking !== 'not_asked' && result.notAskedReason) issue(['notAskedReason'], 'screening_reason_only_not_asked');
  if (!asked) {
    if (result.answers && result.answers.length > 0) issue(['answers'], 'screening_not_asked_with_answers');
    if (result.outcome) issue(['outcome'], 'screening_not_asked_with_outcome');
    if (result.exposureForms.length > 0) issue(['exposureForms'], 'screening_not_asked_with_outcome');
    if (result.perpetrationForms.length > 0) issue(['perpetrationForms'], 'screening_not_asked_with_outcome');
    if (result.childAtRisk) issue(['childAtRisk'], 'screening_not_asked_with_outcome');
    if (result.acuteDanger) issue(['acuteDanger'], 'screening_not_asked_with_outcome');
    if (result.perpetratorWantsHelp) issue(['perpetratorWantsHelp'], 'screening_not_asked_with_outcome');
    if (result.childrenInHousehold) issue(['childrenInHousehold'], 'screening_not_asked_with_outcome');
    if (result.questionSetVersionId) issue(['questionSetVersionId'], 'screening_not_asked_with_outcome');
  } else {
    if (!result.outcome && !(result.answers && result.answers.length > 0)) issue(['outcome'], 'required');
  }
  if (result.outcome === 'disclosed' && result.exposureForms.length + result.perpetrationForms.length === 0 && !(result.answers && result.answers.length > 0)) {
    issue(['exposureForms'], 'screening_disclosed_needs_form');
  }
  if (result.outcome && result.outcome !== 'disclosed') {
    if (result.exposureForms.length > 0) issue(['exposureForms'], 'screening_forms_without_disclosure');
    if (result.perpetrationForms.length > 0) issue(['perpetrationForms'], 'screening_forms_without_disclosure');
    if (result.acuteDanger) issue(['acuteDanger'], 'screening_danger_without_disclosure');
  }
  // Without answers, a wish for help needs a stated use of violence (with answers the server derives it).
  if (result.perpetratorWantsHelp && result.perpetrationForms.length === 0 && !(result.answers && result.answers.length > 0))
    issue(['perpetratorWantsHelp'], 'screening_help_without_perpetration');
  if (result.childAtRisk && result.childrenInHousehold && result.childrenInHousehold !== 'yes')
    issue(['childrenInHousehold'], 'screening_child_at_risk_without_children');
  if (result.childAtRisk && !result.childConcern) issue(['childConcern'], 'screening_child_concern_required');
  // With answers the server derives whether a child may be at risk, and checks the decision against that.
  if (!result.childAtRisk && result.childConcern && !(result.answers && result.answers.length > 0))
    issue(['childConcern'], 'screening_child_concern_without_risk');
  if (result.childConcern?.decision === 'reported') {
    if (!result.childConcern.madeOn) issue(['childConcern', 'madeOn'], 'required');
    if (!result.childConcern.municipalityCode) issue(['childConcern', 'municipalityCode'], 'required');
  } else if (result.childConcern?.madeOn) {
    issue(['childConcern', 'madeOn'], 'screening_made_on_only_reported');
  }
}
