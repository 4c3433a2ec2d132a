import fs from 'node:fs';
import { expect, signInAs, test } from './support/fixtures.ts';

test.describe('long work as a background job', () => {
  test('start an export, follow its progress, download the file, and find it again later', async ({ page, ui, expectAccessible }) => {
    await signInAs(page, ui, expectAccessible, 'handlaggare.af@demo.upptack.se');
    await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
    await expectAccessible('start page');
    await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Län och kommuner' }));
    // A client-side navigation moves focus to the new page's heading.
    await expect(page.getByRole('heading', { level: 1, name: 'Län och kommuner' })).toBeFocused();
    await expect(page.getByRole('row', { name: /Dalarnas län 20 15/ })).toBeVisible();
    await expectAccessible('reference data');

    await ui.activate(page.getByRole('button', { name: 'Skapa kommunlistan som CSV-fil' }));
    await expect(page.getByRole('status').filter({ hasText: 'Klart' })).toBeVisible();
    const link = page.getByRole('link', { name: 'Ladda ner kommuner-och-lan.csv' });
    await expect(link).toBeVisible();
    await expectAccessible('export finished');

    const download = page.waitForEvent('download');
    await ui.activate(link);
    const file = await download;
    expect(file.suggestedFilename()).toBe('kommuner-och-lan.csv');
    const content = fs.readFileSync(await file.path(), 'utf8');
    expect(content.startsWith('\uFEFFKommunkod;Kommun;Länskod;Län\r\n')).toBe(true);
    expect(content).toContain('2080;Falun;20;Dalarnas län');

    await ui.activate(page.getByRole('link', { name: 'Till mina bakgrundsjobb' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Mina bakgrundsjobb' })).toBeVisible();
    await expect(page.getByRole('row', { name: /Kommunlista \(CSV\).*Klart/ }).first()).toBeVisible();
    await expectAccessible('my jobs');
  });
});
