import { defineMessages } from '#shared/i18n/messages.ts';
import { permissionNames } from '../../ui/permission-names.ts';

/** The permission table's page; the names of actions and areas are the web kernel's (ui/permission-names.ts). */
export const permissionMessages = defineMessages(
  {
    title: 'Behörigheter',
    lead: 'Vad varje roll får göra, och hur långt behörigheten räcker. Tabellen genereras från samma tabell i koden som styr behörighetskontrollerna.',
    action: 'Åtgärd',
    individualLevel: 'Uppgifter om enskilda',
    individualLevelYes: 'Ja – kräver tvåstegsverifiering',
    secondFactorOnly: 'Nej – men kräver tvåstegsverifiering, eftersom den kan ge tillgång',
    none: '–',
    caption: 'Behörigheter inom {area}',
    grantingHeading: 'Vem får ge vilken roll',
    grantingText: 'Den som ger en roll behöver också behörigheten att hantera användare i enheten. Ingen kan ändra sina egna roller.',
    grantingCaption: 'Roller och vem som får ge dem',
    role: 'Roll',
    grantedBy: 'Får ges av',
    ...permissionNames.sv,
  },
  {
    title: 'Permissions',
    lead: 'What each role may do, and how far the permission reaches. Generated from the same table in the code that drives the permission checks.',
    action: 'Action',
    individualLevel: 'Data about individuals',
    individualLevelYes: 'Yes – requires two-step verification',
    secondFactorOnly: 'No – but requires two-step verification, since it can give access',
    none: '–',
    caption: 'Permissions in {area}',
    grantingHeading: 'Who may give which role',
    grantingText: 'Whoever gives a role also needs the permission to manage users in the unit. Nobody can change their own roles.',
    grantingCaption: 'Roles and who may give them',
    role: 'Role',
    grantedBy: 'May be given by',
    ...permissionNames.en,
  },
);
