import { and, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { queryRows } from '../db/database.ts';
import { sha256Hex } from '../crypto/field-encryption.ts';
import type { Clock } from '../time/clock.ts';
import { ANONYMOUS_ACTOR, type Actor } from './actor.ts';
import { ACTIONS, type Action } from '#shared/auth/permissions.ts';
import { serviceAccounts } from './schema.ts';
import { SESSION_COOKIE, type SessionStore } from './sessions.ts';

export const SERVICE_TOKEN_PREFIX = 'upk_';

export type Authentication = { actor: Actor; presentedCredentials: boolean };
export type Authenticator = { authenticate(request: FastifyRequest): Promise<Authentication> };

/**
 * Finds who is calling: a service account by `Authorization: Bearer upk_…`, else a user by the
 * session cookie, else anonymous. `presentedCredentials` tells an expired session from none.
 */
export function createAuthenticator(deps: { database: Database; sessions: SessionStore; clock: Clock }): Authenticator {
  const { database, sessions, clock } = deps;

  async function serviceActor(token: string): Promise<Actor> {
    return database.system(async (tx) => {
      const [account] = await tx
        .select()
        .from(serviceAccounts)
        .where(and(eq(serviceAccounts.tokenHash, sha256Hex(token)), isNull(serviceAccounts.revokedAt)));
      if (!account) return ANONYMOUS_ACTOR;
      const scope = await queryRows<{ id: string }>(
        tx,
        sql`with recursive tree as (
              select id from units where id = ${account.unitId} and active
              union all select u.id from units u join tree t on u.parent_id = t.id
            ) select id from tree`,
      );
      if (scope.length === 0) return ANONYMOUS_ACTOR;
      await tx.update(serviceAccounts).set({ lastUsedAt: clock.now() }).where(eq(serviceAccounts.id, account.id));
      return {
        kind: 'service',
        serviceAccountId: account.id,
        tenantId: account.tenantId,
        actingUnitId: account.unitId,
        unitScopeIds: scope.map((row) => row.id),
        actions: account.actions.filter((action): action is Action => (ACTIONS as string[]).includes(action)),
      };
    });
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
