import { demoUserId } from '../server/src/platform/demo/demo-ids.ts';
import { formatDateTime } from '../shared/time/stockholm.ts';
import { expect, serverNow, signInAs, test, type Ui } from './support/fixtures.ts';
import type { Page } from '@playwright/test';

/**
 * The in-app security notice (issue 16 item 3, ADR 0084): a person whose password an
 * administrator reset is told on the start page, for 30 days, when it happened and what to do if
 * they did not ask for it. The whole reset runs as in production without a mail server: one
 * administrator asks, a second releases the link to hand over, the person chooses a password.
 * Lena (Sjukpenning Borlänge) is used by no other journey; each project gives her a password of
 * its own, and on one server each run adds one notice (the newest is listed first).
 */

// Without motion, axe never measures a colour halfway through a transition.
test.use({ reducedMotion: 'reduce' });

const PERSON = 'handlaggare.borlange.fk@demo.upptack.se';

async function signOut(page: Page, ui: Ui) {
  await ui.activate(page.getByRole('button', { name: 'Logga ut' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
}

test('after an administrator resets a password, the person is told on the start page when and what to do, readable by keyboard', async ({
  page,
  ui,
  expectAccessible,
}, testInfo) => {
  const password = `blå cyklar ${testInfo.project.name} rullar sakta`;
  const userPage = `/personal/administration/anvandare/${demoUserId('fk-caseworker-borlange')}`;

  const notice = page.getByRole('heading', { level: 2, name: 'Ändringar av ditt konto' });
  const box = page.locator('.message-box--warning').filter({ has: notice });
  const resets = box.getByRole('listitem').filter({ hasText: 'En administratör återställde ditt lösenord' });

  // One administrator asks for a new password link: the old password stops working, no link for
  // them. Nobody reset theirs: their start page has no notice.
  await signInAs(page, ui, expectAccessible, 'samordnare.fk@demo.upptack.se');
  await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
  await expect(notice).toHaveCount(0);
  await expectAccessible('start without a notice');
  await page.goto(userPage);
  await expect(page.getByRole('heading', { level: 1, name: 'Lena Handläggare' })).toBeVisible();
  await expectAccessible('user page, first administrator');
  await ui.activate(page.getByRole('button', { name: 'Skapa ny lösenordslänk' }));
  await expect(page.getByText('En annan administratör tar fram länken')).toBeVisible();
  await expect(page.locator('code.secret-value')).toHaveCount(0);
  await expectAccessible('password link requested');
  await signOut(page, ui);

  // A second administrator releases the link to hand over.
  await signInAs(page, ui, expectAccessible, 'admin@demo.upptack.se');
  await page.goto(userPage);
  await expect(page.getByRole('heading', { level: 1, name: 'Lena Handläggare' })).toBeVisible();
  await expectAccessible('user page, second administrator');
  await ui.activate(page.getByRole('button', { name: 'Ta fram länken för att lämna över' }));
  const link = (await page.locator('code.secret-value').textContent())!.trim();
  expect(link).toMatch(/\/personal\/nytt-losenord#[A-Za-z0-9_-]{43}$/);
  await expectAccessible('link released');
  await signOut(page, ui);

  // The person chooses a password with the link and signs in.
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Välj lösenord' })).toBeVisible();
  await expectAccessible('choose password');
  await ui.fill(page.getByLabel('Nytt lösenord'), password);
  await ui.activate(page.getByRole('button', { name: 'Spara lösenordet' }));
  await expect(page.getByText('Lösenordet är sparat.')).toBeVisible();
  await expectAccessible('password chosen');
  await ui.activate(page.getByRole('link', { name: 'Logga in' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await expectAccessible('login after the reset');
  await ui.fill(page.getByLabel('E-postadress'), PERSON);
  await ui.fill(page.getByLabel('Lösenord', { exact: true }), password);
  await ui.activate(page.getByRole('button', { name: 'Logga in' }));
  await expect(page.getByRole('button', { name: 'Logga ut' })).toBeVisible();

  // The start page tells them: a warning box with its own heading, when, and whom to contact.
  await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
  await expect(notice).toBeVisible();
  // The newest first, with the day (the server's: its clock is the suite's) and time it happened.
  const today = formatDateTime(new Date(serverNow())).replace(/\s\d{2}:\d{2}$/, '');
  await expect(resets.first()).toContainText(`lösenord ${today}`);
  await expect(resets.first()).toHaveText(/^En administratör återställde ditt lösenord \d{1,2} \p{L}+\.? \d{4}.*\d{1,2}[:.]\d{2}\.?$/u);
  await expect(box).toContainText('Var det inte du som bad om det? Kontakta din organisations administratör.');
  await expectAccessible('start with the security notice');

  // By keyboard: the notice comes before the page's links in reading and Tab order, so a keyboard
  // user passes it before anything else the page offers.
  const firstLink = page.getByRole('main').getByRole('link').first();
  const noticeFirst = await page.evaluate(
    ([heading]) => {
      const main = document.querySelector('main');
      const headingElement = [...(main?.querySelectorAll('h2') ?? [])].find((h) => h.textContent === heading);
      const link = main?.querySelector('a[href]');
      return Boolean(headingElement && link && headingElement.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING);
    },
    ['Ändringar av ditt konto'],
  );
  expect(noticeFirst).toBe(true);
  await ui.tabTo(firstLink);
  await expect(firstLink).toBeFocused();
});
