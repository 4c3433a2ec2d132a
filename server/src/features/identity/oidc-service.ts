import { sql } from 'drizzle-orm';
import * as client from 'openid-client';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { rolesRequireSecondFactor } from '#shared/auth/permissions.ts';
import type { Role } from '#shared/auth/roles.ts';
import type { OidcRefusal } from '#shared/contracts/identity.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { recordAudit, type AuditSource } from '../../platform/audit/audit.ts';
import { verifyTotp } from '../../platform/auth/totp.ts';
import { randomToken, sha256Hex } from '../../platform/crypto/field-encryption.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { createLoginThrottle } from '../auth/index.ts';
import { createRoleMapping } from './role-mapping.ts';
import { clientSecretAad, providerRow, providerUris, type ProviderRow } from './provider-service.ts';

/** How long a sign-in at the provider may take, from the start to the callback. */
const LOGIN_TTL_MS = 10 * 60_000;
/** Clock skew accepted between the provider and this server when checking token times. */
export const CLOCK_TOLERANCE_SECONDS = 60;
/** Discovery documents are fetched again after this long (signing keys follow their own cache). */
const DISCOVERY_TTL_MS = 60 * 60_000;
const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** A logout token older than this is refused, whatever its `exp`. */
const LOGOUT_TOKEN_MAX_AGE_SECONDS = 5 * 60;

const codeVerifierAad = (idHash: string) => `oidc_logins:${idHash}`;

/** A refusal of a sign-in through the provider: the person is sent back to the sign-in page with it. */
export class OidcRefusalError extends Error {
  constructor(
    readonly refusal: OidcRefusal,
    readonly reason: string,
  ) {
    super(`oidc sign-in refused: ${refusal} (${reason})`);
  }
}

type Claims = {
  iss: string;
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  acr?: string;
  amr?: string[];
  sid?: string;
  [claim: string]: unknown;
};

export { mappedRoles } from './role-mapping.ts';

/** Whether the provider proved multi-factor authentication the way the organisation requires. */
export function providerProvedMfa(provider: Pick<ProviderRow, 'mfa_acr_values' | 'mfa_amr_values'>, claims: { acr?: unknown; amr?: unknown }): boolean {
  const acrOk = typeof claims.acr === 'string' && provider.mfa_acr_values.includes(claims.acr);
  const amrOk = Array.isArray(claims.amr) && claims.amr.some((value) => provider.mfa_amr_values.includes(String(value)));
  return acrOk || amrOk;
}

/**
 * Sign-in with an organisation's OpenID Connect provider (issue 19, ADR 0099): authorization code
 * with PKCE, state and nonce through `openid-client`, which also checks the ID token (issuer,
 * audience, signature with the provider's current keys, times with a tolerance, nonce).
 */
