import { sql } from 'drizzle-orm';
import type { Role } from '#shared/auth/roles.ts';
import type { MappingRule } from '#shared/contracts/identity.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { grantRefusal } from '../../platform/access/grants.ts';
import { recordAudit, type AuditSource } from '../../platform/audit/audit.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time/clock.ts';
import type { ProviderRow } from './provider-service.ts';

/** The roles the mapping rules give for these claims: a rule matches a string claim equal to its value, or a list claim holding it. */
export function mappedRoles(rules: readonly MappingRule[], claims: Record<string, unknown>): Array<{ unitId: string; role: Role }> {
  const result = new Map<string, { unitId: string; role: Role }>();
  for (const rule of rules) {
    const value = claims[rule.claim];
    const matches = Array.isArray(value) ? value.some((item) => String(item) === rule.value) : value !== undefined && String(value) === rule.value;
    if (matches) result.set(`${rule.unitId}:${rule.role}`, { unitId: rule.unitId, role: rule.role });
  }
  return [...result.values()];
}

/** Where a mapped role came from: a sign-in's claims, or SCIM group membership. Each source ends only its own roles. */
export type MappingSource = 'oidc' | 'scim';

/**
 * The organisation's mapping rules applied to a person (ADR 0099, ADR 0107): the same rules for
 * the ID token's claims at sign-in and for SCIM group membership, each rule checked again against
 * its author's current grants (ADR 0082), never `system_admin`.
 */
export function createRoleMapping(clock: Clock) {
  /** Whether a mapping rule still holds when applied: its author must still be able to give it (ADR 0082). */
  async function authorMayGrant(tx: Tx, authorId: string | null, grant: { tenantId: string; unitId: string; role: Role; userId: string }): Promise<boolean> {
    if (!authorId) return false;
    const today = stockholmDate(clock.now());
    const rows = await queryRows<{ unit_id: string; tenant_id: string; role: Role; scope_ids: string[] }>(
      tx,
      sql`select m.unit_id, u.tenant_id, m.role,
                 (with recursive tree as (select id from units where id = m.unit_id union all select c.id from units c join tree t on c.parent_id = t.id)
                  select array_agg(id::text) from tree) as scope_ids
            from memberships m join units u on u.id = m.unit_id join users a on a.id = m.user_id
           where m.user_id = ${authorId}::uuid and a.active and u.active and m.starts_on <= ${today}::date and (m.ends_on is null or m.ends_on > ${today}::date)`,
    );
    const byUnit = new Map<string, { tenantId: string; roles: Role[]; scope: string[] }>();
    for (const row of rows) {
      const entry = byUnit.get(row.unit_id) ?? { tenantId: row.tenant_id, roles: [], scope: row.scope_ids };
      entry.roles.push(row.role);
      byUnit.set(row.unit_id, entry);
    }
    for (const [unitId, membership] of byUnit) {
      const author = {
        kind: 'user' as const,
        userId: authorId,
        tenantId: membership.tenantId,
        email: '',
        displayName: '',
        demo: false,
        sessionIdHash: '',
        csrfToken: '',
        stage: 'full' as const,
        totpEnabled: true,
        secondFactorRequired: false,
        idleExpiresAt: clock.now(),
        absoluteExpiresAt: clock.now(),
        actingUnitId: unitId,
        roles: membership.roles,
        unitScopeIds: membership.scope,
        memberships: [],
      };
      if (
        !grantRefusal(author, { kind: 'role', role: grant.role, target: { tenantId: grant.tenantId, unitId: grant.unitId }, grantee: { userId: grant.userId } })
      )
        return true;
    }
    return false;
  }

  /**
   * Gives the roles the rules map to for these claims (with `source`) and ends the roles of the
   * same source that no longer match; roles of another source are never touched. Returns the
   * person's current roles afterwards.
   */
  async function reconcile(
    tx: Tx,
    provider: Pick<ProviderRow, 'tenant_id' | 'mapping_rules' | 'rules_written_by'> | undefined,
    userId: string,
    claims: Record<string, unknown>,
    from: MappingSource,
    source: AuditSource,
    tenantId: string = provider?.tenant_id ?? '',
  ): Promise<Role[]> {
    const today = stockholmDate(clock.now());
    const wanted: Array<{ unitId: string; role: Role }> = [];
    for (const grant of mappedRoles(provider?.mapping_rules ?? [], claims)) {
      const [unit] = await queryRows<{ id: string }>(
        tx,
        sql`select id from units where id = ${grant.unitId}::uuid and tenant_id = ${tenantId}::uuid and active`,
      );
      if (unit && provider && (await authorMayGrant(tx, provider.rules_written_by, { ...grant, tenantId, userId }))) wanted.push(grant);
    }
    const current = await queryRows<{ id: string; unit_id: string; role: Role; source: string }>(
      tx,
      sql`select id, unit_id, role, source from memberships where user_id = ${userId}::uuid and starts_on <= ${today}::date and (ends_on is null or ends_on > ${today}::date)`,
    );
    const who = { actorKind: 'system' as const, actorId: null, tenantId, actingUnitId: null, roles: [] };
    for (const grant of wanted) {
      if (current.some((m) => m.unit_id === grant.unitId && m.role === grant.role)) continue;
      await tx.execute(
        sql`insert into memberships (tenant_id, user_id, unit_id, role, starts_on, source) values (${tenantId}::uuid, ${userId}::uuid, ${grant.unitId}::uuid, ${grant.role}, ${today}::date, ${from})`,
      );
      await recordAudit(tx, who, source, {
        action: 'identity.role_mapped',
        recordType: 'user',
        recordId: userId,
        recordTenantId: tenantId,
        details: { unitId: grant.unitId, role: grant.role, via: from },
      });
    }
    for (const membership of current) {
      if (membership.source !== from || wanted.some((g) => g.unitId === membership.unit_id && g.role === membership.role)) continue;
      await tx.execute(sql`update memberships set ends_on = ${today}::date where id = ${membership.id}::uuid`);
      await recordAudit(tx, who, source, {
        action: 'identity.role_unmapped',
        recordType: 'user',
        recordId: userId,
        recordTenantId: tenantId,
        details: { unitId: membership.unit_id, role: membership.role, via: from },
      });
    }
    const roles = await queryRows<{ role: Role }>(
      tx,
      sql`select m.role from memberships m join units u on u.id = m.unit_id where m.user_id = ${userId}::uuid and u.active
           and m.starts_on <= ${today}::date and (m.ends_on is null or m.ends_on > ${today}::date)`,
    );
    return roles.map((row) => row.role);
  }

  return { reconcile };
}
