import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, signInAs, test } from './support/fixtures.ts';

/**
 * A draft of a client with protected identity (issue 16, migration 0179): after the session ends
 * mid-encounter and the caseworker signs in again, the resumed draft no longer shows the
 * municipality they chose — it is kept on the server, the start step says so — and the encounter
 * is saved with the place withheld. Ulla (Underhållsstöd Göteborg) is used by no other journey;
 * the encounter is saved, so no draft is left behind.
 */
test.use({ reducedMotion: 'reduce' });

const PERSON = 'handlaggare.underhall.fk@demo.upptack.se';
/** A routine that asks, on the phone (its own facts are filled in). */
const FK_PROCESS = 'Sjukpenning och rehabiliteringsersättning – utredning av återgång i arbete';
const group = (page: Page, question: RegExp) => page.getByRole('group', { name: question });
const WITHHELD = 'Klienten har skyddade personuppgifter: kommunen du valde är sparad men visas inte igen.';

test('a resumed draft of a client with protected identity keeps the municipality on the server and shows it to nobody', async ({
  page,
  context,
  ui,
  expectAccessible,
}) => {
  await signInAs(page, ui, expectAccessible, PERSON);
  await expectAccessible('start page');
  await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Fråga om våld' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Fråga om våld' })).toBeVisible();
  await expectAccessible('encounters');
  await ui.activate(page.getByRole('link', { name: `Starta: ${FK_PROCESS}` }));
  await expect(page.getByRole('heading', { level: 1, name: 'Nytt frågetillfälle' })).toBeVisible();
  await expectAccessible('new encounter');
  await ui.choose(page.getByRole('radio', { name: 'Ingen tolk' }));
  await ui.choose(page.getByRole('radio', { name: 'Kvinna' }));
  await ui.select(page.getByLabel('Klientens ålder'), '35_44');
  await ui.select(page.getByLabel('Klientens kommun'), '1480');
  await ui.choose(page.getByRole('checkbox', { name: 'Klienten har skyddade personuppgifter' }));
  await expect(page.getByText(WITHHELD)).toHaveCount(0);
  await ui.activate(page.getByRole('button', { name: 'Det är säkert att fråga' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Frågor om våld' })).toBeVisible();
  await expect(page).toHaveURL(/\/fragor$/);
  await expectAccessible('gate questions');
  await ui.choose(group(page, /^Har någon som står dig nära/).getByRole('radio', { name: 'Nej' }));
  // The answer reaches the encrypted draft on the server before the session goes.
  await page.waitForResponse((response) => response.url().includes('/api/v1/encounters/drafts/') && response.request().method() === 'PUT');
  await context.clearCookies();
  await ui.choose(group(page, /^Har du själv någon gång/).getByRole('radio', { name: 'Nej' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await expectAccessible('signed out mid-encounter');
  await ui.fill(page.getByLabel('E-postadress'), PERSON);
  await ui.fill(page.getByLabel('Lösenord', { exact: true }), DEMO_PASSWORD);
  await ui.activate(page.getByRole('button', { name: 'Logga in' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Frågor om våld' })).toBeVisible();
  await expect(group(page, /^Har någon som står dig nära/).getByRole('radio', { name: 'Nej' })).toBeChecked();
  await expectAccessible('resumed protected draft');

  // Back on the start step: the place is not shown, and the caseworker is told it is kept.
  await ui.activate(page.getByRole('link', { name: 'Tillbaka' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Nytt frågetillfälle' })).toBeVisible();
  await expect(page.getByLabel('Klientens kommun')).toHaveValue('');
  await expect(page.getByText(WITHHELD)).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Klienten har skyddade personuppgifter' })).toBeChecked();
  await expectAccessible('start step of a resumed protected draft');
  await ui.activate(page.getByRole('button', { name: 'Det är säkert att fråga' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Frågor om våld' })).toBeVisible();
  await ui.choose(group(page, /^Har du själv någon gång/).getByRole('radio', { name: 'Nej' }));
  await ui.choose(group(page, /^Bor det barn hos dig/).getByRole('radio', { name: 'Nej' }));
  await ui.activate(page.getByRole('button', { name: 'Fortsätt' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Kontrollera och spara' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Skyddade personuppgifter' })).toBeVisible();
  await expectAccessible('check answers');
  const saved = page.waitForResponse((response) => response.url().endsWith('/api/v1/encounters') && response.request().method() === 'POST');
  await ui.activate(page.getByRole('button', { name: 'Spara frågetillfället' }));
  const request = (await saved).request().postDataJSON() as { draftId?: string; client: { municipalityCode: string | null } };
  // The browser never had the place again: the server takes it from the draft it names.
  expect(request.client.municipalityCode).toBeNull();
  expect(request.draftId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByText('Frågetillfället är sparat.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: /^Frågetillfälle / })).toBeVisible();
  await expectAccessible('saved encounter');
});
