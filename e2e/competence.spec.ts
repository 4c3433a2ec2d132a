import type { Page } from '@playwright/test';
import { expect, signInAs, test, type Ui } from './support/fixtures.ts';

// Without motion, axe never measures a colour halfway through a transition.
test.use({ reducedMotion: 'reduce' });

async function signOut(page: Page, ui: Ui) {
  await ui.activate(page.getByRole('button', { name: 'Logga ut' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
}

/** Signs in and checks the start page the sign-in lands on. */
async function signInTo(page: Page, ui: Ui, expectAccessible: (label?: string) => Promise<void>, email: string) {
  await signInAs(page, ui, expectAccessible, email);
  await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
  await expectAccessible('start page');
}

async function optionValue(page: Page, label: RegExp | string, text: string): Promise<string> {
  return (await page.getByLabel(label).locator('option', { hasText: text }).first().getAttribute('value'))!;
}

/** The numbers in a table row, in order (e.g. 2024, 2025, 2026, total, events). */
async function numbersIn(page: Page, rowName: RegExp): Promise<number[]> {
  const text = await page.getByRole('table', { name: 'Deltagare per kommun' }).getByRole('row', { name: rowName }).first().innerText();
  return [...text.matchAll(/\b\d+\b/g)].map((match) => Number(match[0]));
}

test.describe('competence and staff support', () => {
  test('a coordinator sets a requirement, a caseworker records a course, the manager confirms it and the unit’s share trained changes', async ({
    page,
    ui,
    expectAccessible,
  }, testInfo) => {
    // Each project uses its own course, so both runs start from nobody trained.
    const course = testInfo.project.name === 'desktop' ? 'Webbkurs om hedersrelaterat våld och förtryck' : 'Prostitution och människohandel – grundkurs';
    const rowName = new RegExp(`${course}.*Sjukpenning Falun.*Handläggare`);

    await signInTo(page, ui, expectAccessible, 'samordnare.fk@demo.upptack.se');
    await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Kompetens', exact: true }));
    await expect(page.getByRole('heading', { level: 1, name: 'Kompetens och stöd till personal' })).toBeVisible();
    await expectAccessible('competence start');
    await ui.activate(page.getByRole('link', { name: 'Utbildningskrav' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Utbildningskrav' })).toBeVisible();
    await expect(page.getByRole('row', { name: /Webbkurs om våld i nära relationer/ }).first()).toBeVisible();
    await expectAccessible('requirements');
    await ui.select(page.getByLabel('Utbildning', { exact: true }), await optionValue(page, 'Utbildning', course));
    await ui.select(page.getByLabel(/^Enhet/), await optionValue(page, /^Enhet/, 'Sjukpenning Falun'));
    await ui.fill(page.getByLabel(/^Sista dag/), '2026-12-31');
    await ui.activate(page.getByRole('button', { name: 'Spara kravet' }));
    await expect(page.getByText('Kravet är sparat.')).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(`${course}.*Sjukpenning Falun`) }).first()).toBeVisible();
    await expectAccessible('requirement saved');
    // Changing it: the deadline moves, the course and unit stay.
    await ui.activate(page.getByRole('button', { name: `Ändra kravet: ${course}` }).first());
    await expect(page.getByRole('heading', { level: 2, name: `Ändra kravet: ${course}` })).toBeVisible();
    await ui.fill(page.locator('#edit-deadline'), '2027-01-31');
    await ui.activate(page.getByRole('button', { name: 'Spara ändringen' }));
    await expect(page.getByText('Kravet är ändrat.')).toBeVisible();
    await expectAccessible('requirement changed');
    await signOut(page, ui);

    // The caseworker records the course; a future date is refused first, with the field named.
    await signInTo(page, ui, expectAccessible, 'handlaggare.fk@demo.upptack.se');
    await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Kompetens', exact: true }));
    await expect(page.getByRole('heading', { level: 1, name: 'Kompetens och stöd till personal' })).toBeVisible();
    await expectAccessible('caseworker competence');
    await ui.select(page.getByLabel('Utbildning', { exact: true }), await optionValue(page, 'Utbildning', course));
    await ui.fill(page.getByLabel(/Datum då du gick klart/), '2030-01-01');
    await ui.activate(page.getByRole('button', { name: 'Registrera utbildningen' }));
    await expect(page.getByRole('alert')).toContainText('ligger i framtiden');
    await expectAccessible('future date refused');
    await ui.fill(page.getByLabel(/Datum då du gick klart/), '2026-11-02');
    await ui.activate(page.getByRole('button', { name: 'Registrera utbildningen' }));
    await expect(page.getByText('Utbildningen är registrerad och väntar på bekräftelse.')).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(`${course}.*Väntar på bekräftelse`) })).toBeVisible();
    await expectAccessible('completion recorded');
    await ui.activate(page.getByRole('link', { name: 'Stöd till dig som medarbetare' }));
    await expect(page.getByText('Upptäck registrerar inte vem som söker stöd')).toBeVisible();
    await expectAccessible('staff support');
    await signOut(page, ui);

    // The manager sees the share, confirms, and sees it change.
    await signInTo(page, ui, expectAccessible, 'chef.fk@demo.upptack.se');
    await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Kompetens', exact: true }));
    await ui.activate(page.getByRole('link', { name: 'Andel utbildade' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Andel utbildade' })).toBeVisible();
    await expect(page.getByRole('row', { name: rowName }).first()).toContainText('0 av 2');
    await expectAccessible('share before');
    await page.goto('/personal/kompetens/bekrafta');
    await expect(page.getByRole('heading', { level: 1, name: 'Bekräfta utbildningar' })).toBeVisible();
    await expectAccessible('to confirm');
    await ui.activate(page.getByRole('button', { name: `Bekräfta ${course} för Frida Handläggare` }));
    await expect(page.getByText(`${course} för Frida Handläggare är bekräftad.`)).toBeVisible();
    await expectAccessible('confirmed');
    await page.goto('/personal/kompetens/rapport');
    await expect(page.getByRole('row', { name: rowName }).first()).toContainText('1 av 2');
    await expect(page.getByRole('row', { name: rowName }).first()).toContainText('50 %');
    await expectAccessible('share after');
    await page.goto('/personal/kompetens/handledning');
    await expect(page.getByRole('row', { name: /Sjukpenning Falun/ }).first()).toBeVisible();
    await expectAccessible('supervision');
  });

  test('a county strategist creates an event, two people from different municipalities register by link, attendance, evaluation and participation per municipality', async ({
    page,
    ui,
    expectAccessible,
    thirdPartyRequests,
  }, testInfo) => {
    const title = `Nätverksträff om hedersrelaterat våld (${testInfo.project.name})`;
    await signInTo(page, ui, expectAccessible, 'lansstrateg@demo.upptack.se');
    await page.goto('/personal/kompetens/deltagande');
    await expect(page.getByRole('heading', { level: 1, name: 'Deltagande per kommun och organisation' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Deltagare per kommun' }).getByRole('row', { name: /^Mora/ })).toBeVisible();
    await expectAccessible('participation before');
    const moraBefore = await numbersIn(page, /^Mora/);
    const ludvikaBefore = await numbersIn(page, /^Ludvika/);

    await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Evenemang' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Evenemang' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Inspirationsdag mot mäns våld mot kvinnor 2025' })).toBeVisible();
    await expectAccessible('events');
    await ui.activate(page.getByRole('link', { name: 'Skapa ett evenemang' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Skapa ett evenemang' })).toBeVisible();
    await expectAccessible('new event');
    await ui.fill(page.getByLabel('Namn', { exact: true }), title);
    await ui.select(page.getByLabel('Typ', { exact: true }), 'network_meeting');
    await ui.fill(page.getByLabel('Arrangör', { exact: true }), 'Länsstyrelsen Dalarna');
    await ui.fill(page.getByLabel(/^Början/), '2026-12-15 09:00');
    await ui.fill(page.getByLabel(/^Slut/), '2026-12-15 12:00');
    await ui.fill(page.getByLabel('Målgrupp', { exact: true }), 'Socialtjänsten i Dalarna');
    await ui.select(page.getByLabel(/^Län/), '20');
    await ui.fill(page.getByLabel(/^Sista anmälningsdag/), '2026-12-10');
    await ui.activate(page.getByRole('button', { name: 'Skapa evenemanget' }));
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expectAccessible('event created');
    const link = await page.getByLabel(/^Länk till anmälan/).inputValue();
    const eventPath = new URL(page.url()).pathname;

    // Two participants register through the link, without an account.
    for (const [name, email, organisation, municipality] of [
      ['Anna Mora', `anna.${testInfo.project.name}@mora.example`, 'Mora kommun, socialtjänsten', '2062'],
      ['Lars Ludvika', `lars.${testInfo.project.name}@ludvika.example`, 'Ludvika kommun, socialtjänsten', '2085'],
    ] as const) {
      await page.goto(link);
      await expect(page.getByRole('heading', { level: 1, name: `Anmälan: ${title}` })).toBeVisible();
      await expectAccessible('registration page');
      await ui.fill(page.getByLabel('Ditt namn'), name);
      await ui.fill(page.getByLabel('Din e-postadress'), email);
      await ui.fill(page.getByLabel(/^Organisation där du arbetar/), organisation);
      await ui.select(page.getByLabel(/^Kommun/), municipality);
      await ui.activate(page.getByRole('button', { name: 'Skicka anmälan' }));
      await expect(page.getByRole('heading', { level: 1, name: 'Tack! Din anmälan är mottagen.' })).toBeVisible();
      await expectAccessible('registered');
    }
    expect(thirdPartyRequests).toEqual([]);

    // Attendance, then the evaluation.
    await page.goto(eventPath);
    await expect(page.getByRole('row', { name: /Anna Mora/ })).toBeVisible();
    await expect(page.getByText('Namn och e-postadresser tas bort 90 dagar efter evenemanget.', { exact: false })).toBeVisible();
    await expectAccessible('registrations');
    await ui.choose(page.getByLabel('Anna Mora deltog'));
    await ui.choose(page.getByLabel('Lars Ludvika deltog'));
    await ui.activate(page.getByRole('button', { name: 'Spara närvaron' }));
    await expect(page.getByText('Närvaron är sparad.')).toBeVisible();
    await expectAccessible('attendance saved');
    // The template: one of the organisation's own surveys (the demo inspiration day's evaluation).
    const surveys = (await (await page.request.get('/api/v1/surveys')).json()) as { surveys: Array<{ id: string; templateKey: string | null }> };
    const own = surveys.surveys.find((survey) => survey.templateKey === 'event_evaluation')!;
    await expect(page.getByLabel(/^Mall för utvärderingen/)).toHaveValue('');
    await ui.select(page.getByLabel(/^Mall för utvärderingen/), own.id);
    await ui.activate(page.getByRole('button', { name: 'Skapa en utvärdering' }));
    const evaluation = page.getByLabel('Länk till utvärderingen');
    await expect(evaluation).toHaveValue(/\/enkat\/oppen\//);
    await expectAccessible('evaluation created');
    const evaluationLink = await evaluation.inputValue();
    await page.goto(evaluationLink);
    await expectAccessible('evaluation form');
    await ui.choose(page.getByRole('group', { name: /Hur nöjd är du med utbildningen/ }).getByLabel('5 – Mycket nöjd'));
    await ui.choose(page.getByRole('group', { name: /Kommer du att ha nytta/ }).getByLabel('Ja'));
    await ui.choose(page.getByRole('group', { name: /Har dina kunskaper/ }).getByLabel('Ja, mycket'));
    await ui.activate(page.getByRole('button', { name: 'Skicka svaret' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Tack för ditt svar! Svaret är anonymt.' })).toBeVisible();
    await expectAccessible('evaluation answered');
    await page.goto(eventPath);
    await expect(page.getByText('1 svar')).toBeVisible();
    await expect(page.getByRole('table', { name: /Hur nöjd är du med utbildningen/ }).getByRole('row', { name: /5 – Mycket nöjd 1/ })).toBeVisible();
    await expectAccessible('evaluation results');

    // Results per series: the demo inspiration days together.
    await page.goto('/personal/kompetens/utvarderingar');
    await expect(page.getByRole('heading', { level: 1, name: 'Utvärderingar per serie' })).toBeVisible();
    await expectAccessible('series results empty');
    await ui.activate(page.getByRole('button', { name: 'Visa resultaten' }));
    await expect(page.getByRole('alert').getByRole('link')).toHaveAttribute('href', '#field-series');
    await expectAccessible('series results error');
    await ui.fill(page.getByLabel(/^Serie/), 'Inspirationsdag');
    await ui.activate(page.getByRole('button', { name: 'Visa resultaten' }));
    await expect(page.getByText(/^1 utvärderade evenemang, 6 svar\.$/)).toBeVisible();
    await expect(page.getByRole('table', { name: /Hur nöjd är du med utbildningen/ })).toBeVisible();
    await expectAccessible('series results');

    // Participation per municipality shows both, and those that never take part.
    await page.goto('/personal/kompetens/deltagande');
    await expect(page.getByRole('heading', { level: 1, name: 'Deltagande per kommun och organisation' })).toBeVisible();
    const moraAfter = await numbersIn(page, /^Mora/);
    const ludvikaAfter = await numbersIn(page, /^Ludvika/);
    expect(moraAfter[2]).toBe(moraBefore[2]! + 1);
    expect(ludvikaAfter[2]).toBe(ludvikaBefore[2]! + 1);
    await expect(page.getByRole('heading', { level: 2, name: 'Kommuner som inte deltagit under perioden' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: /^Älvdalen$/ })).toBeVisible();
    await expectAccessible('participation after');
  });

  test('the catalogue, the import from a learning platform with line errors, and the regional competence plan', async ({
    page,
    ui,
    expectAccessible,
  }, testInfo) => {
    const day = testInfo.project.name === 'desktop' ? '2026-10-05' : '2026-10-06';
    await signInTo(page, ui, expectAccessible, 'samordnare.fk@demo.upptack.se');
    await page.goto('/personal/kompetens/katalog');
    await expect(page.getByRole('heading', { level: 1, name: 'Utbildningskatalogen' })).toBeVisible();
    await expect(page.getByRole('row', { name: /Webbkurs om våld i nära relationer/ })).toBeVisible();
    await expectAccessible('catalogue');
    await ui.fill(page.getByLabel('Utbildningens namn'), `Workshop om att fråga om våld (${testInfo.project.name})`);
    await ui.fill(page.getByLabel('Anordnare', { exact: true }), 'Försäkringskassan');
    await ui.activate(page.getByRole('button', { name: 'Spara utbildningen' }));
    await expect(page.getByText(`Utbildningen Workshop om att fråga om våld (${testInfo.project.name}) är tillagd.`)).toBeVisible();
    await expectAccessible('course added');
    await ui.activate(page.getByRole('button', { name: `Ändra utbildningen: Workshop om att fråga om våld (${testInfo.project.name})` }));
    await ui.fill(page.locator('#edit-provider'), 'Försäkringskassan, region Mitt');
    await ui.activate(page.getByRole('button', { name: 'Spara ändringen' }));
    await expect(page.getByText(`Utbildningen Workshop om att fråga om våld (${testInfo.project.name}) är ändrad.`)).toBeVisible();
    await expect(
      page.getByRole('row', { name: new RegExp(`Workshop om att fråga om våld \\(${testInfo.project.name}\\).*Försäkringskassan, region Mitt`) }),
    ).toBeVisible();
    await expectAccessible('course changed');
    const courses = (await (await page.request.get('/api/v1/courses')).json()) as { courses: Array<{ id: string; title: string }> };
    const film = courses.courses.find((course) => course.title.startsWith('Film: att fråga om våld'))!;

    await page.goto('/personal/kompetens/import');
    await expect(page.getByRole('heading', { level: 1, name: 'Importera genomförda utbildningar' })).toBeVisible();
    await expectAccessible('import');
    await ui.fill(
      page.getByLabel(/^CSV-innehåll/),
      `email;course_id;completed_on\nhandlaggare2.fk@demo.upptack.se;${film.id};${day}\nokand@demo.upptack.se;${film.id};${day}`,
    );
    await ui.activate(page.getByRole('button', { name: 'Granska filen' }));
    await expect(page.getByText('2 rader: 1 utan fel, 1 med fel.')).toBeVisible();
    await expect(page.getByRole('row', { name: /Ingen medarbetare i organisationen har e-postadressen okand@demo.upptack.se/ })).toBeVisible();
    await expectAccessible('import preview with errors');
    await ui.fill(page.getByLabel(/^CSV-innehåll/), `email;course_id;completed_on\nhandlaggare2.fk@demo.upptack.se;${film.id};${day}`);
    await ui.activate(page.getByRole('button', { name: 'Granska filen' }));
    await ui.activate(page.getByRole('button', { name: 'Importera genomförda utbildningar: 1' }));
    await expect(page.getByText('1 utbildningar är importerade och bekräftade.')).toBeVisible();
    await expectAccessible('imported');
    await signOut(page, ui);

    await signInTo(page, ui, expectAccessible, 'lansstrateg@demo.upptack.se');
    await page.goto('/personal/kompetens/planer');
    await expect(page.getByRole('heading', { level: 1, name: 'Regional kompetensplan' })).toBeVisible();
    await expectAccessible('plans');
    await ui.activate(page.getByRole('link', { name: 'Gemensam kompetensplan Dalarna 2027' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Gemensam kompetensplan Dalarna 2027' })).toBeVisible();
    await expect(page.getByText(/Våld i nära relationer, mars: Arbetsförmedlingen, Försäkringskassan/)).toBeVisible();
    await expectAccessible('plan');
    await ui.fill(page.getByLabel('Organisation', { exact: true }), `Mora kommun (${testInfo.project.name})`);
    await ui.fill(page.getByLabel('Insats', { exact: true }), 'Utbildning om barn som upplever våld');
    await ui.fill(page.getByLabel('Målgrupp', { exact: true }), 'Förskolepersonal');
    await ui.choose(page.getByLabel('Barn som upplever våld', { exact: true }));
    await ui.select(page.getByLabel('Månad', { exact: true }), '5');
    await ui.activate(page.getByRole('button', { name: 'Lägg till insatsen' }));
    await expect(page.getByText('Sparat.')).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(`Mora kommun \\(${testInfo.project.name}\\).*maj`) })).toBeVisible();
    await expectAccessible('plan entry added');
    // A participant is added and removed again.
    await ui.select(page.getByLabel('Organisation som ska delta'), 'Migrationsverket');
    await ui.activate(page.getByRole('button', { name: 'Lägg till organisationen' }));
    await expect(page.getByText('Organisationen deltar nu i planen.')).toBeVisible();
    await ui.activate(page.getByRole('button', { name: 'Ta bort ur planen Migrationsverket' }));
    await expect(page.getByText('Migrationsverket deltar inte längre i planen. Insatserna organisationen har lagt in finns kvar.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ta bort ur planen Migrationsverket' })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: 'Deltagande organisationer' })).toBeFocused();
    await expectAccessible('participant removed');
  });
  test('a participating organisation’s coordinator enters and changes its own efforts in the county’s shared plan', async ({
    page,
    ui,
    expectAccessible,
  }, testInfo) => {
    const effort = `Webbkurs om hedersrelaterat våld (${testInfo.project.name})`;
    await signInTo(page, ui, expectAccessible, 'samordnare.fk@demo.upptack.se');
    await page.goto('/personal/kompetens/planer');
    await expect(page.getByRole('heading', { level: 1, name: 'Regional kompetensplan' })).toBeVisible();
    await expect(page.getByRole('row', { name: /Gemensam kompetensplan Dalarna 2027.*Deltar/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Ny plan' })).toHaveCount(0);
    await expectAccessible('plans as participant');
    await ui.activate(page.getByRole('link', { name: 'Gemensam kompetensplan Dalarna 2027' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Gemensam kompetensplan Dalarna 2027' })).toBeVisible();
    await expect(page.getByText('Insatsen läggs in i er organisations namn.')).toBeVisible();
    await expect(page.getByLabel('Organisation', { exact: true })).toHaveCount(0);
    await expectAccessible('plan as participant');

    // Errors are named by field, and what was typed stays.
    await ui.fill(page.getByLabel('Målgrupp', { exact: true }), 'Handläggare i sjukpenning');
    await ui.activate(page.getByRole('button', { name: 'Lägg till insatsen' }));
    await expect(page.getByRole('alert').getByRole('link')).toHaveAttribute('href', '#field-effort');
    await expect(page.getByLabel('Målgrupp', { exact: true })).toHaveValue('Handläggare i sjukpenning');
    await expectAccessible('participant entry errors');

    await ui.fill(page.getByLabel(/^Insats/), effort);
    await ui.choose(page.getByLabel('Hedersrelaterat våld och förtryck', { exact: true }));
    await ui.select(page.getByLabel('Månad', { exact: true }), '9');
    await ui.activate(page.getByRole('button', { name: 'Lägg till insatsen' }));
    await expect(page.getByText('Sparat.')).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(`Försäkringskassan.*${effort.replace(/[()]/g, '\\$&')}.*september`) })).toBeVisible();
    await expectAccessible('participant entry added');

    // Only its own efforts can be changed: the county's entries have no change button.
    await ui.activate(page.getByRole('button', { name: `Ändra insatsen: ${effort}` }));
    await expect(page.getByRole('heading', { level: 2, name: `Ändra insatsen: ${effort}` })).toBeVisible();
    await ui.select(page.getByLabel('Månad', { exact: true }), '10');
    await ui.activate(page.getByRole('button', { name: 'Spara ändringen' }));
    await expect(page.getByText('Sparat.')).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(`${effort.replace(/[()]/g, '\\$&')}.*oktober`) })).toBeVisible();
    await expect(page.getByRole('button', { name: /Ändra insatsen: Inspirationsdag/ })).toHaveCount(0);
    await expectAccessible('participant entry changed');
  });
});
