import { sql } from 'drizzle-orm';
import type { BodyKind, MeetingCadence, MemberRole, ResponsibilityArea } from '#shared/contracts/collaboration.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { textArray } from '../../platform/db/array-parameter.ts';

/**
 * SQL of bodies and members. Every query runs as the caller: row-level security already limits
 * bodies to those the caller's organisation owns or is a member of (ADR 0060).
 */

/** Timestamps come back as Date from both drivers; the API speaks ISO 8601. */
export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/**
 * Activities late against plan on `today` (Stockholm date): still to be finished after their
 * end, or not begun after their start. Used by the overview, the bodies list and the plan.
 */
export function lateCondition(alias: 'a', today: string) {
  const a = sql.raw(alias);
  return sql`((${a}.status in ('planned', 'ongoing', 'postponed') and ${a}.ends_on < ${today}::date)
           or (${a}.status = 'planned' and ${a}.starts_on < ${today}::date))`;
}

export type BodyRow = {
  id: string;
  tenant_id: string;
  owner_name: string;
  kind: BodyKind;
  name: string;
  purpose: string | null;
  leading_organisation_id: string;
  leading_organisation_name: string;
  responsibility_areas: ResponsibilityArea[];
  meeting_cadence: MeetingCadence;
  active: boolean;
  version: number;
  member_count: number;
  next_meeting_id: string | null;
  next_meeting_starts_at: Date | null;
  next_meeting_title: string | null;
  open_decisions: number;
  late_activities: number;
};

function bodySelect(now: Date, today: string) {
  return sql`
    select b.id, b.tenant_id, owner.name as owner_name, b.kind, b.name, b.purpose, b.leading_organisation_id,
           lead.name as leading_organisation_name, b.responsibility_areas, b.meeting_cadence, b.active, b.version,
           (select count(*)::int from collaboration_body_members m where m.body_id = b.id) as member_count,
           next.id as next_meeting_id, next.starts_at as next_meeting_starts_at, next.title as next_meeting_title,
           (select count(*)::int from collaboration_decisions d where d.body_id = b.id and d.status in ('open', 'in_progress')) as open_decisions,
           (select count(*)::int from collaboration_activities a where a.body_id = b.id and ${lateCondition('a', today)}) as late_activities
      from collaboration_bodies b
      join organisations owner on owner.id = b.tenant_id
      join organisations lead on lead.id = b.leading_organisation_id
      left join lateral (
        select m.id, m.starts_at, m.title from collaboration_meetings m
         where m.body_id = b.id and m.status = 'planned' and m.starts_at >= ${now.toISOString()}::timestamptz
         order by m.starts_at limit 1
      ) next on true`;
}

export async function listBodies(tx: Tx, now: Date, today: string): Promise<BodyRow[]> {
  return queryRows<BodyRow>(tx, sql`${bodySelect(now, today)} order by b.active desc, b.name`);
}

export async function findBody(tx: Tx, id: string, now: Date, today: string): Promise<BodyRow | undefined> {
  const [row] = await queryRows<BodyRow>(tx, sql`${bodySelect(now, today)} where b.id = ${id}`);
  return row;
}

export type BodyValues = {
  kind: BodyKind;
  name: string;
  purpose: string | null;
  leadingOrganisationId: string;
  responsibilityAreas: ResponsibilityArea[];
  meetingCadence: MeetingCadence;
};

export async function insertBody(tx: Tx, tenantId: string, createdBy: string | null, values: BodyValues): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_bodies (tenant_id, kind, name, purpose, leading_organisation_id, responsibility_areas, meeting_cadence, created_by)
        values (${tenantId}, ${values.kind}, ${values.name}, ${values.purpose}, ${values.leadingOrganisationId},
                ${textArray(values.responsibilityAreas)}, ${values.meetingCadence}, ${createdBy})
        returning id`,
  );
  return row!.id;
}

/** Updates when `version` is still current; false when someone else saved first (or no such body). */
export async function updateBody(tx: Tx, id: string, version: number, values: BodyValues & { active: boolean }, now: Date): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update collaboration_bodies
           set kind = ${values.kind}, name = ${values.name}, purpose = ${values.purpose}, leading_organisation_id = ${values.leadingOrganisationId},
               responsibility_areas = ${textArray(values.responsibilityAreas)}, meeting_cadence = ${values.meetingCadence},
               active = ${values.active}, version = version + 1, updated_at = ${now.toISOString()}::timestamptz
         where id = ${id} and version = ${version}
        returning id`,
  );
  return rows.length === 1;
}

