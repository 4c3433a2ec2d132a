import crypto from 'node:crypto';
import type { z } from 'zod';
import type { addMembershipRequest, createUserRequest, UserDetail, UserSummary } from '#shared/contracts/administration.ts';
import { mayGrantRole } from '#shared/auth/permissions.ts';
import type { Role } from '#shared/auth/roles.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { assertCanGrant } from '../../platform/access/grants.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { randomToken, sha256Hex } from '../../platform/crypto/field-encryption.ts';
import { sqlState, type Tx } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound, pick } from '../../platform/errors/app-error.ts';
import type { Clock } from '../../platform/time/clock.ts';
import type { Caller } from './caller.ts';
import { administrationMessages } from './messages.ts';
import { unitRepository } from './unit-repository.ts';
import { userRepository as repo, type MembershipRow } from './user-repository.ts';

/** A set-up link lives three days: long enough for a new colleague's first week, short enough to matter. */
export const SETUP_LINK_HOURS = 72;

const conflict = (select: (m: (typeof administrationMessages)['sv']) => string) => new AppError('conflict', { detail: pick(administrationMessages, select) });

function isCurrent(membership: Pick<MembershipRow, 'startsOn' | 'endsOn'>, today: string): boolean {
  return membership.startsOn <= today && (membership.endsOn === null || membership.endsOn > today);
}

/**
 * Staff accounts and their roles (issue 3). Memberships are never deleted: ending one sets its
 * end date, so the history (and follow-up's staff counts) survive moves and departures. Every
 * change writes one audit event; a change of roles is a permission change and says which role.
 */
