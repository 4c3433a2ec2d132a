import { defineMessages } from '#shared/i18n/messages.ts';

export const authMessages = defineMessages(
  {
    invalidCredentials: 'Fel e-postadress, lösenord eller engångskod.',
    crossSite: 'Inloggningen måste göras från Upptäcks egen sida.',
    totpAlreadyEnabled: 'Du har redan en app för tvåstegsverifiering kopplad.',
    totpNotStarted: 'Börja om med att visa QR-koden och skanna den i appen.',
    setupLinkInvalid: 'Länken för att välja lösenord fungerar inte längre. Be din administratör om en ny.',
    localPasswordsOff: 'Din organisation loggar in via sin egen inloggningstjänst. Välj ”Logga in via din organisation”.',
  },
  {
    invalidCredentials: 'Wrong email address, password or one-time code.',
    crossSite: 'Sign-in must be done from Upptäck’s own page.',
    totpAlreadyEnabled: 'You already have a two-step verification app connected.',
    totpNotStarted: 'Start again by showing the QR code and scanning it in the app.',
    setupLinkInvalid: 'The link for choosing a password no longer works. Ask your administrator for a new one.',
    localPasswordsOff: 'Your organisation signs in through its own sign-in service. Choose “Sign in through your organisation”.',
  },
);
