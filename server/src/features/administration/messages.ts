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
  },
);
