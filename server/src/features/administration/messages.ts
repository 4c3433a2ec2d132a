import { defineMessages } from '#shared/i18n/messages.ts';

/** Server-side texts of the administration API (conflicts a form cannot foresee). */
export const administrationMessages = defineMessages(
  {
    unitHasActiveChildren: 'Enheten har aktiva underenheter. Avaktivera eller flytta dem först.',
    unitHasMembers: 'Enheten har personer med aktuella roller. Avsluta deras roller först – historiken finns kvar.',
    unitHasServiceAccounts: 'Enheten har aktiva tjänstekonton. Återkalla dem först.',
    parentInactive: 'Den överordnade enheten är avaktiverad.',
    unitAlreadyActive: 'Enheten är redan aktiv.',
    unitAlreadyInactive: 'Enheten är redan avaktiverad.',
    ownAccount: 'Du kan inte ändra ditt eget konto här. Använd sidan Mitt konto.',
    userNotManageable: 'Personen har en roll som du inte kan ge. Be en systemadministratör.',
    membershipAlreadyEnded: 'Rollen är redan avslutad.',
    userAlreadyActive: 'Kontot är redan aktivt.',
    userAlreadyInactive: 'Kontot är redan avaktiverat.',
    serviceAccountRevoked: 'Tjänstekontot är redan återkallat.',
    organisationInactive: 'Organisationen är avaktiverad.',
    resetAlreadyPending: 'En begäran om samma sak väntar redan på en andra administratör.',
    resetNeedsAnotherAdministrator: 'En annan administratör än den som begärde måste godkänna eller lämna över.',
    resetNotPending: 'Begäran väntar inte längre på godkännande.',
    resetExpired: 'Begäran har gått ut. Gör en ny begäran.',
    mailSetupSubject: 'Välj ditt lösenord i Upptäck',
    mailSetupText:
      'Hej {name}!\n\nEn administratör har skapat ett konto eller återställt lösenordet för dig i Upptäck. Välj ditt lösenord med länken nedan. Länken kan användas en gång och gäller till {expires}.\n\n{url}\n\nHar du inte väntat dig det här? Kontakta din organisations administratör.',
    mailSecondFactorSubject: 'Din tvåstegsverifiering i Upptäck har tagits bort',
    mailSecondFactorText:
      'Hej {name}!\n\nTvå administratörer har tagit bort appen för tvåstegsverifiering och reservkoderna för ditt konto i Upptäck. Nästa gång du loggar in registrerar du en app på nytt.\n\nHar du inte bett om det här? Kontakta din organisations administratör.',
  },
  {
    unitHasActiveChildren: 'The unit has active sub-units. Deactivate or move them first.',
    unitHasMembers: 'The unit has people with current roles. End their roles first – the history is kept.',
    unitHasServiceAccounts: 'The unit has active service accounts. Revoke them first.',
    parentInactive: 'The parent unit is deactivated.',
    unitAlreadyActive: 'The unit is already active.',
    unitAlreadyInactive: 'The unit is already deactivated.',
    ownAccount: 'You cannot change your own account here. Use the My account page.',
    userNotManageable: 'The person has a role you cannot give. Ask a system administrator.',
    membershipAlreadyEnded: 'The role has already ended.',
    userAlreadyActive: 'The account is already active.',
    userAlreadyInactive: 'The account is already deactivated.',
    serviceAccountRevoked: 'The service account is already revoked.',
    organisationInactive: 'The organisation is deactivated.',
    resetAlreadyPending: 'A request for the same thing is already waiting for a second administrator.',
    resetNeedsAnotherAdministrator: 'An administrator other than the one who asked must approve or hand over.',
    resetNotPending: 'The request is no longer waiting for approval.',
    resetExpired: 'The request has expired. Make a new request.',
    mailSetupSubject: 'Choose your password in Upptäck',
    mailSetupText:
      'Hello {name},\n\nAn administrator has created an account or reset the password for you in Upptäck. Choose your password with the link below. The link works once and is valid until {expires}.\n\n{url}\n\nNot expecting this? Contact your organisation’s administrator.',
    mailSecondFactorSubject: 'Your two-step verification in Upptäck has been removed',
    mailSecondFactorText:
      'Hello {name},\n\nTwo administrators have removed the two-step verification app and recovery codes of your account in Upptäck. At your next sign-in you register an app again.\n\nDid you not ask for this? Contact your organisation’s administrator.',
  },
);
