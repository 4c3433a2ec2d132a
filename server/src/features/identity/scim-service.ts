import { sql } from 'drizzle-orm';
import { defineMessages } from '#shared/i18n/messages.ts';
import { AppError, invalidField, notFound, pick } from '../../platform/errors/app-error.ts';
import {
  SCIM_GROUP_SCHEMA,
  SCIM_LIST_SCHEMA,
  SCIM_USER_SCHEMA,
  scimBoolean,
  type ScimGroupRequest,
  type ScimPatchRequest,
  type ScimUserRequest,
} from '#shared/contracts/scim.ts';
import { recordAudit, type AuditSource } from '../../platform/audit/audit.ts';
import type { Caller } from '../administration/index.ts';
import { randomToken, sha256Hex } from '../../platform/crypto/field-encryption.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { providerRow } from './provider-service.ts';
import { createRoleMapping } from './role-mapping.ts';

export const SCIM_TOKEN_PREFIX = 'scim_';

export const scimMessages = defineMessages(
  {
    unauthenticated: 'En giltig SCIM-nyckel krävs.',
    notFound: 'Kontot finns inte.',
    uniqueness: 'Det finns redan ett konto med det användarnamnet (userName).',
    domain: 'Användarnamnet (userName) ligger inte i någon av organisationens e-postdomäner.',
    filter: 'Bara filtren userName eq och externalId eq stöds.',
    groupFilter: 'Bara filtren displayName eq och externalId eq stöds.',
    active: 'active måste vara true eller false.',
    groupExists: 'Det finns redan en grupp med det namnet (displayName) eller externalId.',
    member: 'En medlem (members) är inte ett konto som organisationen har etablerat via SCIM.',
  },
  {
    unauthenticated: 'A valid SCIM token is required.',
    notFound: 'The account does not exist.',
    uniqueness: 'An account with this userName already exists.',
    domain: 'The userName is not in one of the organisation’s email domains.',
    filter: 'Only the filters userName eq and externalId eq are supported.',
    groupFilter: 'Only the filters displayName eq and externalId eq are supported.',
    active: 'active must be true or false.',
    groupExists: 'A group with this displayName or externalId already exists.',
    member: 'A member is not an account the organisation provisioned through SCIM.',
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
  groupFilter: () =>
    invalidField(
      'filter',
      'scim_invalid_filter',
      pick(scimMessages, (m) => m.groupFilter),
      'query',
    ),
  groupExists: () => new AppError('conflict', { detail: pick(scimMessages, (m) => m.groupExists) }),
  member: () =>
    invalidField(
      'members',
      'scim_invalid_value',
      pick(scimMessages, (m) => m.member),
    ),
};

type GroupRow = { id: string; display_name: string; external_id: string | null; created_at: string | Date; updated_at: string | Date };
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
/** `excludedAttributes=members` (Entra ID) or `attributes` without members leaves the member list out. */
const wantsMembers = (query: { attributes?: string | undefined; excludedAttributes?: string | undefined }) =>
  !/(^|,)\s*members\s*(,|$)/i.test(query.excludedAttributes ?? '') && (!query.attributes || /(^|,)\s*members\s*(,|$)/i.test(query.attributes));

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
  const mapping = createRoleMapping(clock);

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

  const toGroup = (row: GroupRow, members: Array<{ user_id: string; email: string }> | undefined, baseUrl: string) => ({
    schemas: [SCIM_GROUP_SCHEMA],
    id: row.id,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    displayName: row.display_name,
    ...(members ? { members: members.map((m) => ({ value: m.user_id, display: m.email, $ref: `${baseUrl}/Users/${m.user_id}` })) } : {}),
    meta: {
      resourceType: 'Group',
      created: new Date(row.created_at).toISOString(),
      lastModified: new Date(row.updated_at).toISOString(),
      location: `${baseUrl}/Groups/${row.id}`,
    },
  });

  async function groupIn(tx: Tx, tenantId: string, id: string): Promise<GroupRow> {
    const [row] = isUuid(id)
      ? await queryRows<GroupRow>(
          tx,
          sql`select id, display_name, external_id, created_at, updated_at from scim_groups where id = ${id}::uuid and tenant_id = ${tenantId}::uuid`,
        )
      : [];
    if (!row) throw scimError.notFound();
    return row;
  }

  const membersOf = (tx: Tx, groupId: string) =>
    queryRows<{ user_id: string; email: string }>(
      tx,
      sql`select m.user_id, u.email from scim_group_members m join users u on u.id = m.user_id where m.group_id = ${groupId}::uuid order by u.email`,
    );

  /** Members are accounts this organisation provisioned through SCIM; anything else is refused. */
  async function assertMembers(tx: Tx, tenantId: string, ids: readonly string[]) {
    if (ids.length === 0) return;
    if (!ids.every(isUuid)) throw scimError.member();
    const found = await queryRows<{ user_id: string }>(
      tx,
      sql`select user_id from scim_accounts where tenant_id = ${tenantId}::uuid and user_id = any(${`{${ids.join(',')}}`}::uuid[])`,
    );
    if (new Set(found.map((row) => row.user_id)).size !== new Set(ids.map((id) => id.toLowerCase())).size) throw scimError.member();
  }

  async function assertGroupNameFree(tx: Tx, tenantId: string, displayName: string, except: string | null) {
    const [taken] = await queryRows(
      tx,
      sql`select 1 from scim_groups where tenant_id = ${tenantId}::uuid and lower(display_name) = lower(${displayName}) ${except ? sql`and id <> ${except}::uuid` : sql``}`,
    );
    if (taken) throw scimError.groupExists();
  }

  async function assertExternalIdFree(tx: Tx, tenantId: string, externalId: string | null, except: string | null) {
    if (!externalId) return;
    const [taken] = await queryRows(
      tx,
      sql`select 1 from scim_groups where tenant_id = ${tenantId}::uuid and external_id = ${externalId} ${except ? sql`and id <> ${except}::uuid` : sql``}`,
    );
    if (taken) throw scimError.groupExists();
  }

  /**
   * Roles follow group membership: for each person, the organisation's mapping rules are applied
   * to a `groups` claim holding the externalId and displayName of every group they are in (the
   * same rules as at sign-in, each checked against its author's current grants). Roles from
   * SCIM end when no group gives them; roles from a sign-in or an administrator are untouched.
   */
  async function syncRoles(tx: Tx, tenantId: string, userIds: Iterable<string>, source: AuditSource) {
    const provider = await providerRow(tx, tenantId);
    for (const userId of new Set(userIds)) {
      const rows = await queryRows<{ external_id: string | null; display_name: string }>(
        tx,
        sql`select g.external_id, g.display_name from scim_group_members m join scim_groups g on g.id = m.group_id
             where m.user_id = ${userId}::uuid and g.tenant_id = ${tenantId}::uuid`,
      );
      const groups = rows.flatMap((row) => [row.external_id, row.display_name].filter((value): value is string => Boolean(value)));
      await mapping.reconcile(tx, provider, userId, { groups }, 'scim', source, tenantId);
    }
  }

  async function addMembers(tx: Tx, tenantId: string, groupId: string, ids: readonly string[]) {
    await assertMembers(tx, tenantId, ids);
    for (const id of ids) {
      await tx.execute(
        sql`insert into scim_group_members (group_id, user_id, tenant_id) values (${groupId}::uuid, ${id}::uuid, ${tenantId}::uuid) on conflict do nothing`,
      );
    }
  }

  const memberIds = (value: unknown): string[] =>
    Array.isArray(value) ? value.map((item) => String((item as { value?: unknown } | null)?.value ?? '')).filter(Boolean) : [];

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
        await caller.audit(tx, {
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
    /** PUT (Okta's full replace): the attributes Upptäck keeps are set as sent; active=false ends every session at once. */
    async replace(tenantId: string, id: string, input: ScimUserRequest, source: AuditSource, baseUrl: string) {
      const row = await database.system(async (tx) => {
        const user = await userIn(tx, tenantId, id);
        const email = (input.emails?.find((e) => e.primary)?.value ?? input.userName).trim().toLowerCase();
        if (email !== user.email) {
          await assertOwnDomain(tx, tenantId, email);
          const [taken] = await queryRows(tx, sql`select 1 from users where email = ${email}`);
          if (taken) throw scimError.uniqueness();
        }
        await tx.execute(
          sql`update users set email = ${email}, display_name = ${displayNameOf(input, user.display_name)}, updated_at = app_now() where id = ${user.id}::uuid`,
        );
        await tx.execute(sql`update scim_accounts set external_id = ${input.externalId ?? null} where user_id = ${user.id}::uuid`);
        if (input.active !== undefined) await setActive(tx, tenantId, user.id, input.active, source);
        await recordAudit(tx, 'system', source, {
          action: 'scim.user_updated',
          recordType: 'user',
          recordId: user.id,
          recordTenantId: tenantId,
          details: { attributes: 'replace' },
        });
        return userIn(tx, tenantId, user.id);
      });
      if (!row.active) await sessions.revokeAllForUser(row.id);
      return toResource(row, baseUrl);
    },

    async listGroups(
      tenantId: string,
      query: { filter?: string | undefined; startIndex: number; count: number; attributes?: string | undefined; excludedAttributes?: string | undefined },
      baseUrl: string,
    ) {
      const match = query.filter?.match(/^\s*(displayName|externalId)\s+eq\s+"([^"]*)"\s*$/i);
      if (query.filter && !match) throw scimError.groupFilter();
      const members = wantsMembers(query);
      const resources = await database.system(async (tx) => {
        const rows = await queryRows<GroupRow>(
          tx,
          sql`select id, display_name, external_id, created_at, updated_at from scim_groups where tenant_id = ${tenantId}::uuid
              ${match ? (match[1]!.toLowerCase() === 'displayname' ? sql`and lower(display_name) = lower(${match[2]!})` : sql`and external_id = ${match[2]!}`) : sql``}
              order by created_at, id`,
        );
        const page = rows.slice(query.startIndex - 1, query.startIndex - 1 + query.count);
        const result = [];
        for (const row of page) result.push(toGroup(row, members ? await membersOf(tx, row.id) : undefined, baseUrl));
        return { total: rows.length, result };
      });
      return {
        schemas: [SCIM_LIST_SCHEMA],
        totalResults: resources.total,
        startIndex: query.startIndex,
        itemsPerPage: resources.result.length,
        Resources: resources.result,
      };
    },

    async getGroup(tenantId: string, id: string, query: { attributes?: string | undefined; excludedAttributes?: string | undefined }, baseUrl: string) {
      return database.system(async (tx) => {
        const group = await groupIn(tx, tenantId, id);
        return toGroup(group, wantsMembers(query) ? await membersOf(tx, group.id) : undefined, baseUrl);
      });
    },

    async createGroup(tenantId: string, input: ScimGroupRequest, source: AuditSource, baseUrl: string) {
      return database.system(async (tx) => {
        await assertGroupNameFree(tx, tenantId, input.displayName, null);
        await assertExternalIdFree(tx, tenantId, input.externalId ?? null, null);
        const [group] = await queryRows<{ id: string }>(
          tx,
          sql`insert into scim_groups (tenant_id, display_name, external_id) values (${tenantId}::uuid, ${input.displayName}, ${input.externalId ?? null}) returning id`,
        );
        const ids = memberIds(input.members);
        await addMembers(tx, tenantId, group!.id, ids);
        await recordAudit(tx, 'system', source, {
          action: 'scim.group_created',
          recordType: 'scim_group',
          recordId: group!.id,
          recordTenantId: tenantId,
          details: { members: ids.length },
        });
        await syncRoles(tx, tenantId, ids, source);
        return toGroup(await groupIn(tx, tenantId, group!.id), await membersOf(tx, group!.id), baseUrl);
      });
    },

    /**
     * PATCH in the shapes Entra ID and Okta send: `Add`/`Remove` of `members` with a list of
     * `{ value }`, `Remove` of `members[value eq "…"]`, `Remove` of all `members`, `Replace` of
     * `displayName` or `externalId` with a path or as a value object. Answers 204 (Entra ID does
     * not read the body) unless members are asked for.
     */
    async patchGroup(tenantId: string, id: string, input: ScimPatchRequest, source: AuditSource) {
      await database.system(async (tx) => {
        const group = await groupIn(tx, tenantId, id);
        const before = new Set((await membersOf(tx, group.id)).map((m) => m.user_id));
        const rename = async (name: unknown) => {
          if (typeof name !== 'string' || !name.trim()) return;
          await assertGroupNameFree(tx, tenantId, name.trim(), group.id);
          await tx.execute(sql`update scim_groups set display_name = ${name.trim().slice(0, 200)} where id = ${group.id}::uuid`);
        };
        const setExternalId = async (value: unknown) => {
          const externalId = typeof value === 'string' && value ? value.slice(0, 300) : null;
          await assertExternalIdFree(tx, tenantId, externalId, group.id);
          await tx.execute(sql`update scim_groups set external_id = ${externalId} where id = ${group.id}::uuid`);
        };
        const removeMembers = async (ids: readonly string[] | 'all') => {
          if (ids === 'all') await tx.execute(sql`delete from scim_group_members where group_id = ${group.id}::uuid`);
          else
            for (const member of ids.filter(isUuid))
              await tx.execute(sql`delete from scim_group_members where group_id = ${group.id}::uuid and user_id = ${member}::uuid`);
        };
        for (const operation of input.Operations) {
          const path = operation.path?.trim() ?? '';
          const filtered = path.match(/^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i);
          if (!path) {
            const value = (operation.value ?? {}) as Record<string, unknown>;
            if (operation.op === 'remove') continue;
            if ('displayName' in value) await rename(value.displayName);
            if ('externalId' in value) await setExternalId(value.externalId);
            if ('members' in value) {
              if (operation.op === 'replace') await removeMembers('all');
              await addMembers(tx, tenantId, group.id, memberIds(value.members));
            }
          } else if (/^members$/i.test(path)) {
            const ids = memberIds(operation.value);
            if (operation.op === 'remove') await removeMembers(ids.length ? ids : 'all');
            else {
              if (operation.op === 'replace') await removeMembers('all');
              await addMembers(tx, tenantId, group.id, ids);
            }
          } else if (filtered) {
            if (operation.op === 'remove') await removeMembers([filtered[1]!]);
          } else if (/^displayName$/i.test(path)) {
            if (operation.op !== 'remove') await rename(operation.value);
          } else if (/^externalId$/i.test(path)) {
            await setExternalId(operation.op === 'remove' ? null : operation.value);
          }
        }
        const after = new Set((await membersOf(tx, group.id)).map((m) => m.user_id));
        await tx.execute(sql`update scim_groups set updated_at = app_now() where id = ${group.id}::uuid`);
        const added = [...after].filter((member) => !before.has(member));
        const removed = [...before].filter((member) => !after.has(member));
        await recordAudit(tx, 'system', source, {
          action: 'scim.group_updated',
          recordType: 'scim_group',
          recordId: group.id,
          recordTenantId: tenantId,
          details: { added: added.length, removed: removed.length },
        });
        // A rename or a new externalId can change what the rules give every member.
        await syncRoles(tx, tenantId, [...before, ...after], source);
      });
    },

    /** DELETE removes the group; the roles it gave its members end with it. */
    async removeGroup(tenantId: string, id: string, source: AuditSource) {
      await database.system(async (tx) => {
        const group = await groupIn(tx, tenantId, id);
        const members = (await membersOf(tx, group.id)).map((m) => m.user_id);
        await tx.execute(sql`delete from scim_groups where id = ${group.id}::uuid`);
        await recordAudit(tx, 'system', source, {
          action: 'scim.group_deleted',
          recordType: 'scim_group',
          recordId: group.id,
          recordTenantId: tenantId,
          details: { members: members.length },
        });
        await syncRoles(tx, tenantId, members, source);
      });
    },
  };
}
