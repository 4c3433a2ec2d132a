import { defineMessages } from '#shared/i18n/messages.ts';

export const authMessages = defineMessages(
  {
    invalidCredentials: 'Fel e-postadress, lösenord eller engångskod.',
    crossSite: 'Inloggningen måste göras från Upptäcks egen sida.',
  },
  {
    invalidCredentials: 'Wrong email address, password or one-time code.',
    crossSite: 'Sign-in must be done from Upptäck’s own page.',
  },
);
