import type { Role } from '#shared/auth/roles.ts';
import type { AskingMode, Channel, RoutineContent } from '#shared/contracts/screening.ts';
import { memberships, users } from '../../platform/auth/schema.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import type { Tx } from '../../platform/db/database.ts';
import { DEMO_PASSWORD, demoId, demoUnitId } from '../../platform/demo/demo-ids.ts';
import type { DemoContext } from '../../platform/feature.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { screeningProcesses, screeningRoutines, screeningRoutineVersions, screeningSettings } from './schema.ts';

/**
 * Demo processes and routines of Försäkringskassan, Arbetsförmedlingen and Migrationsverket as the
 * roadmap (Bilaga 3) describes them, each published and using the default question set, plus a few
 * caseworkers so every demo unit has someone who asks. All rows are marked demo.
 */
/** The default question set's current version (migration 0174: the national strategy's forms and the wish for help). */
export const DEFAULT_QUESTION_SET_VERSION_ID = '7d1f3a52-6c0e-4b8a-9f21-5e3c0a1d2b03';

/** Demo text: the paragraph is not named, because the act was replaced in 2025 and no one here has checked it. */
const LEGAL_REFERENCE =
  'Anmälningsskyldigheten för myndigheter när ett barn kan behöva skydd, i socialtjänstlagen (2025:400). DEMO: kontrollera kapitel och paragraf i den gällande lagtexten.';

const BASE: RoutineContent = {
  whoAsks: 'Handläggare som har gått myndighetens utbildning om våld i nära relationer.',
  whenToAsk: 'Enligt processen nedan. Fråga alltid när du ser tecken på våld, också när rutinen inte kräver det.',
  howToDocument:
    'Registrera frågetillfället i Upptäck: om du frågade, och om inte varför. Skriv inte in vad klienten berättat i ärendet om det inte behövs för beslutet; dokumentera då bara det som har betydelse för ärendet.',
  afterNothingDisclosed: 'Säg att du frågar alla och att klienten är välkommen att ta upp det senare. Erbjud stödlistan för kommunen.',
  afterExposure:
    'Lyssna, tro på det som berättas och säg att det finns hjälp. Fråga om klienten vill ha kontakt med socialtjänsten eller en stödverksamhet. Med klientens samtycke kan du förmedla kontakten; annars ger du kontaktuppgifterna.',
  afterPerpetration:
    'Säg att det är bra att klienten berättar och att det finns stöd för den som vill sluta. Ge kontaktuppgifter till verksamheter för personer som använder våld. Tänk på barnen.',
  afterDeclined: 'Respektera svaret. Säg att frågan finns kvar och ge stödlistan, så att klienten kan söka hjälp själv.',
  ifNotSafe:
    'Fråga inte. Boka ett nytt möte där klienten kan vara ensam, utan anhörig som tolk, och anteckna att frågan inte kunde ställas. Ge diskret information om stöd om det går.',
  acuteDanger:
    'Ring 112 om någon är i akut fara, tillsammans med klienten om det går. Kontakta därefter socialtjänsten, eller socialjouren efter kontorstid, samma dag. Informera din chef.',
  childConcern: {
    legalReference: LEGAL_REFERENCE,
    verifiedOn: '2026-11-01',
    steps:
      'Gör orosanmälan till socialtjänsten i barnets kommun samma dag, muntligt och sedan skriftligt. Berätta för klienten att du gör en anmälan, om det inte kan skada barnet. Registrera att anmälan är gjord – inte barnets namn.',
  },
  referral:
    'Hänvisning: ge kontaktuppgifter, inga uppgifter lämnas ut. Överlämning: bara med klientens samtycke, och bara det klienten samtyckt till. Anmälan: när lagen kräver det, oberoende av samtycke.',
  perpetratorPath:
    'Hänvisa till socialtjänstens eller kommunens verksamhet för personer som använder våld, eller till en nationell stödlinje för den som vill sluta.',
  information: 'Ge stödlistan för klientens kommun på klientens språk, utskriven eller visad på skärmen om det inte är säkert att ta med papper hem.',
};

type DemoProcess = {
  key: string;
  organisation: string;
  code: string;
  name: string;
  description: string;
  asking: AskingMode;
  channels: Channel[];
  defaultChannel: Channel | null;
  content?: Partial<RoutineContent>;
};

