import { defineMessages } from '#shared/i18n/messages.ts';

/** Details of the problems the kernel itself answers with. */
export const platformErrorMessages = defineMessages(
  {
    databaseUnavailable: 'Det går inte att hämta eller spara uppgifter just nu. Försök igen om en stund.',
  },
  {
    databaseUnavailable: 'Information cannot be read or saved right now. Try again in a moment.',
  },
);
