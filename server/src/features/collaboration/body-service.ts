import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { BodyDetail, BodySummary, OverviewResponse } from '#shared/contracts/collaboration.ts';
import type { addMemberRequest, createBodyRequest, updateBodyRequest, updateMemberRequest } from '#shared/contracts/collaboration.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { sqlConstraint, sqlState, type Tx } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound, pick } from '../../platform/errors/app-error.ts';
import {
  bodyHasRecords,
  bodyNameTaken,
  deleteBody as deleteBodyRow,
  deleteMember,
  findAccount,
  findBody,
  insertBody,
  insertMember,
  listBodies as listBodyRows,
  membersOf,
  organisationExists,
  updateBody as updateBodyRow,
  updateMemberRole,
} from './body-repository.ts';
import { auditChange, bodyAccess, permissionsOf, requireManage, requireMayAppoint, versionConflict, type Caller } from './caller.ts';
import { decisionsWhere, meetingsWhere } from './meeting-repository.ts';
import { collaborationMessages } from './messages.ts';
import { lateActivities, plansWhere } from './plan-repository.ts';
import { bodySummaryOf, decisionOf, lateActivityOf, meetingSummaryOf, planSummaryOf } from './views.ts';

/** Bodies and their members (issue 9): created and kept by an organisation, shared with the members' organisations. */

type CreateBody = z.output<typeof createBodyRequest>;
type UpdateBody = z.output<typeof updateBodyRequest>;
type AddMember = z.output<typeof addMemberRequest>;
type UpdateMember = z.output<typeof updateMemberRequest>;

const messages = collaborationMessages;

export async function listBodies(tx: Tx, caller: Caller): Promise<BodySummary[]> {
  return (await listBodyRows(tx, caller.now, caller.today)).map(bodySummaryOf);
}

/**
 * The coordinator's overview: every body the organisation keeps or takes part in, the coming
 * meetings, decisions still open and activities late against their plans (active bodies only).
 */
export async function overview(tx: Tx, caller: Caller): Promise<OverviewResponse> {
  return {
    today: caller.today,
    bodies: await listBodies(tx, caller),
    upcomingMeetings: (
      await meetingsWhere(tx, sql`b.active and m.status = 'planned' and m.starts_at >= ${caller.now.toISOString()}::timestamptz`, sql`m.starts_at`, 50)
    ).map(meetingSummaryOf),
    openDecisions: (await decisionsWhere(tx, sql`b.active and d.status in ('open', 'in_progress')`)).map((row) => decisionOf(row, caller.today)),
    lateActivities: (await lateActivities(tx, caller.today)).map((row) => lateActivityOf(row, caller.today)),
  };
}

export async function bodyDetail(tx: Tx, caller: Caller, id: string): Promise<BodyDetail> {
  const access = await bodyAccess(tx, caller, id);
  const row = await findBody(tx, id, caller.now, caller.today);
  if (!row) throw notFound();
  const members = await membersOf(tx, id);
  return {
    ...bodySummaryOf(row),
    purpose: row.purpose,
    version: row.version,
    members: members.map((member) => ({
      id: member.id,
      organisation: { id: member.organisation_id, name: member.organisation_name },
      role: member.role,
      personName: member.person_name,
      hasAccount: member.user_id !== null,
      isCaller: member.user_id === caller.userId,
    })),
    meetings: (await meetingsWhere(tx, sql`m.body_id = ${id}`, sql`m.starts_at desc`)).map(meetingSummaryOf),
    decisions: (await decisionsWhere(tx, sql`d.body_id = ${id}`)).map((row) => decisionOf(row, caller.today)),
    workPlans: (await plansWhere(tx, sql`p.body_id = ${id}`)).map(planSummaryOf),
    permissions: permissionsOf(access, caller),
  };
}

async function checkOrganisation(tx: Tx, field: string, id: string): Promise<void> {
  if (!(await organisationExists(tx, id)))
    throw invalidField(
      field,
      'organisation_unknown',
      pick(messages, (m) => m.errors.organisationUnknown),
    );
}

/** A unique violation on the body's name, as the field error it is. */
function nameTaken(error: unknown): AppError | undefined {
  if (sqlState(error) === '23505' && sqlConstraint(error) === 'collaboration_bodies_name') {
    return invalidField(
      'name',
      'name_taken',
      pick(messages, (m) => m.errors.bodyNameTaken),
    );
  }
  return undefined;
}

async function nameFree(tx: Tx, caller: Caller, name: string, except: string | null): Promise<void> {
  if (await bodyNameTaken(tx, caller.tenantId, name, except))
    throw invalidField(
      'name',
      'name_taken',
      pick(messages, (m) => m.errors.bodyNameTaken),
    );
}

export async function createBody(tx: Tx, caller: Caller, input: CreateBody): Promise<string> {
  await checkOrganisation(tx, 'leadingOrganisationId', input.leadingOrganisationId);
  await nameFree(tx, caller, input.name, null);
  const id = await insertBody(tx, caller.tenantId, caller.userId, {
    kind: input.kind,
    name: input.name,
    purpose: input.purpose ?? null,
    leadingOrganisationId: input.leadingOrganisationId,
    responsibilityAreas: input.responsibilityAreas,
    meetingCadence: input.meetingCadence,
  }).catch((error: unknown) => {
    throw nameTaken(error) ?? error;
  });
  await auditChange(tx, caller, {
    action: 'collaboration.manage',
    recordType: 'collaboration_body',
    recordId: id,
    recordTenantId: caller.tenantId,
    change: 'created',
  });
  return id;
}

