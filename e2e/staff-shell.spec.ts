import { expect, signInAs, test } from './support/fixtures.ts';

test.describe('the staff frame', () => {
  test('the skip link comes first and moves focus to the main content; the landmarks are there', async ({ page, ui, expectAccessible }) => {
    await signInAs(page, ui, expectAccessible, 'samordnare.fk@demo.upptack.se');
    await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
    await expectAccessible('start page');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Hoppa till innehållet' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    for (const role of ['banner', 'main', 'contentinfo'] as const) await expect(page.getByRole(role)).toHaveCount(1);
    await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
    await expectAccessible('after skipping');
  });

  test('the start page leads to each capability the role may use and says where it may not', async ({ page, ui, expectAccessible }) => {
    await signInAs(page, ui, expectAccessible, 'handlaggare.fk@demo.upptack.se');
    await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: /Fråga om våld/ })).toBeVisible();
    await expect(page.getByText('Din roll ger ingen behörighet här.').first()).toBeVisible();
    await expectAccessible('start page');
    await ui.activate(page.getByRole('main').getByRole('link', { name: /Fråga om våld/ }));
    await expect(page).toHaveURL(/\/personal\/fraga$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Fråga om våld' })).toBeVisible();
    await expectAccessible('encounter list');
  });

  test('at 320 × 640 the header takes at most about a quarter of the screen (issue 22)', async ({ page, ui, expectAccessible }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await signInAs(page, ui, expectAccessible, 'handlaggare.fk@demo.upptack.se');
    await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Logga ut' })).toBeVisible();
    const banner = await page.getByRole('banner').boundingBox();
    expect(banner).not.toBeNull();
    expect(banner!.height).toBeLessThanOrEqual(640 / 4);
    await expectAccessible('start page at 320 px');
  });

  test('switches the interface to English and sets the page language', async ({ page, ui, expectAccessible }) => {
    await signInAs(page, ui, expectAccessible, 'handlaggare.fk@demo.upptack.se');
    await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
    await expectAccessible('start page');
    await ui.activate(page.getByRole('button', { name: 'In English' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expectAccessible('in English');
    await ui.activate(page.getByRole('button', { name: 'På svenska' }));
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  });
});
