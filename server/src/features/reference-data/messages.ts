import { defineMessages } from '#shared/i18n/messages.ts';

/** Texts in files the reference-data feature produces. */
export const referenceDataMessages = defineMessages(
  {
    csv: {
      filename: 'kommuner-och-lan.csv',
      municipalityCode: 'Kommunkod',
      municipality: 'Kommun',
      countyCode: 'Länskod',
      county: 'Län',
    },
    onlyUsers: 'Bara en inloggad person kan starta en export; resultatet hör till den som startade den.',
  },
  {
    csv: {
      filename: 'municipalities-and-counties.csv',
      municipalityCode: 'Municipality code',
      municipality: 'Municipality',
      countyCode: 'County code',
      county: 'County',
    },
    onlyUsers: 'Only a signed-in person can start an export; the result belongs to whoever started it.',
  },
);
