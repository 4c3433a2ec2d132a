import { sql } from 'drizzle-orm';
import { defineMessages } from '#shared/i18n/messages.ts';
import { AppError, invalidField, notFound, pick } from '../../platform/errors/app-error.ts';
import { SCIM_LIST_SCHEMA, SCIM_USER_SCHEMA, scimBoolean, type ScimPatchRequest, type ScimUserRequest } from '#shared/contracts/scim.ts';
import { recordAudit, type AuditSource } from '../../platform/audit/audit.ts';
import type { Caller } from '../administration/index.ts';
import { randomToken, sha256Hex } from '../../platform/crypto/field-encryption.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import type { FeatureContext } from '../../platform/feature.ts';

export const SCIM_TOKEN_PREFIX = 'scim_';

export const scimMessages = defineMessages(
  {
    unauthenticated: 'En giltig SCIM-nyckel krävs.',
    notFound: 'Kontot finns inte.',
    uniqueness: 'Det finns redan ett konto med det användarnamnet (userName).',
    domain: 'Användarnamnet (userName) ligger inte i någon av organisationens e-postdomäner.',
    filter: 'Bara filtren userName eq och externalId eq stöds.',
    active: 'active måste vara true eller false.',
  },
  {
    unauthenticated: 'A valid SCIM token is required.',
    notFound: 'The account does not exist.',
    uniqueness: 'An account with this userName already exists.',
    domain: 'The userName is not in one of the organisation’s email domains.',
    filter: 'Only the filters userName eq and externalId eq are supported.',
    active: 'active must be true or false.',
  },
);

/**
 * SCIM refusals as the platform's problem documents (RFC 9457) with the status codes RFC 7644
 * gives them; providers act on the status (409 for an existing userName, 404, 401).
 */
const scimError = {
  unauthenticated: () => new AppError('unauthenticated', { detail: pick(scimMessages, (m) => m.unauthenticated) }),
  notFound: () => new AppError('not_found', { detail: pick(scimMessages, (m) => m.notFound) }),
  uniqueness: () => new AppError('conflict', { detail: pick(scimMessages, (m) => m.uniqueness) }),
  domain: () =>
    invalidField(
      'userName',
      'scim_invalid_value',
      pick(scimMessages, (m) => m.domain),
    ),
  filter: () =>
    invalidField(
      'filter',
      'scim_invalid_filter',
      pick(scimMessages, (m) => m.filter),
      'query',
    ),
  active: () =>
    invalidField(
      'Operations',
      'scim_invalid_value',
      pick(scimMessages, (m) => m.active),
    ),
};

type UserRow = {
  id: string;
  email: string;
  display_name: string;
  active: boolean;
  external_id: string | null;
  created_at: string | Date;
  updated_at: string | Date;
};

/**
 * SCIM 2.0 Users (issue 19 item 4, ADR 0101): the organisation's provider creates, updates and
 * deactivates its accounts. Deactivation ends every session at once. Roles are not provisioned.
 */
