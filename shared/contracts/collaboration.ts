import { z } from 'zod';
import { normaliseName } from '../names.ts';
import { message } from '../validation.ts';
import { linkedIndicator } from './follow-up.ts';

/**
 * The collaboration API (issue 9): bodies with members, meetings with agenda, attachments,
 * minutes and decisions, work plans with goals, activities and yearly reports, and county
 * strategy processes. Used by the routes and by the staff pages' forms.
 */

export const BODY_KINDS = ['steering', 'collaboration', 'development', 'network', 'pilot', 'county_working', 'county_reference'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
/** The four joint development areas of the roadmap (domain.md). */
export const RESPONSIBILITY_AREAS = ['routines_methods', 'information', 'referral', 'staff_support'] as const;
export type ResponsibilityArea = (typeof RESPONSIBILITY_AREAS)[number];
export const MEETING_CADENCES = ['every_six_weeks', 'monthly', 'every_other_month', 'quarterly', 'twice_a_year', 'yearly', 'as_needed'] as const;
export type MeetingCadence = (typeof MEETING_CADENCES)[number];
export const MEMBER_ROLES = ['member', 'convener', 'secretary'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const DECISION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const ACTIVITY_STATUSES = ['planned', 'ongoing', 'done', 'postponed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const REPORT_STATUSES = ['draft', 'frozen'] as const;
/**
 * The sections of the yearly group report, in order. `indicators` (the goals' linked follow-up
 * indicators, issue 7) was added later; a report stores its sections as a list, so reports frozen
 * before keep theirs (ADR 0062).
 */
export const REPORT_SECTION_KEYS = ['purpose', 'baseline', 'goals', 'indicators', 'activities', 'decisions', 'assessment'] as const;
export type ReportSectionKey = (typeof REPORT_SECTION_KEYS)[number];
export const STEP_STATUSES = ['not_started', 'ongoing', 'done'] as const;
export const PROCESS_STATUSES = ['ongoing', 'adopted', 'closed'] as const;
export const RESPONSE_STATUSES = ['awaiting', 'answered', 'declined'] as const;
export const ATTACHMENT_KINDS = ['pdf', 'docx', 'xlsx', 'pptx'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
/** The largest attachment accepted, after its type has been checked (ADR 0061). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** File name endings the upload accepts (the content must match, ADR 0061). */
export const ATTACHMENT_EXTENSIONS: Readonly<Record<AttachmentKind, string>> = { pdf: '.pdf', docx: '.docx', xlsx: '.xlsx', pptx: '.pptx' };

const id = z.string().uuid(message('invalid_uuid'));
const version = z.number().int().min(1);
const text = (max: number) => z.string().trim().min(1, message('required')).max(max, message('text_too_long', { max }));
/** An empty form field means "none". */
const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    z.string().trim().max(max, message('text_too_long', { max })).nullable().optional(),
  );
const optionalId = z.preprocess((value) => (value === '' ? null : value), id.nullable().optional());
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, message('invalid_date'))
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }, message('invalid_date'));
const optionalDate = z.preprocess((value) => (value === '' ? null : value), isoDate.nullable().optional());
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, message('collaboration_time_format'));
const httpsUrl = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
  z
    .string()
    .trim()
    .max(500, message('text_too_long', { max: 500 }))
    .regex(/^https:\/\/[^\s]+$/i, message('collaboration_url_invalid'))
    .nullable()
    .optional(),
);

export const idParams = z.object({ id });
export const memberParams = z.object({ id, memberId: id });
export const decisionParams = z.object({ id, decisionId: id });
export const attachmentParams = z.object({ id, attachmentId: id });
export const goalParams = z.object({ id, goalId: id });
export const activityParams = z.object({ id, activityId: id });
export const reportParams = z.object({ id, reportId: id });
export const stepParams = z.object({ id, stepId: id });
export const consultationParams = z.object({ id, consultationId: id });
export const respondentParams = z.object({ id, consultationId: id, respondentId: id });

const organisationRef = z.object({ id, name: z.string() });
export type OrganisationRef = z.infer<typeof organisationRef>;

