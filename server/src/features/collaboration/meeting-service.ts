import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_MAX_BYTES,
  type agendaRequest,
  type Attachment,
  type createMeetingRequest,
  type decisionFollowUpRequest,
  type decisionRequest,
  type MeetingDetail,
  type minutesRequest,
  type updateMeetingRequest,
} from '#shared/contracts/collaboration.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound, pick, type LocalizedFieldError } from '../../platform/errors/app-error.ts';
import { checkAttachmentOffThread } from './attachment-check.ts';
import { AttachmentRejected, claimedKind, type CheckedAttachment } from './attachments.ts';
import { OFFICE_ZIP_LIMITS } from './zip-within-limits.ts';
import { iso, membersOf, organisationExists } from './body-repository.ts';
import { auditChange, bodyAccess, permissionsOf, requireActive, requireRecord, versionConflict, type BodyAccess, type Caller } from './caller.ts';
import { renderCalendar, type CalendarEvent } from './icalendar.ts';
import { stockholmInstant } from './local-time.ts';
import {
  agendaOf,
  attachmentContent,
  attachmentsOf,
  bumpMeeting,
  decisionsWhere,
  deleteAttachment,
  findMeeting,
  insertAttachment,
  insertDecision,
  insertMeeting,
  meetingsWhere,
  replaceAgenda,
  updateDecision,
  updateMeeting,
  type AttachmentRow,
  type MeetingRow,
} from './meeting-repository.ts';
import { collaborationMessages } from './messages.ts';
import { decisionOf, meetingSummaryOf } from './views.ts';

/** Meetings of a body: time and place, agenda, attachments, minutes and numbered decisions (issue 9). */

type CreateMeeting = z.output<typeof createMeetingRequest>;
type UpdateMeeting = z.output<typeof updateMeetingRequest>;
type Agenda = z.output<typeof agendaRequest>;
type Minutes = z.output<typeof minutesRequest>;
type NewDecision = z.output<typeof decisionRequest>;
type FollowUp = z.output<typeof decisionFollowUpRequest>;

const messages = collaborationMessages;

/** The meeting and the caller's standing in its body; another organisation's meeting is "not found". */
async function meetingAccess(tx: Tx, caller: Caller, id: string): Promise<{ meeting: MeetingRow; access: BodyAccess }> {
  const meeting = await findMeeting(tx, id);
  if (!meeting) throw notFound();
  return { meeting, access: await bodyAccess(tx, caller, meeting.body_id) };
}

const refOf = (meeting: MeetingRow) => ({ id: meeting.id, bodyId: meeting.body_id, tenantId: meeting.tenant_id });

/** Local date and times to instants; a time that does not exist that day is a field error. */
function instants(input: { date: string; startTime: string; endTime: string }): { startsAt: Date; endsAt: Date } {
  const startsAt = stockholmInstant(input.date, input.startTime);
  const endsAt = stockholmInstant(input.date, input.endTime);
  const missing = (field: string, time: string): LocalizedFieldError => ({
    field,
    location: 'body',
    code: 'time_missing',
    message: { sv: interpolate(messages.sv.errors.meetingTimeMissing, { time }), en: interpolate(messages.en.errors.meetingTimeMissing, { time }) },
  });
  const errors = [...(startsAt ? [] : [missing('startTime', input.startTime)]), ...(endsAt ? [] : [missing('endTime', input.endTime)])];
  if (!startsAt || !endsAt) throw new AppError('validation_failed', { errors });
  return { startsAt, endsAt };
}

async function checkConvener(tx: Tx, bodyId: string, memberId: string | null | undefined): Promise<string | null> {
  if (!memberId) return null;
  if (!(await membersOf(tx, bodyId)).some((member) => member.id === memberId)) {
    throw invalidField(
      'convenerMemberId',
      'member_unknown',
      pick(messages, (m) => m.errors.memberUnknown),
    );
  }
  return memberId;
}

const memberLabel = (member: { person_name: string | null; organisation_name: string }) =>
  member.person_name ? `${member.person_name}, ${member.organisation_name}` : member.organisation_name;

const attachmentOf = (row: AttachmentRow): Attachment => ({
  id: row.id,
  filename: row.filename,
  kind: row.kind,
  sizeBytes: row.size_bytes,
  uploadedAt: iso(row.uploaded_at),
});

export async function meetingDetail(tx: Tx, caller: Caller, id: string): Promise<MeetingDetail> {
  const { meeting, access } = await meetingAccess(tx, caller, id);
  const members = await membersOf(tx, meeting.body_id);
  const convener = members.find((member) => member.id === meeting.convener_member_id);
  return {
    ...meetingSummaryOf(meeting),
    version: meeting.version,
    convener: convener ? { memberId: convener.id, label: memberLabel(convener) } : null,
    agenda: (await agendaOf(tx, id)).map((item) => ({ title: item.title, presenter: item.presenter })),
    attachments: (await attachmentsOf(tx, id)).map(attachmentOf),
    minutes: meeting.minutes,
    minutesRecordedAt: meeting.minutes_recorded_at ? iso(meeting.minutes_recorded_at) : null,
    decisions: (await decisionsWhere(tx, sql`d.meeting_id = ${id}`)).map((row) => decisionOf(row, caller.today)).reverse(),
    members: members.map((member) => ({ id: member.id, label: memberLabel(member) })),
    permissions: permissionsOf(access, caller),
  };
}

