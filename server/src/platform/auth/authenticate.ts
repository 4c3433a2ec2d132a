import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { queryRows } from '../db/database.ts';
import { sha256Hex } from '../crypto/field-encryption.ts';
import type { Clock } from '../time/clock.ts';
import { ANONYMOUS_ACTOR, type Actor } from './actor.ts';
import { ACTIONS, type Action } from '#shared/auth/permissions.ts';
import { SESSION_COOKIE, type SessionStore } from './sessions.ts';

export const SERVICE_TOKEN_PREFIX = 'upk_';
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
   * One statement: the account, its unit and every unit below it (the reach of its `unit` grant),
   * and `last_used_at` — touched at most once a minute, which is enough to show dormant keys and
   * keeps a write off every request (docs/benchmarks.md, screening writes). Revocation and a
   * deactivated unit still take effect on the very next request.
   */
  async function serviceActor(token: string): Promise<Actor> {
    const now = clock.now();
    const [account] = await database.system((tx) =>
      queryRows<{ id: string; tenant_id: string; unit_id: string; actions: string[]; scope: string[] }>(
        tx,
        sql`with recursive account as (
              select id, tenant_id, unit_id, actions, last_used_at from service_accounts
               where token_hash = ${sha256Hex(token)} and revoked_at is null
            ),
            touched as (
              update service_accounts s set last_used_at = ${now.toISOString()}::timestamptz from account a
               where s.id = a.id and (a.last_used_at is null or a.last_used_at < ${new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString()}::timestamptz)
              returning s.id
            ),
            tree as (
              select u.id from units u join account a on u.id = a.unit_id where u.active
              union all select u.id from units u join tree t on u.parent_id = t.id
            )
            select a.id, a.tenant_id, a.unit_id, a.actions, array(select id::text from tree) as scope from account a`,
      ),
    );
    if (!account || account.scope.length === 0) return ANONYMOUS_ACTOR;
    return {
      kind: 'service',
      serviceAccountId: account.id,
      tenantId: account.tenant_id,
      actingUnitId: account.unit_id,
      unitScopeIds: account.scope,
      actions: account.actions.filter((action): action is Action => (ACTIONS as string[]).includes(action)),
    };
  }

  return {
    async authenticate(request) {
      const authorization = request.headers.authorization;
      if (authorization?.startsWith('Bearer ')) {
        const token = authorization.slice('Bearer '.length).trim();
        if (!token.startsWith(SERVICE_TOKEN_PREFIX)) return { actor: ANONYMOUS_ACTOR, presentedCredentials: true };
        return { actor: await serviceActor(token), presentedCredentials: true };
      }
      const cookie = request.cookies[SESSION_COOKIE];
      if (!cookie) return { actor: ANONYMOUS_ACTOR, presentedCredentials: false };
      const actor = await sessions.resolve(cookie);
      return { actor: actor ?? ANONYMOUS_ACTOR, presentedCredentials: true };
    },
  };
}
