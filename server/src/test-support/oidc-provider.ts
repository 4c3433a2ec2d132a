import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider (`oidc-provider`) on a local port, for the identity tests (issue 19).
 * Who signs in is set by the test (`nextLogin`): the provider's interaction page finishes the
 * login and the consent at once, as a person would after typing their password and a code.
 */
export type ProviderLogin = { accountId: string; claims: Record<string, unknown>; acr?: string; amr?: string[] };

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  nextLogin: ProviderLogin;
  /**
   * Changes the next ID token the token endpoint answers (then resets): the provider's own key
   * signs the changed claims, so only the claims are wrong (audience, expiry, issuer …).
   */
  tamperNextIdToken: ((claims: Record<string, unknown>) => Record<string, unknown>) | undefined;
  /** Signs a token with the provider's own key (for logout tokens built by the test). */
  sign(payload: Record<string, unknown>, options?: { typ?: string }): Promise<string>;
  /** Follows the authorization URL through the provider to the redirect back to Upptäck. */
  authorize(authorizationUrl: string): Promise<URL>;
  close(): Promise<void>;
};

export async function startOidcProvider(options: { redirectUri: string; backchannelLogoutUri: string }): Promise<TestOidcProvider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  const clientId = 'upptack-test';
  const clientSecret = 'a-client-secret-of-the-test-provider-0123456789';
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const state: { nextLogin: ProviderLogin; tamper: TestOidcProvider['tamperNextIdToken'] } = {
    nextLogin: { accountId: 'nobody', claims: {} },
    tamper: undefined,
  };
  const accounts = new Map<string, Record<string, unknown>>();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
        backchannel_logout_uri: options.backchannelLogoutUri,
        backchannel_logout_session_required: true,
      },
    ],
    jwks: { keys: [privateJwk] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, backchannelLogout: { enabled: true } },
    claims: { openid: ['sub', 'acr', 'amr'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    acrValues: ['urn:test:mfa', 'urn:test:password'],
    // Every claim in the ID token, as Entra ID does with its optional claims.
    conformIdTokenClaims: false,
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, ...(accounts.get(sub) ?? {}) }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test-cookie-key-0123456789'] },
  });
  provider.on('server_error', (_ctx, error) => console.error('oidc-provider', error));

  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      void (async () => {
        const login = state.nextLogin;
        accounts.set(login.accountId, login.claims);
        const grant = new provider.Grant({ accountId: login.accountId, clientId });
        grant.addOIDCScope('openid email profile');
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, {
          login: { accountId: login.accountId, ...(login.acr ? { acr: login.acr } : {}), ...(login.amr ? { amr: login.amr } : {}) },
          consent: { grantId },
        });
      })().catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    const tamper = state.tamper;
    if (tamper && req.method === 'POST' && req.url?.startsWith('/token')) {
      state.tamper = undefined;
      // The answer is rewritten before it leaves: the ID token is re-signed with changed claims.
      const end = res.end.bind(res) as (chunk?: unknown) => void;
      (res as { end: (chunk?: unknown) => void }).end = (chunk?: unknown) => {
        void (async () => {
          const body = JSON.parse(String(chunk)) as { id_token?: string };
          if (body.id_token) {
            const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
            body.id_token = await new SignJWT(tamper(claims)).setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid! }).sign(privateKey);
          }
          const text = JSON.stringify(body);
          res.setHeader('content-length', Buffer.byteLength(text));
          end(text);
        })().catch(() => end(chunk));
      };
    }
    callback(req, res);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    get nextLogin() {
      return state.nextLogin;
    },
    set nextLogin(login: ProviderLogin) {
      state.nextLogin = login;
    },
    get tamperNextIdToken() {
      return state.tamper;
    },
    set tamperNextIdToken(tamper) {
      state.tamper = tamper;
    },
    async sign(payload, signOptions = {}) {
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid!, typ: signOptions.typ ?? 'logout+jwt' }).sign(privateKey);
    },
    async authorize(authorizationUrl) {
      // A browser's cookie jar for the provider, and its redirects followed by hand.
      const jar = new Map<string, string>();
      let url = new URL(authorizationUrl);
      for (let hop = 0; hop < 10; hop++) {
        if (!url.href.startsWith(issuer)) return url;
        const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') } });
        for (const cookie of response.headers.getSetCookie()) {
          const [pair] = cookie.split(';');
          const [name, ...value] = pair!.split('=');
          jar.set(name!.trim(), value.join('='));
        }
        const location = response.headers.get('location');
        if (!location) throw new Error(`the provider answered ${response.status} without a redirect: ${await response.text()}`);
        url = new URL(location, url);
      }
      throw new Error('too many redirects at the provider');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