export async function createMeeting(tx: Tx, caller: Caller, input: CreateMeeting): Promise<string> {
  const access = await bodyAccess(tx, caller, input.bodyId);
  requireRecord(access, caller);
  requireActive(access);
  const { startsAt, endsAt } = instants(input);
  const id = await insertMeeting(tx, { id: access.id, tenantId: access.tenantId }, caller.userId, {
    title: input.title,
    startsAt,
    endsAt,
    location: input.location ?? null,
    onlineUrl: input.onlineUrl ?? null,
    convenerMemberId: await checkConvener(tx, access.id, input.convenerMemberId),
  });
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_meeting',
    recordId: id,
    recordTenantId: access.tenantId,
    change: 'created',
  });
  return id;
}

export async function changeMeeting(tx: Tx, caller: Caller, id: string, input: UpdateMeeting): Promise<void> {
  const { meeting, access } = await meetingAccess(tx, caller, id);
  requireRecord(access, caller);
  const { startsAt, endsAt } = instants(input);
  const updated = await updateMeeting(
    tx,
    id,
    input.version,
    {
      title: input.title,
      startsAt,
      endsAt,
      location: input.location ?? null,
      onlineUrl: input.onlineUrl ?? null,
      convenerMemberId: await checkConvener(tx, meeting.body_id, input.convenerMemberId),
      status: input.status,
    },
    caller.now,
  );
  if (!updated) throw versionConflict();
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_meeting',
    recordId: id,
    recordTenantId: access.tenantId,
    change: input.status === 'cancelled' ? 'cancelled' : 'updated',
  });
}

export async function setAgenda(tx: Tx, caller: Caller, id: string, input: Agenda): Promise<void> {
  const { meeting, access } = await meetingAccess(tx, caller, id);
  requireRecord(access, caller);
  if (!(await bumpMeeting(tx, id, input.version, caller.now))) throw versionConflict();
  await replaceAgenda(
    tx,
    refOf(meeting),
    input.items.map((item) => ({ title: item.title, presenter: item.presenter ?? null })),
  );
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_meeting',
    recordId: id,
    recordTenantId: access.tenantId,
    change: 'agenda',
  });
}

/** Recording the minutes marks the meeting held. */
export async function recordMinutes(tx: Tx, caller: Caller, id: string, input: Minutes): Promise<void> {
  const { meeting, access } = await meetingAccess(tx, caller, id);
  requireRecord(access, caller);
  if (meeting.status === 'cancelled') throw new AppError('conflict', { detail: pick(messages, (m) => m.errors.meetingCancelled) });
  const change = sql`, minutes = ${input.minutes}, minutes_recorded_at = ${caller.now.toISOString()}::timestamptz, minutes_recorded_by = ${caller.userId}, status = 'held'`;
  if (!(await bumpMeeting(tx, id, input.version, caller.now, change))) throw versionConflict();
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_meeting',
    recordId: id,
    recordTenantId: access.tenantId,
    change: 'minutes',
  });
}

export async function addDecision(tx: Tx, caller: Caller, meetingId: string, input: NewDecision): Promise<string> {
  const { meeting, access } = await meetingAccess(tx, caller, meetingId);
  requireRecord(access, caller);
  if (meeting.status === 'cancelled') throw new AppError('conflict', { detail: pick(messages, (m) => m.errors.meetingCancelled) });
  if (input.responsibleOrganisationId && !(await organisationExists(tx, input.responsibleOrganisationId))) {
    throw invalidField(
      'responsibleOrganisationId',
      'organisation_unknown',
      pick(messages, (m) => m.errors.organisationUnknown),
    );
  }
  const id = await insertDecision(tx, refOf(meeting), {
    decidedOn: meetingSummaryOf(meeting).date,
    text: input.text,
    responsibleOrganisationId: input.responsibleOrganisationId ?? null,
    responsiblePerson: input.responsiblePerson ?? null,
    dueOn: input.dueOn ?? null,
    createdBy: caller.userId,
  });
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_decision',
    recordId: id,
    recordTenantId: access.tenantId,
    change: 'created',
  });
  return id;
}

export async function followUpDecision(tx: Tx, caller: Caller, meetingId: string, decisionId: string, input: FollowUp): Promise<void> {
  const { access } = await meetingAccess(tx, caller, meetingId);
  requireRecord(access, caller);
  const [existing] = await decisionsWhere(tx, sql`d.id = ${decisionId} and d.meeting_id = ${meetingId}`);
  if (!existing) throw notFound();
  if (!(await updateDecision(tx, meetingId, decisionId, input.version, { status: input.status, followUp: input.followUp ?? null, now: caller.now })))
    throw versionConflict();
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_decision',
    recordId: decisionId,
    recordTenantId: access.tenantId,
    change: 'followed_up',
  });
}

