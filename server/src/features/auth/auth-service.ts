import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { LoginRequest, SessionResponse } from '#shared/contracts/auth.ts';
import { ACTIONS, rolesRequireSecondFactor } from '#shared/auth/permissions.ts';
import { ROLES, type Role } from '#shared/auth/roles.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import { parseWithLocale, toFieldErrors } from '#shared/validation.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import { accessContextFor, scopeFor } from '../../platform/auth/actor.ts';
import { dummyPasswordHash, hashPassword, passwordSchema, verifyPassword } from '../../platform/auth/passwords.ts';
import { findRecoveryCode, generateRecoveryCodes, hashRecoveryCode } from '../../platform/auth/recovery-codes.ts';
import { memberships, users } from '../../platform/auth/schema.ts';
import { newTotpSecret, totpUri, verifyTotp } from '../../platform/auth/totp.ts';
import { recordAudit, type AuditSource } from '../../platform/audit/audit.ts';
import { sha256Hex } from '../../platform/crypto/field-encryption.ts';
import { queryRows } from '../../platform/db/database.ts';
import { organisations } from '../../platform/db/reference-schema.ts';
import { AppError, invalidField, pick, type LocalizedFieldError } from '../../platform/errors/app-error.ts';
import { idleSeconds } from '../../platform/http/register-routes.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { authMessages } from './messages.ts';

export type LoginOutcome = { token: string; stage: 'full' | 'totp_enrolment' };

/** One neutral answer for every failed sign-in: it never tells whether the account exists. */
const invalidCredentials = () => new AppError('unauthenticated', { detail: pick(authMessages, (m) => m.invalidCredentials) });

/** The TOTP secret is bound to its user (and a pending one to its session) by associated data. */
const totpAad = (userId: string) => `totp:${userId}`;
const pendingTotpAad = (sessionIdHash: string) => `totp-pending:${sessionIdHash}`;

/** Password rules (length, breached list, context) as field errors in both languages. */
function passwordErrors(password: string, email: string, field: string): LocalizedFieldError[] {
  const schema = passwordSchema(email);
  const sv = parseWithLocale(schema, password, 'sv');
  if (sv.success) return [];
  const en = parseWithLocale(schema, password, 'en');
  const svErrors = toFieldErrors(sv.error, 'body', 'sv');
  const enErrors = en.success ? [] : toFieldErrors(en.error, 'body', 'en');
  return svErrors.map((error, index) => ({
    field,
    location: 'body',
    code: error.code,
    message: { sv: error.message, en: enErrors[index]?.message ?? error.message },
  }));
}

