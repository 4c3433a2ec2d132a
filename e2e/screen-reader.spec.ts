import type { Page } from '@playwright/test';
import { expect, signInAs, test } from './support/fixtures.ts';
import { indexOf, readOn, spoken, startScreenReader, stopScreenReader } from './support/screen-reader.ts';

/**
 * Accessibility evidence beyond axe (issue 22): what a screen reader announces on the key
 * journeys, and in which order, with Guidepup's Virtual Screen Reader running in the page
 * (support/screen-reader.ts). Axe still checks every page.
 */
test.use({ reducedMotion: 'reduce' });

/**
 * Each expected phrase is announced after the one before it (searching on from there), so the
 * list reads as what a user hears, in order. Fails with the whole transcript.
 */
function inOrder(phrases: string[], expected: Array<RegExp | string>): void {
  const transcript = phrases.map((phrase, index) => `${index}: ${phrase}`).join('\n');
  let from = 0;
  for (const phrase of expected) {
    const found = indexOf(phrases.slice(from), phrase);
    expect(found, `"${String(phrase)}" is announced after position ${from - 1}\n${transcript}`).toBeGreaterThanOrEqual(0);
    from += found + 1;
  }
}

async function attach(page: Page, name: string): Promise<void> {
  await test.info().attach(name, { body: (await spoken(page)).join('\n'), contentType: 'text/plain' });
}

test('the public start page: the quick exit is the first thing announced, then the skip link, then the page in reading order', async ({
  page,
  expectAccessible,
}) => {
  await page.goto('/');
  await expectAccessible();
  await startScreenReader(page);
  const phrases = await readOn(page, 'end of document');
  await attach(page, 'public start page');
  // Nothing but the document itself comes before the way out.
  expect(phrases.slice(0, 3)).toEqual(['document', 'link, Lämna sidan snabbt', 'Tryck på Skift tre gånger för att lämna sidan']);
  inOrder(phrases, [
    'link, Lämna sidan snabbt',
    'link, Hoppa till innehållet',
    'banner',
    'navigation, Sidor',
    'navigation, Språk',
    /^link, Svenska, current/,
    'main',
    /^heading, Information och stöd, level 1$/,
    'link, Stöd nära dig',
    'contentinfo',
    'link, Tillgänglighetsredogörelse',
    'end of document',
  ]);
  // Every language link is announced in its own language's name: the header's few and the list
  // of every language (issue 21) each once, so a built-in language twice and the others once.
  for (const language of ['English', 'العربية', 'Lättläst svenska']) expect(phrases.filter((phrase) => phrase === `link, ${language}`)).toHaveLength(2);
  for (const language of ['ትግርኛ', 'دری', 'Soomaali']) expect(phrases.filter((phrase) => phrase === `link, ${language}`)).toHaveLength(1);
  await stopScreenReader(page);
});

test('screening: the start page reads the menu with the current page, then the start links; the first step announces its heading, step count and questions in order', async ({
  page,
  ui,
  expectAccessible,
}) => {
  await signInAs(page, ui, expectAccessible, 'handlaggare.fk@demo.upptack.se');
  await expectAccessible('start page');
  await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Fråga om våld' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Fråga om våld' })).toBeVisible();
  await expectAccessible('encounters');

  await startScreenReader(page);
  const start = await readOn(page, /^end of region, Nytt frågetillfälle$/);
  await attach(page, 'screening start page');
  inOrder(start, [
    'link, Hoppa till innehållet',
    /^note$/,
    'banner',
    'Inloggad som Frida Handläggare',
    'navigation, Huvudmeny',
    'link, Fråga om våld, current page',
    'end of navigation, Huvudmeny',
    'main',
    'heading, Fråga om våld, level 1',
    'region, Nytt frågetillfälle',
    'heading, Nytt frågetillfälle, level 2',
    /^list$/,
    'link, Starta: Sjukpenning och rehabiliteringsersättning – utredning av återgång i arbete',
  ]);
  // The current page is announced once, on its own link.
  expect(start.filter((phrase) => phrase.includes('current page'))).toEqual(['link, Fråga om våld, current page']);

  await ui.activate(page.getByRole('link', { name: 'Starta: Sjukpenning och rehabiliteringsersättning – utredning av återgång i arbete' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Nytt frågetillfälle' })).toBeVisible();
  await expectAccessible('first step');
  await startScreenReader(page);
  const step = await readOn(page, /^button, Det är säkert att fråga/, 900);
  await attach(page, 'screening first step');
  inOrder(step, [
    'main',
    'heading, Nytt frågetillfälle, level 1',
    /Del 1 av 3: Om mötet/,
    /^group, /,
    /^radio, Telefon, checked/,
    /^radio, Ingen tolk, not checked/,
    /^combobox, Klientens kommun/,
    /^button, Det är säkert att fråga/,
  ]);
  // Nothing about the client is chosen for the caseworker (issue 22): every interpreter choice is announced unchecked.
  expect(step.filter((phrase) => /^radio, .*tolk/i.test(phrase) && !/not checked/.test(phrase))).toEqual([]);
  await stopScreenReader(page);
});

test('an error summary is announced at once, and its messages name each field, in the order of the form', async ({ page, ui, expectAccessible }) => {
  await page.goto('/personal/logga-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await expectAccessible('login');
  await startScreenReader(page);
  await ui.activate(page.getByRole('button', { name: 'Logga in' }));
  await expect(page.getByRole('alert').getByRole('link', { name: /^E-postadress: / })).toBeVisible();
  await expectAccessible('errors');
  // The summary is an alert: a screen reader interrupts with it (assertive), and focus moves to it.
  await expect.poll(async () => indexOf(await spoken(page), /^assertive: Det finns fel i formuläret/)).toBeGreaterThanOrEqual(0);
  const phrases = await readOn(page, /^link, Lösenord: /, 40);
  await attach(page, 'error summary');
  inOrder(phrases, [
    'button, Logga in',
    /^alert, Det finns fel i formuläret/,
    /^assertive: Det finns fel i formuläret/,
    /^link, E-postadress: /,
    /^link, Lösenord: /,
  ]);
  await stopScreenReader(page);
});
