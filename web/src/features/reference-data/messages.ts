import { defineMessages } from '#shared/i18n/messages.ts';

export const referenceDataPageMessages = defineMessages(
  {
    title: 'Län och kommuner',
    lead: 'Sveriges 21 län och 290 kommuner med SCB:s koder. Upptäck använder dem överallt där en kommun eller ett län anges.',
    caption: 'Län med antal kommuner',
    code: 'Länskod',
    county: 'Län',
    municipalities: 'Antal kommuner',
    exportHeading: 'Ladda ner kommunlistan',
    exportText: 'Listan skapas i bakgrunden. Du kan lämna sidan under tiden och hämta filen senare under Mina bakgrundsjobb.',
    exportButton: 'Skapa kommunlistan som CSV-fil',
    allJobs: 'Till mina bakgrundsjobb',
    loadFailed: 'Länen kunde inte hämtas. Ladda om sidan för att försöka igen.',
    startFailed: 'Exporten kunde inte startas. Försök igen.',
  },
  {
    title: 'Counties and municipalities',
    lead: 'Sweden’s 21 counties and 290 municipalities with their SCB codes. Upptäck uses them wherever a municipality or a county is given.',
    caption: 'Counties with their number of municipalities',
    code: 'County code',
    county: 'County',
    municipalities: 'Municipalities',
    exportHeading: 'Download the municipality list',
    exportText: 'The list is made in the background. You may leave this page meanwhile and fetch the file later under My background jobs.',
    exportButton: 'Make the municipality list as a CSV file',
    allJobs: 'To my background jobs',
    loadFailed: 'The counties could not be loaded. Reload the page to try again.',
    startFailed: 'The export could not be started. Try again.',
  },
);
