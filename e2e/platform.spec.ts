import { expect, signInAs, test } from './support/fixtures.ts';

test.describe('the platform shell', () => {
  test('the public start page: Swedish, safe, accessible, no cookie, no third party', async ({ page, context, expectAccessible, thirdPartyRequests }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toBe('no-store');
    expect(response?.headers()['set-cookie']).toBeUndefined();
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Information och stöd');
    await expectAccessible();
    expect(await context.cookies()).toEqual([]);
    expect(thirdPartyRequests).toEqual([]);
  });

  test('the quick exit comes first in the tab order, the skip link second', async ({ page, expectAccessible }) => {
    await page.goto('/');
    await expectAccessible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Lämna sidan snabbt' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Hoppa till innehållet' })).toBeFocused();
  });

  test('the accessibility statement is reachable from every public page', async ({ page, ui, expectAccessible }) => {
    await page.goto('/');
    await expectAccessible();
    await ui.activate(page.getByRole('link', { name: 'Tillgänglighetsredogörelse' }));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tillgänglighetsredogörelse för Upptäck');
    await expectAccessible();
  });

  test('staff sign in and see what their role can do, with the DEMO banner', async ({ page, ui, expectAccessible }) => {
    await signInAs(page, ui, expectAccessible, 'handlaggare.fk@demo.upptack.se');
    await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
    await expect(page.getByRole('note')).toContainText('DEMO');
    await expect(page.getByText('Sjukpenning Falun').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Fråga om våld' })).toBeVisible();
    await expectAccessible('start page');
    await ui.activate(page.getByRole('link', { name: 'Behörighetstabellen' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Behörigheter' })).toBeVisible();
    await expectAccessible('permissions');
    await ui.activate(page.getByRole('button', { name: 'Logga ut' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
    await expectAccessible('after logout');
  });

  test('an empty sign-in form: each message in the summary names its field (issue 22)', async ({ page, ui, expectAccessible }) => {
    await page.goto('/personal/logga-in');
    await ui.activate(page.getByRole('button', { name: 'Logga in' }));
    await expect(page.getByRole('alert').getByRole('link', { name: /^E-postadress: / })).toBeVisible();
    await expect(page.getByRole('alert').getByRole('link', { name: /^Lösenord: / })).toBeVisible();
    await expectAccessible('empty form');
  });

  test('a wrong password shows the error summary, keeps the email, and focuses the summary', async ({ page, ui, expectAccessible }) => {
    await page.goto('/personal/logga-in');
    await expectAccessible();
    await ui.fill(page.getByLabel('E-postadress'), 'handlaggare.fk@demo.upptack.se');
    await ui.fill(page.getByLabel('Lösenord', { exact: true }), 'fel lösenord helt enkelt');
    await ui.activate(page.getByRole('button', { name: 'Logga in' }));
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('Fel e-postadress, lösenord eller engångskod.');
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Fel: /);
    await expect(page.getByLabel('E-postadress')).toHaveValue('handlaggare.fk@demo.upptack.se');
    await expectAccessible('with errors');
  });
});
