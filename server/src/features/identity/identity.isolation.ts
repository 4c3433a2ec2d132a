import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import type { IsolationOwner } from '../../test-support/isolation/isolation-subjects.ts';
import { defineIsolationSubjects } from '../../test-support/isolation/isolation-subjects.ts';

/** One provider per organisation: every unit's "create" writes the same row. */
async function provider(tx: Tx, owner: IsolationOwner): Promise<void> {
  await tx.execute(sql`insert into identity_providers (tenant_id, issuer, client_id, client_secret_encrypted)
      values (${owner.tenantId}, 'https://idp.example', 'upptack', 'not-a-secret')
      on conflict (tenant_id) do update set version = identity_providers.version + 1`);
}

/**
 * Sign-in with an organisation's own provider (issue 19). The configuration is the organisation's
 * own; links, sign-ins under way and SCIM provisioning are read and written by the system alone
 * (the app role has no privilege on them).
 */
export const isolationSubjects = defineIsolationSubjects([
  {
    name: 'identity-provider',
    tables: ['identity_providers', 'identity_provider_domains'],
    async create(tx, owner) {
      await provider(tx, owner);
      await tx.execute(sql`insert into identity_provider_domains (domain, tenant_id)
          values (${`o${owner.tenantId.slice(0, 8)}.example`}, ${owner.tenantId}) on conflict (domain) do nothing`);
      return { id: owner.tenantId, ...owner };
    },
    paths: [
      {
        name: 'the organisation’s provider and its domains',
        reach: 'tenant',
        run: async (tx) =>
          queryRows<{ id: string; tenantId: string }>(
            tx,
            sql`select tenant_id as id, tenant_id as "tenantId" from identity_providers
                union all select tenant_id, tenant_id from identity_provider_domains`,
          ),
      },
    ],
  },
  {
    name: 'identity-system',
    tables: ['identity_links', 'oidc_logins', 'scim_tokens', 'scim_accounts', 'scim_groups', 'scim_group_members'],
    async create(tx, owner) {
      await provider(tx, owner);
      const [link] = await queryRows<{ id: string }>(
        tx,
        sql`insert into identity_links (issuer, subject, tenant_id, user_id)
            values ('https://idp.example', ${owner.userId}, ${owner.tenantId}, ${owner.userId})
            on conflict (issuer, subject) do update set tenant_id = excluded.tenant_id returning subject as id`,
      );
      await tx.execute(sql`insert into oidc_logins (id_hash, tenant_id, state, nonce, code_verifier_encrypted, expires_at)
          values (${`login-${owner.userId}`}, ${owner.tenantId}, 'state', 'nonce', 'not-a-verifier', app_now() + interval '10 minutes')
          on conflict (id_hash) do nothing`);
      await tx.execute(sql`insert into scim_tokens (tenant_id, token_hash, token_hint, expires_at)
          values (${owner.tenantId}, ${`hash-${owner.tenantId}`}, 'hint', app_now() + interval '30 days') on conflict (tenant_id) do nothing`);
      await tx.execute(sql`insert into scim_accounts (user_id, tenant_id) values (${owner.userId}, ${owner.tenantId}) on conflict (user_id) do nothing`);
      const [group] = await queryRows<{ id: string }>(
        tx,
        sql`insert into scim_groups (tenant_id, display_name) values (${owner.tenantId}, 'Grupp ' || gen_random_uuid()) returning id`,
      );
      await tx.execute(sql`insert into scim_group_members (group_id, user_id, tenant_id) values (${group!.id}, ${owner.userId}, ${owner.tenantId})`);
      return { id: link!.id, ...owner };
    },
    paths: [],
  },
]);