export const DEMO_PROCESSES: DemoProcess[] = [
  {
    key: 'fk-return-to-work',
    organisation: 'FK',
    code: 'sjukpenning_atergang',
    name: 'Sjukpenning och rehabiliteringsersättning – utredning av återgång i arbete',
    description: 'Frågan ställs rutinmässigt när du utreder förutsättningarna för återgång i arbete, i personliga möten och vid utredning per telefon.',
    asking: 'routinely',
    channels: ['in_person', 'phone'],
    defaultChannel: 'phone',
    content: {
      whoAsks: 'Alla handläggare inom sjukpenning och rehabiliteringsersättning som utreder återgång i arbete.',
      whenToAsk: 'Rutinmässigt vid utredning av återgång i arbete, i möte och per telefon.',
    },
  },
  {
    key: 'fk-sickness-other',
    organisation: 'FK',
    code: 'sjukpenning_ovrigt',
    name: 'Sjukpenning och rehabiliteringsersättning – övriga ärenden',
    description: 'Frågan ställs alltid vid indikation på våld.',
    asking: 'on_indication',
    channels: ['in_person', 'phone', 'video'],
    defaultChannel: null,
    content: { whenToAsk: 'Alltid när det finns tecken på våld i ärendet.' },
  },
  {
    key: 'fk-activity-compensation',
    organisation: 'FK',
    code: 'aktivitetsersattning',
    name: 'Aktivitetsersättning',
    description: 'Frågan ställs vid indikation av handläggare som har gått utbildningen.',
    asking: 'on_indication',
    channels: ['in_person', 'phone', 'video'],
    defaultChannel: null,
  },
  {
    key: 'fk-maintenance-support',
    organisation: 'FK',
    code: 'underhallsstod',
    name: 'Underhållsstöd',
    description: 'Frågan om hot och våld ställs rutinmässigt: hot och våld kan vara skäl för underhållsstöd.',
    asking: 'routinely',
    channels: ['in_person', 'phone'],
    defaultChannel: 'phone',
    content: { whenToAsk: 'Rutinmässigt: svaret används i bedömningen av om föräldrarna kan sköta försörjningen av barnet själva.' },
  },
  {
    key: 'af-jobseeker',
    organisation: 'AF',
    code: 'mote_arbetssokande',
    name: 'Möte med arbetssökande',
    description:
      'Den som möter arbetssökande fysiskt frågar. Personal på servicekontor och i distansservice frågar inte, men hänvisar: välj kanalen telefon eller video, så registreras det som information.',
    asking: 'routinely',
    channels: ['in_person'],
    defaultChannel: 'in_person',
    content: {
      whoAsks:
        'Arbetsförmedlare, socialkonsulenter, psykologer, arbetsterapeuter, fysioterapeuter, SIUS-konsulenter, audionomer, dövkonsulenter och synpedagoger som möter den arbetssökande fysiskt.',
      whenToAsk: 'Rutinmässigt i fysiska möten. Servicekontor och distansservice frågar inte, men vet vart de ska hänvisa.',
    },
  },
  {
    key: 'mv-asylum-initial',
    organisation: 'MV',
    code: 'asyl_inledande_samtal',
    name: 'Asylprocessen – inledande samtal',
    description: 'Informera om våld, lagstiftning, skydd och stöd på den sökandes språk. Frågan ställs inte här.',
    asking: 'inform_only',
    channels: [],
    defaultChannel: 'in_person',
    content: { whoAsks: 'Ingen ställer frågan i det inledande samtalet; handläggaren informerar.', whenToAsk: 'Informera i alla inledande samtal.' },
  },
  {
    key: 'mv-reception-in-depth',
    organisation: 'MV',
    code: 'mottagning_fordjupat_samtal',
    name: 'Mottagningsenhet – fördjupat samtal vid misstanke om ohälsa',
    description: 'Frågan ställs i det fördjupade samtalet när det finns misstanke om ohälsa.',
    asking: 'on_indication',
    channels: ['in_person', 'video'],
    defaultChannel: 'in_person',
    content: { whenToAsk: 'I det fördjupade samtalet vid misstanke om ohälsa. Använd alltid professionell tolk.' },
  },
  {
    key: 'mv-permit',
    organisation: 'MV',
    code: 'tillstand_anknytning',
    name: 'Tillståndsprocessen – anknytning',
    description: 'Informera och hänvisa, till exempel den som har kommit hit genom en anknytning och utsätts för våld i relationen.',
    asking: 'inform_only',
    channels: [],
    defaultChannel: 'phone',
  },
  {
    key: 'mv-accommodation',
    organisation: 'MV',
    code: 'boende',
    name: 'Boende – samtal med boendepersonal',
    description: 'Boendepersonal frågar vid indikation och kan ordna ett annat boende.',
    asking: 'on_indication',
    channels: ['in_person'],
    defaultChannel: 'in_person',
    content: { afterExposure: `${BASE.afterExposure} Bedöm om personen behöver ett annat boende och ordna det i så fall samma dag.` },
  },
];

