import type { Activity, ActivityStatus, BodySummary, Decision, LateActivity, MeetingSummary, WorkPlanSummary } from '#shared/contracts/collaboration.ts';
import { iso, type BodyRow } from './body-repository.ts';
import { stockholmLocal } from './local-time.ts';
import type { DecisionRow, MeetingRow } from './meeting-repository.ts';
import type { ActivityRow, PlanRow } from './plan-repository.ts';

/** Rows to the API's shapes (shared/contracts/collaboration.ts). */

export function bodySummaryOf(row: BodyRow): BodySummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    owner: { id: row.tenant_id, name: row.owner_name },
    leadingOrganisation: { id: row.leading_organisation_id, name: row.leading_organisation_name },
    responsibilityAreas: row.responsibility_areas,
    meetingCadence: row.meeting_cadence,
    active: row.active,
    memberCount: row.member_count,
    nextMeeting:
      row.next_meeting_id && row.next_meeting_starts_at
        ? { id: row.next_meeting_id, startsAt: iso(row.next_meeting_starts_at), title: row.next_meeting_title ?? '' }
        : null,
    openDecisions: row.open_decisions,
    lateActivities: row.late_activities,
  };
}

export function meetingSummaryOf(row: MeetingRow): MeetingSummary {
  const start = stockholmLocal(row.starts_at instanceof Date ? row.starts_at : new Date(row.starts_at));
  const end = stockholmLocal(row.ends_at instanceof Date ? row.ends_at : new Date(row.ends_at));
  return {
    id: row.id,
    bodyId: row.body_id,
    bodyName: row.body_name,
    title: row.title,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    location: row.location,
    onlineUrl: row.online_url,
    status: row.status,
    hasMinutes: row.minutes !== null,
  };
}

/**
 * A decision as the API shows it on `today` (the caller's Stockholm date): overdue when its due
 * date has passed and it is still open or in progress (issue 22).
 */
export function decisionOf(row: DecisionRow, today: string): Decision {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    bodyId: row.body_id,
    bodyName: row.body_name,
    year: row.year,
    number: row.number,
    decidedOn: row.decided_on,
    text: row.text,
    responsibleOrganisation: row.responsible_organisation_id ? { id: row.responsible_organisation_id, name: row.responsible_organisation_name ?? '' } : null,
    responsiblePerson: row.responsible_person,
    dueOn: row.due_on,
    status: row.status,
    followUp: row.follow_up,
    followedUpAt: row.followed_up_at ? iso(row.followed_up_at) : null,
    overdue: isDecisionOverdue(row, today),
    version: row.version,
  };
}

/** Still to be done after its due date: the day after the due date it is overdue. */
export const isDecisionOverdue = (decision: { due_on: string | null; status: string }, today: string) =>
  decision.due_on !== null && decision.due_on < today && (decision.status === 'open' || decision.status === 'in_progress');

/** A decision's reference as minutes write it: year and running number, "2026:3". */
export const decisionReference = (decision: { year: number; number: number }) => `${decision.year}:${decision.number}`;

/**
 * Late against plan on `today`: still to be finished after its end date, or not begun after its
 * start date. The same rule as `lateCondition` in SQL.
 */
export function lateness(activity: { status: ActivityStatus; startsOn: string; endsOn: string }, today: string): Activity['late'] {
  if (['planned', 'ongoing', 'postponed'].includes(activity.status) && activity.endsOn < today) return 'not_finished';
  if (activity.status === 'planned' && activity.startsOn < today) return 'not_started';
  return null;
}

export function activityOf(row: ActivityRow, today: string): Activity {
  return {
    id: row.id,
    goalId: row.goal_id,
    title: row.title,
    description: row.description,
    responsibleOrganisation: { id: row.responsible_organisation_id, name: row.responsible_organisation_name },
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: row.status,
    late: lateness({ status: row.status, startsOn: row.starts_on, endsOn: row.ends_on }, today),
    version: row.version,
  };
}

export function lateActivityOf(row: ActivityRow, today: string): LateActivity {
  return { ...activityOf(row, today), planId: row.plan_id, planTitle: row.plan_title, bodyId: row.body_id, bodyName: row.body_name };
}

export function planSummaryOf(row: PlanRow): WorkPlanSummary {
  return { id: row.id, bodyId: row.body_id, bodyName: row.body_name, title: row.title, periodStart: row.period_start, periodEnd: row.period_end };
}
