import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { queryRows } from '../db/database.ts';
import { sha256Hex } from '../crypto/field-encryption.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Clock } from '../time/clock.ts';
import { ANONYMOUS_ACTOR, type Actor } from './actor.ts';
import { ACTIONS, type Action } from '#shared/auth/permissions.ts';
import { SESSION_COOKIE, type SessionStore } from './sessions.ts';

export const SERVICE_TOKEN_PREFIX = 'upk_';
/** The audit action of every use of a service account's token (issue 16 item 2). */
export const SERVICE_TOKEN_USE = 'service_accounts.use';
/** How fresh a service account's `last_used_at` is kept. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type Authentication = { actor: Actor; presentedCredentials: boolean };
export type Authenticator = { authenticate(request: FastifyRequest): Promise<Authentication> };

/**
 * Finds who is calling: a service account by `Authorization: Bearer upk_…`, else a user by the
 * session cookie, else anonymous. `presentedCredentials` tells an expired session from none.
 */
export function createAuthenticator(deps: { database: Database; sessions: SessionStore; clock: Clock }): Authenticator {
  const { database, sessions, clock } = deps;

  /**
   * One statement (`service_account_lookup`, migrations 0072 and 0110): the account, its unit and
   * every unit below it (the reach of its `unit` grant), which token was presented (the current
   * one, or the previous one during a rotation's overlap) and, for a known token that no longer
   * works, why (revoked, expired, rotated). `last_used_at` is touched at most once a minute.
   * Revocation, expiry and a deactivated unit take effect on the very next request.
   *
   * Every use of a token that belongs to an account is audited in the same transaction
   * (issue 16 item 2): allowed, naming the route pattern and the token presented, or denied with
   * the reason. A random string that matches no account has no one to name and is not recorded.
   */
  async function serviceActor(token: string, request: FastifyRequest): Promise<Actor> {
    const now = clock.now();
    const touchBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    const source = { ip: request.ip, requestId: request.id };
    const route = request.routeOptions?.url ?? null;
    return database.system(async (tx) => {
      const [account] = await queryRows<{
        id: string;
        tenant_id: string;
        unit_id: string;
        actions: string[];
        scope: string[];
        token: 'current' | 'previous';
        refusal: string | null;
      }>(tx, sql`select * from service_account_lookup(${sha256Hex(token)}, ${now.toISOString()}::timestamptz, ${touchBefore.toISOString()}::timestamptz)`);
      if (!account) return ANONYMOUS_ACTOR;
      const refusal = account.refusal ?? (account.scope.length === 0 ? 'unit_inactive' : null);
      const identity = { actorKind: 'service' as const, actorId: account.id, tenantId: account.tenant_id, actingUnitId: account.unit_id, roles: [] };
      await recordAudit(tx, identity, source, {
        action: SERVICE_TOKEN_USE,
        outcome: refusal ? 'denied' : 'allowed',
        recordType: 'service_account',
        recordId: account.id,
        recordTenantId: account.tenant_id,
        details: { route, method: request.method, token: account.token, ...(refusal ? { refusal } : {}) },
      });
      if (refusal) return ANONYMOUS_ACTOR;
      return {
        kind: 'service',
        serviceAccountId: account.id,
        tenantId: account.tenant_id,
        actingUnitId: account.unit_id,
        unitScopeIds: account.scope,
        actions: account.actions.filter((action): action is Action => (ACTIONS as string[]).includes(action)),
      } satisfies Actor;
    });
  }

  return {
    async authenticate(request) {
      const authorization = request.headers.authorization;
      if (authorization?.startsWith('Bearer ')) {
        const token = authorization.slice('Bearer '.length).trim();
        if (!token.startsWith(SERVICE_TOKEN_PREFIX)) return { actor: ANONYMOUS_ACTOR, presentedCredentials: true };
        return { actor: await serviceActor(token, request), presentedCredentials: true };
      }
      const cookie = request.cookies[SESSION_COOKIE];
      if (!cookie) return { actor: ANONYMOUS_ACTOR, presentedCredentials: false };
      const actor = await sessions.resolve(cookie);
      return { actor: actor ?? ANONYMOUS_ACTOR, presentedCredentials: true };
    },
  };
}