export async function updateBody(tx: Tx, caller: Caller, id: string, input: UpdateBody): Promise<void> {
  const access = await bodyAccess(tx, caller, id);
  requireManage(access, caller);
  await checkOrganisation(tx, 'leadingOrganisationId', input.leadingOrganisationId);
  await nameFree(tx, caller, input.name, id);
  const updated = await updateBodyRow(
    tx,
    id,
    input.version,
    {
      kind: input.kind,
      name: input.name,
      purpose: input.purpose ?? null,
      leadingOrganisationId: input.leadingOrganisationId,
      responsibilityAreas: input.responsibilityAreas,
      meetingCadence: input.meetingCadence,
      active: input.active,
    },
    caller.now,
  ).catch((error: unknown) => {
    throw nameTaken(error) ?? error;
  });
  if (!updated) throw versionConflict();
  const change = access.active === input.active ? 'updated' : input.active ? 'reactivated' : 'deactivated';
  await auditChange(tx, caller, { action: 'collaboration.manage', recordType: 'collaboration_body', recordId: id, recordTenantId: access.tenantId, change });
}

/** Deleting is for mistakes: a body with meetings or plans is deactivated instead (history stays). */
export async function deleteBody(tx: Tx, caller: Caller, id: string): Promise<void> {
  const access = await bodyAccess(tx, caller, id);
  requireManage(access, caller);
  if (await bodyHasRecords(tx, id)) throw new AppError('conflict', { detail: pick(messages, (m) => m.errors.bodyHasRecords) });
  await deleteBodyRow(tx, id);
  await auditChange(tx, caller, {
    action: 'collaboration.manage',
    recordType: 'collaboration_body',
    recordId: id,
    recordTenantId: access.tenantId,
    change: 'deleted',
  });
}

export async function addMember(tx: Tx, caller: Caller, bodyId: string, input: AddMember): Promise<string> {
  const access = await bodyAccess(tx, caller, bodyId);
  requireMayAppoint(access, caller, input.role);
  await checkOrganisation(tx, 'organisationId', input.organisationId);
  const existing = await membersOf(tx, bodyId);
  let userId: string | null = null;
  let personName = input.personName ?? null;
  if (input.email) {
    const account = await findAccount(tx, input.organisationId, input.email);
    if (!account)
      throw invalidField(
        'email',
        'account_unknown',
        pick(messages, (m) => m.errors.memberAccountUnknown),
      );
    if (existing.some((member) => member.user_id === account.id))
      throw invalidField(
        'email',
        'member_taken',
        pick(messages, (m) => m.errors.memberAccountTaken),
      );
    userId = account.id;
    personName ??= account.display_name;
  }
  const sameOrganisation = existing.filter((member) => member.organisation_id === input.organisationId);
  if (personName === null && sameOrganisation.some((member) => member.person_name === null)) {
    throw invalidField(
      'organisationId',
      'member_taken',
      pick(messages, (m) => m.errors.memberOrganisationTaken),
    );
  }
  const folded = personName?.toLocaleLowerCase('sv');
  if (folded !== undefined && sameOrganisation.some((member) => member.person_name?.toLocaleLowerCase('sv') === folded)) {
    const name = personName ?? '';
    throw invalidField('personName', 'member_taken', {
      sv: interpolate(messages.sv.errors.memberPersonTaken, { name }),
      en: interpolate(messages.en.errors.memberPersonTaken, { name }),
    });
  }
  const id = await insertMember(
    tx,
    { id: bodyId, tenantId: access.tenantId },
    { organisationId: input.organisationId, role: input.role, personName, userId },
  ).catch((error: unknown) => {
    // Two people adding the same member at once: the second meets the unique index.
    if (sqlState(error) === '23505')
      throw invalidField(
        'organisationId',
        'member_taken',
        pick(messages, (m) => m.errors.memberOrganisationTaken),
      );
    throw error;
  });
  await auditChange(tx, caller, {
    action: 'collaboration.manage',
    recordType: 'collaboration_body',
    recordId: bodyId,
    recordTenantId: access.tenantId,
    change: 'member_added',
  });
  return id;
}

export async function changeMember(tx: Tx, caller: Caller, bodyId: string, memberId: string, input: UpdateMember): Promise<void> {
  const access = await bodyAccess(tx, caller, bodyId);
  requireMayAppoint(access, caller, input.role);
  if (!(await updateMemberRole(tx, bodyId, memberId, input.role))) throw notFound();
  await auditChange(tx, caller, {
    action: 'collaboration.manage',
    recordType: 'collaboration_body',
    recordId: bodyId,
    recordTenantId: access.tenantId,
    change: 'member_changed',
  });
}

export async function removeMember(tx: Tx, caller: Caller, bodyId: string, memberId: string): Promise<void> {
  const access = await bodyAccess(tx, caller, bodyId);
  requireManage(access, caller);
  if (!(await deleteMember(tx, bodyId, memberId))) throw notFound();
  await auditChange(tx, caller, {
    action: 'collaboration.manage',
    recordType: 'collaboration_body',
    recordId: bodyId,
    recordTenantId: access.tenantId,
    change: 'member_removed',
  });
}