export function createOidcService(context: FeatureContext) {
  const { database, clock, sessions, cipher, config } = context;
  const throttle = createLoginThrottle({ database, clock, key: config.lookupKey });
  const configurations = new Map<string, { key: string; at: number; configuration: client.Configuration }>();
  const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

  async function configurationFor(provider: ProviderRow): Promise<client.Configuration> {
    const key = `${provider.issuer}|${provider.client_id}|${provider.client_secret_encrypted}`;
    const cached = configurations.get(provider.tenant_id);
    if (cached && cached.key === key && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.configuration;
    const secret = cipher.decrypt(provider.client_secret_encrypted, clientSecretAad(provider.tenant_id));
    const insecure = provider.issuer.startsWith('http://');
    let configuration: client.Configuration;
    try {
      configuration = await client.discovery(
        new URL(provider.issuer),
        provider.client_id,
        { client_secret: secret, [client.clockTolerance]: CLOCK_TOLERANCE_SECONDS },
        client.ClientSecretPost(secret),
        {
          ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
          timeout: 10,
        },
      );
    } catch (error) {
      throw new OidcRefusalError('provider_unavailable', error instanceof Error ? error.message : 'discovery failed');
    }
    configurations.set(provider.tenant_id, { key, at: Date.now(), configuration });
    return configuration;
  }

  async function providerForDomain(email: string): Promise<ProviderRow | undefined> {
    const domain = email.split('@')[1]?.toLowerCase() ?? '';
    return database.system(async (tx) => {
      const [row] = await queryRows<{ tenant_id: string }>(
        tx,
        sql`select d.tenant_id from identity_provider_domains d join identity_providers p on p.tenant_id = d.tenant_id
             join organisations o on o.id = p.tenant_id where d.domain = ${domain} and p.enabled and o.active`,
      );
      return row ? providerRow(tx, row.tenant_id) : undefined;
    });
  }

  const mapping = createRoleMapping(clock);

  /**
   * Gives the roles the rules map to and ends the roles an earlier sign-in mapped that no longer
   * match; an administrator's own grants and roles from SCIM groups are never touched. Returns the
   * person's current roles afterwards.
   */
  async function applyMapping(tx: Tx, provider: ProviderRow, user: { id: string; tenantId: string }, claims: Claims, source: AuditSource): Promise<Role[]> {
    return mapping.reconcile(tx, provider, user.id, claims, 'oidc', source);
  }

  async function startSession(
    user: { id: string; tenantId: string; securityVersion: number },
    oidc: { issuer: string; sid: string | null; mfa: boolean },
    source: AuditSource,
    details: Record<string, string | boolean | null>,
  ) {
    const units = await database.system((tx) =>
      queryRows<{ unit_id: string }>(tx, sql`select distinct unit_id from memberships where user_id = ${user.id}::uuid`),
    );
    const unit = units.length === 1 ? units[0]!.unit_id : null;
    const { token } = await sessions.create({ userId: user.id, securityVersion: user.securityVersion, stage: 'full', actingUnitId: unit, oidc });
    await database.system((tx) =>
      recordAudit(tx, { actorKind: 'user', actorId: user.id, tenantId: user.tenantId, actingUnitId: unit, roles: [] }, source, {
        action: 'auth.login',
        details: { stage: 'full', method: 'oidc', issuer: oidc.issuer, ...details },
      }),
    );
    return token;
  }

  async function audit(tenantId: string | null, source: AuditSource, refusal: OidcRefusalError) {
    await database.system((tx) =>
      recordAudit(tx, 'system', source, {
        action: 'auth.oidc_refused',
        outcome: 'denied',
        ...(tenantId ? { recordType: 'organisation', recordId: tenantId, recordTenantId: tenantId } : {}),
        details: { refusal: refusal.refusal, reason: refusal.reason.slice(0, 200) },
      }),
    );
  }

  return {
    providerForDomain,

    /** Starts a sign-in: the browser token (cookie) and where to send the person. */
    async start(email: string, returnTo: string, origin: string, source: AuditSource): Promise<{ browserToken: string; redirectUrl: string }> {
      const provider = await providerForDomain(email);
      if (!provider) {
        const refusal = new OidcRefusalError('unknown_domain', 'no provider for the domain');
        await audit(null, source, refusal);
        throw refusal;
      }
      const configuration = await configurationFor(provider);
      const browserToken = randomToken();
      const idHash = sha256Hex(browserToken);
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const expiresAt = new Date(clock.now().getTime() + LOGIN_TTL_MS);
      await database.system(async (tx) => {
        // Clean-up on write: attempts past their ten minutes can never be used again.
        await tx.execute(sql`delete from oidc_logins where expires_at <= app_now()`);
        await tx.execute(
          sql`insert into oidc_logins (id_hash, tenant_id, state, nonce, code_verifier_encrypted, return_to, expires_at)
              values (${idHash}, ${provider.tenant_id}::uuid, ${state}, ${nonce}, ${cipher.encrypt(codeVerifier, codeVerifierAad(idHash))}, ${returnTo}, ${expiresAt.toISOString()}::timestamptz)`,
        );
      });
      const url = client.buildAuthorizationUrl(configuration, {
        redirect_uri: providerUris(origin).redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        login_hint: email,
      });
      return { browserToken, redirectUrl: url.href };
    },

    /**
     * The provider sent the person back. The attempt is consumed first, so a replayed callback
     * finds nothing; every refusal rolls back what it would have created.
     */
    async callback(
      browserToken: string | undefined,
      currentUrl: URL,
      source: AuditSource,
    ): Promise<{ token: string; returnTo: string } | { awaitingTotp: true }> {
      let tenantId: string | null = null;
      try {
        if (!browserToken) throw new OidcRefusalError('expired', 'no sign-in cookie');
        const idHash = sha256Hex(browserToken);
        const [attempt] = await database.system((tx) =>
          queryRows<{ tenant_id: string; state: string; nonce: string; code_verifier_encrypted: string; return_to: string }>(
            tx,
            sql`update oidc_logins set completed_at = app_now() where id_hash = ${idHash} and completed_at is null and expires_at > app_now()
                returning tenant_id, state, nonce, code_verifier_encrypted, return_to`,
          ),
        );
        if (!attempt) throw new OidcRefusalError('expired', 'unknown, used or expired sign-in attempt');
        tenantId = attempt.tenant_id;
        if (currentUrl.searchParams.get('error')) throw new OidcRefusalError('cancelled', `provider error ${currentUrl.searchParams.get('error')}`);
        const provider = await database.system((tx) => providerRow(tx, attempt.tenant_id));
        if (!provider || !provider.enabled) throw new OidcRefusalError('not_allowed', 'provider no longer configured');
        const configuration = await configurationFor(provider);

        let claims: Claims;
        try {
          const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
            pkceCodeVerifier: cipher.decrypt(attempt.code_verifier_encrypted, codeVerifierAad(idHash)),
            expectedState: attempt.state,
            expectedNonce: attempt.nonce,
            idTokenExpected: true,
          });
          const idClaims = tokens.claims();
          if (!idClaims) throw new OidcRefusalError('invalid_response', 'no id token');
          claims = idClaims as unknown as Claims;
        } catch (error) {
          if (error instanceof OidcRefusalError) throw error;
          const code = (error as { error?: string; code?: string }).error ?? (error as { code?: string }).code ?? '';
          const message = error instanceof Error ? error.message : String(error);
          if (code === 'invalid_grant') throw new OidcRefusalError('expired', `${code}: ${message}`);
          if (/fetch failed|ECONNREFUSED|timeout/i.test(message)) throw new OidcRefusalError('provider_unavailable', message);
          throw new OidcRefusalError('invalid_response', `${code}: ${message}`);
        }

        // Everything the sign-in creates happens in one transaction, rolled back by any refusal.
        const outcome = await database.system(async (tx) => {
          const [linked] = await queryRows<{ id: string; tenant_id: string; active: boolean; security_version: number; email: string; totp: boolean }>(
            tx,
            sql`select u.id, u.tenant_id, u.active, u.security_version, u.email, u.totp_enabled_at is not null as totp
                  from identity_links l join users u on u.id = l.user_id where l.issuer = ${claims.iss} and l.subject = ${claims.sub}`,
          );
          let user = linked;
          let created = false;
          if (user && user.tenant_id !== provider.tenant_id) throw new OidcRefusalError('not_allowed', 'linked account in another organisation');
          if (!user) {
            const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : '';
            const domain = email.split('@')[1] ?? '';
            const [allowed] = await queryRows<{ domain: string }>(
              tx,
              sql`select domain from identity_provider_domains where domain = ${domain} and tenant_id = ${provider.tenant_id}::uuid`,
            );
            if (!allowed || claims.email_verified === false) throw new OidcRefusalError('not_allowed', 'no verified email in an allowed domain');
            const [existing] = await queryRows<{
              id: string;
              tenant_id: string;
              active: boolean;
              security_version: number;
              email: string;
              totp: boolean;
              provisioned: boolean;
              linked: boolean;
              system_admin: boolean;
            }>(
              tx,
              sql`select u.id, u.tenant_id, u.active, u.security_version, u.email, u.totp_enabled_at is not null as totp,
                         exists (select 1 from scim_accounts s where s.user_id = u.id and s.tenant_id = ${provider.tenant_id}::uuid) as provisioned,
                         exists (select 1 from identity_links l where l.user_id = u.id) as linked,
                         exists (select 1 from memberships m where m.user_id = u.id and m.role = 'system_admin'
                                   and (m.ends_on is null or m.ends_on > ${stockholmDate(clock.now())}::date)) as system_admin
                    from users u where u.email = ${email}`,
            );
            // An existing account is linked on its first sign-in through the provider only when it
            // is in the provider's own organisation, the email is in one of that organisation's
            // domains (checked above; a domain leads to one organisation) and not marked unverified,
            // it has no provider identity yet, and it is not a system administrator (emergency
            // access stays local). Never across organisations (ADR 0107).
            if (existing) {
              const why =
                existing.tenant_id !== provider.tenant_id
                  ? 'an account of another organisation has this email'
                  : existing.linked
                    ? 'the account is linked to another provider identity'
                    : existing.system_admin
                      ? 'a system administrator is never linked to a provider'
                      : null;
              if (why) throw new OidcRefusalError('not_allowed', why);
            }
            if (existing) {
              await tx.execute(
                sql`insert into identity_links (issuer, subject, tenant_id, user_id) values (${claims.iss}, ${claims.sub}, ${provider.tenant_id}::uuid, ${existing.id}::uuid)`,
              );
              await recordAudit(tx, 'system', source, {
                action: 'identity.account_linked',
                recordType: 'user',
                recordId: existing.id,
                recordTenantId: provider.tenant_id,
                details: { issuer: claims.iss, provisioned: existing.provisioned },
              });
              user = existing;
            }
          }
          if (!user) {
            const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : '';
            const displayName = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
            [user] = await queryRows<{ id: string; tenant_id: string; active: boolean; security_version: number; email: string; totp: boolean }>(
              tx,
              sql`insert into users (tenant_id, email, display_name) values (${provider.tenant_id}::uuid, ${email}, ${displayName})
                  returning id, tenant_id, active, security_version, email, false as totp`,
            );
            await tx.execute(
              sql`insert into identity_links (issuer, subject, tenant_id, user_id) values (${claims.iss}, ${claims.sub}, ${provider.tenant_id}::uuid, ${user!.id}::uuid)`,
            );
            await recordAudit(tx, 'system', source, {
              action: 'identity.account_created',
              recordType: 'user',
              recordId: user!.id,
              recordTenantId: provider.tenant_id,
              details: { issuer: claims.iss },
            });
            created = true;
          }
          if (!user!.active) throw new OidcRefusalError('not_allowed', 'account deactivated');
          const roles = await applyMapping(tx, provider, { id: user!.id, tenantId: provider.tenant_id }, claims, source);
          const mfa = providerProvedMfa(provider, claims);
          const needsSecondFactor = rolesRequireSecondFactor(roles) && !mfa;
          if (needsSecondFactor && !user!.totp) throw new OidcRefusalError('mfa_required', 'no acr/amr from the provider and no authenticator app');
          return { user: user!, created, mfa, needsSecondFactor };
        });

        const sid = typeof claims.sid === 'string' ? claims.sid : null;
        if (outcome.needsSecondFactor) {
          // The platform's own code is still owed: the attempt waits for it (a short while, once).
          await database.system((tx) =>
            tx.execute(sql`update oidc_logins set awaiting_totp_user_id = ${outcome.user.id}::uuid, oidc_sid = ${sid} where id_hash = ${idHash}`),
          );
          return { awaitingTotp: true };
        }
        const token = await startSession(
          { id: outcome.user.id, tenantId: outcome.user.tenant_id, securityVersion: outcome.user.security_version },
          { issuer: claims.iss, sid, mfa: outcome.mfa },
          source,
          { created: outcome.created, providerMfa: outcome.mfa },
        );
        return { token, returnTo: attempt.return_to };
      } catch (error) {
        if (error instanceof OidcRefusalError) await audit(tenantId, source, error);
        throw error;
      }
    },

    /** The second step when the provider did not prove multi-factor: the person's own authenticator code. */
    async completeWithTotp(browserToken: string | undefined, code: string, source: AuditSource & { ip: string }): Promise<string> {
      if (!browserToken) throw new OidcRefusalError('expired', 'no sign-in cookie');
      const idHash = sha256Hex(browserToken);
      const [attempt] = await database.system((tx) =>
        queryRows<{ user_id: string; tenant_id: string; oidc_sid: string | null; issuer: string }>(
          tx,
          sql`select l.awaiting_totp_user_id as user_id, l.tenant_id, l.oidc_sid, p.issuer from oidc_logins l join identity_providers p on p.tenant_id = l.tenant_id
               where l.id_hash = ${idHash} and l.awaiting_totp_user_id is not null and l.expires_at > app_now()`,
        ),
      );
      if (!attempt) throw new OidcRefusalError('expired', 'no sign-in waiting for a code');
      const [user] = await database.system((tx) =>
        queryRows<{
          id: string;
          tenant_id: string;
          email: string;
          security_version: number;
          totp_secret_encrypted: string | null;
          totp_last_step: number | null;
          active: boolean;
        }>(
          tx,
          sql`select id, tenant_id, email, security_version, totp_secret_encrypted, totp_last_step, active from users where id = ${attempt.user_id}::uuid`,
        ),
      );
      if (!user?.active || !user.totp_secret_encrypted) throw new OidcRefusalError('not_allowed', 'account no longer signs in');
      const keys = [throttle.keyFor.email(user.email), throttle.keyFor.ip(source.ip)];
      const reserved = await throttle.reserve(keys);
      if ('wait' in reserved) throw new OidcRefusalError('expired', 'throttled');
      const check = await verifyTotp(cipher.decrypt(user.totp_secret_encrypted, `totp:${user.id}`), code, {
        now: clock.now(),
        lastStep: user.totp_last_step === null ? null : Number(user.totp_last_step),
      });
      // A wrong code stays counted as a failure (the reservation is not released).
      if (!check.valid) throw new OidcRefusalError('mfa_required', 'wrong code');
      const consumed = await database.system(async (tx) => {
        await tx.execute(sql`update users set totp_last_step = ${check.step} where id = ${user.id}::uuid`);
        return queryRows<{ id_hash: string }>(
          tx,
          sql`update oidc_logins set awaiting_totp_user_id = null where id_hash = ${idHash} and awaiting_totp_user_id is not null returning id_hash`,
        );
      });
      if (consumed.length === 0) throw new OidcRefusalError('expired', 'code step already used');
      await throttle.release(reserved.reservation);
      return startSession(
        { id: user.id, tenantId: user.tenant_id, securityVersion: user.security_version },
        { issuer: attempt.issuer, sid: attempt.oidc_sid, mfa: false },
        source,
        { created: false, providerMfa: false, totp: true },
      );
    },

    /**
     * OpenID Connect Back-Channel Logout 1.0: a signed logout token from a configured provider ends
     * the sessions of its `sid`, or every session of its `sub`. Returns false for an invalid token.
     */
    async backchannelLogout(logoutToken: string, source: AuditSource): Promise<boolean> {
      let unverified: JWTPayload;
      try {
        unverified = decodeJwt(logoutToken);
      } catch {
        return false;
      }
      const providers = await database.system((tx) =>
        queryRows<ProviderRow>(tx, sql`select * from identity_providers where issuer = ${String(unverified.iss ?? '')} and enabled`),
      );
      for (const provider of providers) {
        let payload: JWTPayload;
        try {
          const configuration = await configurationFor(provider);
          const jwksUri = configuration.serverMetadata().jwks_uri;
          if (!jwksUri) return false;
          const keys = keySets.get(jwksUri) ?? createRemoteJWKSet(new URL(jwksUri));
          keySets.set(jwksUri, keys);
          ({ payload } = await jwtVerify(logoutToken, keys, {
            issuer: provider.issuer,
            audience: provider.client_id,
            clockTolerance: CLOCK_TOLERANCE_SECONDS,
            maxTokenAge: LOGOUT_TOKEN_MAX_AGE_SECONDS,
            requiredClaims: ['iat', 'jti'],
          }));
        } catch {
          continue;
        }
        const events = payload.events as Record<string, unknown> | undefined;
        const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
        const sub = typeof payload.sub === 'string' ? payload.sub : undefined;
        if (!events || typeof events !== 'object' || !(BACKCHANNEL_EVENT in events) || 'nonce' in payload || (!sid && !sub)) return false;
        const expiresAt = new Date((Number(payload.iat) + LOGOUT_TOKEN_MAX_AGE_SECONDS + CLOCK_TOLERANCE_SECONDS) * 1000);
        const fresh = await database.system(async (tx) => {
          // Clean-up on write, on the provider's clock like the token's own times: a token past
          // its expiry is refused by its age before its `jti` is looked up, so its row can go.
          await tx.execute(sql`delete from oidc_logout_tokens where expires_at <= ${new Date().toISOString()}::timestamptz`);
          return queryRows<{ jti: string }>(
            tx,
            sql`insert into oidc_logout_tokens (issuer, jti, expires_at) values (${provider.issuer}, ${String(payload.jti)}, ${expiresAt.toISOString()}::timestamptz)
                on conflict do nothing returning jti`,
          );
        });
        if (fresh.length === 0) return false;
        const ended = await database.system(async (tx) => {
          const rows = sub
            ? await queryRows<{ user_id: string }>(
                tx,
                sql`update sessions s set revoked_at = app_now() from identity_links l
                     where l.issuer = ${provider.issuer} and l.subject = ${sub} and s.user_id = l.user_id and s.revoked_at is null
                       ${sid ? sql`and s.oidc_sid = ${sid}` : sql``} returning s.user_id`,
              )
            : await queryRows<{ user_id: string }>(
                tx,
                sql`update sessions set revoked_at = app_now() where oidc_issuer = ${provider.issuer} and oidc_sid = ${sid!} and revoked_at is null returning user_id`,
              );
          await recordAudit(tx, 'system', source, {
            action: 'auth.oidc_backchannel_logout',
            recordType: 'organisation',
            recordId: provider.tenant_id,
            recordTenantId: provider.tenant_id,
            details: { sessionsEnded: rows.length, bySid: sid !== undefined },
          });
          return rows.length;
        });
        return ended >= 0;
      }
      return false;
    },
  };
}