export function createUserService(deps: { clock: Clock }) {
  const { clock } = deps;
  const today = () => stockholmDate(clock.now());
  const actorRoles = (caller: Caller): Role[] => (caller.actor.kind === 'user' ? caller.actor.roles : []);

  /** The user's organisation, reachable by the caller's scope (else "not found"). */
  async function tenantOfUser(caller: Caller, id: string): Promise<string> {
    if (caller.scope !== 'all') return caller.actor.tenantId;
    const tenantId = await caller.dbIn(caller.actor.tenantId, (tx) => repo.tenantOf(tx, id));
    if (!tenantId) throw notFound();
    return tenantId;
  }

  /** Loads a user the caller may see: a `unit` scope sees those with a current role in reach. */
  async function visibleUser(tx: Tx, caller: Caller, id: string) {
    const user = await repo.user(tx, id);
    if (!user) throw notFound();
    const memberships = await repo.memberships(tx, [id]);
    if (caller.scope === 'unit' && !memberships.some((m) => isCurrent(m, today()) && caller.actor.unitScopeIds.includes(m.unitId))) {
      throw notFound();
    }
    return { user, memberships };
  }

  /**
   * Separation of duties: nobody changes their own account here, and only someone who could
   * have given every role the person holds may change their account (else a coordinator could
   * reset an administrator's password and take the account over).
   */
  function assertManageable(caller: Caller, userId: string, memberships: MembershipRow[]) {
    if (caller.actor.kind === 'user' && caller.actor.userId === userId) throw conflict((m) => m.ownAccount);
    const held = memberships.filter((m) => m.endsOn === null || m.endsOn > today()).map((m) => m.role);
    if (!held.every((role) => mayGrantRole(actorRoles(caller), role))) throw new AppError('forbidden', { detail: pick(administrationMessages, (m) => m.userNotManageable) });
  }

  function assertGrantable(caller: Caller, role: Role) {
    if (!mayGrantRole(actorRoles(caller), role)) throw invalidField('role', 'role_not_grantable', pick(validationMessages, (m) => m.role_not_grantable));
  }

  async function detail(tx: Tx, id: string): Promise<UserDetail> {
    const user = await repo.user(tx, id);
    if (!user) throw notFound();
    const memberships = await repo.memberships(tx, [id]);
    const status = await repo.credentialStatus(tx, id);
    const now = today();
    return {
      id: user.id,
      tenantId: user.tenantId,
      email: user.email,
      displayName: user.displayName,
      active: user.active,
      totpEnabled: user.totpEnabledAt !== null,
      recoveryCodesLeft: status?.recovery_codes_left ?? 0,
      passwordSet: status?.password_set ?? false,
      setupLinkExpiresAt: status?.setup_expires_at ? new Date(status.setup_expires_at).toISOString() : null,
      createdAt: user.createdAt.toISOString(),
      memberships: memberships.map((m) => ({ id: m.id, unitId: m.unitId, unitName: m.unitName, role: m.role, startsOn: m.startsOn, endsOn: m.endsOn, current: isCurrent(m, now) })),
    };
  }

  async function issueSetupLink(tx: Tx, userId: string, origin: string) {
    const token = randomToken(32);
    const expiresAt = new Date(clock.now().getTime() + SETUP_LINK_HOURS * 3_600_000);
    if (!(await repo.issuePasswordSetup(tx, userId, sha256Hex(token), expiresAt))) throw notFound();
    // The token travels in the fragment: browsers never send it to a server or in a Referer.
    return { url: `${origin}/personal/nytt-losenord#${token}`, expiresAt: expiresAt.toISOString() };
  }

  return {
    async listUsers(caller: Caller, query: { organisationId?: string | undefined; unitId?: string | undefined; q?: string | undefined }): Promise<{ users: UserSummary[] }> {
      const tenantId = query.organisationId ?? caller.actor.tenantId;
      return caller.dbIn(tenantId, async (tx) => {
        let unitIds: string[] | null = caller.scope === 'unit' ? caller.actor.unitScopeIds : null;
        if (query.unitId) unitIds = unitIds ? unitIds.filter((id) => id === query.unitId) : [query.unitId];
        const rows = await repo.listUsers(tx, { tenantId, unitIds, q: query.q, today: today() });
        const memberships = await repo.memberships(tx, rows.map((row) => row.id));
        const now = today();
        return {
          users: rows.map((row) => ({
            id: row.id,
            email: row.email,
            displayName: row.displayName,
            active: row.active,
            totpEnabled: row.totpEnabledAt !== null,
            currentRoles: memberships.filter((m) => m.userId === row.id && isCurrent(m, now)).map((m) => ({ unitId: m.unitId, unitName: m.unitName, role: m.role })),
          })),
        };
      });
    },

    /** Staff records are personal data: each read is one audit event. */
    async getUser(caller: Caller, id: string): Promise<UserDetail> {
      const tenantId = await tenantOfUser(caller, id);
      return caller.dbIn(tenantId, async (tx) => {
        await visibleUser(tx, caller, id);
        await recordAudit(tx, caller.actor, caller.source, { action: 'users.read', recordType: 'user', recordId: id, recordTenantId: tenantId });
        return detail(tx, id);
      });
    },

    /** Creates the account, its first role and a set-up link, all or nothing. */
    async createUser(caller: Caller, body: z.output<typeof createUserRequest>, origin: string) {
      const unit = await caller.dbIn(caller.actor.tenantId, (tx) => unitRepository.unit(tx, body.unitId));
      if (!unit) throw invalidField('unitId', 'invalid_uuid', pick(validationMessages, (m) => m.invalid_uuid));
      assertGrantable(caller, body.role);
      return caller.dbIn(unit.tenantId, async (tx) => {
        assertCanGrant(caller.actor, { kind: 'role', role: body.role, target: { tenantId: unit.tenantId, unitId: unit.id } });
        if (!unit.active) throw invalidField('unitId', 'unit_inactive', pick(validationMessages, (m) => m.unit_inactive));
        const id = crypto.randomUUID();
        try {
          await tx.transaction((inner) => repo.insertUser(inner, { id, tenantId: unit.tenantId, email: body.email, displayName: body.displayName }));
        } catch (error) {
          if (sqlState(error) === '23505') throw invalidField('email', 'email_taken', pick(validationMessages, (m) => m.email_taken));
          throw error;
        }
        await repo.insertMembership(tx, { tenantId: unit.tenantId, userId: id, unitId: unit.id, role: body.role, startsOn: body.startsOn });
        const setupLink = await issueSetupLink(tx, id, origin);
        await recordAudit(tx, caller.actor, caller.source, {
          action: 'users.create',
          recordType: 'user',
          recordId: id,
          recordTenantId: unit.tenantId,
          details: { role: body.role, unit: unit.id },
        });
        return { user: await detail(tx, id), setupLink };
      });
    },

    async addMembership(caller: Caller, userId: string, body: z.output<typeof addMembershipRequest>) {
      const tenantId = await tenantOfUser(caller, userId);
      return caller.dbIn(tenantId, async (tx) => {
        const { memberships } = await visibleUser(tx, caller, userId);
        assertManageable(caller, userId, memberships);
        assertGrantable(caller, body.role);
        const unit = await unitRepository.unit(tx, body.unitId);
        // A role is held in a unit of the person's own organisation (migration 0010).
        if (!unit || unit.tenantId !== tenantId) throw invalidField('unitId', 'invalid_uuid', pick(validationMessages, (m) => m.invalid_uuid));
        assertCanGrant(caller.actor, { kind: 'role', role: body.role, target: { tenantId, unitId: unit.id }, grantee: { userId } });
        if (!unit.active) throw invalidField('unitId', 'unit_inactive', pick(validationMessages, (m) => m.unit_inactive));
        const membershipId = await repo.insertMembership(tx, { tenantId, userId, unitId: unit.id, role: body.role, startsOn: body.startsOn, endsOn: body.endsOn ?? null });
        await recordAudit(tx, caller.actor, caller.source, {
          action: 'users.grant_role',
          recordType: 'user',
          recordId: userId,
          recordTenantId: tenantId,
          details: { role: body.role, unit: unit.id, membership: membershipId, startsOn: body.startsOn, endsOn: body.endsOn ?? null },
        });
        return detail(tx, userId);
      });
    },

    /** Ends a role from a date (the first day without it); today means at once. */
    async endMembership(caller: Caller, userId: string, membershipId: string, endsOn: string) {
      const tenantId = await tenantOfUser(caller, userId);
      return caller.dbIn(tenantId, async (tx) => {
        const { memberships } = await visibleUser(tx, caller, userId);
        assertManageable(caller, userId, memberships);
        const membership = await repo.membership(tx, userId, membershipId);
        if (!membership) throw notFound();
        if (membership.endsOn !== null && membership.endsOn <= today()) throw conflict((m) => m.membershipAlreadyEnded);
        if (endsOn < membership.startsOn) throw invalidField('endsOn', 'end_before_start', pick(validationMessages, (m) => m.end_before_start));
        await repo.endMembership(tx, membershipId, endsOn);
        await recordAudit(tx, caller.actor, caller.source, {
          action: 'users.end_role',
          recordType: 'user',
          recordId: userId,
          recordTenantId: tenantId,
          details: { role: membership.role, unit: membership.unitId, membership: membershipId, endsOn },
        });
        return detail(tx, userId);
      });
    },

    /** (De)activation ends every session of the user at their next request. */
    async setActive(caller: Caller, userId: string, active: boolean) {
      const tenantId = await tenantOfUser(caller, userId);
      return caller.dbIn(tenantId, async (tx) => {
        const { user, memberships } = await visibleUser(tx, caller, userId);
        assertManageable(caller, userId, memberships);
        if (user.active === active) throw conflict((m) => (active ? m.userAlreadyActive : m.userAlreadyInactive));
        await repo.setActive(tx, userId, active, clock.now());
        await recordAudit(tx, caller.actor, caller.source, { action: active ? 'users.reactivate' : 'users.deactivate', recordType: 'user', recordId: userId, recordTenantId: tenantId });
        return detail(tx, userId);
      });
    },

    async resetSecondFactor(caller: Caller, userId: string) {
      const tenantId = await tenantOfUser(caller, userId);
      return caller.dbIn(tenantId, async (tx) => {
        const { memberships } = await visibleUser(tx, caller, userId);
        assertManageable(caller, userId, memberships);
        if (!(await repo.resetSecondFactor(tx, userId))) throw notFound();
        await recordAudit(tx, caller.actor, caller.source, { action: 'users.reset_second_factor', recordType: 'user', recordId: userId, recordTenantId: tenantId });
        return detail(tx, userId);
      });
    },

    /** A new set-up link: the current password stops working and every session ends. */
    async resetPassword(caller: Caller, userId: string, origin: string) {
      const tenantId = await tenantOfUser(caller, userId);
      return caller.dbIn(tenantId, async (tx) => {
        const { memberships } = await visibleUser(tx, caller, userId);
        assertManageable(caller, userId, memberships);
        const setupLink = await issueSetupLink(tx, userId, origin);
        await recordAudit(tx, caller.actor, caller.source, { action: 'users.reset_password', recordType: 'user', recordId: userId, recordTenantId: tenantId });
        return setupLink;
      });
    },
  };
}
