import { expect, signInAs, test } from './support/fixtures.ts';

test.describe('pages that do not exist', () => {
  test('a public address that does not exist answers 404 with an accessible Swedish page', async ({ page, expectAccessible }) => {
    const response = await page.goto('/finns-inte');
    expect(response?.status()).toBe(404);
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sidan finns inte');
    await expect(page.getByRole('link', { name: 'Lämna sidan snabbt' })).toBeVisible();
    await expectAccessible();
  });

  test('a staff address that does not exist says so inside the staff frame', async ({ page, ui, expectAccessible }) => {
    await signInAs(page, ui, expectAccessible, 'handlaggare.mv@demo.upptack.se');
    await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
    await expectAccessible('start page');
    await page.goto('/personal/finns-inte');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sidan finns inte');
    await expect(page.getByRole('note')).toContainText('DEMO');
    await expectAccessible('staff not found');
  });
});