export function createScimService(context: FeatureContext) {
  const { database, sessions, clock } = context;

  const toResource = (row: UserRow, baseUrl: string) => ({
    schemas: [SCIM_USER_SCHEMA],
    id: row.id,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    userName: row.email,
    displayName: row.display_name,
    active: row.active,
    emails: [{ value: row.email, type: 'work', primary: true }],
    meta: {
      resourceType: 'User',
      created: new Date(row.created_at).toISOString(),
      lastModified: new Date(row.updated_at).toISOString(),
      location: `${baseUrl}/Users/${row.id}`,
    },
  });

  async function userIn(tx: Tx, tenantId: string, id: string): Promise<UserRow> {
    const [row] = /^[0-9a-f-]{36}$/i.test(id)
      ? await queryRows<UserRow>(
          tx,
          sql`select u.id, u.email, u.display_name, u.active, s.external_id, u.created_at, u.updated_at
                from users u join scim_accounts s on s.user_id = u.id where u.id = ${id}::uuid and u.tenant_id = ${tenantId}::uuid`,
        )
      : [];
    if (!row) throw scimError.notFound();
    return row;
  }

  /** The email must be in one of the organisation's domains: a provider provisions only its own people. */
  async function assertOwnDomain(tx: Tx, tenantId: string, email: string) {
    const domain = email.split('@')[1] ?? '';
    const [own] = await queryRows(tx, sql`select 1 from identity_provider_domains where tenant_id = ${tenantId}::uuid and domain = ${domain}`);
    if (!own) throw scimError.domain();
  }

  const displayNameOf = (input: Partial<ScimUserRequest>, fallback: string) =>
    (input.displayName || input.name?.formatted || [input.name?.givenName, input.name?.familyName].filter(Boolean).join(' ') || fallback).trim().slice(0, 200);

  async function setActive(tx: Tx, tenantId: string, userId: string, active: boolean, source: AuditSource) {
    const [changed] = await queryRows<{ id: string }>(
      tx,
      sql`update users set active = ${active}, security_version = security_version + 1, updated_at = app_now()
           where id = ${userId}::uuid and tenant_id = ${tenantId}::uuid and active <> ${active} returning id`,
    );
    if (!changed) return;
    await recordAudit(tx, 'system', source, {
      action: active ? 'scim.user_reactivated' : 'scim.user_deactivated',
      recordType: 'user',
      recordId: userId,
      recordTenantId: tenantId,
    });
  }

  return {
    unauthenticated: scimError.unauthenticated,

    /** The organisation whose valid token this is, or null. */
    async authenticate(authorization: string | undefined): Promise<string | null> {
      const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
      if (!token.startsWith(SCIM_TOKEN_PREFIX)) return null;
      const [row] = await database.system((tx) =>
        queryRows<{ tenant_id: string }>(tx, sql`select tenant_id from scim_tokens where token_hash = ${sha256Hex(token)} and expires_at > app_now()`),
      );
      return row?.tenant_id ?? null;
    },

    /** A new token for the organisation; the previous one stops working at once. Answered once. */
    async rotateToken(caller: Caller, tenantId: string, expiresInDays: number) {
      const token = `${SCIM_TOKEN_PREFIX}${randomToken()}`;
      const expiresAt = new Date(clock.now().getTime() + expiresInDays * 86_400_000);
      const createdBy = caller.actor.kind === 'user' ? caller.actor.userId : null;
      // Reached through `dbIn` first, so another organisation the caller cannot administer is "not found".
      const [organisation] = await caller.dbIn(tenantId, (tx) => queryRows(tx, sql`select id from organisations where id = ${tenantId}::uuid`));
      if (!organisation) throw notFound();
      await database.system(async (tx) => {
        await tx.execute(sql`insert into scim_tokens (tenant_id, token_hash, token_hint, expires_at, created_by)
                             values (${tenantId}::uuid, ${sha256Hex(token)}, ${token.slice(0, 9)}, ${expiresAt.toISOString()}::timestamptz, ${createdBy}::uuid)
                             on conflict (tenant_id) do update set token_hash = excluded.token_hash, token_hint = excluded.token_hint,
                               expires_at = excluded.expires_at, created_by = excluded.created_by, rotated_at = app_now()`);
        await recordAudit(tx, caller.actor, caller.source, {
          action: 'scim.token_issued',
          recordType: 'organisation',
          recordId: tenantId,
          recordTenantId: tenantId,
          details: { expiresAt: expiresAt.toISOString() },
        });
      });
      return { token, tokenHint: token.slice(0, 9), expiresAt: expiresAt.toISOString() };
    },

    async list(tenantId: string, query: { filter?: string | undefined; startIndex: number; count: number }, baseUrl: string) {
      const match = query.filter?.match(/^\s*(userName|externalId)\s+eq\s+"([^"]*)"\s*$/i);
      if (query.filter && !match) throw scimError.filter();
      const rows = await database.system((tx) =>
        queryRows<UserRow>(
          tx,
          sql`select u.id, u.email, u.display_name, u.active, s.external_id, u.created_at, u.updated_at
                from users u join scim_accounts s on s.user_id = u.id where u.tenant_id = ${tenantId}::uuid
                ${match ? (match[1]!.toLowerCase() === 'username' ? sql`and u.email = ${match[2]!.toLowerCase()}` : sql`and s.external_id = ${match[2]!}`) : sql``}
               order by u.created_at, u.id`,
        ),
      );
      const page = rows.slice(query.startIndex - 1, query.startIndex - 1 + query.count);
      return {
        schemas: [SCIM_LIST_SCHEMA],
        totalResults: rows.length,
        startIndex: query.startIndex,
        itemsPerPage: page.length,
        Resources: page.map((row) => toResource(row, baseUrl)),
      };
    },

    async get(tenantId: string, id: string, baseUrl: string) {
      return toResource(await database.system((tx) => userIn(tx, tenantId, id)), baseUrl);
    },

    async create(tenantId: string, input: ScimUserRequest, source: AuditSource, baseUrl: string) {
      const email = (input.emails?.find((e) => e.primary)?.value ?? input.userName).trim().toLowerCase();
      const row = await database.system(async (tx) => {
        await assertOwnDomain(tx, tenantId, email);
        const [existing] = await queryRows(tx, sql`select 1 from users where email = ${email}`);
        if (existing) throw scimError.uniqueness();
        const [user] = await queryRows<{ id: string }>(
          tx,
          sql`insert into users (tenant_id, email, display_name, active) values (${tenantId}::uuid, ${email}, ${displayNameOf(input, email)}, ${input.active ?? true}) returning id`,
        );
        await tx.execute(
          sql`insert into scim_accounts (user_id, tenant_id, external_id) values (${user!.id}::uuid, ${tenantId}::uuid, ${input.externalId ?? null})`,
        );
        await recordAudit(tx, 'system', source, { action: 'scim.user_created', recordType: 'user', recordId: user!.id, recordTenantId: tenantId });
        return userIn(tx, tenantId, user!.id);
      });
      return toResource(row, baseUrl);
    },

    /** PATCH in the shapes Entra ID sends: capitalised ops, string booleans, with or without a path. */
    async patch(tenantId: string, id: string, input: ScimPatchRequest, source: AuditSource, baseUrl: string) {
      let deactivated = false;
      const row = await database.system(async (tx) => {
        const user = await userIn(tx, tenantId, id);
        const changes: Record<string, unknown> = {};
        for (const operation of input.Operations) {
          if (operation.op === 'remove') continue;
          const entries: Array<[string, unknown]> = operation.path
            ? [[operation.path, operation.value]]
            : Object.entries((operation.value ?? {}) as Record<string, unknown>);
          for (const [path, value] of entries) changes[path.replace(/^urn:ietf:params:scim:schemas:core:2\.0:User:/, '')] = value;
        }
        for (const [path, value] of Object.entries(changes)) {
          if (path === 'active') {
            const active = scimBoolean.safeParse(value);
            if (!active.success) throw scimError.active();
            await setActive(tx, tenantId, user.id, active.data, source);
            deactivated = !active.data;
          } else if (path === 'displayName' && typeof value === 'string' && value.trim()) {
            await tx.execute(sql`update users set display_name = ${value.trim().slice(0, 200)}, updated_at = app_now() where id = ${user.id}::uuid`);
          } else if ((path === 'userName' || /^emails\[type eq "work"\]\.value$/i.test(path)) && typeof value === 'string') {
            const email = value.trim().toLowerCase();
            if (email === user.email) continue;
            await assertOwnDomain(tx, tenantId, email);
            const [taken] = await queryRows(tx, sql`select 1 from users where email = ${email}`);
            if (taken) throw scimError.uniqueness();
            await tx.execute(sql`update users set email = ${email}, updated_at = app_now() where id = ${user.id}::uuid`);
          } else if (path === 'externalId' && typeof value === 'string') {
            await tx.execute(sql`update scim_accounts set external_id = ${value} where user_id = ${user.id}::uuid`);
          }
        }
        await recordAudit(tx, 'system', source, {
          action: 'scim.user_updated',
          recordType: 'user',
          recordId: user.id,
          recordTenantId: tenantId,
          details: { attributes: Object.keys(changes).join(',').slice(0, 200) },
        });
        return userIn(tx, tenantId, user.id);
      });
      if (deactivated) await sessions.revokeAllForUser(row.id);
      return toResource(row, baseUrl);
    },

    /** DELETE deactivates: accounts are never deleted (the audit trail names them). */
    async remove(tenantId: string, id: string, source: AuditSource) {
      const user = await database.system(async (tx) => {
        const found = await userIn(tx, tenantId, id);
        await setActive(tx, tenantId, found.id, false, source);
        return found;
      });
      await sessions.revokeAllForUser(user.id);
    },
  };
}
