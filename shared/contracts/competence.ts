import { z } from 'zod';
import { normaliseName } from '../names.ts';
import { ROLES } from '../auth/roles.ts';
import { message } from '../validation.ts';
import { roundResults } from './surveys.ts';

/**
 * The competence feature's API contract (issue 6): the training catalogue, requirements,
 * completions and their import, shares of staff trained, supervision, staff support, events with
 * public registration, evaluations (through the survey engine) and the regional competence plan.
 * Used by the routes and by the staff forms.
 */

export const COURSE_FORMATS = ['web_course', 'film', 'classroom', 'workshop', 'webinar', 'blended'] as const;
export type CourseFormat = (typeof COURSE_FORMATS)[number];

/** Topics of training: the violence areas of domain.md and the groups the roadmap names. */
export const COMPETENCE_TOPICS = ['vnr', 'hrv', 'pom', 'children', 'perpetrators', 'sexual_violence', 'asylum', 'staff_support'] as const;
export type CompetenceTopic = (typeof COMPETENCE_TOPICS)[number];

export const EVENT_KINDS = ['webinar', 'inspiration_day', 'conference', 'study_visit', 'network_meeting', 'course'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const ORGANISATION_KINDS = ['municipality', 'region', 'agency', 'shelter', 'other'] as const;
export type RegistrantOrganisationKind = (typeof ORGANISATION_KINDS)[number];

const id = z.string().uuid(message('invalid_uuid'));
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.preprocess((value) => (value === '' ? null : value), z.string().trim().max(max).nullable().optional());
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, message('invalid_date'))
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), message('invalid_date'));
const roles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);
const topics = z.array(z.enum(COMPETENCE_TOPICS)).max(COMPETENCE_TOPICS.length).default([]);

// ---- Catalogue
export const courseInput = z.object({
  title: text(200),
  provider: text(200),
  format: z.enum(COURSE_FORMATS),
  lengthMinutes: z.preprocess((value) => (value === '' ? null : value), z.coerce.number().int().min(1).max(100000).nullable().optional()),
  topics,
  targetRoles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
  introduction: z.boolean().default(false),
  url: optionalText(500),
  description: optionalText(4000),
  shared: z.boolean().default(false),
});
export const course = z.object({
  id,
  title: z.string(),
  provider: z.string(),
  format: z.enum(COURSE_FORMATS),
  lengthMinutes: z.number().int().nullable(),
  topics: z.array(z.enum(COMPETENCE_TOPICS)),
  targetRoles: z.array(z.enum(ROLES)),
  introduction: z.boolean(),
  url: z.string().nullable(),
  description: z.string().nullable(),
  shared: z.boolean(),
  /** The course belongs to the caller's organisation (only then can it be changed). */
  own: z.boolean(),
  ownerName: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  demo: z.boolean(),
});
export type Course = z.infer<typeof course>;
export const courseList = z.object({ courses: z.array(course) });
export const updateCourseRequest = courseInput.extend({ version: z.number().int().min(1), active: z.boolean().default(true) });