function attachmentError(problem: AttachmentRejected['problem'], filename: string): AppError {
  const kind = claimedKind(filename);
  const type = kind ? ATTACHMENT_EXTENSIONS[kind] : '';
  const max = String(ATTACHMENT_MAX_BYTES / (1024 * 1024));
  const limits = {
    unpackedMax: String(OFFICE_ZIP_LIMITS.maxUnpackedBytes / (1024 * 1024)),
    ratioMax: String(OFFICE_ZIP_LIMITS.maxRatio),
    entriesMax: String(OFFICE_ZIP_LIMITS.maxEntries),
  };
  const text = (locale: Locale) => interpolate(messages[locale].errors.attachment[problem], { type, max, ...limits });
  return new AppError(problem === 'too_large' ? 'payload_too_large' : 'validation_failed', {
    errors: [{ field: 'file', location: 'body', code: `attachment_${problem}`, message: { sv: text('sv'), en: text('en') } }],
  });
}

/** Checks who may attach (first, so a refused caller learns nothing from the file checks). */
export async function mayAttach(tx: Tx, caller: Caller, meetingId: string): Promise<void> {
  const { access } = await meetingAccess(tx, caller, meetingId);
  requireRecord(access, caller);
}

/** Type by content, size, metadata removed (ADR 0061); runs outside any transaction, in a worker thread. */
export async function checkUpload(filename: string, bytes: Uint8Array): Promise<CheckedAttachment> {
  try {
    return await checkAttachmentOffThread(filename, bytes);
  } catch (error) {
    if (error instanceof AttachmentRejected) throw attachmentError(error.problem, filename);
    throw error;
  }
}

export async function storeAttachment(tx: Tx, caller: Caller, meetingId: string, checked: CheckedAttachment): Promise<Attachment> {
  const { meeting, access } = await meetingAccess(tx, caller, meetingId);
  requireRecord(access, caller);
  const row = await insertAttachment(tx, refOf(meeting), {
    filename: checked.filename,
    kind: checked.kind,
    content: checked.content,
    sha256: checked.sha256,
    uploadedBy: caller.userId,
    now: caller.now,
  });
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_attachment',
    recordId: row.id,
    recordTenantId: access.tenantId,
    change: 'created',
  });
  return attachmentOf(row);
}

export async function readAttachment(tx: Tx, caller: Caller, meetingId: string, attachmentId: string) {
  await meetingAccess(tx, caller, meetingId);
  const attachment = await attachmentContent(tx, meetingId, attachmentId);
  if (!attachment) throw notFound();
  return attachment;
}

export async function removeAttachment(tx: Tx, caller: Caller, meetingId: string, attachmentId: string): Promise<void> {
  const { access } = await meetingAccess(tx, caller, meetingId);
  requireRecord(access, caller);
  if (!(await deleteAttachment(tx, meetingId, attachmentId))) throw notFound();
  await auditChange(tx, caller, {
    action: 'collaboration.record',
    recordType: 'collaboration_attachment',
    recordId: attachmentId,
    recordTenantId: access.tenantId,
    change: 'deleted',
  });
}

/** The event of one meeting, with the agenda in the description so the invitation carries it. */
async function calendarEvent(tx: Tx, meeting: MeetingRow, locale: Locale): Promise<CalendarEvent> {
  const t = messages[locale].calendar;
  const agenda = await agendaOf(tx, meeting.id);
  const description = [
    interpolate(t.body, { name: meeting.body_name }),
    ...(meeting.online_url ? [interpolate(t.online, { url: meeting.online_url })] : []),
    ...(agenda.length > 0
      ? [
          '',
          `${t.agenda}:`,
          ...agenda.map((item, index) => `${index + 1}. ${item.title}${item.presenter ? ` (${interpolate(t.presenter, { name: item.presenter })})` : ''}`),
        ]
      : []),
  ].join('\n');
  return {
    uid: `${meeting.id}@upptack`,
    sequence: meeting.version - 1,
    start: new Date(meeting.starts_at),
    end: new Date(meeting.ends_at),
    summary: meeting.status === 'cancelled' ? interpolate(t.cancelled, { title: meeting.title }) : meeting.title,
    location: meeting.location ?? meeting.online_url,
    url: meeting.online_url,
    description,
    cancelled: meeting.status === 'cancelled',
    lastModified: new Date(meeting.updated_at),
  };
}

export async function meetingCalendar(tx: Tx, caller: Caller, id: string): Promise<{ name: string; text: string }> {
  const { meeting } = await meetingAccess(tx, caller, id);
  return { name: meeting.title, text: renderCalendar([await calendarEvent(tx, meeting, caller.locale)], { name: meeting.title, now: caller.now }) };
}

export async function bodyCalendar(tx: Tx, caller: Caller, bodyId: string): Promise<{ name: string; text: string }> {
  const access = await bodyAccess(tx, caller, bodyId);
  const meetings = await meetingsWhere(tx, sql`m.body_id = ${bodyId}`);
  const events = [];
  for (const meeting of meetings) events.push(await calendarEvent(tx, meeting, caller.locale));
  return { name: access.name, text: renderCalendar(events, { name: access.name, now: caller.now }) };
}
