import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Database } from '../db/database.ts';
import { queryRows } from '../db/database.ts';
import { randomToken, sha256Hex } from '../crypto/field-encryption.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import type { Clock } from '../time/clock.ts';
import type { UnitMembership, UserActor } from './actor.ts';
import { sessions, type SessionStage } from './schema.ts';
import { ROLES, type Role } from '#shared/auth/roles.ts';
import { rolesRequireSecondFactor } from '#shared/auth/permissions.ts';

export const SESSION_COOKIE = 'upptack_session';

/**
 * The session cookie's attributes, wherever a session starts (password, provider sign-in):
 * script cannot read it, other sites do not send it, and it is Secure whenever the platform is
 * served over https (the public address when set, else the request's own protocol).
 */
export function sessionCookieOptions(publicUrl: string | undefined, request: { protocol: string }) {
  const secure = publicUrl ? publicUrl.startsWith('https:') : request.protocol === 'https';
  return { httpOnly: true, secure, sameSite: 'strict' as const, path: '/' };
}
/** The last-seen time is written at most this often, so reads do not become writes. */
const TOUCH_INTERVAL_MS = 30_000;

export type SessionStore = ReturnType<typeof createSessionStore>;

/**
 * Server-side sessions (issue 3, ADR 0005). The cookie holds a random token; the database holds
 * only its SHA-256. Every request re-reads the user and their memberships, so logout, password
 * change, role change and deactivation take effect on the very next request. The second-factor
 * stage is also derived on every request: a user who gains a role that needs TOTP, or whose
 * TOTP was reset, can do nothing but enrol until they have one.
 */
