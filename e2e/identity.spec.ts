import crypto from 'node:crypto';
import { generate } from 'otplib';
import { demoId } from '../server/src/platform/demo/demo-ids.ts';
import { expect, serverNow, signInAs, test, type Ui } from './support/fixtures.ts';
import type { Page } from '@playwright/test';

/**
 * Identity journeys (issue 3): a new account from creation to sign-in with password and TOTP,
 * the idle warning and logout, isolation by URL, and an auditor finding a read.
 *
 * The idle journey moves the browser's clock (Playwright's clock hook) instead of waiting 15
 * minutes: the staff app counts the server's remaining idle time on the browser clock, so moving
 * it shows the warning and the logout exactly as a real idle user would see them.
 */

// Without motion, axe never measures a colour halfway through a transition (a button that
// moved away from under the pointer is still fading from its hover colour).
test.use({ reducedMotion: 'reduce' });

async function signOut(page: Page, ui: Ui) {
  await ui.activate(page.getByRole('button', { name: 'Logga ut' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
}

/** The 30-second step of the server's clock, as far as this process can tell (within a second or so). */
const currentStep = () => Math.floor(serverNow() / 30_000);

/**
 * A code the server accepts after the enrolment's: each step is accepted once, one step of drift
 * either way. The current step when it is past the enrolment's, else the next one; never "current
 * + 1" at once, which an estimate of the server's clock a little ahead would push out of reach.
 */
async function codeAfter(secret: string, enrolmentStep: number): Promise<string> {
  return generate({ secret, epoch: Math.max(currentStep(), enrolmentStep + 1) * 30 });
}

test('a new account: created by an administrator, password chosen by link, TOTP enrolled with the QR page, then sign-in with password and code', async ({
  page,
  ui,
  expectAccessible,
}, testInfo) => {
  const email = `ny.${testInfo.project.name}.${crypto.randomBytes(3).toString('hex')}@test.upptack.se`;
  const password = 'gröna fåglar sjunger tidigt';

  await signInAs(page, ui, expectAccessible, 'samordnare.fk@demo.upptack.se');
  await expectAccessible('start');
  await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await expectAccessible('administration');
  await ui.activate(page.getByRole('link', { name: 'Användare och roller' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Användare och roller' })).toBeVisible();
  await expectAccessible('users');
  await ui.activate(page.getByRole('link', { name: 'Ny användare' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Ny användare' })).toBeVisible();
  await expectAccessible('new user');
  await ui.activate(page.getByRole('button', { name: 'Skapa kontot' }));
  await expect(page.getByRole('alert')).toContainText('Det finns fel i formuläret');
  await expectAccessible('new user with errors');
  await ui.fill(page.getByLabel('Namn'), 'Nora Nyanställd');
  await ui.fill(page.getByLabel('E-postadress'), email);
  // Not Sjukpenning Falun: the competence journey counts that unit's caseworkers on the same server.
  await ui.select(page.getByRole('combobox', { name: /^Enhet/ }), demoId('unit:fk-sjukpenning-borlange'));
  await ui.select(page.getByRole('combobox', { name: /^Roll/ }), 'caseworker');
  // The job role, apart from the permission role, is what follow-up's staff shares count (ADR 0116).
  await ui.select(page.getByRole('combobox', { name: /^Befattning/ }), 'caseworker');
  await ui.activate(page.getByRole('button', { name: 'Skapa kontot' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Kontot för Nora Nyanställd är skapat.' })).toBeVisible();
  await expectAccessible('user created');
  // The creator never sees the link (ADR 0084): without a mail server a second administrator
  // releases it to hand over.
  await expect(page.getByText('En annan administratör tar fram länken')).toBeVisible();
  await expect(page.locator('code.secret-value')).toHaveCount(0);
  await ui.activate(page.getByRole('link', { name: 'Gå till användaren' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Nora Nyanställd' })).toBeVisible();
  await expectAccessible('user with a waiting set-up link');
  await expect(page.getByRole('row').filter({ hasText: /Handläggare.*Borlänge.*Handläggare/ })).toBeVisible();
  await expect(page.getByText('Du begärde den – en annan administratör måste godkänna')).toBeVisible();
  const userPage = page.url();
  await signOut(page, ui);
  await expectAccessible('signed out');

  await signInAs(page, ui, expectAccessible, 'admin@demo.upptack.se');
  await expectAccessible('start, second administrator');
  await page.goto(userPage);
  await expect(page.getByRole('heading', { level: 1, name: 'Nora Nyanställd' })).toBeVisible();
  await expectAccessible('second administrator on the user page');
  await ui.activate(page.getByRole('button', { name: 'Ta fram länken för att lämna över' }));
  const link = (await page.locator('code.secret-value').textContent())!.trim();
  expect(link).toMatch(/\/personal\/nytt-losenord#[A-Za-z0-9_-]{43}$/);
  await expectAccessible('link released for hand-over');
  await signOut(page, ui);
  await expectAccessible('signed out again');

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Välj lösenord' })).toBeVisible();
  await expectAccessible('choose password');
  await ui.fill(page.getByLabel('Nytt lösenord'), '1qaz2wsx3edc4rfv');
  await ui.activate(page.getByRole('button', { name: 'Spara lösenordet' }));
  await expect(page.getByRole('alert')).toContainText('Lösenordet finns i listor över läckta eller vanliga lösenord');
  await expectAccessible('weak password refused');
  await ui.fill(page.getByLabel('Nytt lösenord'), password);
  await ui.activate(page.getByRole('button', { name: 'Spara lösenordet' }));
  await expect(page.getByText('Lösenordet är sparat.')).toBeVisible();
  await expectAccessible('password chosen');
  await ui.activate(page.getByRole('link', { name: 'Logga in' }));

  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await expectAccessible('login after setup');
  await ui.fill(page.getByLabel('E-postadress'), email);
  await ui.fill(page.getByLabel('Lösenord', { exact: true }), password);
  await ui.activate(page.getByRole('button', { name: 'Logga in' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Tvåstegsverifiering' })).toBeVisible();
  await expectAccessible('enrolment start');
  await ui.activate(page.getByRole('button', { name: 'Visa QR-koden' }));
  await expect(page.getByRole('img', { name: 'QR-kod som lägger till Upptäck i din app för engångskoder' })).toBeVisible();
  await expectAccessible('enrolment QR code');
  const secret = (await page.locator('code.totp-secret').textContent())!.replaceAll(' ', '');
  const enrolmentStep = currentStep();
  await ui.fill(page.getByLabel('Engångskod från appen'), await generate({ secret, epoch: enrolmentStep * 30 }));
  await ui.activate(page.getByRole('button', { name: 'Bekräfta' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Spara dina reservkoder' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Reservkoder' }).getByRole('listitem')).toHaveCount(10);
  await expectAccessible('recovery codes');
  await ui.activate(page.getByRole('button', { name: 'Jag har sparat koderna – fortsätt' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
  await expectAccessible('start after enrolment');
  await signOut(page, ui);

  await ui.fill(page.getByLabel('E-postadress'), email);
  await ui.fill(page.getByLabel('Lösenord', { exact: true }), password);
  await ui.activate(page.getByRole('button', { name: 'Logga in' }));
  await expect(page.getByLabel('Engångskod')).toBeVisible();
  await expectAccessible('asks for the one-time code');
  await ui.fill(page.getByLabel('Engångskod'), await codeAfter(secret, enrolmentStep));
  await ui.activate(page.getByRole('button', { name: 'Logga in' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
  await expect(page.getByText('Inloggad som Nora Nyanställd')).toBeVisible();
  await expectAccessible('signed in with password and code');
  await ui.activate(page.getByRole('link', { name: 'Mitt konto' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Mitt konto' })).toBeVisible();
  await expectAccessible('my account');
});

test('the idle warning appears before the idle logout, "stay" keeps the session, and idling on signs out on the server too', async ({
  page,
  ui,
  expectAccessible,
}) => {
  await page.clock.install();
  await signInAs(page, ui, expectAccessible, 'handlaggare.fk@demo.upptack.se');
  await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
  await expectAccessible('start');
  const warning = page.getByRole('alertdialog', { name: 'Du loggas snart ut' });
  await expect(warning).toHaveCount(0);

  await page.clock.fastForward('13:30');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('loggas du ut om 2 minuter');
  await expectAccessible('idle warning');
  await ui.activate(warning.getByRole('button', { name: 'Fortsätt vara inloggad' }));
  await expect(warning).toHaveCount(0);

  await page.clock.fastForward('13:30');
  await expect(warning).toBeVisible();
  await page.clock.fastForward('02:00');
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await expect(page.getByText('Du har loggats ut eftersom du inte gjort något på en stund.')).toBeVisible();
  await expectAccessible('signed out for inactivity');
  await expect.poll(async () => (await (await page.request.get('/api/v1/auth/session')).json()).signedIn).toBe(false);
});

test('a caseworker cannot reach another agency’s record by URL, and a coordinator meets "not found"', async ({ page, ui, expectAccessible }) => {
  const foreignUser = demoId('user:af-caseworker');
  const foreignUnit = demoId('unit:af-falun');

  await signInAs(page, ui, expectAccessible, 'handlaggare.fk@demo.upptack.se');
  await expectAccessible('start');
  await page.goto(`/personal/administration/anvandare/${foreignUser}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Du har inte behörighet' })).toBeVisible();
  await expect(page.getByText('Ali Handläggare')).toHaveCount(0);
  await expectAccessible('caseworker refused');
  expect((await page.request.get(`/api/v1/admin/users/${foreignUser}`)).status()).toBe(403);
  await signOut(page, ui);

  await signInAs(page, ui, expectAccessible, 'samordnare.fk@demo.upptack.se');
  await expectAccessible('start');
  await page.goto(`/personal/administration/anvandare/${foreignUser}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sidan finns inte' })).toBeVisible();
  await expect(page.getByText('Ali Handläggare')).toHaveCount(0);
  await expectAccessible('another agency’s user: not found');
  await page.goto(`/personal/administration/enheter/${foreignUnit}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sidan finns inte' })).toBeVisible();
  await expect(page.getByText('Arbetsförmedlingen Falun')).toHaveCount(0);
  await expectAccessible('another agency’s unit: not found');
});

test('an auditor finds a coordinator’s read of a staff record in the audit search', async ({ page, ui, expectAccessible }) => {
  await signInAs(page, ui, expectAccessible, 'samordnare.fk@demo.upptack.se');
  await expectAccessible('start');
  await page.goto('/personal/administration/anvandare');
  await expect(page.getByRole('heading', { level: 1, name: 'Användare och roller' })).toBeVisible();
  await expectAccessible('users');
  await ui.activate(page.getByRole('link', { name: 'Lena Handläggare' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Lena Handläggare' })).toBeVisible();
  await expectAccessible('user page');
  await signOut(page, ui);

  await signInAs(page, ui, expectAccessible, 'granskare.fk@demo.upptack.se');
  await expectAccessible('start');
  await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Granskning' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Granskningslogg' })).toBeVisible();
  await expectAccessible('audit search');
  await ui.fill(page.getByRole('textbox', { name: /^Användare/ }), 'Sara');
  await ui.fill(page.getByLabel('Åtgärd (kod)'), 'users.read');
  await ui.fill(page.getByLabel('Uppgiftens id'), demoId('user:fk-caseworker-borlange'));
  await ui.activate(page.getByRole('button', { name: 'Sök' }));
  const table = page.getByRole('table', { name: 'Händelser, nyast först' });
  await expect(table.getByRole('row').filter({ hasText: 'Öppnade en användare' }).first()).toContainText('Sara Samordnare');
  await expect(page.getByRole('link', { name: 'Ladda ner sökresultatet som CSV' })).toHaveAttribute('href', /events\.csv\?.*action=users\.read/);
  await expectAccessible('audit results');
});

test('administering units, service accounts and organisations', async ({ page, ui, expectAccessible }, testInfo) => {
  const name = `Testenhet ${testInfo.project.name} ${crypto.randomBytes(2).toString('hex')}`;
  await signInAs(page, ui, expectAccessible, 'samordnare.fk@demo.upptack.se');
  await expectAccessible('start');
  await page.goto('/personal/administration/enheter');
  await expect(page.getByRole('heading', { level: 1, name: 'Enheter' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sjukpenning Falun' })).toBeVisible();
  await expectAccessible('units');
  await ui.activate(page.getByRole('link', { name: 'Ny enhet' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Ny enhet' })).toBeVisible();
  await expectAccessible('new unit');
  await ui.fill(page.getByLabel('Namn'), name);
  await ui.select(page.getByLabel('Överordnad enhet'), demoId('unit:fk-sjukforsakring-mitt'));
  await ui.fill(page.getByLabel('Kommunkod (valfri)'), '2080');
  await ui.activate(page.getByRole('button', { name: 'Skapa enheten' }));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expectAccessible('unit created');
  await ui.fill(page.getByLabel('Namn'), `${name} omdöpt`);
  await ui.activate(page.getByRole('button', { name: 'Spara' }));
  await expect(page.getByRole('heading', { level: 1, name: `${name} omdöpt` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Ändringar av enheten' })).toContainText('Nytt namn');
  await ui.activate(page.getByRole('button', { name: 'Avaktivera enheten' }));
  await expect(page.getByRole('button', { name: 'Aktivera enheten igen' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Ändringar av enheten' })).toContainText('Avaktiverad');
  await expectAccessible('unit deactivated');

  await page.goto('/personal/administration/tjanstekonton');
  await expect(page.getByRole('heading', { level: 1, name: 'Tjänstekonton' })).toBeVisible();
  await expectAccessible('service accounts');
  const system = `Ärendesystem ${testInfo.project.name} ${crypto.randomBytes(2).toString('hex')}`;
  await ui.fill(page.getByLabel('Namn'), system);
  await ui.select(page.getByRole('combobox', { name: /^Enhet/ }), demoId('unit:fk-sjukpenning-falun'));
  await ui.choose(page.getByLabel('Se enheter'));
  await ui.activate(page.getByRole('button', { name: 'Skapa tjänstekontot' }));
  await expect(page.getByRole('heading', { name: `Nyckel för ${system}` })).toBeVisible();
  await expect(page.locator('code.secret-value')).toHaveText(/^upk_/);
  await expectAccessible('service account created');
  const firstKey = await page.locator('code.secret-value').textContent();
  await ui.activate(page.getByRole('button', { name: `Byt nyckel för ${system}` }));
  await expect(page.locator('code.secret-value')).not.toHaveText(firstKey ?? '');
  await expect(page.getByText(/Den gamla nyckeln fungerar till/)).toBeVisible();
  await expectAccessible('service account key changed');
  await ui.activate(page.getByRole('button', { name: `Återkalla ${system}` }));
  await expect(page.getByRole('table', { name: 'Tjänstekonton' }).getByRole('row').filter({ hasText: system })).toContainText('Återkallad');
  await expectAccessible('service account revoked');
  await signOut(page, ui);

  await signInAs(page, ui, expectAccessible, 'admin@demo.upptack.se');
  await expectAccessible('start');
  await page.goto('/personal/administration/organisationer');
  await expect(page.getByRole('heading', { level: 1, name: 'Organisationer' })).toBeVisible();
  await expectAccessible('organisations');
  const code = `KJ-${crypto.randomBytes(2).toString('hex').toUpperCase()}`;
  await ui.select(page.getByLabel('Typ'), 'shelter');
  await ui.fill(page.getByLabel('Namn', { exact: true }), `Kvinnojouren ${code}`);
  await ui.fill(page.getByRole('textbox', { name: /^Kod/ }), code);
  await ui.activate(page.getByRole('button', { name: 'Lägg till organisationen' }));
  await expect(page.getByText(`Organisationen Kvinnojouren ${code} är tillagd.`)).toBeVisible();
  await expectAccessible('organisation added');
  await page.goto('/personal/behorigheter');
  await expect(page.getByRole('table', { name: 'Roller och vem som får ge dem' })).toBeVisible();
  await expectAccessible('permissions');
});
