import { defineMessages } from '#shared/i18n/messages.ts';
import type { PermissionArea } from '#shared/auth/permissions.ts';

type AreaText = { title: string; text: string };

const svAreas = {
  screening: { title: 'Fråga om våld', text: 'Rutiner, frågor och stöd i mötet med klienten: fråga, hantera svaret, hänvisa och anmäla.' },
  directory: { title: 'Stödkatalog', text: 'Nationellt, regionalt och lokalt stöd för den här klientens kommun, och informationsblad på klientens språk.' },
  competence: { title: 'Kompetens och stöd', text: 'Utbildningar, krav, handledning, evenemang och stöd till personal.' },
  follow_up: { title: 'Uppföljning', text: 'Indikatorer, mål, dashboards och den årliga redovisningen.' },
  surveys: { title: 'Enkäter', text: 'Årsuppföljning till kommuner, myndigheter och kvinnojourer, och utvärderingar.' },
  collaboration: { title: 'Samverkan', text: 'Styr-, samverkans- och utvecklingsgrupper med möten, beslut och arbetsplaner.' },
  administration: { title: 'Administration', text: 'Enheter, användare, roller och tjänstekonton.' },
  audit: { title: 'Granskning', text: 'Loggen över åtkomst till uppgifter om enskilda.' },
  protection: { title: 'Skydd för uppgifter om enskilda', text: 'Skyddade personuppgifter, personal som är kopplad till en uppgift och nödåtkomst.' },
} as const satisfies Record<PermissionArea, AreaText>;

export const homeMessages = defineMessages(
  {
    title: 'Start',
    lead: 'Här ser du vad du kan göra i Upptäck med din roll i {unit}.',
    noUnit: 'Du har ingen aktiv roll i någon enhet. Kontakta din samordnare.',
    yourRoles: 'Dina roller',
    noAccess: 'Din roll ger ingen behörighet här.',
    yourAccess: 'Din behörighet: {actions}',
    open: 'Öppna {title}',
    securityHeading: 'Ändringar av ditt konto',
    securityNotices: {
      password_reset: 'En administratör återställde ditt lösenord {at}.',
      second_factor_reset: 'Två administratörer tog bort din tvåstegsverifiering {at}.',
    },
    securityHelp: 'Var det inte du som bad om det? Kontakta din organisations administratör.',
    areas: svAreas,
    tasks: {
      heading: 'Mina uppgifter',
      count: 'Du har {count} saker kvar att göra efter dina frågetillfällen.',
      countOne: 'Du har 1 sak kvar att göra efter dina frågetillfällen.',
      none: 'Du har inget kvar att göra efter dina frågetillfällen.',
      failed: 'Uppgifterna gick inte att hämta just nu. Du hittar dem också under Fråga om våld.',
      kind: {
        handover_unconfirmed: 'Bekräfta överlämning med samtycke',
        child_concern_to_report: 'Gör orosanmälan om barn',
        not_asked_follow_up: 'Fråga igen – kunde inte fråga',
      },
      link: '{task}: {process}, {date}',
      undated: 'inget datum',
    },
  },
  {
    title: 'Start',
    lead: 'What you can do in Upptäck with your role in {unit}.',
    noUnit: 'You have no active role in any unit. Contact your coordinator.',
    yourRoles: 'Your roles',
    noAccess: 'Your role gives no permission here.',
    yourAccess: 'Your access: {actions}',
    open: 'Open {title}',
    securityHeading: 'Changes to your account',
    securityNotices: {
      password_reset: 'An administrator reset your password on {at}.',
      second_factor_reset: 'Two administrators removed your two-step verification on {at}.',
    },
    securityHelp: 'Did you not ask for this? Contact your organisation’s administrator.',
    areas: {
      screening: { title: 'Ask about violence', text: 'Routines, questions and support in the client meeting: ask, handle the answer, refer and report.' },
      directory: {
        title: 'Support directory',
        text: 'National, regional and local support for this client’s municipality, and handouts in the client’s language.',
      },
      competence: { title: 'Competence and support', text: 'Courses, requirements, supervision, events and support to staff.' },
      follow_up: { title: 'Follow-up', text: 'Indicators, targets, dashboards and the annual report.' },
      surveys: { title: 'Surveys', text: 'Annual follow-up of municipalities, agencies and shelters, and evaluations.' },
      collaboration: { title: 'Collaboration', text: 'Steering, collaboration and development groups with meetings, decisions and work plans.' },
      administration: { title: 'Administration', text: 'Units, users, roles and service accounts.' },
      audit: { title: 'Audit', text: 'The log of access to data about individuals.' },
      protection: { title: 'Protection of data about individuals', text: 'Protected personal data, staff connected to a record, and break-the-glass access.' },
    },
    tasks: {
      heading: 'My tasks',
      count: 'You have {count} things left to do after your encounters.',
      countOne: 'You have 1 thing left to do after your encounters.',
      none: 'You have nothing left to do after your encounters.',
      failed: 'Your tasks could not be fetched just now. You also find them under Ask about violence.',
      kind: {
        handover_unconfirmed: 'Confirm handover with consent',
        child_concern_to_report: 'Make a child-at-risk report',
        not_asked_follow_up: 'Ask again – could not ask',
      },
      link: '{task}: {process}, {date}',
      undated: 'no date',
    },
  },
);