export function createSessionStore(deps: { database: Database; config: Config; clock: Clock }) {
  const { database, config, clock } = deps;
  const idleMs = config.sessionIdleMinutes * 60_000;

  /** `oidc`: the provider and its session id, so a back-channel logout can end this session (issue 19). */
  async function create(input: {
    userId: string;
    securityVersion: number;
    stage: SessionStage;
    actingUnitId: string | null;
    oidc?: { issuer: string; sid: string | null; mfa: boolean };
  }) {
    const token = randomToken();
    const csrfToken = randomToken();
    const now = clock.now();
    await database.system((tx) =>
      tx.insert(sessions).values({
        idHash: sha256Hex(token),
        userId: input.userId,
        actingUnitId: input.actingUnitId,
        csrfToken,
        securityVersion: input.securityVersion,
        createdAt: now,
        lastSeenAt: now,
        absoluteExpiresAt: new Date(now.getTime() + config.sessionAbsoluteHours * 3_600_000),
        stage: input.stage,
        oidcIssuer: input.oidc?.issuer ?? null,
        oidcSid: input.oidc?.sid ?? null,
        providerMfa: input.oidc?.mfa ?? false,
      }),
    );
    return { token, csrfToken };
  }

  async function revoke(idHash: string) {
    await database.system((tx) => tx.update(sessions).set({ revokedAt: clock.now() }).where(eq(sessions.idHash, idHash)));
  }

  async function revokeAllForUser(userId: string) {
    await database.system((tx) =>
      tx
        .update(sessions)
        .set({ revokedAt: clock.now() })
        .where(and(eq(sessions.userId, userId), sql`revoked_at is null`)),
    );
  }

  async function setActingUnit(idHash: string, unitId: string) {
    await database.system((tx) => tx.update(sessions).set({ actingUnitId: unitId }).where(eq(sessions.idHash, idHash)));
  }

  async function upgradeStage(idHash: string) {
    await database.system((tx) => tx.update(sessions).set({ stage: 'full', totpPendingEncrypted: null }).where(eq(sessions.idHash, idHash)));
  }

  async function setPendingTotp(idHash: string, encrypted: string | null) {
    await database.system((tx) => tx.update(sessions).set({ totpPendingEncrypted: encrypted }).where(eq(sessions.idHash, idHash)));
  }

  async function pendingTotp(idHash: string): Promise<string | null> {
    const [row] = await database.system((tx) => tx.select({ pending: sessions.totpPendingEncrypted }).from(sessions).where(eq(sessions.idHash, idHash)));
    return row?.pending ?? null;
  }

  /** Resolves a cookie token to a signed-in user, or null when the session is not valid now. */
  async function resolve(token: string): Promise<UserActor | null> {
    const idHash = sha256Hex(token);
    const now = clock.now();
    return database.system(async (tx) => {
      const [row] = await queryRows<{
        user_id: string;
        acting_unit_id: string | null;
        csrf_token: string;
        stage: SessionStage;
        last_seen_at: string | Date;
        absolute_expires_at: string | Date;
        revoked_at: string | null;
        session_version: number;
        user_version: number;
        active: boolean;
        tenant_id: string;
        email: string;
        display_name: string;
        demo: boolean;
        totp_enabled: boolean;
        provider_mfa: boolean;
      }>(
        tx,
        sql`select s.user_id, s.acting_unit_id, s.csrf_token, s.stage, s.last_seen_at, s.absolute_expires_at,
                   s.revoked_at, s.security_version as session_version, u.security_version as user_version,
                   u.active, u.tenant_id, u.email, u.display_name, u.demo, u.totp_enabled_at is not null as totp_enabled, s.provider_mfa
              from sessions s join users u on u.id = s.user_id
             where s.id_hash = ${idHash}`,
      );
      if (!row) return null;
      const lastSeen = new Date(row.last_seen_at);
      const absoluteExpiresAt = new Date(row.absolute_expires_at);
      if (
        row.revoked_at !== null ||
        !row.active ||
        row.session_version !== row.user_version ||
        now.getTime() >= absoluteExpiresAt.getTime() ||
        now.getTime() >= lastSeen.getTime() + idleMs
      ) {
        return null;
      }
      const today = stockholmDate(now);
      const membershipRows = await queryRows<{ unit_id: string; unit_name: string; tenant_id: string; role: string }>(
        tx,
        sql`select m.unit_id, u.name as unit_name, u.tenant_id, m.role
              from memberships m join units u on u.id = m.unit_id
             where m.user_id = ${row.user_id} and u.active
               and m.starts_on <= ${today}::date and (m.ends_on is null or m.ends_on > ${today}::date)
             order by u.name, m.role`,
      );
      const byUnit = new Map<string, UnitMembership>();
      for (const m of membershipRows) {
        if (!(ROLES as readonly string[]).includes(m.role)) continue;
        const entry = byUnit.get(m.unit_id) ?? { unitId: m.unit_id, unitName: m.unit_name, tenantId: m.tenant_id, roles: [] };
        entry.roles.push(m.role as Role);
        byUnit.set(m.unit_id, entry);
      }
      const memberships = [...byUnit.values()];
      const secondFactorRequired = rolesRequireSecondFactor(memberships.flatMap((m) => m.roles));
      // Demo accounts may skip the second factor, and only in demo mode (issue 3).
      // Multi-factor proven at the organisation's provider counts for this session (ADR 0099).
      const mustEnrol = secondFactorRequired && !row.totp_enabled && !row.provider_mfa && !(config.demoMode && row.demo);
      const stage: SessionStage = mustEnrol ? 'totp_enrolment' : row.stage;
      const acting = (row.acting_unit_id ? byUnit.get(row.acting_unit_id) : undefined) ?? (memberships.length === 1 ? memberships[0] : undefined);
      let unitScopeIds: string[] = [];
      if (acting) {
        const descendants = await queryRows<{ id: string }>(
          tx,
          sql`with recursive tree as (
                select id from units where id = ${acting.unitId}
                union all
                select u.id from units u join tree t on u.parent_id = t.id
              ) select id from tree`,
        );
        unitScopeIds = descendants.map((d) => d.id);
      }
      let lastSeenAt = lastSeen;
      if (now.getTime() - lastSeen.getTime() > TOUCH_INTERVAL_MS) {
        await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
        lastSeenAt = now;
      }
      return {
        kind: 'user',
        userId: row.user_id,
        tenantId: acting?.tenantId ?? row.tenant_id,
        email: row.email,
        displayName: row.display_name,
        demo: row.demo,
        sessionIdHash: idHash,
        csrfToken: row.csrf_token,
        stage,
        totpEnabled: row.totp_enabled,
        secondFactorRequired,
        idleExpiresAt: new Date(lastSeenAt.getTime() + idleMs),
        absoluteExpiresAt,
        actingUnitId: acting?.unitId ?? null,
        roles: acting?.roles ?? [],
        unitScopeIds,
        memberships,
      } satisfies UserActor;
    });
  }

  return { create, resolve, revoke, revokeAllForUser, setActingUnit, upgradeStage, setPendingTotp, pendingTotp };
}