export const organisationOptions = z.object({
  organisations: z.array(z.object({ id, name: z.string(), kind: z.string(), code: z.string() })),
});
export type OrganisationOptions = z.infer<typeof organisationOptions>;

/** What the caller may do with a body, decided by the server (ADR 0060). */
const bodyPermissions = z.object({ manage: z.boolean(), record: z.boolean(), freeze: z.boolean() });
export type BodyPermissions = z.infer<typeof bodyPermissions>;

// Bodies
export const bodyInput = z.object({
  kind: z.enum(BODY_KINDS),
  name: text(200),
  purpose: optionalText(4000),
  leadingOrganisationId: id,
  responsibilityAreas: z
    .array(z.enum(RESPONSIBILITY_AREAS))
    .max(RESPONSIBILITY_AREAS.length)
    .refine((areas) => new Set(areas).size === areas.length, message('collaboration_duplicate_choice')),
  meetingCadence: z.enum(MEETING_CADENCES),
});
export const createBodyRequest = bodyInput;
export type CreateBodyRequest = z.input<typeof createBodyRequest>;
export const updateBodyRequest = bodyInput.extend({ version, active: z.boolean() });
export type UpdateBodyRequest = z.input<typeof updateBodyRequest>;

export const memberSchema = z.object({
  id,
  organisation: organisationRef,
  role: z.enum(MEMBER_ROLES),
  personName: z.string().nullable(),
  hasAccount: z.boolean(),
  isCaller: z.boolean(),
});
export type Member = z.infer<typeof memberSchema>;

export const addMemberRequest = z.object({
  organisationId: id,
  role: z.enum(MEMBER_ROLES),
  personName: optionalText(200),
  email: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    z.string().trim().toLowerCase().max(254).email(message('email_invalid')).nullable().optional(),
  ),
});
export type AddMemberRequest = z.input<typeof addMemberRequest>;
export const updateMemberRequest = z.object({ role: z.enum(MEMBER_ROLES) });

export const meetingSummary = z.object({
  id,
  bodyId: id,
  bodyName: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Local date and times in Europe/Stockholm, as entered. */
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  location: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  hasMinutes: z.boolean(),
});
export type MeetingSummary = z.infer<typeof meetingSummary>;

