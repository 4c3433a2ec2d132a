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
   * One statement (`service_account_lookup`, migration 0072): the account, its unit and every unit
   * below it (the reach of its `unit` grant), and `last_used_at` — touched at most once a minute,
   * which is enough to show dormant keys and keeps a write off every request (docs/benchmarks.md,
   * screening writes). Revocation and a deactivated unit still take effect on the very next request.
   */
  async function serviceActor(token: string): Promise<Actor> {
    const now = clock.now();
    const touchBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    const [account] = await database.system((tx) =>
      queryRows<{ id: string; tenant_id: string; unit_id: string; actions: string[]; scope: string[] }>(
        tx,
        sql`select * from service_account_lookup(${sha256Hex(token)}, ${now.toISOString()}::timestamptz, ${touchBefore.toISOString()}::timestamptz)`,
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