export function createAuthService(context: FeatureContext) {
  const { database, clock, sessions, cipher, config } = context;
  const throttle = createLoginThrottle({ database, clock, key: config.lookupKey });

  const throttled = (wait: number) =>
    new AppError('too_many_requests', {
      detail: pick(authMessages, (m) => m.invalidCredentials),
      headers: { 'retry-after': String(wait) },
    });

  /** Roles of memberships current today (ended or future ones grant nothing). */
  async function currentRoles(userId: string): Promise<Role[]> {
    const today = stockholmDate(clock.now());
    const rows = await database.system((tx) =>
      queryRows<{ role: string }>(
        tx,
        sql`select m.role from memberships m join units u on u.id = m.unit_id
             where m.user_id = ${userId} and u.active and m.starts_on <= ${today}::date
               and (m.ends_on is null or m.ends_on > ${today}::date)`,
      ),
    );
    return rows.map((row) => row.role).filter((role): role is Role => (ROLES as readonly string[]).includes(role));
  }

  async function defaultUnit(userId: string): Promise<string | null> {
    const rows = await database.system((tx) => tx.select({ unitId: memberships.unitId }).from(memberships).where(eq(memberships.userId, userId)));
    const distinct = [...new Set(rows.map((r) => r.unitId))];
    return distinct.length === 1 ? distinct[0]! : null;
  }

  async function startSession(user: { id: string; securityVersion: number; tenantId: string }, stage: LoginOutcome['stage']) {
    const unit = await defaultUnit(user.id);
    const { token } = await sessions.create({ userId: user.id, securityVersion: user.securityVersion, stage, actingUnitId: unit });
    return { token, unit };
  }

  const userIdentity = (actor: UserActor) => ({
    actorKind: 'user' as const,
    actorId: actor.userId,
    tenantId: actor.tenantId,
    actingUnitId: actor.actingUnitId,
    roles: actor.roles,
  });

  return {
    /** Checked before the body is even validated: the client address alone. */
    async assertIpNotThrottled(ip: string) {
      const wait = await throttle.retryAfter([throttle.keyFor.ip(ip)]);
      if (wait > 0) throw throttled(wait);
    },

    async login(input: LoginRequest & { recoveryCode?: string | undefined }, source: AuditSource & { ip: string }): Promise<LoginOutcome> {
      const keys = [throttle.keyFor.email(input.email), throttle.keyFor.ip(source.ip)];
      // Counted as a failure before anything is evaluated; released below only when it is not one.
      const reserved = await throttle.reserve(keys);
      if ('wait' in reserved) throw throttled(reserved.wait);
      const [user] = await database.system((tx) => tx.select().from(users).where(eq(users.email, input.email.toLowerCase())));
      const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
      if (!user || !user.active || !user.passwordHash || !passwordOk) throw invalidCredentials();
      // An organisation that signs in through its own provider may switch local passwords off;
      // system administrators keep them, for emergency access (issue 19, ADR 0099).
      const [provider] = await database.system((tx) =>
        queryRows<{ local_passwords: boolean }>(tx, sql`select local_passwords from identity_providers where tenant_id = ${user.tenantId}::uuid and enabled`),
      );
      if (provider && !provider.local_passwords && !(await currentRoles(user.id)).includes('system_admin')) {
        await throttle.release(reserved.reservation);
        throw new AppError('forbidden', { detail: pick(authMessages, (m) => m.localPasswordsOff) });
      }

      let stage: LoginOutcome['stage'] = 'full';
      let usedRecoveryCode = false;
      if (user.totpEnabledAt && user.totpSecretEncrypted) {
        if (input.recoveryCode) {
          const index = findRecoveryCode(user.recoveryCodeHashes, input.recoveryCode);
          if (index < 0) throw invalidCredentials();
          // Each code works once: it is removed in the same statement that checks it is still there.
          const remaining = user.recoveryCodeHashes.filter((_, i) => i !== index);
          const used = user.recoveryCodeHashes[index]!;
          const updated = await database.system((tx) =>
            tx
              .update(users)
              .set({ recoveryCodeHashes: remaining })
              .where(and(eq(users.id, user.id), sql`${used} = any(recovery_code_hashes)`))
              .returning({ id: users.id }),
          );
          if (updated.length === 0) throw invalidCredentials();
          usedRecoveryCode = true;
        } else {
          if (!input.totp) {
            // The password was right: asking for the code is not a failure.
            await throttle.release(reserved.reservation);
            throw new AppError('second_factor_required');
          }
          const secret = cipher.decrypt(user.totpSecretEncrypted, totpAad(user.id));
          const check = await verifyTotp(secret, input.totp, { now: clock.now(), lastStep: user.totpLastStep });
          if (!check.valid) throw invalidCredentials();
          await database.system((tx) => tx.update(users).set({ totpLastStep: check.step }).where(eq(users.id, user.id)));
        }
      } else if (rolesRequireSecondFactor(await currentRoles(user.id)) && !(config.demoMode && user.demo)) {
        // Demo accounts may skip the second factor, and only in demo mode (issue 3).
        stage = 'totp_enrolment';
      }

      await throttle.release(reserved.reservation);
      await throttle.clear([keys[0]!]);
      const { token, unit } = await startSession(user, stage);
      await database.system((tx) =>
        recordAudit(tx, { actorKind: 'user', actorId: user.id, tenantId: user.tenantId, actingUnitId: unit, roles: [] }, source, {
          action: 'auth.login',
          details: { stage, recoveryCode: usedRecoveryCode, recoveryCodesLeft: usedRecoveryCode ? user.recoveryCodeHashes.length - 1 : null },
        }),
      );
      return { token, stage };
    },

    async sessionResponse(actor: UserActor): Promise<SessionResponse> {
      const [[organisation], notices] = await database.transaction(
        accessContextFor(actor),
        async (tx) =>
          [
            await tx
              .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
              .from(organisations)
              .where(eq(organisations.id, actor.tenantId)),
            // The person is told of resets others made to their account in the last 30 days (ADR 0084).
            await queryRows<{ kind: 'account_setup' | 'password' | 'second_factor'; completed_at: Date | string }>(
              tx,
              sql`select kind, completed_at from user_resets where user_id = ${actor.userId}::uuid and status = 'done' and kind <> 'account_setup'
               and completed_at >= app_now() - interval '30 days' order by completed_at desc limit 10`,
            ),
          ] as const,
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
        idleRemainingSeconds: idleSeconds(actor.idleExpiresAt, clock),
        absoluteExpiresAt: actor.absoluteExpiresAt.toISOString(),
        idleTimeoutMinutes: config.sessionIdleMinutes,
        totpEnabled: actor.totpEnabled,
        secondFactorRequired: actor.secondFactorRequired,
        securityNotices: notices.map((notice) => ({
          kind: notice.kind === 'second_factor' ? 'second_factor_reset' : 'password_reset',
          at: new Date(notice.completed_at).toISOString(),
        })),
      };
    },

    async switchActingUnit(actor: UserActor, unitId: string, source: AuditSource) {
      const membership = actor.memberships.find((m) => m.unitId === unitId);
      if (!membership) throw new AppError('not_found');
      await sessions.setActingUnit(actor.sessionIdHash, unitId);
      await database.transaction({ role: 'upptack_app', settings: { tenant_id: membership.tenantId, user_id: actor.userId, unit_id: unitId } }, (tx) =>
        recordAudit(tx, { actorKind: 'user', actorId: actor.userId, tenantId: membership.tenantId, actingUnitId: unitId, roles: membership.roles }, source, {
          action: 'auth.switch_unit',
          recordType: 'unit',
          recordId: unitId,
        }),
      );
    },

    async logout(actor: UserActor, source: AuditSource) {
      await sessions.revoke(actor.sessionIdHash);
      await database.system((tx) => recordAudit(tx, actor, source, { action: 'auth.logout' }));
    },

    /** Starts enrolling an authenticator app; the secret waits on the session until confirmed. */
    async startTotpEnrolment(actor: UserActor) {
      if (actor.totpEnabled) throw new AppError('conflict', { detail: pick(authMessages, (m) => m.totpAlreadyEnabled) });
      const secret = newTotpSecret();
      await sessions.setPendingTotp(actor.sessionIdHash, cipher.encrypt(secret, pendingTotpAad(actor.sessionIdHash)));
      const otpauthUri = totpUri(secret, actor.email);
      const { default: QRCode } = await import('qrcode');
      const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { otpauthUri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, secret };
    },

    /** Confirms enrolment with a first code; returns the recovery codes, shown this once. */
    async confirmTotpEnrolment(actor: UserActor, code: string, source: AuditSource) {
      if (actor.totpEnabled) throw new AppError('conflict', { detail: pick(authMessages, (m) => m.totpAlreadyEnabled) });
      const pending = await sessions.pendingTotp(actor.sessionIdHash);
      if (!pending) throw new AppError('conflict', { detail: pick(authMessages, (m) => m.totpNotStarted) });
      const secret = cipher.decrypt(pending, pendingTotpAad(actor.sessionIdHash));
      const check = await verifyTotp(secret, code, { now: clock.now(), lastStep: null });
      if (!check.valid)
        throw invalidField(
          'totp',
          'totp_wrong',
          pick(validationMessages, (m) => m.totp_wrong),
        );
      const recoveryCodes = generateRecoveryCodes();
      await database.system(async (tx) => {
        await tx
          .update(users)
          .set({
            totpSecretEncrypted: cipher.encrypt(secret, totpAad(actor.userId)),
            totpEnabledAt: clock.now(),
            totpLastStep: check.step,
            recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode),
            updatedAt: clock.now(),
          })
          .where(and(eq(users.id, actor.userId), isNull(users.totpEnabledAt)));
        await recordAudit(tx, userIdentity(actor), source, {
          action: 'auth.totp_enrolled',
          recordType: 'user',
          recordId: actor.userId,
          recordTenantId: actor.tenantId,
        });
      });
      await sessions.upgradeStage(actor.sessionIdHash);
      return { recoveryCodes };
    },

    /**
     * Changes the user's own password. Every session of the user ends (security_version) and
     * this client gets a new one, so a stolen session does not survive a password change.
     */
    async changePassword(actor: UserActor, input: { currentPassword: string; newPassword: string }, source: AuditSource) {
      const [user] = await database.system((tx) => tx.select().from(users).where(eq(users.id, actor.userId)));
      if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
        throw invalidField(
          'currentPassword',
          'password_wrong',
          pick(validationMessages, (m) => m.password_wrong),
        );
      }
      const errors = passwordErrors(input.newPassword, user.email, 'newPassword');
      if (errors.length > 0) throw new AppError('validation_failed', { errors });
      const passwordHash = await hashPassword(input.newPassword);
      const [updated] = await database.system(async (tx) => {
        const rows = await tx
          .update(users)
          .set({ passwordHash, passwordChangedAt: clock.now(), securityVersion: sql`${users.securityVersion} + 1`, updatedAt: clock.now() })
          .where(eq(users.id, actor.userId))
          .returning({ id: users.id, securityVersion: users.securityVersion, tenantId: users.tenantId });
        await recordAudit(tx, userIdentity(actor), source, {
          action: 'auth.password_changed',
          recordType: 'user',
          recordId: actor.userId,
          recordTenantId: actor.tenantId,
        });
        return rows;
      });
      if (!updated) throw new AppError('session_expired');
      await sessions.revokeAllForUser(actor.userId);
      const { token } = await sessions.create({
        userId: updated.id,
        securityVersion: updated.securityVersion,
        stage: actor.stage,
        actingUnitId: actor.actingUnitId,
      });
      return token;
    },

    /** Sets a password from a one-time set-up link issued by an administrator. */
    async setUpPassword(input: { token: string; password: string }, source: AuditSource) {
      const now = clock.now();
      const [user] = await database.system((tx) =>
        tx
          .select()
          .from(users)
          .where(and(eq(users.passwordSetupHash, sha256Hex(input.token)), gt(users.passwordSetupExpiresAt, now), eq(users.active, true))),
      );
      if (!user) throw new AppError('gone', { detail: pick(authMessages, (m) => m.setupLinkInvalid) });
      const errors = passwordErrors(input.password, user.email, 'password');
      if (errors.length > 0) throw new AppError('validation_failed', { errors });
      const passwordHash = await hashPassword(input.password);
      await database.system(async (tx) => {
        await tx
          .update(users)
          .set({
            passwordHash,
            passwordSetupHash: null,
            passwordSetupExpiresAt: null,
            passwordChangedAt: now,
            securityVersion: sql`${users.securityVersion} + 1`,
            updatedAt: now,
          })
          .where(eq(users.id, user.id));
        await recordAudit(tx, { actorKind: 'user', actorId: user.id, tenantId: user.tenantId, actingUnitId: null, roles: [] }, source, {
          action: 'auth.password_set',
          recordType: 'user',
          recordId: user.id,
          recordTenantId: user.tenantId,
        });
      });
    },
  };
}