// ---- Requirements
export const requirementInput = z.object({
  courseId: id,
  /** Omitted or null: the whole organisation. */
  unitId: id.nullable().optional(),
  roles,
  deadline: isoDate,
  note: optionalText(1000),
});
export const requirement = z.object({
  id,
  courseId: id,
  courseTitle: z.string(),
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  deadline: z.string(),
  note: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export const requirementList = z.object({ requirements: z.array(requirement) });
export const updateRequirementRequest = z.object({
  version: z.number().int().min(1),
  roles,
  deadline: isoDate,
  note: optionalText(1000),
  active: z.boolean(),
});

// ---- Completions
export const COMPLETION_STATUSES = ['recorded', 'confirmed'] as const;
export const COMPLETION_SOURCES = ['self', 'manager', 'import'] as const;
export const recordCompletionRequest = z.object({
  courseId: id,
  completedOn: isoDate,
  /** Omitted: the caller's own completion. Another person's needs a manager's reach over their unit. */
  personId: id.optional(),
});
export const completion = z.object({
  id,
  personId: id,
  personName: z.string(),
  unitId: id,
  unitName: z.string(),
  courseId: id,
  courseTitle: z.string(),
  completedOn: z.string(),
  source: z.enum(COMPLETION_SOURCES),
  status: z.enum(COMPLETION_STATUSES),
  confirmedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Completion = z.infer<typeof completion>;
export const completionList = z.object({ completions: z.array(completion) });
export const completionQuery = z.object({
  status: z.enum(COMPLETION_STATUSES).optional(),
  personId: id.optional(),
  /** `mine`: only the caller's own completions. */
  mine: z.enum(['true', 'false']).optional(),
});
export const confirmCompletionRequest = z.object({ version: z.number().int().min(1) });

/** The columns of a learning-management system's export (docs/competence.md). */
export const COMPLETION_CSV_COLUMNS = ['email', 'course_id', 'completed_on'] as const;
export const completionImportRequest = z.object({ content: z.string().min(1).max(5_000_000) });
export const completionImportLine = z.object({
  line: z.number().int(),
  email: z.string().nullable(),
  personName: z.string().nullable(),
  courseTitle: z.string().nullable(),
  completedOn: z.string().nullable(),
  problems: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});
export const completionImportPreview = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  rejected: z.number().int(),
  fileProblems: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
  lines: z.array(completionImportLine),
});
export type CompletionImportPreview = z.infer<typeof completionImportPreview>;
export const completionImportApplied = z.object({ imported: z.number().int() });

// ---- Shares of staff trained
export const sharesQuery = z.object({
  /** The date the share is computed on (staff in the unit on that day); default today. */
  on: isoDate.optional(),
  /** Months of trend ending with `on`'s month (0–36). */
  months: z.coerce.number().int().min(0).max(36).default(12),
});
export const shareRow = z.object({
  requirementId: id,
  courseId: id,
  courseTitle: z.string(),
  unitId: id,
  unitName: z.string(),
  role: z.enum(ROLES),
  deadline: z.string(),
  staff: z.number().int(),
  trained: z.number().int(),
  awaitingConfirmation: z.number().int(),
  share: z.number().nullable(),
  /** The deadline has passed and someone is not trained. */
  overdue: z.boolean(),
});
export type ShareRow = z.infer<typeof shareRow>;
export const trendPoint = z.object({ month: z.string(), staff: z.number().int(), trained: z.number().int(), share: z.number().nullable() });
export const sharesReport = z.object({
  on: z.string(),
  rows: z.array(shareRow),
  /** Per requirement: staff and trained at the end of each month (the last is `on`). */
  trend: z.array(z.object({ requirementId: id, courseTitle: z.string(), unitName: z.string().nullable(), points: z.array(trendPoint) })),
});
export type SharesReport = z.infer<typeof sharesReport>;

// ---- Supervision
export const supervisionInput = z.object({
  /** Omitted: the acting unit. */
  unitId: id.optional(),
  heldOn: isoDate,
  leader: text(200),
  participantCount: z.coerce.number().int().min(0).max(1000),
  participantIds: z.array(id).max(200).default([]),
  topic: optionalText(500),
});
export const supervisionSession = z.object({
  id,
  unitId: id,
  unitName: z.string(),
  heldOn: z.string(),
  leader: z.string(),
  participantCount: z.number().int(),
  participants: z.array(z.object({ id, name: z.string() })),
  topic: z.string().nullable(),
});
export const supervisionList = z.object({ sessions: z.array(supervisionSession) });
export const cadenceRow = z.object({
  unitId: id,
  unitName: z.string(),
  sessions: z.number().int(),
  lastHeldOn: z.string().nullable(),
  /** Days since the last session on the reference day; null when never. */
  daysSinceLast: z.number().int().nullable(),
  /** Sessions per month over the period. */
  months: z.array(z.object({ month: z.string(), sessions: z.number().int() })),
});
export const cadenceReport = z.object({ from: z.string(), to: z.string(), units: z.array(cadenceRow) });

// ---- Staff support
export const staffSupportContent = z.object({
  body: z.string(),
  helpRoute: z.string(),
  /** The organisation has written its own text; otherwise the platform's default is shown. */
  own: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export const updateStaffSupportRequest = z.object({ body: text(20000), helpRoute: text(4000), version: z.number().int().min(0) });

// ---- Events
const dateTime = z.string().datetime({ offset: true });
export const eventInput = z
  .object({
    title: text(200),
    kind: z.enum(EVENT_KINDS),
    organisers: text(500),
    startsAt: dateTime,
    endsAt: dateTime,
    place: optionalText(300),
    digital: z.boolean().default(false),
    audience: text(500),
    topics,
    countyCode: z.preprocess(
      (value) => (value === '' ? null : value),
      z
        .string()
        .regex(/^\d{2}$/, message('county_unknown'))
        .nullable()
        .optional(),
    ),
    series: optionalText(120),
    capacity: z.preprocess((value) => (value === '' ? null : value), z.coerce.number().int().min(1).max(100000).nullable().optional()),
    registrationClosesOn: isoDate,
  })
  .refine((value) => Date.parse(value.endsAt) >= Date.parse(value.startsAt), { path: ['endsAt'], message: message('end_before_start') });
export const eventSummary = z.object({
  id,
  title: z.string(),
  kind: z.enum(EVENT_KINDS),
  startsAt: z.string(),
  endsAt: z.string(),
  digital: z.boolean(),
  place: z.string().nullable(),
  series: z.string().nullable(),
  capacity: z.number().int().nullable(),
  registered: z.number().int(),
  attended: z.number().int(),
  registrationOpen: z.boolean(),
  demo: z.boolean(),
});
export const eventList = z.object({ events: z.array(eventSummary) });
export const registration = z.object({
  id,
  /** Null once erased, a set time after the event (ADR 0045). */
  name: z.string().nullable(),
  email: z.string().nullable(),
  organisationName: z.string(),
  organisationKind: z.enum(ORGANISATION_KINDS),
  municipalityCode: z.string().nullable(),
  municipalityName: z.string().nullable(),
  attended: z.boolean().nullable(),
  registeredAt: z.string(),
  personalDataErasedAt: z.string().nullable(),
});
export const eventDetail = eventSummary.extend({
  organisers: z.string(),
  audience: z.string(),
  topics: z.array(z.enum(COMPETENCE_TOPICS)),
  countyCode: z.string().nullable(),
  registrationClosesOn: z.string(),
  registrationClosed: z.boolean(),
  registrationLink: z.string(),
  evaluation: z.object({ roundId: id, link: z.string().nullable(), responses: z.number().int() }).nullable(),
  version: z.number().int(),
});
export const updateEventRequest = z.object({ version: z.number().int().min(1), registrationClosed: z.boolean() });
export const registrationList = z.object({
  registrations: z.array(registration),
  /** Days after the event ends that names and email addresses are kept. */
  personalDataKeptDays: z.number().int(),
});
export type RegistrationList = z.infer<typeof registrationList>;
export const attendanceRequest = z.object({
  attendance: z
    .array(z.object({ registrationId: id, attended: z.boolean() }))
    .min(1)
    .max(5000),
});
export const attendanceResponse = z.object({ updated: z.number().int() });
/** Evaluation results of every evaluated event of a series together (organisers only). */
export const seriesResults = z.object({
  series: z.string(),
  events: z.number().int(),
  rounds: z.number().int(),
  submitted: z.number().int(),
  questions: roundResults.shape.questions,
  byGoal: roundResults.shape.byGoal,
  byArea: roundResults.shape.byArea,
});
export type SeriesResults = z.infer<typeof seriesResults>;

export const evaluationRequest = z.object({
  /** An existing survey of the organisation (e.g. a reusable evaluation template of its own); default the shipped event evaluation. */
  surveyId: id.optional(),
  deadline: isoDate.optional(),
});

// ---- Public registration
export const publicEvent = z.object({
  title: z.string(),
  kind: z.enum(EVENT_KINDS),
  organisers: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  digital: z.boolean(),
  audience: z.string(),
  registrationClosesOn: z.string(),
  open: z.boolean(),
  placesLeft: z.number().int().nullable(),
});
/** A name typed into the public registration form, cleaned before it is checked (issue 16). */
const typedName = (max: number) => z.string().overwrite(normaliseName).trim().min(1).max(max);
export const registrationInput = z.object({
  name: typedName(200),
  email: z.string().trim().toLowerCase().email(message('email_invalid')).max(200),
  organisationName: typedName(200),
  organisationKind: z.enum(ORGANISATION_KINDS),
  municipalityCode: z.preprocess(
    (value) => (value === '' ? null : value),
    z
      .string()
      .regex(/^\d{4}$/, message('municipality_unknown'))
      .nullable()
      .optional(),
  ),
});
export const registrationReceived = z.object({ registered: z.literal(true) });

// ---- Participation
export const participationQuery = z.object({
  county: z
    .string()
    .regex(/^\d{2}$/, message('county_unknown'))
    .optional(),
  from: z.coerce.number().int().min(2000).max(2100).optional(),
  to: z.coerce.number().int().min(2000).max(2100).optional(),
  /** `published`: counts pass disclosure control (the cell-key method), for sharing outside the organisation; `internal` (exact) is audited. */
  view: z.enum(['internal', 'published']).default('internal'),
});
const cellText = z.object({ value: z.number().int().nullable(), text: z.string() });
export const participationReport = z.object({
  view: z.enum(['internal', 'published']),
  countyCode: z.string().nullable(),
  years: z.array(z.number().int()),
  /** Attended participants per municipality and year (registered when attendance was not marked). */
  municipalities: z.array(z.object({ code: z.string(), name: z.string(), years: z.array(cellText), total: cellText, events: z.number().int() })),
  organisations: z.array(z.object({ name: z.string(), kind: z.enum(ORGANISATION_KINDS), years: z.array(cellText), total: cellText })),
  /** Municipalities of the county with no participant in the period. */
  neverTakenPart: z.array(z.object({ code: z.string(), name: z.string() })),
  /**
   * `noise`: the largest change a shown count may carry — 0 in the organiser's internal view (exact),
   * the cell-key method's bound in the published view (ADR 0053, 0056).
   */
  disclosure: z.object({ threshold: z.number().int(), display: z.enum(['below', 'dash']), noise: z.number().int() }),
});
export type ParticipationReport = z.infer<typeof participationReport>;

// ---- Competence plan
export const planInput = z.object({
  countyCode: z.string().regex(/^\d{2}$/, message('county_unknown')),
  year: z.coerce.number().int().min(2000).max(2100),
  title: text(200),
});
export const planEntryInput = z.object({
  organisationId: id.nullable().optional(),
  organisationName: optionalText(200),
  effort: text(200),
  courseId: id.nullable().optional(),
  targetGroup: text(200),
  topics,
  plannedMonth: z.coerce.number().int().min(1).max(12),
  openToOthers: z.boolean().default(false),
});
/** Changing one's own effort: what, for whom, when (the organisation stays). */
export const planEntryUpdate = planEntryInput.omit({ organisationId: true, organisationName: true }).extend({ version: z.coerce.number().int().min(1) });
/** Adding a participating organisation to the plan (ADR 0044). */
export const planParticipantInput = z.object({ organisationId: id });
export const planEntry = z.object({
  id,
  organisationId: id.nullable(),
  organisationName: z.string(),
  effort: z.string(),
  courseId: id.nullable(),
  targetGroup: z.string(),
  topics: z.array(z.enum(COMPETENCE_TOPICS)),
  plannedMonth: z.number().int(),
  openToOthers: z.boolean(),
  /** Entered by the caller's organisation, so the caller may change it. */
  editable: z.boolean(),
  version: z.number().int(),
});
/** `own`: the caller's organisation runs the plan; otherwise it takes part in it. */
export const planSummary = z.object({
  id,
  countyCode: z.string(),
  countyName: z.string(),
  year: z.number().int(),
  title: z.string(),
  entries: z.number().int(),
  own: z.boolean(),
});
export const planList = z.object({ plans: z.array(planSummary) });
export const planDetail = planSummary.extend({
  entryList: z.array(planEntry),
  /** The same topic planned by two or more organisations in the same month: a chance to share. */
  overlaps: z.array(z.object({ topic: z.enum(COMPETENCE_TOPICS), month: z.number().int(), organisations: z.array(z.string()) })),
  /** Topics no organisation plans anything for this year. */
  topicGaps: z.array(z.enum(COMPETENCE_TOPICS)),
  /** Municipalities of the county with no planned effort. */
  municipalitiesWithout: z.array(z.object({ code: z.string(), name: z.string() })),
  /** The organisations taking part, who enter their own efforts. */
  participants: z.array(z.object({ organisationId: id, name: z.string() })),
  /** Organisations the plan's owner may add (empty for a participant). */
  organisationChoices: z.array(z.object({ id, name: z.string() })),
});
export type PlanDetail = z.infer<typeof planDetail>;
