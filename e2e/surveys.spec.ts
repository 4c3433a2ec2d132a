import fs from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, signInAs, test, type Ui } from './support/fixtures.ts';

type Question = {
  id: string;
  kind: string;
  required: boolean;
  condition?: { question: string; values: string[] };
  options?: Array<{ value: string }>;
  areas?: string[];
  cell?: string;
  min?: number;
};
type View = { definition: { sections: Array<{ questions: Question[] }> }; answers: Record<string, { version: number }> };

/**
 * The rest of a municipality's answers, given through its link's JSON API as a colleague with
 * the same link would (the form itself is exercised on part 1). Every required question that
 * shows gets a valid answer; answers already saved are left as they are.
 */
async function answerTheRest(request: APIRequestContext, token: string): Promise<void> {
  const view = (await (await request.get(`/api/v1/public/survey-responses/${token}`)).json()) as View;
  const answers = [];
  for (const question of view.definition.sections.flatMap((section) => section.questions)) {
    if (view.answers[question.id] || question.condition) continue;
    const value =
      question.kind === 'yes_no_partly'
        ? 'partly'
        : question.kind === 'single_choice'
          ? { choice: question.options![0]!.value }
          : question.kind === 'multiple_choice'
            ? { choices: [question.options![0]!.value] }
            : question.kind === 'number'
              ? 7
              : question.kind === 'matrix'
                ? Object.fromEntries(
                    question.areas!.map((area) => [
                      area,
                      question.cell === 'number' ? 6 : question.cell === 'yes_no_partly' ? 'yes' : question.options![0]!.value,
                    ]),
                  )
                : question.kind === 'date'
                  ? '2026-03-01'
                  : 'Vi har en arbetsgrupp som träffas varje månad.';
    answers.push({ question: question.id, value, version: 0 });
  }
  const saved = await request.put(`/api/v1/public/survey-responses/${token}/answers`, { data: { answers } });
  expect(saved.status()).toBe(200);
}