export const decisionSchema = z.object({
  id,
  meetingId: id,
  bodyId: id,
  bodyName: z.string(),
  year: z.number().int(),
  number: z.number().int(),
  decidedOn: z.string(),
  text: z.string(),
  responsibleOrganisation: organisationRef.nullable(),
  responsiblePerson: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(DECISION_STATUSES),
  followUp: z.string().nullable(),
  followedUpAt: z.string().nullable(),
  /** Its due date has passed (Stockholm calendar) and it is neither done nor cancelled (issue 22). */
  overdue: z.boolean(),
  version: z.number().int(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const workPlanSummary = z.object({ id, bodyId: id, bodyName: z.string(), title: z.string(), periodStart: z.string(), periodEnd: z.string() });
export type WorkPlanSummary = z.infer<typeof workPlanSummary>;

export const bodySummary = z.object({
  id,
  kind: z.enum(BODY_KINDS),
  name: z.string(),
  owner: organisationRef,
  leadingOrganisation: organisationRef,
  responsibilityAreas: z.array(z.enum(RESPONSIBILITY_AREAS)),
  meetingCadence: z.enum(MEETING_CADENCES),
  active: z.boolean(),
  memberCount: z.number().int(),
  nextMeeting: z.object({ id, startsAt: z.string(), title: z.string() }).nullable(),
  openDecisions: z.number().int(),
  lateActivities: z.number().int(),
});
export type BodySummary = z.infer<typeof bodySummary>;
export const bodyList = z.object({ bodies: z.array(bodySummary) });

export const bodyDetail = bodySummary.extend({
  purpose: z.string().nullable(),
  version: z.number().int(),
  members: z.array(memberSchema),
  meetings: z.array(meetingSummary),
  decisions: z.array(decisionSchema),
  workPlans: z.array(workPlanSummary),
  permissions: bodyPermissions,
});
export type BodyDetail = z.infer<typeof bodyDetail>;

// Meetings
/** Date and times are Europe/Stockholm local time; a meeting starts and ends on one day. */
const meetingFields = z.object({
  title: text(200),
  date: isoDate,
  startTime: clockTime,
  endTime: clockTime,
  location: optionalText(300),
  onlineUrl: httpsUrl,
  convenerMemberId: optionalId,
});
type MeetingFields = z.infer<typeof meetingFields>;
function meetingRules(value: MeetingFields, context: z.RefinementCtx) {
  if (value.endTime <= value.startTime) context.addIssue({ code: 'custom', path: ['endTime'], message: message('collaboration_meeting_end_before_start') });
  if (!value.location && !value.onlineUrl) context.addIssue({ code: 'custom', path: ['location'], message: message('collaboration_place_required') });
}
export const createMeetingRequest = meetingFields.extend({ bodyId: id }).superRefine(meetingRules);
export type CreateMeetingRequest = z.input<typeof createMeetingRequest>;
export const updateMeetingRequest = meetingFields.extend({ version, status: z.enum(MEETING_STATUSES) }).superRefine(meetingRules);
export type UpdateMeetingRequest = z.input<typeof updateMeetingRequest>;

export const agendaItem = z.object({ title: text(300), presenter: optionalText(200) });
export type AgendaItem = z.input<typeof agendaItem>;
export const agendaRequest = z.object({ version, items: z.array(agendaItem).max(40, message('collaboration_too_many', { max: 40 })) });
export type AgendaRequest = z.input<typeof agendaRequest>;
export const minutesRequest = z.object({ version, minutes: text(20000) });
export type MinutesRequest = z.input<typeof minutesRequest>;

export const decisionRequest = z.object({
  text: text(2000),
  responsibleOrganisationId: optionalId,
  responsiblePerson: optionalText(200),
  dueOn: optionalDate,
});
export type DecisionRequest = z.input<typeof decisionRequest>;
export const decisionFollowUpRequest = z.object({ version, status: z.enum(DECISION_STATUSES), followUp: optionalText(4000) });
export type DecisionFollowUpRequest = z.input<typeof decisionFollowUpRequest>;

export const attachmentSchema = z.object({ id, filename: z.string(), kind: z.enum(ATTACHMENT_KINDS), sizeBytes: z.number().int(), uploadedAt: z.string() });
export type Attachment = z.infer<typeof attachmentSchema>;
/** The file name travels in the query: the body of an upload is the file itself. */
export const attachmentQuery = z.object({
  filename: z
    .string()
    .overwrite(normaliseName)
    .trim()
    .min(1, message('required'))
    .max(200, message('text_too_long', { max: 200 })),
});

export const meetingDetail = meetingSummary.extend({
  version: z.number().int(),
  convener: z.object({ memberId: id, label: z.string() }).nullable(),
  agenda: z.array(z.object({ title: z.string(), presenter: z.string().nullable() })),
  attachments: z.array(attachmentSchema),
  minutes: z.string().nullable(),
  minutesRecordedAt: z.string().nullable(),
  decisions: z.array(decisionSchema),
  members: z.array(z.object({ id, label: z.string() })),
  permissions: bodyPermissions,
});
export type MeetingDetail = z.infer<typeof meetingDetail>;

// Work plans
const planFields = z.object({
  title: text(200),
  periodStart: isoDate,
  periodEnd: isoDate,
  purpose: optionalText(8000),
  baselineExisting: optionalText(8000),
  baselineMissing: optionalText(8000),
});
function planRules(value: z.infer<typeof planFields>, context: z.RefinementCtx) {
  if (value.periodEnd < value.periodStart) context.addIssue({ code: 'custom', path: ['periodEnd'], message: message('end_before_start') });
}
export const createWorkPlanRequest = planFields.extend({ bodyId: id }).superRefine(planRules);
export type CreateWorkPlanRequest = z.input<typeof createWorkPlanRequest>;
export const updateWorkPlanRequest = planFields.extend({ version }).superRefine(planRules);
export type UpdateWorkPlanRequest = z.input<typeof updateWorkPlanRequest>;

export const goalRequest = z.object({ title: text(300), description: optionalText(4000), parentGoalId: optionalId });
export type GoalRequest = z.input<typeof goalRequest>;
export const updateGoalRequest = z.object({ version, title: text(300), description: optionalText(4000) });
export type UpdateGoalRequest = z.input<typeof updateGoalRequest>;

const activityFields = z.object({
  goalId: id,
  title: text(300),
  description: optionalText(4000),
  responsibleOrganisationId: id,
  startsOn: isoDate,
  endsOn: isoDate,
  status: z.enum(ACTIVITY_STATUSES),
});
function activityRules(value: z.infer<typeof activityFields>, context: z.RefinementCtx) {
  if (value.endsOn < value.startsOn) context.addIssue({ code: 'custom', path: ['endsOn'], message: message('end_before_start') });
}
export const activityRequest = activityFields.superRefine(activityRules);
export type ActivityRequest = z.input<typeof activityRequest>;
export const updateActivityRequest = activityFields.extend({ version }).superRefine(activityRules);
export type UpdateActivityRequest = z.input<typeof updateActivityRequest>;

export const goalSchema = z.object({
  id,
  parentGoalId: id.nullable(),
  title: z.string(),
  description: z.string().nullable(),
  version: z.number().int(),
  /** Follow-up indicators linked to the goal, with this year's value and the target (ADR 0062). */
  indicators: z.array(linkedIndicator),
});
export type Goal = z.infer<typeof goalSchema>;
/** Late against plan: past its end and not done, or past its start and not begun. */
export const LATENESS = ['not_started', 'not_finished'] as const;
export const activitySchema = z.object({
  id,
  goalId: id,
  title: z.string(),
  description: z.string().nullable(),
  responsibleOrganisation: organisationRef,
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  late: z.enum(LATENESS).nullable(),
  version: z.number().int(),
});
export type Activity = z.infer<typeof activitySchema>;

export const reportSummary = z.object({ id, year: z.number().int(), status: z.enum(REPORT_STATUSES), frozenAt: z.string().nullable() });
export const workPlanDetail = workPlanSummary.extend({
  bodyKind: z.enum(BODY_KINDS),
  purpose: z.string().nullable(),
  baselineExisting: z.string().nullable(),
  baselineMissing: z.string().nullable(),
  version: z.number().int(),
  goals: z.array(goalSchema),
  activities: z.array(activitySchema),
  reports: z.array(reportSummary),
  /** The Stockholm date the lateness was judged on. */
  today: z.string(),
  permissions: bodyPermissions,
});
export type WorkPlanDetail = z.infer<typeof workPlanDetail>;
export const workPlanList = z.object({ workPlans: z.array(workPlanSummary) });
export const workPlanQuery = z.object({ bodyId: id.optional() });

export const reportSection = z.object({ key: z.enum(REPORT_SECTION_KEYS), text: z.string().max(20000, message('text_too_long', { max: 20000 })) });
export type ReportSection = z.infer<typeof reportSection>;
export const createReportRequest = z.object({ year: z.number().int().min(2000).max(2100) });
export const updateReportRequest = z.object({
  version,
  sections: z
    .array(reportSection)
    .max(REPORT_SECTION_KEYS.length)
    .refine((sections) => new Set(sections.map((section) => section.key)).size === sections.length, message('collaboration_duplicate_choice')),
});
export type UpdateReportRequest = z.input<typeof updateReportRequest>;
export const freezeReportRequest = z.object({ version });
export const reportDetail = z.object({
  id,
  planId: id,
  planTitle: z.string(),
  bodyId: id,
  bodyName: z.string(),
  year: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  sections: z.array(reportSection),
  generatedAt: z.string(),
  frozenAt: z.string().nullable(),
  version: z.number().int(),
  permissions: bodyPermissions,
});
export type ReportDetail = z.infer<typeof reportDetail>;

// Strategy processes
const processFields = z.object({
  title: text(200),
  countyCode: z.preprocess(
    (value) => (value === '' ? null : value),
    z
      .string()
      .regex(/^\d{2}$/, message('county_unknown'))
      .nullable()
      .optional(),
  ),
  description: optionalText(4000),
  startsOn: isoDate,
});
export const createStrategyProcessRequest = processFields.extend({ useTemplate: z.boolean() });
export type CreateStrategyProcessRequest = z.input<typeof createStrategyProcessRequest>;
export const updateStrategyProcessRequest = processFields.extend({ version, status: z.enum(PROCESS_STATUSES) });
export type UpdateStrategyProcessRequest = z.input<typeof updateStrategyProcessRequest>;

export const stepRequest = z.object({
  step: text(300),
  activity: text(2000),
  deadline: isoDate,
  challenge: optionalText(2000),
  responsible: text(300),
  status: z.enum(STEP_STATUSES),
});
export type StepRequest = z.input<typeof stepRequest>;
export const updateStepRequest = stepRequest.extend({ version });
export type UpdateStepRequest = z.input<typeof updateStepRequest>;

export const consultationRequest = z.object({ title: text(300), sentOn: isoDate, answerWeeks: z.number().int().min(1).max(26) });
export type ConsultationRequest = z.input<typeof consultationRequest>;
export const respondentRequest = z.object({ organisationId: optionalId, organisationName: optionalText(200) }).superRefine((value, context) => {
  if (!value.organisationId === !value.organisationName) {
    context.addIssue({ code: 'custom', path: ['organisationId'], message: message('collaboration_respondent_one') });
  }
});
export type RespondentRequest = z.input<typeof respondentRequest>;
export const responseRequest = z
  .object({ version, status: z.enum(RESPONSE_STATUSES), answeredOn: optionalDate, answer: optionalText(10000) })
  .superRefine((value, context) => {
    if (value.status === 'answered' && !value.answeredOn) context.addIssue({ code: 'custom', path: ['answeredOn'], message: message('required') });
  });
export type ResponseRequest = z.input<typeof responseRequest>;

export const stepSchema = z.object({
  id,
  position: z.number().int(),
  step: z.string(),
  activity: z.string(),
  deadline: z.string(),
  challenge: z.string().nullable(),
  responsible: z.string(),
  status: z.enum(STEP_STATUSES),
  overdue: z.boolean(),
  version: z.number().int(),
});
export type Step = z.infer<typeof stepSchema>;
export const respondentSchema = z.object({
  id,
  organisationId: id.nullable(),
  name: z.string(),
  status: z.enum(RESPONSE_STATUSES),
  answeredOn: z.string().nullable(),
  answer: z.string().nullable(),
  version: z.number().int(),
});
export type Respondent = z.infer<typeof respondentSchema>;
export const consultationSchema = z.object({
  id,
  title: z.string(),
  sentOn: z.string(),
  answerWeeks: z.number().int(),
  respondBy: z.string(),
  respondents: z.array(respondentSchema),
});
export type Consultation = z.infer<typeof consultationSchema>;
export const strategyProcessSummary = z.object({
  id,
  title: z.string(),
  county: z.object({ code: z.string(), name: z.string() }).nullable(),
  status: z.enum(PROCESS_STATUSES),
  startsOn: z.string(),
  steps: z.number().int(),
  nextDeadline: z.string().nullable(),
});
export type StrategyProcessSummary = z.infer<typeof strategyProcessSummary>;
export const strategyProcessList = z.object({ processes: z.array(strategyProcessSummary), mayManage: z.boolean() });
export const strategyProcessDetail = strategyProcessSummary.extend({
  description: z.string().nullable(),
  version: z.number().int(),
  stepList: z.array(stepSchema),
  consultations: z.array(consultationSchema),
  today: z.string(),
  mayManage: z.boolean(),
});
export type StrategyProcessDetail = z.infer<typeof strategyProcessDetail>;

// Overview
export const lateActivity = activitySchema.extend({ planId: id, planTitle: z.string(), bodyId: id, bodyName: z.string() });
export type LateActivity = z.infer<typeof lateActivity>;
export const overviewResponse = z.object({
  today: z.string(),
  bodies: z.array(bodySummary),
  upcomingMeetings: z.array(meetingSummary),
  openDecisions: z.array(decisionSchema),
  lateActivities: z.array(lateActivity),
});
export type OverviewResponse = z.infer<typeof overviewResponse>;
