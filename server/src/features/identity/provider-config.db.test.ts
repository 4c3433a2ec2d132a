import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit } from '../../test-support/builders.ts';
import { anonymous, createTestApp, signIn, type ApiClient, type TestApp } from '../../test-support/test-app.ts';
import { mappedRoles, providerProvedMfa } from './oidc-service.ts';

/** A system administrator configures an organisation's provider (issue 19): validated, audited, the secret kept. */
describe('identity provider configuration', () => {
  let app: TestApp;
  let unit: TestUnit;
  let foreign: TestUnit;
  let admin: ApiClient;
  const url = () => `/api/v1/admin/organisations/${unit.tenantId}/identity-provider`;
  const body = (changes: Record<string, unknown> = {}) => ({
    issuer: 'https://login.microsoftonline.com/0000/v2.0',
    clientId: 'upptack-fk',
    emailDomains: ['fk-config.example.se'],
    mfaAcrValues: ['urn:se:mfa'],
    localPasswords: true,
    mappingRules: [{ claim: 'groups', value: 'a1b2', unitId: unit.id, role: 'caseworker' }],
    ...changes,
  });

  beforeAll(async () => {
    app = await createTestApp({ config: { publicUrl: 'https://upptack.example.se' } });
    unit = await createUnit(app.database, { organisation: 'FK' });
    foreign = await createUnit(app.database, { organisation: 'AF' });
    admin = await signIn(app, await createUser(app.database, { unit, roles: ['system_admin'] }));
  });
  afterAll(() => app.close());

  it('stores the client secret encrypted, never answers it, and audits the change without it', async () => {
    expect((await admin.get(url())).json()).toEqual({ provider: null });
    const missingSecret = await admin.put(url(), body());
    expect(missingSecret.problem().errors[0]).toMatchObject({ field: 'clientSecret', message: 'Ange klienthemligheten första gången inloggningen ställs in' });
    const saved = await admin.put(url(), body({ clientSecret: 'the-very-secret-value' }));
    expect(saved.status, saved.body).toBe(200);
    expect(saved.body).not.toContain('the-very-secret-value');
    expect(saved.json()).toMatchObject({
      clientSecretSet: true,
      emailDomains: ['fk-config.example.se'],
      redirectUri: 'https://upptack.example.se/api/v1/auth/oidc/callback',
      backchannelLogoutUri: 'https://upptack.example.se/api/v1/auth/oidc/backchannel-logout',
      version: 1,
    });
    const [stored] = await app.database.system((tx) =>
      queryRows<{ client_secret_encrypted: string }>(tx, sql`select client_secret_encrypted from identity_providers where tenant_id = ${unit.tenantId}::uuid`),
    );
    expect(stored!.client_secret_encrypted).toMatch(/^v1\./);
    expect(app.context.cipher.decrypt(stored!.client_secret_encrypted, `identity_providers:${unit.tenantId}`)).toBe('the-very-secret-value');
    // An update without a secret keeps the stored one.
    const updated = await admin.put(url(), body({ clientId: 'upptack-fk-2', version: 1 }));
    expect(updated.json()).toMatchObject({ clientId: 'upptack-fk-2', clientSecretSet: true, version: 2 });
    const events = await app.database.system((tx) =>
      queryRows<{ action: string; details: Record<string, unknown> }>(
        tx,
        sql`select action, details from audit_events where action like 'identity_providers.%' order by seq`,
      ),
    );
    expect(events.map((e) => e.action)).toEqual(['identity_providers.create', 'identity_providers.update']);
    expect(JSON.stringify(events)).not.toContain('the-very-secret-value');
    expect((await admin.put(url(), body({ version: 1 }))).status).toBe(409);
  });

  it('refuses an issuer without https, a malformed domain, a unit of another organisation and a domain another organisation uses', async () => {
    const invalid = await admin.put(url(), body({ issuer: 'http://login.example.org', emailDomains: ['not a domain'], clientSecret: 's' }));
    expect(
      invalid
        .problem()
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['emailDomains.0', 'issuer']);
    const current = (await admin.get(url())).json<{ provider: { version: number } }>().provider.version;
    const foreignUnit = await admin.put(
      url(),
      body({ version: current, mappingRules: [{ claim: 'groups', value: 'x', unitId: foreign.id, role: 'caseworker' }] }),
    );
    expect(foreignUnit.problem().errors[0]!.field).toBe('mappingRules.0.unitId');
    const other = await admin.put(`/api/v1/admin/organisations/${foreign.tenantId}/identity-provider`, body({ clientSecret: 's', mappingRules: [] }));
    expect(other.problem().errors[0]).toMatchObject({ field: 'emailDomains.0', message: 'Domänen leder redan till en annan organisations inloggning' });
  });

  it('never maps to the system administrator role', async () => {
    const response = await admin.put(url(), body({ mappingRules: [{ claim: 'groups', value: 'x', unitId: unit.id, role: 'system_admin' }] }));
    expect(response.status).toBe(400);
    expect(response.problem().errors[0]!.field).toBe('mappingRules.0.role');
  });

  it('is for system administrators only', async () => {
    const coordinator = await signIn(app, await createUser(app.database, { unit, roles: ['agency_coordinator'] }));
    expect((await coordinator.get(url())).status).toBe(403);
  });

  it('switches local passwords off for the organisation but not for its system administrators', async () => {
    const current = (await admin.get(url())).json<{ provider: { version: number } }>().provider.version;
    expect((await admin.put(url(), body({ version: current, localPasswords: false }))).status).toBe(200);
    const staff = await createUser(app.database, { unit, roles: ['knowledge_editor'] });
    const refused = await anonymous(app).post('/api/v1/auth/login', { email: staff.email, password: staff.password });
    expect(refused.status).toBe(403);
    expect(refused.json().detail).toMatch(/egen inloggningstjänst/);
    const emergency = await createUser(app.database, { unit, roles: ['system_admin'] });
    await expect(signIn(app, emergency)).resolves.toBeDefined();
    const elsewhere = await createUser(app.database, { unit: foreign, roles: ['knowledge_editor'] });
    await expect(signIn(app, elsewhere)).resolves.toBeDefined();
  });
});

describe('mapping rules and multi-factor claims', () => {
  const unitId = '00000000-0000-4000-8000-000000000001';
  it('matches a string claim by equality and a list claim by membership', () => {
    const rules = [
      { claim: 'groups', value: 'g1', unitId, role: 'caseworker' as const },
      { claim: 'department', value: 'Ekonomi', unitId, role: 'manager' as const },
    ];
    expect(mappedRoles(rules, { groups: ['g0', 'g1'], department: 'Ekonomi' })).toEqual([
      { unitId, role: 'caseworker' },
      { unitId, role: 'manager' },
    ]);
    expect(mappedRoles(rules, { groups: 'g1x', department: ['Annat'] })).toEqual([]);
  });

  it('counts a required acr, or any required amr value', () => {
    const provider = { mfa_acr_values: ['urn:se:mfa'], mfa_amr_values: ['mfa', 'otp'] };
    expect(providerProvedMfa(provider, { acr: 'urn:se:mfa' })).toBe(true);
    expect(providerProvedMfa(provider, { amr: ['pwd', 'otp'] })).toBe(true);
    expect(providerProvedMfa(provider, { acr: 'urn:se:password', amr: ['pwd'] })).toBe(false);
    expect(providerProvedMfa(provider, {})).toBe(false);
  });
});