async function submitThroughForm(page: Page, ui: Ui, expectAccessible: (label?: string) => Promise<void>, link: string): Promise<void> {
  await page.goto(link);
  await expectAccessible('respondent overview');
  await ui.activate(page.getByRole('link', { name: 'Granska och skicka in' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Granska dina svar' })).toBeVisible();
  await expectAccessible('check answers');
  await ui.activate(page.getByRole('button', { name: 'Skicka in svaren' }));
  await expect(page.getByRole('heading', { level: 2, name: 'Tack! Svaren är inskickade' })).toBeVisible();
  await expectAccessible('submitted');
}

test.describe('surveys: the annual follow-up without Excel', () => {
  test('a county strategist sends the municipality survey to Dalarna, two municipalities answer, one is reminded, results and XLSX', async ({
    page,
    ui,
    expectAccessible,
    request,
    thirdPartyRequests,
  }) => {
    await signInAs(page, ui, expectAccessible, 'lansstrateg@demo.upptack.se');
    await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
    await expectAccessible('start page');
    await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Enkäter' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Enkäter' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Årsuppföljning 2025 – kommunerna i Dalarna' })).toBeVisible();
    await expectAccessible('surveys');

    await ui.activate(page.getByRole('link', { name: 'Skicka en ny omgång' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Skicka en ny omgång' })).toBeVisible();
    await expectAccessible('new round');
    await ui.select(page.getByRole('combobox', { name: /^Enkät/ }), 'template:municipality');
    await ui.fill(page.getByLabel('Omgångens namn'), 'Årsuppföljning – Dalarna (test)');
    await ui.select(page.getByRole('combobox', { name: /^Alla kommuner i ett län/ }), '20');
    await ui.activate(page.getByRole('button', { name: 'Skicka omgången' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Årsuppföljning – Dalarna (test)' })).toBeVisible();
    await expect(page.getByText('15 inte öppnade, 0 påbörjade, 0 inskickade')).toBeVisible();
    await expectAccessible('round');

    // The reminder list holds a text per municipality, each with its own link only.
    const links = await page.locator('textarea.survey-reminder').evaluateAll((fields) =>
      (fields as HTMLTextAreaElement[]).map((field) => ({
        name: (document.querySelector(`label[for="${field.id}"]`)?.textContent ?? '').replace('Text att kopiera till ', ''),
        link: field.value.match(/http\S+\/enkat\/[A-Za-z0-9_-]+/g)?.join(' ') ?? '',
      })),
    );
    expect(links).toHaveLength(15);
    const falun = links.find((entry) => entry.name === 'Falun')!;
    const mora = links.find((entry) => entry.name === 'Mora')!;

    // Falun: part 1 on the form, save, leave, come back and find it kept.
    await page.goto(falun.link);
    await expect(page.getByRole('heading', { level: 1, name: 'Årsuppföljning: mäns våld mot kvinnor – kommuner' })).toBeVisible();
    await expect(page.locator('.survey-progress')).toContainText(/^\s*0 av \d+ frågor besvarade/);
    await expectAccessible('respondent overview, first visit');
    await ui.activate(page.getByRole('link', { name: 'Samordning, uppdrag och planer' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Samordning, uppdrag och planer' })).toBeVisible();
    await expectAccessible('part 1');
    await ui.choose(page.getByRole('group', { name: /Var finns den person/ }).getByLabel('Inom socialtjänsten'));
    await ui.choose(page.getByRole('group', { name: /skriftligt uppdrag med mandat/ }).getByLabel('Ja'));
    await ui.activate(page.getByRole('button', { name: 'Spara och gå tillbaka' }));
    // The follow-up question on the coordinator's share appears: the part is shown again.
    await expect(page.getByLabel(/Hur stor del av en heltid/)).toBeVisible();
    await expectAccessible('part 1 with its follow-up question');
    await ui.fill(page.getByLabel(/Hur stor del av en heltid/), '2000');
    await ui.activate(page.getByRole('button', { name: 'Spara och gå tillbaka' }));
    await expect(page.getByRole('alert')).toContainText('talet får inte vara större än');
    await expect(page.getByLabel(/Hur stor del av en heltid/)).toHaveValue('2000');
    await expectAccessible('part 1 with an error');
    await ui.fill(page.getByLabel(/Hur stor del av en heltid/), '50');
    await ui.activate(page.getByRole('button', { name: 'Spara och gå tillbaka' }));
    await expect(page.getByText('Dina svar är sparade.')).toBeVisible();
    await expectAccessible('saved');

    await page.goto('about:blank');
    await page.goto(falun.link);
    await expect(page.locator('.survey-progress')).toContainText(/3 av \d+ frågor besvarade/);
    await expectAccessible('respondent overview, resumed');
    await ui.activate(page.getByRole('link', { name: 'Samordning, uppdrag och planer' }));
    await expect(page.getByRole('group', { name: /Var finns den person/ }).getByLabel('Inom socialtjänsten')).toBeChecked();
    await expect(page.getByLabel(/Hur stor del av en heltid/)).toHaveValue('50');
    await expectAccessible('part 1 resumed');
    const falunToken = falun.link.split('/enkat/')[1]!;
    await answerTheRest(request, falunToken);
    await submitThroughForm(page, ui, expectAccessible, falun.link);

    // Mora answers everything through its link too.
    await answerTheRest(request, mora.link.split('/enkat/')[1]!);
    await submitThroughForm(page, ui, expectAccessible, mora.link);
    expect(thirdPartyRequests).toEqual([]);

    // Back to the strategist: status, the reminder list (without a mail server, to copy), results.
    await page.goto('/personal/enkater');
    await expectAccessible('surveys again');
    await ui.activate(page.getByRole('link', { name: 'Årsuppföljning – Dalarna (test)' }).first());
    await expect(page.getByText('13 inte öppnade, 0 påbörjade, 2 inskickade')).toBeVisible();
    await expect(page.getByRole('row', { name: /Falun.*Inskickad/ })).toBeVisible();
    // Borlänge gets a named contact person, who appears in the reminder list.
    await ui.select(
      page.getByRole('combobox', { name: 'Mottagare', exact: true }),
      (await page.getByRole('combobox', { name: 'Mottagare', exact: true }).locator('option', { hasText: 'Borlänge' }).getAttribute('value'))!,
    );
    await ui.fill(page.getByLabel('Kontaktpersonens namn'), 'Kerstin Ek');
    await ui.fill(page.getByLabel('Kontaktpersonens e-postadress'), 'kerstin.ek@borlange.example');
    await ui.activate(page.getByRole('button', { name: 'Spara kontaktpersonen' }));
    await expect(page.getByText('Kontaktpersonen för Borlänge är sparad.')).toBeVisible();
    // One text per recipient, holding only that recipient's link (issue 22), and a ready email to the contact.
    await ui.activate(page.getByText('Påminnelse till Borlänge (Kerstin Ek)'));
    const reminderText = await page.getByLabel('Text att kopiera till Borlänge').inputValue();
    expect(reminderText).toContain('Vi saknar fortfarande svar från Borlänge');
    const linksInText = reminderText.match(/https?:\/\/\S+\/enkat\/\S+/g) ?? [];
    expect(linksInText).toHaveLength(1);
    expect(reminderText).not.toContain(falun.link);
    expect(reminderText).not.toContain(mora.link);
    const mailto = await page.getByRole('link', { name: 'Skriv e-post till Borlänge med påminnelsen' }).getAttribute('href');
    expect(mailto).toMatch(/^mailto:kerstin\.ek%40borlange\.example\?subject=/);
    expect(decodeURIComponent(mailto!.split('&body=')[1]!)).toBe(reminderText);
    await expect(page.getByText(/Skicka varje text bara till sin mottagare/)).toBeVisible();
    await expect(page.getByText('Ingen e-postserver är inställd')).toBeVisible();
    await expectAccessible('round with answers');

    await ui.activate(page.getByRole('link', { name: 'Se resultat' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Resultat: Årsuppföljning – Dalarna (test)' })).toBeVisible();
    await expect(page.getByText('Inskickade svar: 2 av 15.')).toBeVisible();
    await expect(page.getByText(/Jämförs med Årsuppföljning 2025 – kommunerna i Dalarna/)).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Per mål i den nationella strategin', exact: true }).getByRole('row', { name: /Mål 2: Upptäckt, skydd och stöd/ }),
    ).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Per våldsområde', exact: true }).getByRole('row', { name: /^Hedersrelaterat våld och förtryck \(HRV\) \d+ \d+/ }),
    ).toBeVisible();
    await expectAccessible('results');
    // The round is open: counts of persons wait for its closing, and the page says why.
    await expect(page.getByRole('heading', { name: 'Antal personer visas när omgången stängs' })).toBeVisible();
    // Per kind of organisation, for municipalities only: the choice goes into the address and the exports.
    await ui.select(page.getByLabel('Svar per'), 'kind');
    await ui.select(page.getByLabel('Vilka organisationer'), 'municipality');
    await ui.activate(page.getByRole('button', { name: 'Visa', exact: true }));
    await expect(page).toHaveURL(/[?&]by=kind&kind=municipality$/);
    await expect(page.getByText('Inskickade svar: 2 av 15.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Hämta CSV' })).toHaveAttribute('href', /results\.csv\?by=kind&kind=municipality$/);
    await expectAccessible('results per kind');

    const download = page.waitForEvent('download');
    await ui.activate(page.getByRole('link', { name: 'Hämta Excel (XLSX)' }));
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^enkatresultat-\d{4}\.xlsx$/);
    expect(
      fs
        .readFileSync(await file.path())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
  });

  test('the builder: a new draft gets a number question with a unit, a range and disclosure control; a wrong range is told', async ({
    page,
    ui,
    expectAccessible,
  }) => {
    await signInAs(page, ui, expectAccessible, 'lansstrateg@demo.upptack.se');
    await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
    await expectAccessible('start page');
    await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Enkäter' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Enkäter' })).toBeVisible();
    await expectAccessible('surveys');
    await ui.activate(page.getByRole('button', { name: 'Skapa ett utkast' }));
    await expect(page.getByRole('heading', { level: 1, name: /^Enkät: Ny enkät \(version \d+\)$/ })).toBeVisible();
    await expectAccessible('builder, new draft');

    await ui.fill(page.getByLabel('Enkätens namn'), 'Uppföljning av nätverksträff');
    await ui.select(page.getByLabel('Typ av ny fråga i del 1'), 'number');
    await ui.activate(page.getByRole('button', { name: 'Lägg till en fråga i del 1' }));
    const question = page.locator('.survey-builder__question').nth(1);
    await ui.fill(question.getByLabel('Frågetext'), 'Hur många deltog från er organisation?');
    await ui.fill(question.getByLabel(/^Enhet/), 'personer');
    await ui.fill(question.getByLabel(/^Minsta tal/), '50');
    await ui.fill(question.getByLabel(/^Största tal/), '10');
    await ui.choose(question.getByLabel('Talet räknar personer (små tal döljs i resultaten)'));
    await ui.activate(page.getByRole('button', { name: 'Spara enkäten' }));
    await expect(page.getByRole('alert')).toContainText('Största talet får inte vara mindre än minsta talet');
    await expect(question.getByLabel('Frågetext')).toHaveValue('Hur många deltog från er organisation?');
    await expectAccessible('builder with an error');
    await ui.fill(question.getByLabel(/^Största tal/), '500');
    await ui.activate(page.getByRole('button', { name: 'Spara enkäten' }));
    await expect(page.getByText('Enkäten är sparad.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: /^Enkät: Uppföljning av nätverksträff/ })).toBeVisible();
    await expectAccessible('builder saved');

    // Reordering: the number question goes first; its new place is announced and focus stays with it.
    await ui.activate(page.getByRole('button', { name: 'Flytta upp q_2' }));
    await expect(page.getByText('Frågan q_2 är nu nummer 1 i del 1.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Flytta ner q_2' })).toBeFocused();
    await expect(page.locator('.survey-builder__question').first().getByLabel('Frågetext')).toHaveValue('Hur många deltog från er organisation?');
    await expectAccessible('builder, question moved');
    await ui.activate(page.getByRole('button', { name: 'Spara enkäten' }));
    await expect(page.getByText('Enkäten är sparad.')).toBeVisible();
    await page.reload();
    await expect(page.locator('.survey-builder__question').first().getByLabel('Frågetext')).toHaveValue('Hur många deltog från er organisation?');
  });

  test('an unknown or expired link shows a neutral page that reveals nothing', async ({ page, expectAccessible }) => {
    const response = await page.goto('/enkat/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(response?.status()).toBe(404);
    expect(response?.headers()['set-cookie']).toBeUndefined();
    await expect(page.getByRole('heading', { level: 1, name: 'Länken fungerar inte' })).toBeVisible();
    await expectAccessible('invalid link');
  });
});
