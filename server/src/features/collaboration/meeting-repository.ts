import { sql, type SQL } from 'drizzle-orm';
import type { AttachmentKind, DecisionStatus, MeetingStatus } from '#shared/contracts/collaboration.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';

/** SQL of meetings, agendas, attachments and decisions; row-level security applies (ADR 0060). */

export type MeetingRow = {
  id: string;
  body_id: string;
  body_name: string;
  tenant_id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  location: string | null;
  online_url: string | null;
  convener_member_id: string | null;
  status: MeetingStatus;
  minutes: string | null;
  minutes_recorded_at: Date | null;
  version: number;
  updated_at: Date;
};

const MEETING_COLUMNS = sql`m.id, m.body_id, b.name as body_name, m.tenant_id, m.title, m.starts_at, m.ends_at, m.location, m.online_url,
  m.convener_member_id, m.status, m.minutes, m.minutes_recorded_at, m.version, m.updated_at`;

export async function meetingsWhere(tx: Tx, condition: SQL, order: SQL = sql`m.starts_at`, limit = 500): Promise<MeetingRow[]> {
  return queryRows<MeetingRow>(
    tx,
    sql`select ${MEETING_COLUMNS} from collaboration_meetings m join collaboration_bodies b on b.id = m.body_id
         where ${condition} order by ${order} limit ${limit}`,
  );
}

export async function findMeeting(tx: Tx, id: string): Promise<MeetingRow | undefined> {
  const [row] = await meetingsWhere(tx, sql`m.id = ${id}`);
  return row;
}

export type MeetingValues = {
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  onlineUrl: string | null;
  convenerMemberId: string | null;
};

export async function insertMeeting(tx: Tx, body: { id: string; tenantId: string }, createdBy: string | null, values: MeetingValues): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_meetings (body_id, tenant_id, title, starts_at, ends_at, location, online_url, convener_member_id, created_by)
        values (${body.id}, ${body.tenantId}, ${values.title}, ${values.startsAt.toISOString()}::timestamptz, ${values.endsAt.toISOString()}::timestamptz,
                ${values.location}, ${values.onlineUrl}, ${values.convenerMemberId}, ${createdBy})
        returning id`,
  );
  return row!.id;
}

/** Every change bumps the version; the calendar export's SEQUENCE follows it. */
export async function updateMeeting(tx: Tx, id: string, version: number, values: MeetingValues & { status: MeetingStatus }, now: Date): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update collaboration_meetings
           set title = ${values.title}, starts_at = ${values.startsAt.toISOString()}::timestamptz, ends_at = ${values.endsAt.toISOString()}::timestamptz,
               location = ${values.location}, online_url = ${values.onlineUrl}, convener_member_id = ${values.convenerMemberId},
               status = ${values.status}, version = version + 1, updated_at = ${now.toISOString()}::timestamptz
         where id = ${id} and version = ${version} returning id`,
  );
  return rows.length === 1;
}

