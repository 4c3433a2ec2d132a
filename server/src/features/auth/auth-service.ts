import { eq } from 'drizzle-orm';
import type { SessionResponse } from '#shared/contracts/auth.ts';
import type { LoginRequest } from '#shared/contracts/auth.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import { accessContextFor, scopeFor } from '../../platform/auth/actor.ts';
import { ACTIONS } from '#shared/auth/permissions.ts';
import { roleRequiresSecondFactor } from '#shared/auth/permissions.ts';
import { dummyPasswordHash, verifyPassword } from '../../platform/auth/passwords.ts';
import { memberships, users } from '../../platform/auth/schema.ts';
import { verifyTotp } from '../../platform/auth/totp.ts';
import { recordAudit, type AuditSource } from '../../platform/audit/audit.ts';
import { organisations } from '../../platform/db/reference-schema.ts';
import { AppError, pick } from '../../platform/errors/app-error.ts';
import type { FeatureContext } from '../feature.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { authMessages } from './messages.ts';

export type LoginOutcome = { token: string; stage: 'full' | 'totp_enrolment' };

/** One neutral answer for every failed sign-in: it never tells whether the account exists. */
const invalidCredentials = () => new AppError('unauthenticated', { detail: pick(authMessages, (m) => m.invalidCredentials) });

export function createAuthService(context: FeatureContext) {
  const { database, clock, sessions, cipher, config } = context;
  const throttle = createLoginThrottle({ database, clock, key: config.lookupKey });

  async function throttledFor(keys: string[]): Promise<void> {
    const wait = await throttle.retryAfter(keys);
    if (wait > 0) {
      throw new AppError('too_many_requests', {
        detail: pick(authMessages, (m) => m.invalidCredentials),
        headers: { 'retry-after': String(wait) },
      });
    }
  }

  return {
    /** Checked before the body is even validated: the client address alone. */
    async assertIpNotThrottled(ip: string) {
      await throttledFor([throttle.keyFor.ip(ip)]);
    },

    async login(input: LoginRequest & { totp?: string | undefined }, source: AuditSource & { ip: string }): Promise<LoginOutcome> {
      const keys = [throttle.keyFor.email(input.email), throttle.keyFor.ip(source.ip)];
      await throttledFor(keys);
      const user = await database.system(async (tx) => {
        const [row] = await tx.select().from(users).where(eq(users.email, input.email.toLowerCase()));
        if (!row) return undefined;
        const roles = await tx.select({ role: memberships.role }).from(memberships).where(eq(memberships.userId, row.id));
        return { ...row, roles: roles.map((r) => r.role) };
      });
      const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
      if (!user || !user.active || !user.passwordHash || !passwordOk) {
        await throttle.recordFailure(keys);
        throw invalidCredentials();
      }

      const needsSecondFactor = user.roles.some(roleRequiresSecondFactor);
      let stage: LoginOutcome['stage'] = 'full';
      if (user.totpEnabledAt && user.totpSecretEncrypted) {
        if (!input.totp) throw new AppError('second_factor_required');
        const secret = cipher.decrypt(user.totpSecretEncrypted, `totp:${user.id}`);
        const check = await verifyTotp(secret, input.totp, { now: clock.now(), lastStep: user.totpLastStep });
        if (!check.valid) {
          await throttle.recordFailure(keys);
          throw invalidCredentials();
        }
        await database.system((tx) => tx.update(users).set({ totpLastStep: check.step }).where(eq(users.id, user.id)));
      } else if (needsSecondFactor && !(config.demoMode && user.demo)) {
        // Demo accounts may skip the second factor, and only in demo mode (issue 3).
        stage = 'totp_enrolment';
      }

      await throttle.clear([keys[0]!]);
      const defaultUnit = await database.system(async (tx) => {
        const rows = await tx.select({ unitId: memberships.unitId }).from(memberships).where(eq(memberships.userId, user.id));
        const distinct = [...new Set(rows.map((r) => r.unitId))];
        return distinct.length === 1 ? distinct[0]! : null;
      });
      const { token } = await sessions.create({ userId: user.id, securityVersion: user.securityVersion, stage, actingUnitId: defaultUnit });
      await database.system((tx) =>
        recordAudit(
          tx,
          { actorKind: 'user', actorId: user.id, tenantId: user.tenantId, actingUnitId: defaultUnit, roles: [] },
          source,
          { action: 'auth.login', details: { stage } },
        ),
      );
      return { token, stage };
    },

    async sessionResponse(actor: UserActor): Promise<SessionResponse> {
      const [organisation] = await database.transaction(accessContextFor(actor), (tx) =>
        tx.select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations).where(eq(organisations.id, actor.tenantId)),
      );
      const permissions: SessionResponse['permissions'] = {};
      for (const action of ACTIONS) {
        const scope = scopeFor(actor, action);
        if (scope) permissions[action] = scope;
      }
      return {
        signedIn: true,
        stage: actor.stage,
        user: { id: actor.userId, email: actor.email, displayName: actor.displayName, demo: actor.demo },
        organisation: organisation ?? { id: actor.tenantId, name: '', kind: 'other' },
        actingUnitId: actor.actingUnitId,
        roles: actor.roles,
        permissions,
        memberships: actor.memberships.map((m) => ({ unitId: m.unitId, unitName: m.unitName, roles: m.roles })),
        csrfToken: actor.csrfToken,
        idleExpiresAt: actor.idleExpiresAt.toISOString(),
        absoluteExpiresAt: actor.absoluteExpiresAt.toISOString(),
        idleTimeoutMinutes: config.sessionIdleMinutes,
      };
    },

    async switchActingUnit(actor: UserActor, unitId: string, source: AuditSource) {
      const membership = actor.memberships.find((m) => m.unitId === unitId);
      if (!membership) throw new AppError('not_found');
      await sessions.setActingUnit(actor.sessionIdHash, unitId);
      await database.transaction(
        { role: 'upptack_app', settings: { tenant_id: membership.tenantId, user_id: actor.userId, unit_id: unitId } },
        (tx) =>
          recordAudit(
            tx,
            { actorKind: 'user', actorId: actor.userId, tenantId: membership.tenantId, actingUnitId: unitId, roles: membership.roles },
            source,
            { action: 'auth.switch_unit', recordType: 'unit', recordId: unitId },
          ),
      );
    },

    async logout(actor: UserActor, source: AuditSource) {
      await sessions.revoke(actor.sessionIdHash);
      await database.system((tx) => recordAudit(tx, actor, source, { action: 'auth.logout' }));
    },
  };
}
