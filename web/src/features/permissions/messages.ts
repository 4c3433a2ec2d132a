import { defineMessages } from '#shared/i18n/messages.ts';
import type { Action, PermissionArea } from '#shared/auth/permissions.ts';

/**
 * Names of every action and area in the permission table. Typed as complete records: adding an
 * action to the table without naming it here fails type checking.
 */
const svActions = {
  'units.read': 'Se enheter',
  'units.manage': 'Skapa, byta namn på, flytta och avaktivera enheter',
  'users.read': 'Se användare och deras roller',
  'users.manage': 'Skapa användare, ge och ta bort roller, avaktivera',
  'service_accounts.manage': 'Skapa och återkalla tjänstekonton för integrationer',
  'audit.read': 'Söka i och exportera granskningsloggen',
  'audit.review': 'Granska flaggade åtkomster (nödåtkomst)',
  'organisations.manage': 'Lägga till, byta namn på och avaktivera organisationer',
  'records.break_glass': 'Begära nödåtkomst till en uppgift om en enskild utanför den egna behörigheten, med motivering',
  'records.protect': 'Markera skyddade personuppgifter, koppla personal till en uppgift och utse handläggande enhet',
  'directory.search': 'Söka i stödkatalogen, med skyddade kontaktvägar',
  'directory.edit': 'Lägga in, ändra och kontrollera organisationens poster i stödkatalogen',
  'directory.import': 'Importera poster till stödkatalogen (HSDS JSON och CSV)',
  'content.edit': 'Redigera och granska informationssidorna för allmänheten',
} as const satisfies Record<Action, string>;

const svAreas = {
  administration: 'Administration',
  audit: 'Granskning',
  directory: 'Stödkatalog',
  screening: 'Fråga om våld',
  competence: 'Kompetens och stöd',
  follow_up: 'Uppföljning',
  surveys: 'Enkäter',
  collaboration: 'Samverkan',
  protection: 'Skydd för uppgifter om enskilda',
} as const satisfies Record<PermissionArea, string>;

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
    actions: svActions,
    areas: svAreas,
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
    actions: {
      'units.read': 'See units',
      'units.manage': 'Create, rename, move and deactivate units',
      'users.read': 'See users and their roles',
      'users.manage': 'Create users, grant and remove roles, deactivate',
      'service_accounts.manage': 'Create and revoke service accounts for integrations',
      'audit.read': 'Search and export the audit trail',
      'audit.review': 'Review flagged (break-the-glass) access',
      'organisations.manage': 'Add, rename and deactivate organisations',
      'records.break_glass': 'Request break-the-glass access to a record about an individual outside one’s own permission, with a reason',
      'records.protect': 'Mark protected personal data, connect staff to a record and designate the handling unit',
      'directory.search': 'Search the support directory, with protected contact routes',
      'directory.edit': 'Add, change and check the organisation’s entries in the support directory',
      'directory.import': 'Import entries into the support directory (HSDS JSON and CSV)',
      'content.edit': 'Edit and review the public information pages',
    },
    areas: {
      administration: 'Administration',
      audit: 'Audit',
      directory: 'Support directory',
      screening: 'Ask about violence',
      competence: 'Competence and support',
      follow_up: 'Follow-up',
      surveys: 'Surveys',
      collaboration: 'Collaboration',
      protection: 'Protection of data about individuals',
    },
  },
);
