import type { QuestionItem, Signal } from './screening.ts';

/**
 * The screening contract's code lists and rules that need no schema library: the closed codes
 * every encounter holds, and how answers become a result. Kept apart from the zod schemas
 * (screening.ts re-exports everything here) so the caseworker's pages load these few kilobytes,
 * not the schemas (docs/benchmarks.md, the screening pages' JavaScript).
 */

/* ------------------------------------------------------------------ code lists */

/** How the meeting took place. */
export const CHANNELS = ['in_person', 'phone', 'video'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Why violence came up: the routine says to ask routinely, or there was an indication. */
export const BASES = ['routine', 'indication'] as const;
export type Basis = (typeof BASES)[number];

/** `other` is a non-professional interpreter (a relative, a friend): then the caseworker does not ask. */
export const INTERPRETERS = ['none', 'professional', 'other'] as const;
export type Interpreter = (typeof INTERPRETERS)[number];

export const SEXES = ['female', 'male', 'other', 'not_stated'] as const;
export type Sex = (typeof SEXES)[number];

export const AGE_BANDS = ['under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus', 'not_stated'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** What a routine says for a process (and, for the channels it names, the encounter's eligibility). */
export const ASKING_MODES = ['routinely', 'on_indication', 'inform_only'] as const;
export type AskingMode = (typeof ASKING_MODES)[number];

/**
 * Whether violence was asked about. `inform_only` is an encounter where the routine does not ask
 * (e.g. a service centre, an initial asylum talk): it is not in the denominator of "asked".
 */
export const ASKING = ['asked', 'not_asked', 'inform_only'] as const;
export type Asking = (typeof ASKING)[number];

/** Why an eligible encounter was not asked about violence (follow-up counts obstacles). */
export const NOT_ASKED_REASONS = ['not_alone', 'channel_unsafe', 'interpreter_unsuitable', 'client_condition', 'no_time', 'other'] as const;
export type NotAskedReason = (typeof NOT_ASKED_REASONS)[number];

export const OUTCOMES = ['nothing_disclosed', 'disclosed', 'declined'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Forms of violence (the national strategy's scope, ADR 0097): `control` includes honour-related
 * restrictions in everyday life. The strategy counts genital mutilation, forced and child marriage
 * apart from other honour-related violence and oppression (`honour`), and prostitution and the
 * four kinds of trafficking apart from other sexual exploitation (`exploitation`); `honour` and
 * `exploitation` recorded before they were split stay as recorded (then "not specified").
 * `other` when the client does not say which.
 */
export const VIOLENCE_FORMS = [
  'physical',
  'psychological',
  'sexual',
  'sexual_harassment',
  'economic',
  'threats',
  'control',
  'honour',
  'fgm',
  'forced_marriage',
  'child_marriage',
  'digital',
  'exploitation',
  'prostitution',
  'trafficking_sexual_adult',
  'trafficking_sexual_child',
  'trafficking_labour_adult',
  'trafficking_labour_child',
  'other',
] as const;
/** The forms of the honour-related family and of the exploitation family: the directory's audiences follow them. */
export const HONOUR_FORMS: readonly ViolenceForm[] = ['honour', 'fgm', 'forced_marriage', 'child_marriage'];
export const EXPLOITATION_FORMS: readonly ViolenceForm[] = [
  'exploitation',
  'prostitution',
  'trafficking_sexual_adult',
  'trafficking_sexual_child',
  'trafficking_labour_adult',
  'trafficking_labour_child',
];
export type ViolenceForm = (typeof VIOLENCE_FORMS)[number];

export const DISCLOSURE_KINDS = ['exposure', 'perpetration'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

/** Children living with the client or whom the client regularly has with them. */
export const CHILDREN = ['yes', 'no', 'unknown'] as const;
export type Children = (typeof CHILDREN)[number];

/**
 * Referrals in three kinds, kept apart because Swedish secrecy law treats them differently:
 * signposting gives information and no data leaves the agency; a handover passes data on with the
 * client's consent; a report is made under a duty (a child-at-risk report, a police report).
 */
export const REFERRAL_KINDS = ['signposting', 'handover', 'report'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

export const REFERRAL_TARGETS = [
  'social_services',
  'health_care',
  'police',
  'shelter',
  'victim_support',
  'perpetrator_programme',
  'phone_line',
  'other',
] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];

export const REPORT_TYPES = ['child_concern', 'police'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** What a client may consent to being passed on in a handover. */
export const CONSENT_SCOPES = ['contact_details', 'situation_summary', 'case_documents'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/**
 * The caseworker's decision when a child may be at risk: a report made now, a report to be made
 * (a reminder until it is marked made), or an anonymous consultation with social services that
 * concluded no report was needed.
 */
export const CHILD_CONCERN_DECISIONS = ['reported', 'to_report', 'consulted_no_report'] as const;
export type ChildConcernDecision = (typeof CHILD_CONCERN_DECISIONS)[number];

/** Status of a referral row: signposting `given`; handover `agreed` → `completed`; report `made`, `planned` or `consulted`. */
export const REFERRAL_STATUSES = ['given', 'agreed', 'completed', 'made', 'planned', 'consulted'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const INFORMATION_MATERIALS = ['handout', 'web_page', 'brochure', 'verbal'] as const;
export type InformationMaterial = (typeof INFORMATION_MATERIALS)[number];

export const INFORMATION_DELIVERIES = ['printed', 'shown', 'told'] as const;
export type InformationDelivery = (typeof INFORMATION_DELIVERIES)[number];

export const ENCOUNTER_STATUSES = ['open', 'completed'] as const;
export type EncounterStatus = (typeof ENCOUNTER_STATUSES)[number];

/** Managed content: draft → review → published; the previous published version becomes superseded. */
export const CONTENT_STATUSES = ['draft', 'review', 'published', 'superseded'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

/** What retention does to an encounter past its agency's period (ADR 0032). */
export const RETENTION_ACTIONS = ['anonymise', 'delete'] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];

/** Reminders shown in the encounter list. */
export const REMINDERS = ['handover_unconfirmed', 'child_concern_to_report', 'result_missing'] as const;
/** What a caseworker's task list holds (issue 22): a handover to confirm, a report to make, a client not asked to follow up. */
export const TASK_KINDS = ['handover_unconfirmed', 'child_concern_to_report', 'not_asked_follow_up'] as const;
export type Reminder = (typeof REMINDERS)[number];

export const ITEM_TYPES = ['yes_no_declined', 'single_choice', 'multiple_choice', 'short_text'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
export const YES_NO_DECLINED = ['yes', 'no', 'declined'] as const;

export const MAX_GATE_ITEMS = 3;
/** Retention of at least three months keeps a month's rollups closed before anything is removed (ADR 0032). */
export const MIN_RETENTION_MONTHS = 3;
export const NOTE_MAX = 2000;
export const ENCOUNTER_LIST_LIMIT = 50;
/** A draft holds answers about violence: it is removed this long after its last change. */
export const DRAFT_TTL_DAYS = 7;

/* ------------------------------------------------------------------ deriving the result from answers */

export type AnswerValue = { value?: string | null | undefined; values?: string[] | undefined; text?: string | undefined };

/** Items shown for the answers so far: gates always, a detail item once its condition holds. */
export function visibleItems(items: readonly QuestionItem[], answers: ReadonlyMap<string, AnswerValue>): QuestionItem[] {
  const shown = new Set<string>();
  const result: QuestionItem[] = [];
  for (const item of items) {
    if (!item.gate) {
      const condition = item.showWhen;
      if (!condition || !shown.has(condition.item)) continue;
      const answer = answers.get(condition.item);
      const matches = answer?.value === condition.value || (answer?.values ?? []).includes(condition.value);
      if (!matches) continue;
    }
    shown.add(item.key);
    result.push(item);
  }
  return result;
}

export type DerivedResult = {
  outcome: Outcome;
  exposureForms: ViolenceForm[];
  perpetrationForms: ViolenceForm[];
  childrenInHousehold: Children;
  childAtRisk: boolean;
  acuteDanger: boolean;
  /** A client who uses violence wants help to stop (issue 20): only with a disclosed use of violence. */
  perpetratorWantsHelp: boolean;
};

/**
 * What the answers tell, by the instrument's signals: a disclosure if any answer signals one;
 * otherwise `declined` if a disclosure question was declined; otherwise nothing disclosed. The
 * caseworker's check-answers step and the server use this same function.
 */
export function deriveResult(items: readonly QuestionItem[], answers: ReadonlyMap<string, AnswerValue>): DerivedResult {
  const exposure = new Set<ViolenceForm>();
  const perpetration = new Set<ViolenceForm>();
  let disclosed = false;
  let declined = false;
  let children: Children = 'unknown';
  let childAtRisk = false;
  let acuteDanger = false;
  let wantsHelp = false;
  const apply = (signal: Signal | undefined) => {
    if (!signal) return;
    if (signal.disclosure) disclosed = true;
    for (const form of signal.exposure ?? []) {
      exposure.add(form);
      disclosed = true;
    }
    for (const form of signal.perpetration ?? []) {
      perpetration.add(form);
      disclosed = true;
    }
    if (signal.childAtRisk) childAtRisk = true;
    if (signal.acuteDanger) acuteDanger = true;
    if (signal.perpetratorWantsHelp) wantsHelp = true;
  };
  for (const item of visibleItems(items, answers)) {
    const answer = answers.get(item.key);
    if (!answer) continue;
    if (item.type === 'yes_no_declined') {
      if (item.yesSignal?.children) children = answer.value === 'yes' ? 'yes' : answer.value === 'no' ? 'no' : 'unknown';
      if (answer.value === 'yes') apply(item.yesSignal);
      if (answer.value === 'declined' && item.yesSignal?.disclosure) declined = true;
    } else {
      const chosen = item.type === 'single_choice' ? (answer.value ? [answer.value] : []) : (answer.values ?? []);
      for (const option of item.options) if (chosen.includes(option.code)) apply(option.signal);
    }
  }
  const order = (forms: Set<ViolenceForm>) => VIOLENCE_FORMS.filter((form) => forms.has(form));
  return {
    outcome: disclosed ? 'disclosed' : declined ? 'declined' : 'nothing_disclosed',
    exposureForms: order(exposure),
    perpetrationForms: order(perpetration),
    childrenInHousehold: children,
    childAtRisk,
    acuteDanger,
    perpetratorWantsHelp: wantsHelp && perpetration.size > 0,
  };
}

/** Whether the routine asks on this channel (else the encounter is inform-only, not eligible). */
export function isEligible(rules: { asking: AskingMode; channels: readonly Channel[] }, channel: Channel): boolean {
  return rules.asking !== 'inform_only' && rules.channels.includes(channel);
}