export const demoProcessId = (key: string) => demoId(`screening:process:${key}`);
export const demoRoutineVersionId = (key: string) => demoId(`screening:routine-version:${key}`);

type DemoUser = { key: string; email: string; name: string; organisation: string; unit: string; roles: Role[] };

/** Caseworkers in the demo units that had none, so every unit's numbers have someone behind them. */
export const DEMO_SCREENING_USERS: DemoUser[] = [
  {
    key: 'fk-caseworker-maintenance',
    email: 'handlaggare.underhall.fk@demo.upptack.se',
    name: 'Ulla Handläggare',
    organisation: 'FK',
    unit: 'fk-underhallsstod-goteborg',
    roles: ['caseworker'],
  },
  {
    key: 'af-caseworker-malmo',
    email: 'handlaggare.malmo.af@demo.upptack.se',
    name: 'Amir Handläggare',
    organisation: 'AF',
    unit: 'af-malmo',
    roles: ['caseworker'],
  },
  {
    key: 'mv-caseworker-malmo',
    email: 'handlaggare.malmo.mv@demo.upptack.se',
    name: 'Maja Handläggare',
    organisation: 'MV',
    unit: 'mv-mottagning-malmo',
    roles: ['caseworker'],
  },
];

export async function seedDemoScreening(tx: Tx, context: DemoContext): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_SCREENING_USERS) {
    const id = demoId(`user:${user.key}`);
    await tx.insert(users).values({ id, tenantId: organisationId(user.organisation), email: user.email, displayName: user.name, passwordHash, demo: true });
    for (const role of user.roles) {
      await tx.insert(memberships).values({
        tenantId: organisationId(user.organisation),
        userId: id,
        unitId: demoUnitId(user.unit),
        role,
        jobRole: role === 'caseworker' || role === 'manager' ? role : null,
        startsOn: '2024-01-01',
        demo: true,
      });
    }
  }
  const now = context.clock.now();
  for (const process of DEMO_PROCESSES) {
    const tenantId = organisationId(process.organisation);
    const processId = demoProcessId(process.key);
    const routineId = demoId(`screening:routine:${process.key}`);
    await tx
      .insert(screeningProcesses)
      .values({ id: processId, tenantId, code: process.code, name: process.name, description: process.description, demo: true });
    await tx.insert(screeningRoutines).values({ id: routineId, tenantId, kind: 'process', processId, title: process.name, demo: true });
    await tx.insert(screeningRoutineVersions).values({
      id: demoRoutineVersionId(process.key),
      routineId,
      tenantId,
      number: 1,
      status: 'published',
      title: process.name,
      asking: process.asking,
      channels: process.channels,
      defaultChannel: process.defaultChannel,
      questionSetVersionId: process.asking === 'inform_only' ? null : DEFAULT_QUESTION_SET_VERSION_ID,
      content: { ...BASE, ...process.content },
      createdAt: now,
      submittedAt: now,
      publishedAt: now,
      demo: true,
    });
  }
  // Försäkringskassan's demo has notes switched on, to show them; the others keep the default (off).
  await tx
    .insert(screeningSettings)
    .values({ tenantId: organisationId('FK'), notesEnabled: true, retentionMonths: 24, retentionAction: 'anonymise', demo: true });
}
