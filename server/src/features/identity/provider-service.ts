import { sql } from 'drizzle-orm';
import type { IdentityProvider, IdentityProviderRequest, MappingRule } from '#shared/contracts/identity.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import { assertCanGrant, noGrantInRequest } from '../../platform/access/grants.ts';
import type { FieldCipher } from '../../platform/crypto/field-encryption.ts';
import { textArray, uuidArray } from '../../platform/db/array-parameter.ts';
import { queryRows, sqlConstraint, sqlState, type Tx } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound, pick } from '../../platform/errors/app-error.ts';
import type { Caller } from '../administration/index.ts';

/** The client secret is bound to its organisation by associated data (ENCRYPTED_COLUMNS). */
export const clientSecretAad = (tenantId: string) => `identity_providers:${tenantId}`;

export type ProviderRow = {
  tenant_id: string;
  issuer: string;
  client_id: string;
  client_secret_encrypted: string;
  mfa_acr_values: string[];
  mfa_amr_values: string[];
  local_passwords: boolean;
  mapping_rules: MappingRule[];
  rules_written_by: string | null;
  enabled: boolean;
  version: number;
};

export async function providerRow(tx: Tx, tenantId: string): Promise<ProviderRow | undefined> {
  const [row] = await queryRows<ProviderRow>(tx, sql`select * from identity_providers where tenant_id = ${tenantId}::uuid`);
  return row;
}

/** Where the provider sends the person back, and where it posts logout tokens. */
export function providerUris(origin: string) {
  return { redirectUri: `${origin}/api/v1/auth/oidc/callback`, backchannelLogoutUri: `${origin}/api/v1/auth/oidc/backchannel-logout` };
}

/**
 * A system administrator's configuration of an organisation's identity provider (issue 19, ADR
 * 0099). Every mapping rule is a grant of a role in a unit: it is checked against the writer's own
 * grants with the one grant rule (ADR 0082) here, and again when it is applied at sign-in.
 */
export function createProviderService(deps: { cipher: FieldCipher }) {
  const { cipher } = deps;

  async function domainsOf(tx: Tx, tenantId: string): Promise<string[]> {
    const rows = await queryRows<{ domain: string }>(tx, sql`select domain from identity_provider_domains where tenant_id = ${tenantId}::uuid order by domain`);
    return rows.map((row) => row.domain);
  }

  function toProvider(row: ProviderRow, domains: string[], origin: string): IdentityProvider {
    return {
      organisationId: row.tenant_id,
      issuer: row.issuer,
      clientId: row.client_id,
      clientSecretSet: row.client_secret_encrypted.length > 0,
      emailDomains: domains,
      mfaAcrValues: row.mfa_acr_values,
      mfaAmrValues: row.mfa_amr_values,
      localPasswords: row.local_passwords,
      mappingRules: row.mapping_rules,
      enabled: row.enabled,
      version: row.version,
      ...providerUris(origin),
    };
  }

  return {
    async get(caller: Caller, tenantId: string, origin: string): Promise<IdentityProvider | null> {
      return caller.dbIn(tenantId, async (tx) => {
        const row = await providerRow(tx, tenantId);
        return row ? toProvider(row, await domainsOf(tx, tenantId), origin) : null;
      });
    },

    async put(caller: Caller, tenantId: string, input: IdentityProviderRequest, origin: string): Promise<IdentityProvider> {
      return caller.dbIn(tenantId, async (tx) => {
        const [organisation] = await queryRows(tx, sql`select id from organisations where id = ${tenantId}::uuid`);
        if (!organisation) throw notFound();
        const unitIds = [...new Set(input.mappingRules.map((rule) => rule.unitId))];
        const known = unitIds.length
          ? await queryRows<{ id: string }>(tx, sql`select id from units where tenant_id = ${tenantId}::uuid and active and id = any(${uuidArray(unitIds)})`)
          : [];
        if (input.mappingRules.length === 0) noGrantInRequest();
        input.mappingRules.forEach((rule, index) => {
          if (!known.some((unit) => unit.id === rule.unitId)) {
            throw invalidField(
              `mappingRules.${index}.unitId`,
              'not_found',
              pick(validationMessages, (m) => m.required),
            );
          }
          assertCanGrant(caller.actor, { kind: 'role', role: rule.role, target: { tenantId, unitId: rule.unitId } });
        });

        const before = await providerRow(tx, tenantId);
        if (!before && !input.clientSecret) {
          throw invalidField(
            'clientSecret',
            'identity_secret_required',
            pick(validationMessages, (m) => m.identity_secret_required),
          );
        }
        if (before && input.version !== before.version) throw new AppError('version_conflict');
        const secret = input.clientSecret ? cipher.encrypt(input.clientSecret, clientSecretAad(tenantId)) : before!.client_secret_encrypted;
        const writer = caller.actor.kind === 'user' ? caller.actor.userId : null;
        const values = sql`${input.issuer}, ${input.clientId}, ${secret}, ${textArray(input.mfaAcrValues)}, ${textArray(input.mfaAmrValues)},
          ${input.localPasswords}, ${JSON.stringify(input.mappingRules)}::jsonb, ${writer}::uuid, ${input.enabled}`;
        const [row] = before
          ? await queryRows<ProviderRow>(
              tx,
              sql`update identity_providers set (issuer, client_id, client_secret_encrypted, mfa_acr_values, mfa_amr_values, local_passwords,
                    mapping_rules, rules_written_by, enabled) = (${values}), version = version + 1, updated_at = app_now()
                  where tenant_id = ${tenantId}::uuid and version = ${before.version} returning *`,
            )
          : await queryRows<ProviderRow>(
              tx,
              sql`insert into identity_providers (tenant_id, issuer, client_id, client_secret_encrypted, mfa_acr_values, mfa_amr_values,
                    local_passwords, mapping_rules, rules_written_by, enabled) values (${tenantId}::uuid, ${values}) returning *`,
            );
        if (!row) throw new AppError('version_conflict');

        await tx.execute(sql`delete from identity_provider_domains where tenant_id = ${tenantId}::uuid`);
        const domains = [...new Set(input.emailDomains)];
        for (const [index, domain] of domains.entries()) {
          try {
            await tx.transaction((inner) =>
              inner.execute(sql`insert into identity_provider_domains (domain, tenant_id) values (${domain}, ${tenantId}::uuid)`),
            );
          } catch (error) {
            if (sqlState(error) === '23505' || sqlConstraint(error) === 'identity_provider_domains_pkey') {
              throw invalidField(
                `emailDomains.${index}`,
                'identity_domain_taken',
                pick(validationMessages, (m) => m.identity_domain_taken),
              );
            }
            throw error;
          }
        }

        await caller.audit(tx, {
          action: before ? 'identity_providers.update' : 'identity_providers.create',
          recordType: 'organisation',
          recordId: tenantId,
          recordTenantId: tenantId,
          // What changed, never the secret itself.
          details: {
            issuer: row.issuer,
            clientId: row.client_id,
            secretChanged: input.clientSecret !== undefined,
            emailDomains: domains.join(','),
            mfaAcrValues: row.mfa_acr_values.join(','),
            mfaAmrValues: row.mfa_amr_values.join(','),
            localPasswords: row.local_passwords,
            mappingRules: JSON.stringify(row.mapping_rules),
            enabled: row.enabled,
          },
        });
        return toProvider(row, domains.sort(), origin);
      });
    },
  };
}
