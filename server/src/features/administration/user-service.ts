import crypto from 'node:crypto';
import type { z } from 'zod';
import type { addMembershipRequest, createUserRequest, SetupLink, UserDetail, UserReset, UserSummary } from '#shared/contracts/administration.ts';
import { mayGrantRole, rolesRequireSecondFactor } from '#shared/auth/permissions.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import type { Role } from '#shared/auth/roles.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { assertCanGrant } from '../../platform/access/grants.ts';
import { randomToken, sha256Hex } from '../../platform/crypto/field-encryption.ts';
import { sqlState, type Tx } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound, pick } from '../../platform/errors/app-error.ts';
import type { Mailer, OutgoingMail } from '../../platform/mail/mailer.ts';
import type { Clock } from '../../platform/time/clock.ts';
import type { Caller } from './unit-service.ts';
import { administrationMessages } from './messages.ts';
import { unitRepository } from './unit-repository.ts';
import type { userResets } from './schema.ts';
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
export function createUserService(deps: { clock: Clock; mailer?: Mailer | undefined }) {
  const { clock } = deps;
  const mailer: Pick<Mailer, 'configured' | 'send'> = deps.mailer ?? { configured: false, send: async () => undefined };
  const actorUserId = (caller: Caller): string | null => (caller.actor.kind === 'user' ? caller.actor.userId : null);
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
    if (!held.every((role) => mayGrantRole(actorRoles(caller), role)))
      throw new AppError('forbidden', { detail: pick(administrationMessages, (m) => m.userNotManageable) });
  }

  function assertGrantable(caller: Caller, role: Role) {
    if (!mayGrantRole(actorRoles(caller), role))
      throw invalidField(
        'role',
        'role_not_grantable',
        pick(validationMessages, (m) => m.role_not_grantable),
      );
  }

  type ResetRow = typeof userResets.$inferSelect;
  const presentReset = (row: ResetRow, caller: Caller): UserReset => ({
    id: row.id,
    userId: row.userId,
    kind: row.kind as UserReset['kind'],
    status: row.status as UserReset['status'],
    delivery: row.delivery as UserReset['delivery'],
    requestedBy: row.requestedBy,
    requestedByMe: row.requestedBy === actorUserId(caller),
    requestedAt: row.requestedAt.toISOString(),
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt ? row.approvedAt.toISOString() : null,
    expiresAt: row.expiresAt.toISOString(),
    completedAt: row.completedAt ? row.completedAt.toISOString() : null,
  });

  async function detail(tx: Tx, id: string, caller: Caller): Promise<UserDetail> {
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
      memberships: memberships.map((m) => ({
        id: m.id,
        unitId: m.unitId,
        unitName: m.unitName,
        role: m.role,
        jobRole: m.jobRole,
        startsOn: m.startsOn,
        endsOn: m.endsOn,
        current: isCurrent(m, now),
      })),
      resets: (await repo.resetsOf(tx, id, new Date(clock.now().getTime() - 30 * 86_400_000))).map((row) => presentReset(row, caller)),
    };
  }

  async function issueSetupLink(tx: Tx, userId: string, origin: string): Promise<SetupLink> {
    const token = randomToken(32);
    const expiresAt = new Date(clock.now().getTime() + SETUP_LINK_HOURS * 3_600_000);
    if (!(await repo.issuePasswordSetup(tx, userId, sha256Hex(token), expiresAt))) throw notFound();
    // The token travels in the fragment: browsers never send it to a server or in a Referer.
    return { url: `${origin}/personal/nytt-losenord#${token}`, expiresAt: expiresAt.toISOString() };
  }

  const setupMail = (user: { email: string; displayName: string }, link: SetupLink): OutgoingMail => ({
    to: user.email,
    subject: administrationMessages.sv.mailSetupSubject,
    text: interpolate(administrationMessages.sv.mailSetupText, {
      name: user.displayName,
      url: link.url,
      expires: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(link.expiresAt)),
    }),
  });

  const secondFactorMail = (user: { email: string; displayName: string }): OutgoingMail => ({
    to: user.email,
    subject: administrationMessages.sv.mailSecondFactorSubject,
    text: interpolate(administrationMessages.sv.mailSecondFactorText, { name: user.displayName }),
  });

  function requester(caller: Caller): string {
    const id = actorUserId(caller);
    if (!id) throw new AppError('forbidden');
    return id;
  }

  /**
   * A set-up link (new account or password reset) goes only to the person (ADR 0084): with a mail
   * server it is issued and mailed now; without one the request waits until a second
   * administrator releases the link for hand-over. The caller never receives it.
   */
  async function requestLink(
    tx: Tx,
    caller: Caller,
    user: { id: string; tenantId: string; email: string; displayName: string },
    kind: 'account_setup' | 'password',
    origin: string,
  ) {
    const now = clock.now();
    const requestedBy = requester(caller);
    const pending = (await repo.resetsOf(tx, user.id, now)).find(
      (row) => row.kind !== 'second_factor' && (row.status === 'awaiting_handover' || row.status === 'awaiting_approval'),
    );
    if (pending && pending.expiresAt > now) throw conflict((m) => m.resetAlreadyPending);
    if (pending) await repo.updateReset(tx, pending.id, { status: 'cancelled' });
    const expiresAt = new Date(now.getTime() + SETUP_LINK_HOURS * 3_600_000);
    let mail: OutgoingMail | null = null;
    let row: ResetRow;
    if (mailer.configured) {
      const link = await issueSetupLink(tx, user.id, origin);
      mail = setupMail(user, link);
      row = await repo.insertReset(tx, {
        tenantId: user.tenantId,
        userId: user.id,
        kind,
        status: 'done',
        delivery: 'mail',
        requestedBy,
        requestedAt: now,
        expiresAt,
        completedAt: now,
      });
    } else {
      row = await repo.insertReset(tx, {
        tenantId: user.tenantId,
        userId: user.id,
        kind,
        status: 'awaiting_handover',
        requestedBy,
        requestedAt: now,
        expiresAt,
      });
    }
    return { row, mail };
  }

  /** Sends after the transaction committed; a refused mail leaves the link to a second administrator. */
  async function deliver(caller: Caller, tenantId: string, resetId: string, mail: OutgoingMail | null) {
    if (!mail) return true;
    try {
      await mailer.send(mail);
      return true;
    } catch {
      await caller.dbIn(tenantId, (tx) => repo.updateReset(tx, resetId, { status: 'awaiting_handover', delivery: null, completedAt: null }));
      return false;
    }
  }

  return {
    async listUsers(
      caller: Caller,
      query: { organisationId?: string | undefined; unitId?: string | undefined; q?: string | undefined },
    ): Promise<{ users: UserSummary[] }> {
      const tenantId = query.organisationId ?? caller.actor.tenantId;
      return caller.dbIn(tenantId, async (tx) => {
        let unitIds: string[] | null = caller.scope === 'unit' ? caller.actor.unitScopeIds : null;
        if (query.unitId) unitIds = unitIds ? unitIds.filter((id) => id === query.unitId) : [query.unitId];
        const rows = await repo.listUsers(tx, { tenantId, unitIds, q: query.q, today: today() });
        const memberships = await repo.memberships(
          tx,
          rows.map((row) => row.id),
        );
        const now = today();
        return {
          users: rows.map((row) => ({
            id: row.id,
            email: row.email,
            displayName: row.displayName,
            active: row.active,
            totpEnabled: row.totpEnabledAt !== null,
            currentRoles: memberships
              .filter((m) => m.userId === row.id && isCurrent(m, now))
              .map((m) => ({ unitId: m.unitId, unitName: m.unitName, role: m.role })),
          })),
        };
      });
    },

    /** Staff records are personal data: each read is one audit event. */
    async getUser(caller: Caller, id: string): Promise<UserDetail> {
      const tenantId = await tenantOfUser(caller, id);
      return caller.dbIn(tenantId, async (tx) => {
        await visibleUser(tx, caller, id);
        await caller.audit(tx, { action: 'users.read', recordType: 'user', recordId: id, recordTenantId: tenantId });
        return detail(tx, id, caller);
      });
    },

    /** Creates the account, its first role and a set-up link, all or nothing. */
    async createUser(caller: Caller, body: z.output<typeof createUserRequest>, origin: string) {
      const unit = await caller.dbIn(caller.actor.tenantId, (tx) => unitRepository.unit(tx, body.unitId));
      if (!unit)
        throw invalidField(
          'unitId',
          'invalid_uuid',
          pick(validationMessages, (m) => m.invalid_uuid),
        );
      assertGrantable(caller, body.role);
      const created = await caller.dbIn(unit.tenantId, async (tx) => {
        assertCanGrant(caller.actor, { kind: 'role', role: body.role, target: { tenantId: unit.tenantId, unitId: unit.id } });
        if (!unit.active)
          throw invalidField(
            'unitId',
            'unit_inactive',
            pick(validationMessages, (m) => m.unit_inactive),
          );
        const id = crypto.randomUUID();
        try {
          await tx.transaction((inner) => repo.insertUser(inner, { id, tenantId: unit.tenantId, email: body.email, displayName: body.displayName }));
        } catch (error) {
          if (sqlState(error) === '23505')
            throw invalidField(
              'email',
              'email_taken',
              pick(validationMessages, (m) => m.email_taken),
            );
          throw error;
        }
        await repo.insertMembership(tx, {
          tenantId: unit.tenantId,
          userId: id,
          unitId: unit.id,
          role: body.role,
          jobRole: body.jobRole ?? null,
          startsOn: body.startsOn,
        });
        const { row, mail } = await requestLink(
          tx,
          caller,
          { id, tenantId: unit.tenantId, email: body.email, displayName: body.displayName },
          'account_setup',
          origin,
        );
        await caller.audit(tx, {
          action: 'users.create',
          recordType: 'user',
          recordId: id,
          recordTenantId: unit.tenantId,
          details: { role: body.role, unit: unit.id, reset: row.id, delivery: row.delivery },
        });
        return { id, tenantId: unit.tenantId, resetId: row.id, mail };
      });
      await deliver(caller, created.tenantId, created.resetId, created.mail);
      return caller.dbIn(created.tenantId, async (tx) => {
        const user = await detail(tx, created.id, caller);
        return { user, reset: user.resets.find((reset) => reset.id === created.resetId)! };
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
        if (!unit || unit.tenantId !== tenantId)
          throw invalidField(
            'unitId',
            'invalid_uuid',
            pick(validationMessages, (m) => m.invalid_uuid),
          );
        assertCanGrant(caller.actor, { kind: 'role', role: body.role, target: { tenantId, unitId: unit.id }, grantee: { userId } });
        if (!unit.active)
          throw invalidField(
            'unitId',
            'unit_inactive',
            pick(validationMessages, (m) => m.unit_inactive),
          );
        const membershipId = await repo.insertMembership(tx, {
          tenantId,
          userId,
          unitId: unit.id,
          role: body.role,
          jobRole: body.jobRole ?? null,
          startsOn: body.startsOn,
          endsOn: body.endsOn ?? null,
        });
        await caller.audit(tx, {
          action: 'users.grant_role',
          recordType: 'user',
          recordId: userId,
          recordTenantId: tenantId,
          details: {
            role: body.role,
            jobRole: body.jobRole ?? null,
            unit: unit.id,
            membership: membershipId,
            startsOn: body.startsOn,
            endsOn: body.endsOn ?? null,
          },
        });
        return detail(tx, userId, caller);
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
        if (endsOn < membership.startsOn)
          throw invalidField(
            'endsOn',
            'end_before_start',
            pick(validationMessages, (m) => m.end_before_start),
          );
        await repo.endMembership(tx, membershipId, endsOn);
        await caller.audit(tx, {
          action: 'users.end_role',
          recordType: 'user',
          recordId: userId,
          recordTenantId: tenantId,
          details: { role: membership.role, unit: membership.unitId, membership: membershipId, endsOn },
        });
        return detail(tx, userId, caller);
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
        await caller.audit(tx, {
          action: active ? 'users.reactivate' : 'users.deactivate',
          recordType: 'user',
          recordId: userId,
          recordTenantId: tenantId,
        });
        return detail(tx, userId, caller);
      });
    },

    /**
     * Removes the person's second factor — at once for someone whose roles need none, else as a
     * request that waits for a second administrator (ADR 0084). The person is told.
     */
    async resetSecondFactor(caller: Caller, userId: string) {
      const tenantId = await tenantOfUser(caller, userId);
      const outcome = await caller.dbIn(tenantId, async (tx) => {
        const { user, memberships } = await visibleUser(tx, caller, userId);
        assertManageable(caller, userId, memberships);
        const now = clock.now();
        const requestedBy = requester(caller);
        const held = memberships.filter((m) => isCurrent(m, today())).map((m) => m.role);
        const needsApproval = rolesRequireSecondFactor(held);
        const pending = (await repo.resetsOf(tx, userId, now)).find((row) => row.kind === 'second_factor' && row.status === 'awaiting_approval');
        if (pending && pending.expiresAt > now) throw conflict((m) => m.resetAlreadyPending);
        if (pending) await repo.updateReset(tx, pending.id, { status: 'cancelled' });
        const expiresAt = new Date(now.getTime() + SETUP_LINK_HOURS * 3_600_000);
        if (needsApproval) {
          const row = await repo.insertReset(tx, {
            tenantId,
            userId,
            kind: 'second_factor',
            status: 'awaiting_approval',
            requestedBy,
            requestedAt: now,
            expiresAt,
          });
          await caller.audit(tx, {
            action: 'users.request_second_factor_reset',
            recordType: 'user',
            recordId: userId,
            recordTenantId: tenantId,
            details: { reset: row.id },
          });
          return { resetId: row.id, mail: null };
        }
        if (!(await repo.resetSecondFactor(tx, userId))) throw notFound();
        const row = await repo.insertReset(tx, {
          tenantId,
          userId,
          kind: 'second_factor',
          status: 'done',
          requestedBy,
          requestedAt: now,
          expiresAt,
          completedAt: now,
        });
        await caller.audit(tx, {
          action: 'users.reset_second_factor',
          recordType: 'user',
          recordId: userId,
          recordTenantId: tenantId,
          details: { reset: row.id },
        });
        return { resetId: row.id, mail: mailer.configured ? secondFactorMail(user) : null };
      });
      if (outcome.mail) await mailer.send(outcome.mail).catch(() => undefined);
      return caller.dbIn(tenantId, async (tx) => {
        const user = await detail(tx, userId, caller);
        return { user, reset: user.resets.find((reset) => reset.id === outcome.resetId)! };
      });
    },

    /**
     * Requests a new set-up link: mailed to the person, or — without mail — waiting for a second
     * administrator to release it for hand-over. The answer never carries the link (ADR 0084).
     */
    async resetPassword(caller: Caller, userId: string, origin: string) {
      const tenantId = await tenantOfUser(caller, userId);
      const outcome = await caller.dbIn(tenantId, async (tx) => {
        const { user, memberships } = await visibleUser(tx, caller, userId);
        assertManageable(caller, userId, memberships);
        const { row, mail } = await requestLink(tx, caller, user, 'password', origin);
        await caller.audit(tx, {
          action: 'users.reset_password',
          recordType: 'user',
          recordId: userId,
          recordTenantId: tenantId,
          details: { reset: row.id, delivery: row.delivery },
        });
        return { resetId: row.id, mail };
      });
      await deliver(caller, tenantId, outcome.resetId, outcome.mail);
      return caller.dbIn(tenantId, async (tx) => {
        const user = await detail(tx, userId, caller);
        return { user, reset: user.resets.find((reset) => reset.id === outcome.resetId)! };
      });
    },

    /**
     * A second administrator — never the one who asked, never the person — approves a waiting
     * reset: a second factor is removed, or a set-up link is issued and answered to this
     * administrator only, to hand over. Both people are in the audit trail.
     */
    async approveReset(caller: Caller, userId: string, resetId: string, origin: string): Promise<{ reset: UserReset; setupLink: SetupLink | null }> {
      const tenantId = await tenantOfUser(caller, userId);
      const outcome = await caller.dbIn(tenantId, async (tx) => {
        const { user, memberships } = await visibleUser(tx, caller, userId);
        assertManageable(caller, userId, memberships);
        const reset = await repo.reset(tx, userId, resetId);
        if (!reset) throw notFound();
        const approver = requester(caller);
        if (reset.requestedBy === approver) throw conflict((m) => m.resetNeedsAnotherAdministrator);
        if (reset.status !== 'awaiting_approval' && reset.status !== 'awaiting_handover') throw conflict((m) => m.resetNotPending);
        const now = clock.now();
        if (reset.expiresAt <= now) throw conflict((m) => m.resetExpired);
        const audit = {
          recordType: 'user',
          recordId: userId,
          recordTenantId: tenantId,
          details: { reset: reset.id, kind: reset.kind, requestedBy: reset.requestedBy },
        };
        if (reset.kind === 'second_factor') {
          if (!(await repo.resetSecondFactor(tx, userId))) throw notFound();
          await repo.updateReset(tx, reset.id, { status: 'done', approvedBy: approver, approvedAt: now, completedAt: now });
          await caller.audit(tx, { action: 'users.reset_second_factor', ...audit });
          return { setupLink: null, mail: mailer.configured ? secondFactorMail(user) : null };
        }
        const link = await issueSetupLink(tx, userId, origin);
        await repo.updateReset(tx, reset.id, { status: 'done', delivery: 'handover', approvedBy: approver, approvedAt: now, completedAt: now });
        await caller.audit(tx, { action: 'users.release_setup_link', ...audit });
        return { setupLink: link, mail: null };
      });
      if (outcome.mail) await mailer.send(outcome.mail).catch(() => undefined);
      const reset = await caller.dbIn(tenantId, async (tx) => presentReset((await repo.reset(tx, userId, resetId))!, caller));
      return { reset, setupLink: outcome.setupLink };
    },

    /** Resets of the organisation that wait for a second administrator (a unit scope: staff in reach). */
    async pendingResets(caller: Caller, organisationId: string | undefined): Promise<{ resets: UserReset[] }> {
      const tenantId = organisationId ?? caller.actor.tenantId;
      return caller.dbIn(tenantId, async (tx) => {
        const rows = await repo.pendingResets(tx, tenantId);
        return { resets: rows.map((row) => presentReset(row, caller)) };
      });
    },
  };
}