export async function bodyNameTaken(tx: Tx, tenantId: string, name: string, except: string | null): Promise<boolean> {
  const [row] = await queryRows<{ taken: boolean }>(
    tx,
    sql`select exists (select 1 from collaboration_bodies where tenant_id = ${tenantId} and lower(name) = lower(${name}) and id <> ${except ?? '00000000-0000-0000-0000-000000000000'}::uuid) as taken`,
  );
  return row?.taken === true;
}

export async function bodyHasRecords(tx: Tx, id: string): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(
    tx,
    sql`select exists (select 1 from collaboration_meetings where body_id = ${id})
            or exists (select 1 from collaboration_work_plans where body_id = ${id}) as found`,
  );
  return row?.found === true;
}

export async function deleteBody(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`delete from collaboration_body_members where body_id = ${id}`);
  await tx.execute(sql`delete from collaboration_bodies where id = ${id}`);
}

export type MemberRow = {
  id: string;
  organisation_id: string;
  organisation_name: string;
  role: MemberRole;
  person_name: string | null;
  user_id: string | null;
};

export async function membersOf(tx: Tx, bodyId: string): Promise<MemberRow[]> {
  return queryRows<MemberRow>(
    tx,
    sql`select m.id, m.organisation_id, o.name as organisation_name, m.role, m.person_name, m.user_id
          from collaboration_body_members m join organisations o on o.id = m.organisation_id
         where m.body_id = ${bodyId}
         order by case m.role when 'convener' then 0 when 'secretary' then 1 else 2 end, o.name, m.person_name nulls first`,
  );
}

export async function insertMember(
  tx: Tx,
  body: { id: string; tenantId: string },
  values: { organisationId: string; role: MemberRole; personName: string | null; userId: string | null },
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into collaboration_body_members (body_id, tenant_id, organisation_id, role, person_name, user_id)
        values (${body.id}, ${body.tenantId}, ${values.organisationId}, ${values.role}, ${values.personName}, ${values.userId})
        returning id`,
  );
  return row!.id;
}

export async function updateMemberRole(tx: Tx, bodyId: string, memberId: string, role: MemberRole): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update collaboration_body_members set role = ${role} where id = ${memberId} and body_id = ${bodyId} returning id`,
  );
  return rows.length === 1;
}

export async function deleteMember(tx: Tx, bodyId: string, memberId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`delete from collaboration_body_members where id = ${memberId} and body_id = ${bodyId} returning id`);
  return rows.length === 1;
}

/** The active account with this email in that organisation (a narrow SECURITY DEFINER lookup). */
export async function findAccount(tx: Tx, organisationId: string, email: string): Promise<{ id: string; display_name: string } | undefined> {
  const [row] = await queryRows<{ id: string; display_name: string }>(
    tx,
    sql`select id, display_name from app_collaboration_find_account(${organisationId}, ${email})`,
  );
  return row;
}

export type OrganisationRow = { id: string; name: string; kind: string; code: string };

/** Active participating organisations: agencies first, then county boards, then the rest by name. */
export async function organisationOptions(tx: Tx): Promise<OrganisationRow[]> {
  return queryRows<OrganisationRow>(
    tx,
    sql`select id, name, kind, code from organisations where active
         order by case kind when 'agency' then 0 when 'county_board' then 1 when 'region' then 2 when 'municipality' then 4 else 3 end, name`,
  );
}

export async function organisationExists(tx: Tx, id: string): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(tx, sql`select exists (select 1 from organisations where id = ${id} and active) as found`);
  return row?.found === true;
}
