import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, settled, signInAs, test } from './support/fixtures.ts';

/** The demo shelter's protected address and staff-only number (server/src/features/directory/demo-data.ts). */
const PROTECTED_ADDRESS = 'Stigarvägen 14';
const STAFF_ONLY_NUMBER = '023-000 02 99';

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-e2e-pdf-')), 'handout.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

test.describe('support directory and client information', () => {
  test('a client finds support for people who use violence in Falun in Swedish and Arabic, then leaves without a trace', async ({
    page,
    context,
    ui,
    expectAccessible,
    thirdPartyRequests,
    baseUrl,
  }) => {
    const own = new URL(baseUrl).origin;
    const response = await page.goto('/');
    expect(response?.headers()['cache-control']).toBe('no-store');
    await expectAccessible('start');

    // Page 1 → 2: the search page, Falun, people who use violence.
    await ui.activate(page.getByRole('navigation', { name: 'Sidor' }).getByRole('link', { name: 'Stöd nära dig' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Stöd nära dig' })).toBeVisible();
    await expect(page).toHaveTitle('Information – kontakter');
    await expectAccessible('search');
    await ui.select(page.getByLabel('Kommun'), '2080');
    await ui.select(page.getByLabel('Vem behöver stöd?'), 'perpetrators');
    await ui.activate(page.getByRole('button', { name: 'Visa stöd' }));
    const local = page.getByRole('heading', { level: 3, name: /Samtalsmottagningen i Falun/ });
    await expect(local).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: 'Välj att sluta' })).toBeVisible();
    await expect(page.getByText('Vänder sig till: Personer som använder våld och vill sluta').first()).toBeVisible();
    await expect(page.locator('body')).not.toContainText(PROTECTED_ADDRESS);
    await expect(page.locator('body')).not.toContainText(STAFF_ONLY_NUMBER);
    await settled(page);
    await expectAccessible('results in Swedish');

    // Page 3: the same search in Arabic, laid out right to left.
    await ui.activate(page.getByRole('navigation', { name: 'Språk' }).getByRole('link', { name: 'العربية' }));
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByRole('heading', { level: 1, name: 'الدعم القريب منك' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: /Samtalsmottagningen i Falun/ })).toBeVisible();
    await expect(page.getByText('موجهة إلى: من يمارس العنف ويريد التوقف').first()).toBeVisible();
    const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
    const width = page.viewportSize()?.width ?? 0;
    // Right to left: the heading starts at the right edge of the content, not the left.
    expect(heading && heading.x + heading.width).toBeGreaterThan(width * 0.6);
    expect(await page.getByRole('heading', { level: 1 }).evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    await expectAccessible('results in Arabic');

    // Page 4: how to hide a visit, in Arabic.
    await ui.activate(page.getByRole('navigation', { name: 'الصفحات' }).getByRole('link', { name: 'أخفِ زيارتك' }));
    await expect(page.getByRole('heading', { level: 1, name: 'كيف تخفي زيارتك' })).toBeVisible();
    await expect(page.getByRole('note').filter({ hasText: 'لم يراجعه شخص' })).toBeVisible();
    await expectAccessible('hide your visit in Arabic');

    expect(await page.evaluate(() => window.localStorage.length + window.sessionStorage.length)).toBe(0);
    expect(await context.cookies()).toEqual([]);

    // Quick exit: first in the tab order; the neutral site replaces the page.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'غادر الصفحة بسرعة' })).toBeFocused();
    await ui.activate(page.getByRole('link', { name: 'غادر الصفحة بسرعة' }));
    await expect(page.getByRole('heading', { name: 'Weather' })).toBeVisible();
    for (let press = 0; press < 2; press++) {
      await page.goBack().catch(() => null);
      await page.waitForLoadState();
      expect(new URL(page.url()).origin, `after Back ${press + 1}`).not.toBe(own);
    }
    expect(thirdPartyRequests).toEqual([]);
    expect(await context.cookies()).toEqual([]);
  });

  test('a client finds every language on the start page, reads Tigrinya and Dari with the interpreter line, and Arabic descriptions (issue 21)', async ({
    page,
    ui,
    expectAccessible,
  }) => {
    await page.goto('/');
    const languages = page.getByRole('list').filter({ has: page.getByRole('link', { name: 'ትግርኛ' }) });
    for (const name of [
      'Svenska',
      'العربية',
      'فارسی',
      'دری',
      'Soomaali',
      'ትግርኛ',
      'Українська',
      'Русский',
      'Suomi',
      'Meänkieli',
      'Davvisámegiella',
      'Romani chib',
      'ייִדיש',
    ]) {
      await expect(languages.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expectAccessible('start with every language');

    await ui.activate(languages.getByRole('link', { name: 'ትግርኛ', exact: true }));
    await expect(page.getByRole('heading', { level: 1, name: 'Information och stöd' })).toBeVisible();
    const tigrinya = page.locator('p[lang="ti"]');
    await expect(tigrinya).toContainText('ተርጓሚ');
    await expect(page.getByRole('note').filter({ hasText: 'Du har rätt till tolk' })).toBeVisible();
    await expectAccessible('start in Tigrinya');

    await page.goto('/?lang=prs');
    const dari = page.locator('p[lang="prs"]');
    await expect(dari).toHaveAttribute('dir', 'rtl');
    // The helpline number sits isolated left to right inside the right-to-left line, as a tel: link.
    const helpline = dari.getByRole('link', { name: '020-50 50 50' });
    await expect(helpline).toHaveAttribute('href', 'tel:020505050');
    expect(await helpline.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
    await expectAccessible('start in Dari');

    await page.goto('/stod?kommun=2080&lang=ar');
    const description = page.locator('p[lang="ar"]').filter({ hasText: 'هاتف دعم لمن تعرض للتهديد' });
    await expect(description).toBeVisible();
    await expect(description).toContainText('ترجمة لم يراجعها شخص بعد');
    expect(await description.evaluate((element) => getComputedStyle(element).fontFamily)).toContain('Noto Sans Arabic');
    await settled(page);
    await expectAccessible('support in Arabic with Arabic descriptions');

    const handout = await page.request.get('/api/v1/directory/handout.pdf?municipality=2080&language=ti');
    expect(handout.status()).toBe(200);
    expect(pdfText(await handout.body())).toContain('እዚ ጽሑፍ ገና ብቋንቋኻ የለን።');
  });

  test('pressing Shift three times leaves the page', async ({ page, expectAccessible, baseUrl }) => {
    await page.goto('/information/vad-ar-vald');
    await expectAccessible();
    for (let press = 0; press < 3; press++) await page.keyboard.press('Shift');
    await expect(page.getByRole('heading', { name: 'Weather' })).toBeVisible();
    await page.goBack().catch(() => null);
    expect(new URL(page.url()).origin).not.toBe(new URL(baseUrl).origin);
  });

  test('a caseworker finds where to refer in Falun, sees the protected contact route and prints the handout', async ({ page, ui, expectAccessible }) => {
    await signInAs(page, ui, expectAccessible, 'handlaggare.fk@demo.upptack.se');
    await expectAccessible('start page');
    await ui.activate(page.getByRole('link', { name: 'Stödkatalog' }).first());
    await expect(page.getByRole('heading', { level: 1, name: 'Stödkatalog' })).toBeVisible();
    await expectAccessible('directory search');
    await ui.select(page.getByLabel('Klientens kommun'), '2080');
    await ui.choose(page.getByRole('checkbox', { name: 'Kvinnor som utsätts för våld' }));
    await ui.activate(page.getByRole('button', { name: 'Sök' }));
    await expect(page.getByRole('heading', { level: 3, name: /Kvinnojouren i Falun/ })).toBeVisible();
    await expect(page.getByText(`${STAFF_ONLY_NUMBER} – Direktnummer för handläggare som vill hänvisa`)).toBeVisible();
    await expect(page.locator('body')).not.toContainText(PROTECTED_ADDRESS);
    await settled(page);
    await expectAccessible('results with the handout');
    const link = page.getByRole('link', { name: 'Öppna stödlistan för Falun (PDF)' });
    const href = await link.getAttribute('href');
    const handout = await page.request.get(href ?? '');
    expect(handout.headers()['content-type']).toBe('application/pdf');
    expect(handout.headers()['set-cookie']).toBeUndefined();
    const text = pdfText(await handout.body());
    expect(text).toContain('Stöd vid våld – Falun');
    expect(text).toContain('Socialtjänsten i Falun');
    expect(text).toContain('Kvinnofridslinjen');
    expect(text).toContain('020-50 50 50');
    expect(text).not.toContain(PROTECTED_ADDRESS);
    expect(text).not.toContain(STAFF_ONLY_NUMBER);
  });

  test('a directory editor checks what needs attention and changes an entry, which goes live when a second editor publishes it', async ({
    page,
    ui,
    expectAccessible,
  }, testInfo) => {
    await signInAs(page, ui, expectAccessible, 'katalogredaktor@demo.upptack.se');
    await expectAccessible('start page');
    await ui.activate(page.getByRole('link', { name: 'Katalogredaktion' }).first());
    await expect(page.getByRole('heading', { level: 1, name: 'Katalogredaktion' })).toBeVisible();
    await expectAccessible('dashboard');
    // A never-checked entry is not public, and checking it would publish it: it goes to review
    // through its edit page instead of a one-click button (ADR 0112).
    const attention = page.getByRole('region', { name: 'Behöver uppmärksamhet' });
    await expect(attention.getByRole('link', { name: 'Kontrollera Tjejjouren i Falun – chatt och skicka för granskning' })).toBeVisible();
    await expect(attention.getByRole('button', { name: 'Markera Tjejjouren i Falun – chatt som kontrollerad i dag' })).toHaveCount(0);
    // Renewing the check of a published entry stays one click. The demo has one such entry; the
    // desktop project (the first of a run) renews it.
    if (testInfo.project.name === 'desktop') {
      const renew = attention.getByRole('button', { name: 'Markera Familjerådgivningen i Falun som kontrollerad i dag' });
      await ui.activate(renew);
      await expect(page.getByRole('status').filter({ hasText: 'Familjerådgivningen i Falun är markerad som kontrollerad' })).toBeVisible();
      await expect(renew).toHaveCount(0);
      await settled(page);
      await expectAccessible('dashboard after verifying');
    }

    await ui.activate(page.getByRole('link', { name: 'Stödkatalog' }).first());
    await expect(page.getByRole('heading', { level: 1, name: 'Stödkatalog' })).toBeVisible();
    await ui.select(page.getByLabel('Klientens kommun'), '2080');
    await ui.activate(page.getByRole('button', { name: 'Sök' }));
    await expect(page.getByRole('heading', { level: 2, name: /tjänster$/ })).toBeVisible();
    await settled(page);
    await expectAccessible('search as editor');
    await ui.activate(page.getByRole('link', { name: 'Ändra Socialtjänsten i Falun – stöd vid våld i nära relation' }));
    await expect(page.getByRole('heading', { level: 1, name: /Ändra Socialtjänsten i Falun/ })).toBeVisible();
    // Municipalities are picked by name, opening hours by Swedish day names (issue 22).
    await expect(page.getByRole('list', { name: 'Kommuner' }).getByText('Falun')).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'måndag' }).first()).toBeVisible();
    await expectAccessible('edit');
    const token = `Ändrad i webbläsartest ${Date.now()}`;
    await ui.fill(page.getByLabel('Beskrivning'), token);
    await ui.choose(page.getByRole('group', { name: 'Jag har kontrollerat uppgifterna i dag' }).getByRole('checkbox'));
    await ui.activate(page.getByRole('button', { name: 'Spara för granskning' }));

    // The author sees the preview and that someone else must publish it; the public sees no change.
    await expect(page.getByRole('heading', { level: 1, name: /Förhandsgranska ändringen av Socialtjänsten i Falun/ })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'väntar på att en annan redaktör' })).toBeVisible();
    await expect(page.getByRole('cell', { name: token })).toBeVisible();
    await expect(page.getByText('Du har skrivit ändringen.')).toBeVisible();
    // The preview shows the card as the public search will show it (ADR 0113).
    const card = page.getByRole('region', { name: 'Så ser allmänheten tjänsten' });
    await expect(card.getByRole('heading', { level: 3, name: 'Socialtjänsten i Falun – stöd vid våld i nära relation' })).toBeVisible();
    await expect(card).toContainText(token);
    await expect(card).toContainText('Därför visas den:');
    await expect(card.getByRole('link', { name: /^0/ }).first()).toHaveAttribute('href', /^tel:/);
    await expect(page.getByRole('button', { name: 'Publicera ändringen' })).toHaveCount(0);
    await settled(page);
    await expectAccessible('preview as author');
    expect(await (await page.request.get('/api/v1/directory/services?municipality=2080')).text()).not.toContain(token);
    const preview = page.url();

    // A second editor of the county board previews and publishes it.
    await ui.activate(page.getByRole('button', { name: 'Logga ut' }));
    await signInAs(page, ui, expectAccessible, 'katalogredaktor.granskare@demo.upptack.se');
    await expectAccessible('start page, second editor');
    await page.goto(preview);
    await expect(page.getByRole('heading', { level: 1, name: /Förhandsgranska ändringen av Socialtjänsten i Falun/ })).toBeVisible();
    await expect(page.getByRole('cell', { name: token })).toBeVisible();
    await settled(page);
    await expectAccessible('preview as second editor');
    await ui.activate(page.getByRole('button', { name: 'Publicera ändringen' }));
    await expect(page.getByRole('status').filter({ hasText: 'Ändringen är publicerad' })).toBeVisible();
    await settled(page);
    await expectAccessible('preview after publishing');

    // Now it is public (the entry is verified), and the history names the publisher.
    expect(await (await page.request.get('/api/v1/directory/services?municipality=2080')).text()).toContain(token);
  });

  test('a change the second editor returns is shown to its author with the comment, and the author revises it', async ({ page, ui, expectAccessible }) => {
    test.setTimeout(180_000);
    const service = 'Socialtjänsten i Falun – stöd vid våld i nära relation';
    await signInAs(page, ui, expectAccessible, 'katalogredaktor@demo.upptack.se');
    await expectAccessible('start page');
    await ui.activate(page.getByRole('link', { name: 'Stödkatalog' }).first());
    await expect(page.getByRole('heading', { level: 1, name: 'Stödkatalog' })).toBeVisible();
    await ui.select(page.getByLabel('Klientens kommun'), '2080');
    await ui.activate(page.getByRole('button', { name: 'Sök' }));
    await expect(page.getByRole('heading', { level: 2, name: /tjänster$/ })).toBeVisible();
    await settled(page);
    await expectAccessible('search as editor');
    await ui.activate(page.getByRole('link', { name: `Ändra ${service}` }));
    await expect(page.getByRole('heading', { level: 1, name: /Ändra Socialtjänsten i Falun/ })).toBeVisible();
    await expectAccessible('edit');
    const first = `Returneras i webbläsartest ${Date.now()}`;
    await ui.fill(page.getByLabel('Beskrivning'), first);
    await ui.activate(page.getByRole('button', { name: 'Spara för granskning' }));
    await expect(page.getByRole('heading', { level: 1, name: /Förhandsgranska ändringen av Socialtjänsten i Falun/ })).toBeVisible();
    await settled(page);
    await expectAccessible('preview as author');
    const preview = page.url();

    // The second editor returns it with a comment.
    await ui.activate(page.getByRole('button', { name: 'Logga ut' }));
    await signInAs(page, ui, expectAccessible, 'katalogredaktor.granskare@demo.upptack.se');
    await expectAccessible('start page, second editor');
    await page.goto(preview);
    await expect(page.getByRole('heading', { level: 1, name: /Förhandsgranska ändringen av Socialtjänsten i Falun/ })).toBeVisible();
    await settled(page);
    await expectAccessible('preview as second editor');
    await ui.fill(page.getByLabel('Kommentar till den som skrev ändringen'), 'Beskriv vem stödet är till för.');
    await ui.activate(page.getByRole('button', { name: 'Returnera med kommentar' }));
    await expect(page.getByRole('status').filter({ hasText: 'Ändringen är returnerad: Beskriv vem stödet är till för.' })).toBeVisible();
    await settled(page);
    await expectAccessible('returned');

    // The author finds it on the dashboard with the reviewer's comment, and revises it.
    await ui.activate(page.getByRole('button', { name: 'Logga ut' }));
    await signInAs(page, ui, expectAccessible, 'katalogredaktor@demo.upptack.se');
    await expectAccessible('start page again');
    await ui.activate(page.getByRole('link', { name: 'Katalogredaktion' }).first());
    await expect(page.getByRole('heading', { level: 1, name: 'Katalogredaktion' })).toBeVisible();
    const returned = page.getByRole('region', { name: 'Dina ändringar som har skickats tillbaka' });
    await expect(returned.getByRole('row').filter({ hasText: 'Beskriv vem stödet är till för.' })).toHaveCount(1);
    await settled(page);
    await expectAccessible('dashboard with a returned change');
    await ui.activate(returned.getByRole('link', { name: `Läs kommentaren och gör om ${service}` }));
    await expect(page.getByRole('heading', { level: 2, name: 'Ändringen är skickad tillbaka till dig' })).toBeVisible();
    await expect(page.getByText(/skickade tillbaka ändringen: ”Beskriv vem stödet är till för\.”/)).toBeVisible();
    await settled(page);
    await expectAccessible('returned change as author');
    await ui.activate(page.getByRole('link', { name: 'Gör om ändringen' }));
    await expect(page.getByRole('heading', { level: 1, name: /Ändra Socialtjänsten i Falun/ })).toBeVisible();
    await expect(page.getByText(/^Du gör om en ändring som .* skickade tillbaka/)).toBeVisible();
    await expect(page.getByLabel('Beskrivning')).toHaveValue(first);
    await expectAccessible('revising');
    const revised = `Stöd till den som utsätts, i webbläsartest ${Date.now()}`;
    await ui.fill(page.getByLabel('Beskrivning'), revised);
    await ui.activate(page.getByRole('button', { name: 'Spara för granskning' }));
    await expect(page.getByRole('heading', { level: 1, name: /Förhandsgranska ändringen av Socialtjänsten i Falun/ })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Så ser allmänheten tjänsten' })).toContainText(revised);
    await settled(page);
    await expectAccessible('revision preview');
    await ui.activate(page.getByRole('link', { name: 'Till katalogredaktionen' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Katalogredaktion' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Dina ändringar som har skickats tillbaka' })).toHaveCount(0);
    await expectAccessible('dashboard after revising');
  });
});

