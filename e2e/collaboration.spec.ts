import crypto from 'node:crypto';
import ICAL from 'ical.js';
import { pdfWithMetadata } from '../server/src/features/collaboration/attachment-samples.ts';
import { expect, settled, signInAs, test } from './support/fixtures.ts';

/**
 * The national coordinator organises the collaboration (issue 9): creates the steering group and a
 * development group led by Migrationsverket, schedules a meeting with an agenda, records minutes
 * and a decision, exports the meeting to a calendar, and gives the development group a work plan
 * with a goal and an activity. Linking the goal to a follow-up indicator (issue 7) is added to this
 * journey when follow-up exists.
 */
test('the national coordinator sets up the steering group and a development group, holds a meeting and starts a work plan', async ({
  page,
  ui,
  expectAccessible,
}, testInfo) => {
  test.setTimeout(240_000);
  const suffix = `${testInfo.project.name} ${crypto.randomBytes(2).toString('hex')}`;
  await signInAs(page, ui, expectAccessible, 'nationell.samordnare@demo.upptack.se');
  await expectAccessible('start page');

  await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Samverkan' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Samverkan' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Utvecklingsgruppen för information och hänvisning' })).toBeVisible();
  await expectAccessible('bodies');

  // The steering group.
  await ui.activate(page.getByRole('link', { name: 'Skapa en ny grupp' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Ny grupp' })).toBeVisible();
  await expectAccessible('new body');
  const steering = `Styrgruppen ${suffix}`;
  await ui.fill(page.getByLabel('Gruppens namn'), steering);
  await ui.choose(page.getByRole('radio', { name: 'Styrgrupp' }));
  await ui.select(page.getByLabel('Ledande organisation'), 'Jämställdhetsmyndigheten');
  for (const area of ['Rutiner och metoder', 'Information om våld, lagstiftning, skydd och stöd', 'Hänvisning', 'Stöd till personal']) {
    await ui.choose(page.getByRole('checkbox', { name: area }));
  }
  await ui.select(page.getByLabel('Hur ofta gruppen möts'), 'twice_a_year');
  await ui.activate(page.getByRole('button', { name: 'Skapa gruppen' }));
  await expect(page.getByRole('heading', { level: 1, name: steering })).toBeVisible();
  await settled(page);
  await expectAccessible('steering group');

  // The development group, led by Migrationsverket, with its convener from Migrationsverket.
  await ui.activate(page.getByRole('link', { name: 'Tillbaka till Samverkan' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Samverkan' })).toBeVisible();
  await expectAccessible('bodies again');
  await ui.activate(page.getByRole('link', { name: 'Skapa en ny grupp' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Ny grupp' })).toBeVisible();
  await expectAccessible('new body again');
  const development = `Utvecklingsgruppen för hänvisning ${suffix}`;
  await ui.fill(page.getByLabel('Gruppens namn'), development);
  await ui.choose(page.getByRole('radio', { name: 'Utvecklingsgrupp' }));
  await ui.select(page.getByLabel('Ledande organisation'), 'Migrationsverket');
  await ui.choose(page.getByRole('checkbox', { name: 'Hänvisning' }));
  await ui.activate(page.getByRole('button', { name: 'Skapa gruppen' }));
  await expect(page.getByRole('heading', { level: 1, name: development })).toBeVisible();
  await expect(page.getByText('Migrationsverket', { exact: true }).first()).toBeVisible();
  await settled(page);
  await expectAccessible('development group');

  await ui.select(page.getByLabel('Organisation', { exact: true }), 'Migrationsverket');
  await ui.select(page.getByLabel('Roll i gruppen'), 'convener');
  await ui.fill(page.getByLabel(/E-postadress till personens konto/), 'samordnare.mv@demo.upptack.se');
  await ui.activate(page.getByRole('button', { name: 'Lägg till medlemmen' }));
  await expect(page.getByRole('status').filter({ hasText: 'Mikael Samordnare är tillagd.' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Migrationsverket' })).toBeVisible();
  await settled(page);
  await expectAccessible('member added');

  // A meeting: the end before the start is refused with the field named, then it is scheduled.
  await ui.activate(page.getByRole('link', { name: 'Planera ett möte' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Planera ett möte' })).toBeVisible();
  await expectAccessible('new meeting');
  await ui.fill(page.getByLabel('Rubrik'), 'Första utvecklingsgruppsmötet');
  await ui.fill(page.getByLabel('Datum'), '2027-03-10');
  await ui.fill(page.getByRole('textbox', { name: /^Börjar/ }), '14:00');
  await ui.fill(page.getByRole('textbox', { name: /^Slutar/ }), '13:00');
  await ui.fill(page.getByLabel('Länk till det digitala mötet'), 'https://moten.example.se/hanvisning');
  await ui.activate(page.getByRole('button', { name: 'Planera mötet' }));
  const summary = page.getByRole('alert');
  await expect(summary.getByRole('link', { name: 'Mötet kan inte sluta innan det börjar. Ange en sluttid som är senare än starttiden.' })).toBeVisible();
  await expect(page).toHaveTitle(/^Fel: /);
  await settled(page);
  await expectAccessible('meeting with an error');
  await ui.fill(page.getByRole('textbox', { name: /^Slutar/ }), '16:00');
  await ui.select(page.getByLabel('Sammankallande'), 'Mikael Samordnare, Migrationsverket');
  await ui.activate(page.getByRole('button', { name: 'Planera mötet' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Första utvecklingsgruppsmötet, 10 mars 2027' })).toBeVisible();
  await expect(page.getByText('10 mars 2027, 14:00–16:00')).toBeVisible();
  await settled(page);
  await expectAccessible('meeting');

  // The agenda, with who presents each item.
  await ui.fill(page.getByLabel('Punkt 1: rubrik'), 'Arbetsplan och tidplan');
  await ui.fill(page.getByLabel('Punkt 1: föredras av (frivilligt)'), 'Mikael Samordnare');
  await ui.activate(page.getByRole('button', { name: 'Lägg till en punkt' }));
  await ui.fill(page.getByLabel('Punkt 2: rubrik'), 'Kontaktlistor per kontor');
  await ui.activate(page.getByRole('button', { name: 'Spara dagordningen' }));
  await expect(page.getByRole('status').filter({ hasText: 'Sparat.' })).toBeVisible();
  await expect(page.getByLabel('Punkt 2: rubrik')).toHaveValue('Kontaktlistor per kontor');

  // An attachment: stored without its metadata.
  await page.getByLabel('Fil att bifoga').setInputFiles({ name: 'Underlag.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await pdfWithMetadata()) });
  await ui.activate(page.getByRole('button', { name: 'Bifoga filen' }));
  await expect(page.getByRole('link', { name: /^Hämta Underlag\.pdf/ })).toBeVisible();

  // Minutes and a numbered decision.
  await ui.fill(page.getByLabel('Protokoll eller minnesanteckningar'), 'Gruppen gick igenom arbetsplanen och kontaktlistorna.');
  await ui.activate(page.getByRole('button', { name: 'Spara protokollet' }));
  await expect(page.getByText(/^Protokollet sparades/)).toBeVisible();
  await ui.fill(page.getByRole('textbox', { name: 'Beslutet' }), 'Varje myndighet tar fram en kontaktlista per kontor');
  await ui.select(page.getByLabel('Ansvarig organisation (frivilligt)'), 'Migrationsverket');
  await ui.fill(page.getByLabel('Ska vara klart (frivilligt)'), '2027-05-31');
  await ui.activate(page.getByRole('button', { name: 'Registrera beslutet' }));
  await expect(page.getByRole('heading', { level: 3, name: 'Beslut 2027:1' })).toBeVisible();
  await expect(page.getByText('Varje myndighet tar fram en kontaktlista per kontor')).toBeVisible();
  await settled(page);
  await expectAccessible('meeting with minutes and a decision');

  // The calendar file: parsed, the event is the meeting, at the right instant.
  const href = await page.getByRole('link', { name: 'Hämta mötet till din kalender (.ics)' }).getAttribute('href');
  const download = await page.request.get(href ?? '');
  expect(download.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  const calendar = new ICAL.Component(ICAL.parse(await download.text()));
  ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  expect(event.summary).toBe('Första utvecklingsgruppsmötet');
  expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-10T13:00:00.000Z');
  expect(event.endDate.toJSDate().toISOString()).toBe('2027-03-10T15:00:00.000Z');
  expect(event.description).toContain('1. Arbetsplan och tidplan (föredras av Mikael Samordnare)');
  expect(event.component.getFirstPropertyValue('url')).toBe('https://moten.example.se/hanvisning');

  // The development group's work plan: a goal and an activity tied to it.
  await ui.activate(page.getByRole('link', { name: `Tillbaka till ${development}` }));
  await expect(page.getByRole('heading', { level: 1, name: development })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Varje myndighet tar fram en kontaktlista per kontor' })).toBeVisible();
  await expectAccessible('development group with its meeting');
  await ui.activate(page.getByRole('link', { name: 'Skapa en arbetsplan' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Ny arbetsplan' })).toBeVisible();
  await expectAccessible('new work plan');
  await ui.fill(page.getByLabel('Arbetsplanens namn'), 'Arbetsplan 2027');
  await ui.fill(page.getByLabel('Perioden börjar'), '2027-01-01');
  await ui.fill(page.getByLabel('Perioden slutar'), '2027-12-31');
  await ui.fill(page.getByLabel('Syfte'), 'Personalen vet vart den ska hänvisa den som utsätts för eller utövar våld.');
  await ui.fill(page.getByLabel('Baslinje: det som saknas'), 'Kontaktlistor till lokala aktörer per kontor.');
  await ui.activate(page.getByRole('button', { name: 'Skapa arbetsplanen' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Arbetsplan 2027' })).toBeVisible();
  await expectAccessible('work plan');

  await ui.fill(page.getByLabel('Mål', { exact: true }), 'Personalen vet vart den ska hänvisa');
  await ui.activate(page.getByRole('button', { name: 'Lägg till målet' }));
  await expect(page.getByRole('listitem').filter({ hasText: 'Personalen vet vart den ska hänvisa' })).toBeVisible();
  await ui.select(page.getByLabel('Mål eller delmål som aktiviteten hör till'), 'Personalen vet vart den ska hänvisa');
  await ui.fill(page.getByLabel('Aktivitet', { exact: true }), 'Ta fram kontaktlistor per kontor');
  await ui.select(page.getByLabel('Ansvarig', { exact: true }), 'Försäkringskassan');
  await ui.fill(page.getByRole('textbox', { name: /^Börjar/ }), '2027-02-01');
  await ui.fill(page.getByRole('textbox', { name: /^Slutar/ }), '2028-02-01');
  await ui.activate(page.getByRole('button', { name: 'Lägg till aktiviteten' }));
  await expect(page.getByRole('alert').getByRole('link', { name: 'Aktiviteten måste ligga inom arbetsplanens period, 2027-01-01–2027-12-31' })).toBeVisible();
  await settled(page);
  await expectAccessible('activity outside the period');
  await ui.fill(page.getByRole('textbox', { name: /^Slutar/ }), '2027-06-30');
  await ui.activate(page.getByRole('button', { name: 'Lägg till aktiviteten' }));
  const timeline = page.getByRole('region', { name: 'Aktiviteter i tidsordning, med mål, ansvarig och status' });
  await expect(timeline.getByRole('rowheader', { name: 'Ta fram kontaktlistor per kontor' })).toBeVisible();
  await expect(timeline.getByRole('cell', { name: 'Försäkringskassan' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Tidslinje över aktiviteterna/ })).toBeVisible();
  await settled(page);
  await expectAccessible('work plan with a goal and an activity');

  // The goal follows an indicator from follow-up (ADR 0062): the plan shows its current value.
  await ui.select(page.getByLabel('Mål att koppla'), 'Personalen vet vart den ska hänvisa');
  await ui.select(page.getByLabel('Indikator från uppföljningen'), 'screening.share_asked');
  await ui.activate(page.getByRole('button', { name: 'Koppla indikatorn' }));
  await expect(page.getByRole('status').filter({ hasText: 'Indikatorn är kopplad till målet.' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: /^Andel frågetillfällen där frågan om våld ställdes: (\d+ %|<5|–) \(\d{4}\), mål/ })).toBeVisible();
  await settled(page);
  await expectAccessible('work plan with a goal linked to an indicator');
});

test('the convener from Migrationsverket writes the development group’s yearly report and freezes it', async ({ page, ui, expectAccessible }, testInfo) => {
  await signInAs(page, ui, expectAccessible, 'samordnare.mv@demo.upptack.se');
  await expectAccessible('start page');
  await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Samverkan' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Samverkan' })).toBeVisible();
  await expectAccessible('bodies');
  await ui.activate(page.getByRole('link', { name: 'Utvecklingsgruppen för information och hänvisning' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Utvecklingsgruppen för information och hänvisning' })).toBeVisible();
  await expectAccessible('the group');
  const planLink = page.getByRole('link', { name: /^Arbetsplan \d{4}–\d{4}$/ });
  // Each project of the run reports on its own year of the demo plan (its first and its second).
  const years = ((await planLink.textContent()) ?? '').match(/\d{4}/g) ?? [];
  const year = Number(years[testInfo.project.name === 'desktop' ? 0 : 1]);
  await ui.activate(planLink);
  await expect(page.getByRole('heading', { level: 2, name: 'Aktivitets- och tidplan' })).toBeVisible();
  await expect(page.getByText('Försenad: inte klar').first()).toBeVisible();
  await expectAccessible('the plan');

  await ui.fill(page.getByRole('textbox', { name: /^År/ }), String(year));
  await ui.activate(page.getByRole('button', { name: 'Skapa redovisningen för året' }));
  await expect(page.getByRole('heading', { level: 1, name: `Redovisning ${year}: Utvecklingsgruppen för information och hänvisning` })).toBeVisible();
  await expect(page.getByLabel('Syfte')).toHaveValue(/samstämmig information om våld/);
  await expectAccessible('the draft report');
  await ui.fill(page.getByLabel('Gruppens bedömning'), 'Översättningen blev försenad; kontaktlistorna är på väg.');
  await ui.activate(page.getByRole('button', { name: 'Spara texterna' }));
  await expect(page.getByRole('status').filter({ hasText: 'Sparat.' })).toBeVisible();

  await ui.activate(page.getByRole('button', { name: 'Frys redovisningen' }));
  await expect(page.getByRole('alert').getByRole('link', { name: 'Kryssa i rutan för att bekräfta' })).toBeVisible();
  await settled(page);
  await expectAccessible('freezing without confirming');
  await ui.choose(page.getByRole('checkbox', { name: 'Jag har läst igenom redovisningen och den är klar' }));
  await ui.activate(page.getByRole('button', { name: 'Frys redovisningen' }));
  await expect(page.getByText(/^Redovisningen frystes .* och kan inte ändras\.$/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Gruppens bedömning' })).toBeVisible();
  await expect(page.getByText('Översättningen blev försenad; kontaktlistorna är på väg.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Spara texterna' })).toHaveCount(0);
  await expectAccessible('the frozen report');
});

test('the national coordinator’s overview shows open decisions and activities late against plan', async ({ page, ui, expectAccessible }) => {
  await signInAs(page, ui, expectAccessible, 'nationell.samordnare@demo.upptack.se');
  await expectAccessible('start page');
  await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Samverkan' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Samverkan' })).toBeVisible();
  await expectAccessible('bodies');
  await ui.activate(page.getByRole('link', { name: /^Översikt/ }));
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt över samverkan' })).toBeVisible();
  const late = page.getByRole('region', { name: 'Försenade aktiviteter i gruppernas arbetsplaner' });
  await expect(late.getByRole('rowheader', { name: 'Översätta informationsmaterialet till fem språk' })).toBeVisible();
  const decisions = page.getByRole('region', { name: 'Beslut som inte är genomförda eller avskrivna' });
  await expect(decisions.getByRole('cell', { name: 'Myndigheterna redovisar sina indikatorer till samordnaren' })).toBeVisible();
  // A decision past its due date and not done is flagged in words, not by colour alone (issue 22).
  const overdue = decisions.getByRole('row').filter({ hasText: 'Samverkansgruppen tar fram ett förslag till gemensam konferens' });
  await expect(overdue).toContainText('Försenat');
  await expect(decisions.getByRole('row').filter({ hasText: 'Myndigheterna redovisar sina indikatorer till samordnaren' })).not.toContainText('Försenat');
  await expect(page.getByText('1 av de öppna besluten är försenat: datumet för när det ska vara klart har passerat.')).toBeVisible();
  await expectAccessible('overview');

  // The held meeting opens as what happened, not as its edit forms; editing is an explicit step.
  await ui.activate(overdue.getByRole('link'));
  await expect(page.getByRole('heading', { level: 1, name: /^Styrgruppsmöte, / })).toBeVisible();
  await expect(page.getByText(/^Styrgruppen gick igenom den reviderade färdplanen/)).toBeVisible();
  await expect(page.getByText(/Försenat: skulle ha varit klart /)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Gruppens ledamöter' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Nora Nationell' }).first()).toBeVisible();
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Spara/ })).toHaveCount(0);
  await expectAccessible('held meeting');
  await ui.activate(page.getByRole('button', { name: 'Redigera mötet' }));
  await expect(page.locator('p').filter({ hasText: 'Du redigerar ett hållet möte.' })).toBeFocused();
  await expect(page.getByLabel('Protokoll eller minnesanteckningar')).toHaveValue(/^Styrgruppen gick igenom den reviderade färdplanen/);
  await expect(page.getByRole('button', { name: /^Spara uppföljningen av beslut / })).toHaveCount(3);
  await settled(page);
  await expectAccessible('held meeting in edit mode');
  await ui.activate(page.getByRole('button', { name: 'Klar, visa mötet' }));
  await expect(page.getByRole('button', { name: 'Redigera mötet' })).toBeFocused();
  await expect(page.getByRole('textbox')).toHaveCount(0);

  // The body's page flags the same decision.
  await ui.activate(page.getByRole('link', { name: 'Tillbaka till Styrgruppen för ökad upptäckt av våld' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Styrgruppen för ökad upptäckt av våld' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Samverkansgruppen tar fram ett förslag till gemensam konferens' })).toContainText('Försenat');
  await settled(page);
  await expectAccessible('body with an overdue decision');
});

test('the county strategist follows Dalarna’s strategy process and adds a respondent to the consultation round', async ({
  page,
  ui,
  expectAccessible,
}, testInfo) => {
  const respondent = `Brottsofferjouren ${testInfo.project.name} ${crypto.randomBytes(2).toString('hex')}`;
  await signInAs(page, ui, expectAccessible, 'lansstrateg@demo.upptack.se');
  await expectAccessible('start page');
  await ui.activate(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Samverkan' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Samverkan' })).toBeVisible();
  await expectAccessible('bodies');
  await ui.activate(page.getByRole('link', { name: 'Länets strategiprocess' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Länets strategiprocess' })).toBeVisible();
  await expectAccessible('processes');
  await ui.activate(page.getByRole('link', { name: 'Regional strategi mot mäns våld mot kvinnor i Dalarna' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Regional strategi mot mäns våld mot kvinnor i Dalarna' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Remissförfarande' })).toBeVisible();
  await expectAccessible('the process');
  await ui.fill(page.getByLabel('Eller: namnet på en organisation som inte finns i listan'), respondent);
  await ui.activate(page.getByRole('button', { name: 'Lägg till remissinstansen' }));
  await expect(page.getByRole('rowheader', { name: respondent })).toBeVisible();
  await settled(page);
  await expectAccessible('respondent added');
});
