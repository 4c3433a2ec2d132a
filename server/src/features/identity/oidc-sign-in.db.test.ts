import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcRefusalMessages } from '#shared/contracts/identity.ts';
import { newTotpSecret } from '../../platform/auth/totp.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createUnit, createUser, type TestUnit } from '../../test-support/builders.ts';
import { startOidcProvider, type ProviderLogin, type TestOidcProvider } from '../../test-support/oidc-provider.ts';
import { anonymous, ApiClient, createTestApp, nextTotp, signIn, type TestApp } from '../../test-support/test-app.ts';

/**
 * Sign-in with an organisation's own provider (issue 19) against a real OpenID provider: the
 * whole authorization code flow with PKCE, and each refusal with its Swedish reason and nothing
 * created.
 */
const ORIGIN = 'http://upptack.test';
const DOMAIN = 'fk-idp.test.se';

describe('sign-in with the organisation’s OpenID provider', () => {
  let app: TestApp;
  let provider: TestOidcProvider;
  let unit: TestUnit;
  let admin: ApiClient;
  let version: number;

  const uniqueSub = () => `sub-${crypto.randomBytes(6).toString('hex')}`;
  const person = (partial: Partial<ProviderLogin> & { email?: string; groups?: string[] } = {}): ProviderLogin => {
    const accountId = partial.accountId ?? uniqueSub();
    return {
      accountId,
      claims: {
        email: partial.email ?? `${accountId}@${DOMAIN}`,
        email_verified: true,
        name: 'Fia Federerad',
        groups: partial.groups ?? ['g-coordinators'],
        ...partial.claims,
      },
      ...(partial.acr ? { acr: partial.acr } : {}),
      ...(partial.amr ? { amr: partial.amr } : {}),
    };
  };

  /** Starts at Upptäck, goes through the provider and comes back to the callback. */
  async function startSignIn(email: string) {
    const started = await anonymous(app).post('/api/v1/auth/oidc/start', { email });
    expect(started.status).toBe(200);
    const cookie = String(started.headers['set-cookie']).match(/upptack_oidc=([^;]+)/)![1]!;
    return { cookie: `upptack_oidc=${cookie}`, redirectUrl: started.json<{ redirectUrl: string }>().redirectUrl };
  }
  async function callback(url: URL, cookie: string) {
    return app.server.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { cookie } });
  }
  async function signInThroughProvider(login: ProviderLogin) {
    provider.nextLogin = login;
    const { cookie, redirectUrl } = await startSignIn(String(login.claims.email));
    const back = await provider.authorize(redirectUrl);
    const response = await callback(back, cookie);
    return { response, cookie, back };
  }
  const sessionOf = (response: Awaited<ReturnType<typeof callback>>) => {
    const session = response.cookies.find((c) => c.name === 'upptack_session');
    return session ? new ApiClient(app.server, { cookie: `upptack_session=${session.value}` }) : undefined;
  };
  const refusal = (response: Awaited<ReturnType<typeof callback>>) => new URL(String(response.headers.location), ORIGIN).searchParams.get('inloggning');
  async function created(sub: string, email: string) {
    return app.database.system(async (tx) => ({
      links: (await queryRows(tx, sql`select 1 from identity_links where subject = ${sub}`)).length,
      users: (await queryRows(tx, sql`select 1 from users where email = ${email}`)).length,
    }));
  }
  async function configure(changes: Record<string, unknown>) {
    const response = await admin.put(`/api/v1/admin/organisations/${unit.tenantId}/identity-provider`, {
      issuer: provider.issuer,
      clientId: provider.clientId,
      emailDomains: [DOMAIN],
      mfaAcrValues: ['urn:test:mfa'],
      mfaAmrValues: ['mfa'],
      localPasswords: true,
      mappingRules: [{ claim: 'groups', value: 'g-coordinators', unitId: unit.id, role: 'knowledge_editor' }],
      version,
      ...changes,
    });
    expect(response.status, response.body).toBe(200);
    version = response.json<{ version: number }>().version;
    return response;
  }

  beforeAll(async () => {
    app = await createTestApp({ config: { publicUrl: ORIGIN } });
    provider = await startOidcProvider({
      redirectUri: `${ORIGIN}/api/v1/auth/oidc/callback`,
      backchannelLogoutUri: `${ORIGIN}/api/v1/auth/oidc/backchannel-logout`,
    });
    unit = await createUnit(app.database, { organisation: 'FK' });
    admin = await signIn(app, await createUser(app.database, { unit, roles: ['system_admin'] }));
    const first = await admin.put(`/api/v1/admin/organisations/${unit.tenantId}/identity-provider`, {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      emailDomains: [DOMAIN],
      mfaAcrValues: ['urn:test:mfa'],
      localPasswords: true,
      mappingRules: [{ claim: 'groups', value: 'g-coordinators', unitId: unit.id, role: 'knowledge_editor' }],
    });
    expect(first.status, first.body).toBe(200);
    version = first.json<{ version: number }>().version;
  });
  afterAll(async () => {
    await provider.close();
    await app.close();
  });

  it('creates the account just in time, gives the mapped role and starts a session like a local sign-in', async () => {
    const login = person();
    const { response } = await signInThroughProvider(login);
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe('/personal/');
    const client = sessionOf(response)!;
    const session = await client.get('/api/v1/auth/session');
    expect(session.json()).toMatchObject({
      signedIn: true,
      stage: 'full',
      user: { email: login.claims.email, displayName: 'Fia Federerad' },
      roles: ['knowledge_editor'],
      actingUnitId: unit.id,
    });
    const [audit] = await app.database.system((tx) =>
      queryRows<{ details: Record<string, unknown> }>(
        tx,
        sql`select details from audit_events where action = 'auth.login' and details->>'method' = 'oidc' order by seq desc limit 1`,
      ),
    );
    expect(audit!.details).toMatchObject({ method: 'oidc', created: true, issuer: provider.issuer });
  });

  it('finds the account again by issuer and subject, not by email, and ends a mapped role the claims no longer give', async () => {
    const login = person();
    await signInThroughProvider(login);
    const renamed = person({ accountId: login.accountId, email: `renamed-${login.accountId}@${DOMAIN}`, groups: [] });
    const { response } = await signInThroughProvider(renamed);
    const session = await sessionOf(response)!.get('/api/v1/auth/session');
    expect(session.json()).toMatchObject({ signedIn: true, user: { email: login.claims.email }, roles: [] });
  });

  it('links an existing local account of the same organisation on its first sign-in, audited, and only once', async () => {
    const local = await createUser(app.database, { unit, email: `local-${crypto.randomBytes(4).toString('hex')}@${DOMAIN}`, roles: ['knowledge_editor'] });
    const login = person({ email: local.email, groups: [] });
    const { response } = await signInThroughProvider(login);
    expect((await sessionOf(response)!.get('/api/v1/auth/session')).json()).toMatchObject({
      signedIn: true,
      user: { id: local.id },
      roles: ['knowledge_editor'],
    });
    const [audit] = await app.database.system((tx) =>
      queryRows<{ details: Record<string, unknown> }>(
        tx,
        sql`select details from audit_events where action = 'identity.account_linked' and record_id = ${local.id}`,
      ),
    );
    expect(audit!.details).toMatchObject({ issuer: provider.issuer, provisioned: false });
    // Another subject with the same email never takes the linked account over.
    const other = person({ email: local.email, groups: [] });
    const second = await signInThroughProvider(other);
    expect(refusal(second.response)).toBe('not_allowed');
    expect((await created(other.accountId, local.email)).links).toBe(0);
  });

  it('never links across organisations, a system administrator, or an email the provider marks unverified', async () => {
    const foreignUnit = await createUnit(app.database, { organisation: 'MV' });
    const hex = () => crypto.randomBytes(4).toString('hex');
    const foreign = await createUser(app.database, { unit: foreignUnit, email: `foreign-${hex()}@${DOMAIN}`, roles: ['knowledge_editor'] });
    const emergency = await createUser(app.database, { unit, email: `admin-${hex()}@${DOMAIN}`, roles: ['system_admin'] });
    const local = await createUser(app.database, { unit, email: `unverified-${hex()}@${DOMAIN}`, roles: [] });
    for (const login of [
      person({ email: foreign.email, groups: [] }),
      person({ email: emergency.email, groups: [] }),
      person({ email: local.email, groups: [], claims: { email_verified: false } }),
    ]) {
      const { response } = await signInThroughProvider(login);
      expect(refusal(response)).toBe('not_allowed');
      expect(sessionOf(response)).toBeUndefined();
      expect((await created(login.accountId, String(login.claims.email))).links).toBe(0);
    }
  });

  describe('an ID token the provider signed but whose claims are wrong is refused, and nothing is created', () => {
    const cases: Array<[string, (claims: Record<string, unknown>) => Record<string, unknown>]> = [
      ['another audience', (claims) => ({ ...claims, aud: 'another-client' })],
      ['an expired token', (claims) => ({ ...claims, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })],
      ['another issuer', (claims) => ({ ...claims, iss: 'https://evil.example.org' })],
      ['another nonce', (claims) => ({ ...claims, nonce: 'not-the-nonce-sent' })],
    ];
    for (const [name, tamper] of cases) {
      it(name, async () => {
        const login = person();
        provider.tamperNextIdToken = tamper;
        const { response } = await signInThroughProvider(login);
        expect(provider.tamperNextIdToken).toBeUndefined();
        expect(response.headers.location).toBe('/personal/logga-in?inloggning=invalid_response');
        expect(oidcRefusalMessages.sv.invalid_response).toMatch(/inte giltigt/);
        expect(sessionOf(response)).toBeUndefined();
        expect(await created(login.accountId, String(login.claims.email))).toEqual({ links: 0, users: 0 });
      });
    }
  });

  it('links an account the organisation provisioned (SCIM) on its first sign-in, once', async () => {
    const provisioned = await createUser(app.database, { unit, email: `scim-${crypto.randomBytes(4).toString('hex')}@${DOMAIN}`, roles: [] });
    await app.database.system((tx) =>
      tx.execute(sql`insert into scim_accounts (user_id, tenant_id, external_id) values (${provisioned.id}::uuid, ${unit.tenantId}::uuid, 'obj-42')`),
    );
    const { response } = await signInThroughProvider(person({ email: provisioned.email, groups: [] }));
    expect((await sessionOf(response)!.get('/api/v1/auth/session')).json()).toMatchObject({ signedIn: true, user: { id: provisioned.id } });
    // Another subject of the provider with the same email is not linked to it as well.
    const second = await signInThroughProvider(person({ email: provisioned.email, groups: [] }));
    expect(refusal(second.response)).toBe('not_allowed');
  });

  it('refuses an unknown email domain with a Swedish message on the email field', async () => {
    const response = await anonymous(app).post('/api/v1/auth/oidc/start', { email: 'someone@okand-doman.example.org' });
    expect(response.status).toBe(400);
    expect(response.problem().errors[0]).toMatchObject({ field: 'email', message: oidcRefusalMessages.sv.unknown_domain });
  });

  it('refuses a replayed callback: the attempt works once and the code once', async () => {
    const login = person();
    const { response, cookie, back } = await signInThroughProvider(login);
    expect(sessionOf(response)).toBeDefined();
    const replay = await callback(back, cookie);
    expect(refusal(replay)).toBe('expired');
    expect(sessionOf(replay)).toBeUndefined();
    // A new attempt in the same browser with the old code: the provider refuses the used code.
    const fresh = await startSignIn(String(login.claims.email));
    const state = new URL(fresh.redirectUrl).searchParams.get('state')!;
    const reused = new URL(back);
    reused.searchParams.set('state', state);
    const second = await callback(reused, fresh.cookie);
    expect(refusal(second)).toBe('expired');
    expect(sessionOf(second)).toBeUndefined();
  });

  it('refuses a response from another issuer (RFC 9207 iss) and creates nothing', async () => {
    const login = person();
    provider.nextLogin = login;
    const { cookie, redirectUrl } = await startSignIn(String(login.claims.email));
    const back = await provider.authorize(redirectUrl);
    back.searchParams.set('iss', 'https://evil.example.org');
    const response = await callback(back, cookie);
    expect(refusal(response)).toBe('invalid_response');
    expect(await created(login.accountId, String(login.claims.email))).toEqual({ links: 0, users: 0 });
  });

  it('refuses an ID token whose nonce is not the one this attempt sent, and creates nothing', async () => {
    const login = person();
    provider.nextLogin = login;
    const { cookie, redirectUrl } = await startSignIn(String(login.claims.email));
    await app.database.system((tx) => tx.execute(sql`update oidc_logins set nonce = 'another-nonce' where completed_at is null`));
    const response = await callback(await provider.authorize(redirectUrl), cookie);
    expect(refusal(response)).toBe('invalid_response');
    expect(await created(login.accountId, String(login.claims.email))).toEqual({ links: 0, users: 0 });
  });

  it('refuses an attempt that took too long', async () => {
    const login = person();
    provider.nextLogin = login;
    const { cookie, redirectUrl } = await startSignIn(String(login.claims.email));
    const back = await provider.authorize(redirectUrl);
    app.clock.advance(11 * 60_000);
    const response = await callback(back, cookie);
    expect(refusal(response)).toBe('expired');
    expect(await created(login.accountId, String(login.claims.email))).toEqual({ links: 0, users: 0 });
  });

  it('refuses a callback without the browser’s sign-in cookie (a link sent by someone else)', async () => {
    const login = person();
    provider.nextLogin = login;
    const { redirectUrl } = await startSignIn(String(login.claims.email));
    const response = await callback(await provider.authorize(redirectUrl), 'upptack_oidc=not-this-browser');
    expect(refusal(response)).toBe('expired');
    expect(await created(login.accountId, String(login.claims.email))).toEqual({ links: 0, users: 0 });
  });

  describe('multi-factor', () => {
    beforeAll(async () => {
      await configure({ mappingRules: [{ claim: 'groups', value: 'g-caseworkers', unitId: unit.id, role: 'caseworker' }] });
    });

    it('starts the session when the provider proves multi-factor with a required acr', async () => {
      const { response } = await signInThroughProvider(person({ groups: ['g-caseworkers'], acr: 'urn:test:mfa' }));
      const session = await sessionOf(response)!.get('/api/v1/auth/session');
      expect(session.json()).toMatchObject({ signedIn: true, stage: 'full', roles: ['caseworker'] });
    });

    it('refuses a role that reads individual-level data without the acr and without an authenticator app, and creates nothing', async () => {
      const login = person({ groups: ['g-caseworkers'], acr: 'urn:test:password' });
      const { response } = await signInThroughProvider(login);
      expect(refusal(response)).toBe('mfa_required');
      expect(oidcRefusalMessages.sv.mfa_required).toMatch(/tvåstegsverifiering/);
      expect(await created(login.accountId, String(login.claims.email))).toEqual({ links: 0, users: 0 });
      const [refused] = await app.database.system((tx) =>
        queryRows<{ outcome: string }>(
          tx,
          sql`select outcome from audit_events where action = 'auth.oidc_refused' and details->>'refusal' = 'mfa_required' order by seq desc limit 1`,
        ),
      );
      expect(refused!.outcome).toBe('denied');
    });

    it('asks for the platform’s own code when the provider did not prove multi-factor and the person has an app', async () => {
      const login = person({ groups: ['g-caseworkers'], acr: 'urn:test:mfa' });
      const first = await signInThroughProvider(login);
      const userId = (await sessionOf(first.response)!.get('/api/v1/auth/session')).json<{ user: { id: string } }>().user.id;
      const secret = newTotpSecret();
      await app.database.system((tx) =>
        tx.execute(
          sql`update users set totp_secret_encrypted = ${app.context.cipher.encrypt(secret, `totp:${userId}`)}, totp_enabled_at = app_now() where id = ${userId}::uuid`,
        ),
      );
      provider.nextLogin = person({ accountId: login.accountId, groups: ['g-caseworkers'] });
      const { cookie, redirectUrl } = await startSignIn(String(login.claims.email));
      const back = await callback(await provider.authorize(redirectUrl), cookie);
      expect(back.headers.location).toBe('/personal/logga-in?inloggning=engangskod');
      expect(sessionOf(back)).toBeUndefined();
      const wrong = await app.server.inject({
        method: 'POST',
        url: '/api/v1/auth/oidc/totp',
        headers: { cookie, 'content-type': 'application/json' },
        payload: JSON.stringify({ totp: '000000' }),
      });
      expect(wrong.statusCode, wrong.body).toBe(401);
      const done = await app.server.inject({
        method: 'POST',
        url: '/api/v1/auth/oidc/totp',
        headers: { cookie, 'content-type': 'application/json' },
        payload: JSON.stringify({ totp: await nextTotp(app, secret) }),
      });
      expect(done.statusCode, done.body).toBe(200);
      expect(JSON.parse(done.body)).toMatchObject({ signedIn: true, stage: 'full', roles: ['caseworker'] });
    });
  });

  describe('back-channel logout', () => {
    async function signedInWithSid() {
      await configure({ mappingRules: [] });
      const login = person({ groups: [] });
      const { response } = await signInThroughProvider(login);
      const client = sessionOf(response)!;
      const [row] = await app.database.system((tx) =>
        queryRows<{ oidc_sid: string | null }>(
          tx,
          sql`select s.oidc_sid from sessions s join identity_links l on l.user_id = s.user_id where l.subject = ${login.accountId} and s.revoked_at is null`,
        ),
      );
      return { client, sub: login.accountId, sid: row!.oidc_sid };
    }
    const logoutToken = (claims: Record<string, unknown>) =>
      provider.sign({
        iss: provider.issuer,
        aud: provider.clientId,
        iat: Math.floor(Date.now() / 1000),
        jti: crypto.randomUUID(),
        events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
        ...claims,
      });
    const post = (token: string) =>
      app.server.inject({
        method: 'POST',
        url: '/api/v1/auth/oidc/backchannel-logout',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `logout_token=${encodeURIComponent(token)}`,
      });

    it('ends the sessions of the provider’s session id at once, and accepts a token once', async () => {
      const { client, sub, sid } = await signedInWithSid();
      expect(sid).toBeTruthy();
      const token = await logoutToken({ sid, sub });
      expect((await post(token)).statusCode).toBe(200);
      expect((await client.get('/api/v1/auth/session')).json()).toMatchObject({ signedIn: false });
      expect((await post(token)).statusCode).toBe(400);
    });

    it('ends every session of the subject when the token names only sub', async () => {
      const { client, sub } = await signedInWithSid();
      expect((await post(await logoutToken({ sub }))).statusCode).toBe(200);
      expect((await client.get('/api/v1/auth/session')).json()).toMatchObject({ signedIn: false });
    });

    it('refuses a logout token with a wrong audience, a nonce, no event, no sid or sub, or a foreign signature', async () => {
      const { client, sub, sid } = await signedInWithSid();
      const refused = [
        await logoutToken({ sid, aud: 'another-client' }),
        await logoutToken({ sid, nonce: 'n' }),
        await logoutToken({ sid, events: { 'http://example.org/other': {} } }),
        await logoutToken({}),
        await logoutToken({ sid, iat: Math.floor(Date.now() / 1000) - 3600 }),
        await logoutToken({ sid, iss: 'https://evil.example.org' }),
        'not-a-token',
      ];
      for (const token of refused) expect((await post(token)).statusCode).toBe(400);
      expect((await client.get('/api/v1/auth/session')).json()).toMatchObject({ signedIn: true });
      expect(sub).toBeTruthy();
    });
  });

  describe('clean-up', () => {
    it('removes sign-in attempts past their ten minutes when the next one starts', async () => {
      const { cookie } = await startSignIn(`old-${uniqueSub()}@${DOMAIN}`);
      const hash = crypto.createHash('sha256').update(cookie.split('=')[1]!).digest('hex');
      const count = async () => (await app.database.system((tx) => queryRows(tx, sql`select 1 from oidc_logins where id_hash = ${hash}`))).length;
      expect(await count()).toBe(1);
      app.clock.advance(11 * 60_000);
      await startSignIn(`new-${uniqueSub()}@${DOMAIN}`);
      expect(await count()).toBe(0);
      const [left] = await app.database.system((tx) =>
        queryRows<{ n: number }>(tx, sql`select count(*)::int as n from oidc_logins where expires_at <= app_now()`),
      );
      expect(left!.n).toBe(0);
    });

    it('removes used logout tokens once they expire, and keeps the ones that could still be replayed', async () => {
      await app.database.system((tx) =>
        tx.execute(sql`insert into oidc_logout_tokens (issuer, jti, expires_at) values (${provider.issuer}, 'expired-jti', now() - interval '1 minute'),
                                                                                      (${provider.issuer}, 'live-jti', now() + interval '5 minutes')`),
      );
      const token = await provider.sign({
        iss: provider.issuer,
        aud: provider.clientId,
        iat: Math.floor(Date.now() / 1000),
        jti: crypto.randomUUID(),
        sub: 'nobody-signed-in',
        events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
      });
      const posted = await app.server.inject({
        method: 'POST',
        url: '/api/v1/auth/oidc/backchannel-logout',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `logout_token=${encodeURIComponent(token)}`,
      });
      expect(posted.statusCode).toBe(200);
      const jtis = await app.database.system((tx) =>
        queryRows<{ jti: string }>(tx, sql`select jti from oidc_logout_tokens where jti in ('expired-jti', 'live-jti')`),
      );
      expect(jtis.map((row) => row.jti)).toEqual(['live-jti']);
    });
  });
});
