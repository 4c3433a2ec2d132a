import crypto from 'node:crypto';
import { startOidcProvider, type TestOidcProvider } from '../server/src/test-support/oidc-provider.ts';
import { expect, signInAs, test } from './support/fixtures.ts';

/**
 * Sign-in with the organisation's own identity provider (issue 19), in Chromium against a real
 * OpenID provider (`oidc-provider`, started here on a local port). A system administrator
 * configures the provider for a demo organisation on the staff page; a person of that
 * organisation's email domain is led to the provider from the sign-in page and comes back signed
 * in, with the role a mapping rule gives. The provider's own pages are the library's (its
 * interaction finishes at once here), so only Upptäck's pages get the axe check.
 *
 * Both projects share one server: each run uses its own email domain and replaces the
 * organisation's configuration (the demo accounts sign in with passwords and keep doing so).
 */
test.use({ reducedMotion: 'reduce' });

let provider: TestOidcProvider;

test.beforeAll(async () => {
  const base = process.env.E2E_BASE_URL!;
  provider = await startOidcProvider({
    redirectUri: `${base}/api/v1/auth/oidc/callback`,
    backchannelLogoutUri: `${base}/api/v1/auth/oidc/backchannel-logout`,
  });
});
test.afterAll(async () => {
  await provider?.close();
});

test('a system administrator connects an organisation’s provider; its staff sign in through it and get the mapped role', async ({
  page,
  ui,
  expectAccessible,
}, testInfo) => {
  const domain = `e2e-${testInfo.project.name}-${crypto.randomBytes(3).toString('hex')}.example.se`;
  const group = `g-${crypto.randomBytes(3).toString('hex')}`;

  await signInAs(page, ui, expectAccessible, 'admin@demo.upptack.se');
  await expectAccessible('start');
  const organisations = (await (await page.request.get('/api/v1/admin/organisations')).json()) as { organisations: Array<{ id: string; code: string }> };
  const fk = organisations.organisations.find((organisation) => organisation.code === 'FK')!;
  await page.goto(`/personal/administration/organisationer/${fk.id}/inloggning`);
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggning via organisationens egen tjänst' })).toBeVisible();
  await expectAccessible('provider page');

  await ui.fill(page.getByLabel('Utfärdare (issuer)'), provider.issuer);
  await ui.fill(page.getByLabel('Klient-id'), provider.clientId);
  await ui.fill(page.getByLabel('Klienthemlighet'), provider.clientSecret);
  await ui.fill(page.getByLabel('E-postdomäner'), domain);
  const rules = page.getByRole('group', { name: /^Regel \d+$/ });
  // The other project's run left its rule: this run's replaces it.
  while ((await rules.count()) > 0) await ui.activate(page.getByRole('button', { name: 'Ta bort regel 1' }));
  await ui.activate(page.getByRole('button', { name: 'Lägg till regel' }));
  const rule = rules.first();
  await ui.fill(rule.getByLabel(/^Anspråk/), 'groups');
  await ui.fill(rule.getByLabel(/^Värde/), group);
  const unitSelect = rule.getByRole('combobox', { name: /^Enhet/ });
  const unitId = await unitSelect.locator('option').nth(1).getAttribute('value');
  await ui.select(unitSelect, unitId!);
  await ui.select(rule.getByRole('combobox', { name: /^Roll/ }), 'knowledge_editor');
  await expectAccessible('provider page filled in');
  await ui.activate(page.getByRole('button', { name: 'Spara', exact: true }));
  await expect(page.getByText('Inställningarna är sparade.')).toBeVisible();
  await expectAccessible('provider saved');
  await ui.activate(page.getByRole('button', { name: 'Logga ut' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await expectAccessible('signed out');

  // An email domain no organisation has: refused on the field, in Swedish.
  await ui.fill(page.getByLabel('E-post på jobbet'), `someone@okand-${domain}`);
  await ui.activate(page.getByRole('button', { name: 'Fortsätt till din organisations inloggning' }));
  await expect(page.getByText('Din e-postdomän är inte kopplad', { exact: false }).first()).toBeVisible();
  await expectAccessible('unknown domain');

  // A person of the organisation: to the provider and back, signed in with the mapped role.
  const email = `fia.federerad@${domain}`;
  provider.nextLogin = {
    accountId: `sub-${crypto.randomBytes(6).toString('hex')}`,
    claims: { email, email_verified: true, name: 'Fia Federerad', groups: [group] },
  };
  await ui.fill(page.getByLabel('E-post på jobbet'), email);
  await ui.activate(page.getByRole('button', { name: 'Fortsätt till din organisations inloggning' }));
  await expect(page.getByRole('button', { name: 'Logga ut' })).toBeVisible();
  await expectAccessible('signed in through the provider');
  const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { user: { email: string; displayName: string }; roles: string[] };
  expect(session).toMatchObject({ user: { email, displayName: 'Fia Federerad' }, roles: ['knowledge_editor'] });

  // The provider's answer replayed in the same browser: refused, with the reason in Swedish.
  await ui.activate(page.getByRole('button', { name: 'Logga ut' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await page.goto('/api/v1/auth/oidc/callback?code=used-or-unknown&state=not-this-one');
  await expect(page).toHaveURL(/inloggning=expired/);
  await expect(page.getByText('tog för lång tid eller har redan använts', { exact: false }).first()).toBeVisible();
  await expectAccessible('refused sign-in');
});