export async function bumpMeeting(tx: Tx, id: string, version: number, now: Date, change: SQL = sql``): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update collaboration_meetings set version = version + 1, updated_at = ${now.toISOString()}::timestamptz ${change}
         where id = ${id} and version = ${version} returning id`,
  );
  return rows.length === 1;
}

export type AgendaRow = { position: number; title: string; presenter: string | null };

export async function agendaOf(tx: Tx, meetingId: string): Promise<AgendaRow[]> {
  return queryRows<AgendaRow>(tx, sql`select position, title, presenter from collaboration_agenda_items where meeting_id = ${meetingId} order by position`);
}

export async function replaceAgenda(
  tx: Tx,
  meeting: { id: string; bodyId: string; tenantId: string },
  items: Array<{ title: string; presenter: string | null }>,
): Promise<void> {
  await tx.execute(sql`delete from collaboration_agenda_items where meeting_id = ${meeting.id}`);
  for (const [position, item] of items.entries()) {
    await tx.execute(
      sql`insert into collaboration_agenda_items (meeting_id, body_id, tenant_id, position, title, presenter)
          values (${meeting.id}, ${meeting.bodyId}, ${meeting.tenantId}, ${position}, ${item.title}, ${item.presenter})`,
    );
  }
}

export type AttachmentRow = { id: string; filename: string; kind: AttachmentKind; size_bytes: number; uploaded_at: Date };

export async function attachmentsOf(tx: Tx, meetingId: string): Promise<AttachmentRow[]> {
  return queryRows<AttachmentRow>(
    tx,
    sql`select id, filename, kind, size_bytes, uploaded_at from collaboration_attachments where meeting_id = ${meetingId} order by uploaded_at, filename`,
  );
}

export async function attachmentContent(
  tx: Tx,
  meetingId: string,
  attachmentId: string,
): Promise<{ filename: string; kind: AttachmentKind; content: Uint8Array } | undefined> {
  const [row] = await queryRows<{ filename: string; kind: AttachmentKind; content: Uint8Array }>(
    tx,
    sql`select filename, kind, content from collaboration_attachments where id = ${attachmentId} and meeting_id = ${meetingId}`,
  );
  return row;
}

/** The content travels as hex: both drivers pass text parameters the same way, bytes differently. */
export async function insertAttachment(
  tx: Tx,
  meeting: { id: string; bodyId: string; tenantId: string },
  values: { filename: string; kind: AttachmentKind; content: Uint8Array; sha256: string; uploadedBy: string | null; now: Date },
): Promise<AttachmentRow> {
  const [row] = await queryRows<AttachmentRow>(
    tx,
    sql`insert into collaboration_attachments (meeting_id, body_id, tenant_id, filename, kind, size_bytes, sha256, content, uploaded_by, uploaded_at)
        values (${meeting.id}, ${meeting.bodyId}, ${meeting.tenantId}, ${values.filename}, ${values.kind}, ${values.content.length}, ${values.sha256},
                decode(${Buffer.from(values.content).toString('hex')}, 'hex'), ${values.uploadedBy}, ${values.now.toISOString()}::timestamptz)
        returning id, filename, kind, size_bytes, uploaded_at`,
  );
  return row!;
}

export async function deleteAttachment(tx: Tx, meetingId: string, attachmentId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`delete from collaboration_attachments where id = ${attachmentId} and meeting_id = ${meetingId} returning id`,
  );
  return rows.length === 1;
}

export type DecisionRow = {
  id: string;
  meeting_id: string;
  body_id: string;
  body_name: string;
  year: number;
  number: number;
  decided_on: string;
  text: string;
  responsible_organisation_id: string | null;
  responsible_organisation_name: string | null;
  responsible_person: string | null;
  due_on: string | null;
  status: DecisionStatus;
  follow_up: string | null;
  followed_up_at: Date | null;
  version: number;
};

export async function decisionsWhere(tx: Tx, condition: SQL, limit = 1000): Promise<DecisionRow[]> {
  return queryRows<DecisionRow>(
    tx,
    sql`select d.id, d.meeting_id, d.body_id, b.name as body_name, d.year, d.number, to_char(d.decided_on, 'YYYY-MM-DD') as decided_on, d.text,
               d.responsible_organisation_id, o.name as responsible_organisation_name, d.responsible_person,
               to_char(d.due_on, 'YYYY-MM-DD') as due_on, d.status, d.follow_up, d.followed_up_at, d.version
          from collaboration_decisions d
          join collaboration_bodies b on b.id = d.body_id
          left join organisations o on o.id = d.responsible_organisation_id
         where ${condition}
         order by d.year desc, d.number desc limit ${limit}`,
  );
}

/**
 * Numbers a new decision within its body and year. The advisory lock makes two secretaries
 * recording at once get consecutive numbers instead of a clash; it needs no table privilege.
 */
export async function insertDecision(
  tx: Tx,
  meeting: { id: string; bodyId: string; tenantId: string },
  values: {
    decidedOn: string;
    text: string;
    responsibleOrganisationId: string | null;
    responsiblePerson: string | null;
    dueOn: string | null;
    createdBy: string | null;
  },
): Promise<string> {
  const year = Number(values.decidedOn.slice(0, 4));
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`collaboration_decisions:${meeting.bodyId}:${year}`}, 0))`);
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_decisions (meeting_id, body_id, tenant_id, year, number, decided_on, text, responsible_organisation_id, responsible_person, due_on, created_by)
        select ${meeting.id}, ${meeting.bodyId}, ${meeting.tenantId}, ${year}, coalesce(max(number), 0) + 1, ${values.decidedOn}::date, ${values.text},
               ${values.responsibleOrganisationId}, ${values.responsiblePerson}, ${values.dueOn}::date, ${values.createdBy}
          from collaboration_decisions where body_id = ${meeting.bodyId} and year = ${year}
        returning id`,
  );
  return row!.id;
}

export async function updateDecision(
  tx: Tx,
  meetingId: string,
  decisionId: string,
  version: number,
  values: { status: DecisionStatus; followUp: string | null; now: Date },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update collaboration_decisions
           set status = ${values.status}, follow_up = ${values.followUp}, followed_up_at = ${values.now.toISOString()}::timestamptz, version = version + 1
         where id = ${decisionId} and meeting_id = ${meetingId} and version = ${version} returning id`,
  );
  return rows.length === 1;
}