test('a knowledge editor reviews a translation, and the public page stops calling it unreviewed', async ({ page, ui, expectAccessible, browser, baseUrl }) => {
  await signInAs(page, ui, expectAccessible, 'kunskapsredaktor@demo.upptack.se');
  await expectAccessible('start page');
  await ui.activate(page.getByRole('link', { name: 'Informationssidor' }).first());
  await expect(page.getByRole('heading', { level: 1, name: 'Informationssidor' })).toBeVisible();
  await expectAccessible('content list');
  await ui.activate(page.getByRole('link', { name: 'Support and protection' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Redigera Support and protection' })).toBeVisible();
  await expectAccessible('content edit');
  await ui.choose(page.getByRole('radio', { name: 'Granskad', exact: true }));
  await ui.activate(page.getByRole('button', { name: 'Spara' }));
  await expect(page.getByRole('status').filter({ hasText: 'Sparat' })).toBeVisible();
  await settled(page);
  await expectAccessible('content saved');

  const visitor = await browser.newContext();
  const publicPage = await visitor.newPage();
  await publicPage.goto(`${baseUrl}/information/stod-och-skydd?lang=en`);
  await expect(publicPage.getByRole('heading', { level: 1, name: 'Support and protection' })).toBeVisible();
  await expect(publicPage.getByText('has not yet been reviewed by a person')).toHaveCount(0);
  await visitor.close();
});
