import { serviceInput, type ScheduleInput, type ServiceInput } from '#shared/contracts/directory.ts';
import { addDays, stockholmDate } from '#shared/time/stockholm.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { memberships, users } from '../../platform/auth/schema.ts';
import type { Tx } from '../../platform/db/database.ts';
import { DEMO_PASSWORD, demoId, demoUnitId } from '../../platform/demo/demo-ids.ts';
import type { DemoContext } from '../../platform/feature.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { insertService, recordVersion } from './directory-repository.ts';
import { ALWAYS_OPEN, directoryId } from './national-lines.ts';

/**
 * Demo local services (issue 4), seeded only in demo mode and marked `demo`: Falun and Borlänge
 * (kept by Länsstyrelsen i Dalarnas län, where the demo directory editor works), Göteborg and
 * Malmö. All names, numbers and addresses are made up. Falun has a shelter with a protected
 * address — the tests check that it never reaches a public response, page, export or PDF.
 */
export const DEMO_PROTECTED_ADDRESS = 'Stigarvägen 14';
export const DEMO_STAFF_ONLY_NUMBER = '023-000 02 99';
const DEMO_NATIONAL_EDITOR_EMAIL = 'katalogredaktor.nationell@demo.upptack.se';
/** A second directory editor at Länsstyrelsen i Dalarnas län, who publishes Disa's changes (issue 22). */
export const DEMO_SECOND_EDITOR_EMAIL = 'katalogredaktor.granskare@demo.upptack.se';

const weekdays = (opens: string, closes: string): ScheduleInput[] => (['MO', 'TU', 'WE', 'TH', 'FR'] as const).map((byday) => ({ byday, opens, closes }));
const afterHours: ScheduleInput[] = [
  ...(['MO', 'TU', 'WE', 'TH', 'FR'] as const).map((byday) => ({ byday, opens: '16:30', closes: '08:00' })),
  ...(['SA', 'SU', 'PH'] as const).map((byday) => ({ byday, opens: '00:00', closes: '24:00' })),
];

type DemoService = { key: string; owner: string; verified: 'recent' | 'overdue' | 'no'; service: ServiceInput };

export const DEMO_SERVICES: DemoService[] = [
  {
    key: 'falun-socialtjanst',
    owner: 'LST-20',
    verified: 'recent',
    service: {
      organizationName: 'Falu kommun (demo)',
      name: 'Socialtjänsten i Falun – stöd vid våld i nära relation',
      description:
        'Stöd och skydd för dig som är utsatt för våld, för barn som upplever våld och för dig som är orolig för någon. Du kan få samtal, hjälp med boende och kontakt med andra myndigheter.',
      url: 'falun.example.se/vald',
      audiences: ['women_exposed', 'men_exposed', 'children_young', 'elderly', 'disability', 'substance_abuse', 'honour', 'lgbtqi', 'relatives'],
      kinds: ['social_services', 'counselling'],
      languages: ['sv', 'en'],
      interpreter: true,
      area: { municipalities: ['2080'] },
      phones: [{ number: '023-000 01 00' }],
      locations: [{ name: 'Stadshuset', address: 'Demogatan 1', postalCode: '791 00', city: 'Falun', municipalityCode: '2080' }],
      schedules: weekdays('08:00', '16:30'),
    },
  },
  {
    key: 'falun-kvinnojour',
    owner: 'LST-20',
    verified: 'recent',
    service: {
      organizationName: 'Kvinnojouren i Falun (demo)',
      name: 'Kvinnojouren i Falun – skyddat boende och stödsamtal',
      description: 'Skyddat boende, stödsamtal och hjälp i kontakt med myndigheter för kvinnor och barn. Stöd på svenska, arabiska och somaliska.',
      audiences: ['women_exposed', 'children_young', 'honour'],
      kinds: ['shelter', 'counselling'],
      languages: ['sv', 'ar', 'so'],
      area: { municipalities: ['2080'] },
      phones: [
        { number: '023-000 02 00', description: 'Jourtelefon' },
        { number: DEMO_STAFF_ONLY_NUMBER, description: 'Direktnummer för handläggare som vill hänvisa', staffOnly: true },
      ],
      locations: [
        { name: 'Skyddat boende', address: DEMO_PROTECTED_ADDRESS, postalCode: '791 44', city: 'Falun', municipalityCode: '2080', confidential: true },
      ],
      schedules: [...weekdays('09:00', '21:00'), { byday: 'SA', opens: '10:00', closes: '16:00' }],
    },
  },
  {
    key: 'falun-valdsutovare',
    owner: 'LST-20',
    verified: 'recent',
    service: {
      organizationName: 'Falu kommun (demo)',
      name: 'Samtalsmottagningen i Falun – för dig som använder våld',
      description:
        'Samtal och behandling för dig som har använt våld eller hot mot någon i din närhet och vill sluta. Du kan vara anonym vid första kontakten.',
      audiences: ['perpetrators'],
      kinds: ['perpetrator_programme', 'counselling'],
      languages: ['sv', 'ar', 'en'],
      area: { municipalities: ['2080'] },
      phones: [{ number: '023-000 03 00' }],
      locations: [{ name: 'Samtalsmottagningen', address: 'Demogatan 5', postalCode: '791 00', city: 'Falun', municipalityCode: '2080' }],
      schedules: weekdays('08:00', '16:00'),
    },
  },
  {
    key: 'dalarna-socialjour',
    owner: 'LST-20',
    verified: 'recent',
    service: {
      organizationName: 'Socialjouren Dalarna (demo)',
      name: 'Socialjouren Dalarna',
      description: 'Socialtjänstens jour på kvällar, nätter och helger när det är akut och socialtjänsten i kommunen har stängt.',
      audiences: ['everyone'],
      kinds: ['social_services_after_hours'],
      languages: ['sv'],
      interpreter: true,
      area: { counties: ['20'] },
      phones: [{ number: '023-000 04 00' }],
      schedules: afterHours,
    },
  },
  {
    key: 'dalarna-brottsofferjour',
    owner: 'LST-20',
    verified: 'recent',
    service: {
      organizationName: 'Brottsofferjouren Dalarna (demo)',
      name: 'Brottsofferjouren Dalarna',
      description: 'Stödsamtal och hjälp inför rättegång för den som har utsatts för brott, vittnen och anhöriga.',
      audiences: ['women_exposed', 'men_exposed', 'children_young', 'relatives'],
      kinds: ['counselling', 'legal'],
      area: { counties: ['20'] },
      phones: [{ number: '023-000 05 00' }],
    },
  },
  {
    key: 'falun-familjeradgivning',
    owner: 'LST-20',
    verified: 'overdue',
    service: {
      organizationName: 'Falu kommun (demo)',
      name: 'Familjerådgivningen i Falun',
      description: 'Samtal för par och familjer. Vid våld i relationen hänvisar familjerådgivningen till socialtjänsten.',
      audiences: ['relatives'],
      kinds: ['counselling'],
      area: { municipalities: ['2080'] },
      phones: [{ number: '023-000 06 00' }],
    },
  },
  {
    key: 'falun-tjejjour',
    owner: 'LST-20',
    verified: 'no',
    service: {
      organizationName: 'Tjejjouren i Falun (demo)',
      name: 'Tjejjouren i Falun – chatt',
      description: 'Chatt för tjejer och unga transpersoner.',
      audiences: ['children_young', 'lgbtqi'],
      kinds: ['chat'],
      url: 'tjejjour.example.se',
      area: { municipalities: ['2080'] },
    },
  },
  {
    key: 'borlange-socialtjanst',
    owner: 'LST-20',
    verified: 'recent',
    service: {
      organizationName: 'Borlänge kommun (demo)',
      name: 'Socialtjänsten i Borlänge – våld i nära relation',
      description: 'Stöd till dig som är utsatt för våld, till barn som upplever våld och till dig som använder våld och vill sluta.',
      audiences: ['women_exposed', 'men_exposed', 'children_young', 'perpetrators', 'relatives'],
      kinds: ['social_services'],
      interpreter: true,
      area: { municipalities: ['2081'] },
      phones: [{ number: '0243-000 100' }],
      schedules: weekdays('08:00', '16:30'),
    },
  },
  {
    key: 'goteborg-relationsvald',
    owner: 'LST-14',
    verified: 'recent',
    service: {
      organizationName: 'Göteborgs stad (demo)',
      name: 'Relationsvåldscentrum Göteborg',
      description: 'Stöd till våldsutsatta, barn som upplevt våld och personer som använder våld.',
      audiences: ['women_exposed', 'men_exposed', 'children_young', 'perpetrators', 'lgbtqi'],
      kinds: ['social_services', 'counselling', 'perpetrator_programme'],
      languages: ['sv', 'en', 'ar', 'fa', 'so'],
      area: { municipalities: ['1480'] },
      phones: [{ number: '031-000 01 00' }],
      schedules: weekdays('08:00', '16:00'),
    },
  },
  {
    key: 'malmo-relationsvald',
    owner: 'LST-12',
    verified: 'recent',
    service: {
      organizationName: 'Malmö stad (demo)',
      name: 'Relationsvåldsteamet Malmö',
      description: 'Stöd och skydd för den som är utsatt för våld i nära relation och för barn som upplever våld.',
      audiences: ['women_exposed', 'men_exposed', 'children_young', 'honour'],
      kinds: ['social_services', 'counselling'],
      languages: ['sv', 'ar', 'bs', 'en'],
      area: { municipalities: ['1280'] },
      phones: [{ number: '040-000 01 00' }],
      schedules: weekdays('08:00', '16:00'),
    },
  },
  {
    key: 'malmo-kvinnojour',
    owner: 'LST-12',
    verified: 'recent',
    service: {
      organizationName: 'Kvinnojouren Malmö (demo)',
      name: 'Kvinnojouren Malmö',
      description: 'Jourtelefon, stödsamtal och skyddat boende.',
      audiences: ['women_exposed', 'children_young'],
      kinds: ['shelter', 'phone_line'],
      languages: ['sv', 'ar', 'en'],
      area: { municipalities: ['1280'] },
      phones: [{ number: '040-000 02 00' }],
      locations: [{ address: 'Demovägen 3', postalCode: '211 00', city: 'Malmö', municipalityCode: '1280', confidential: true }],
      schedules: ALWAYS_OPEN,
    },
  },
];

export const demoServiceId = (key: string) => directoryId('service', `demo:${key}`);

export async function seedDemoDirectory(tx: Tx, context: DemoContext): Promise<void> {
  const today = stockholmDate(context.clock.now());
  for (const entry of DEMO_SERVICES) {
    const data = serviceInput.parse(entry.service);
    const verifiedOn = entry.verified === 'recent' ? addDays(today, -30) : entry.verified === 'overdue' ? addDays(today, -400) : null;
    const id = await insertService(
      tx,
      data,
      { ownerId: organisationId(entry.owner), userId: null, demo: true },
      verifiedOn ? { on: verifiedOn, byUserId: null, byLabel: 'Demoredaktör' } : null,
      demoServiceId(entry.key),
    );
    await recordVersion(tx, { serviceId: id, version: 1, change: 'created', userId: null, label: 'Demodata', demo: true });
  }
  // A directory editor at Jämställdhetsmyndigheten keeps the national lines (and verifies the unverified ones).
  const userId = demoId('user:directory-editor-national');
  await tx.insert(users).values({
    id: userId,
    tenantId: organisationId('JAMY'),
    email: DEMO_NATIONAL_EDITOR_EMAIL,
    displayName: 'Nils Katalogredaktör',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    demo: true,
  });
  await tx.insert(memberships).values({
    tenantId: organisationId('JAMY'),
    userId,
    unitId: demoUnitId('jamy-samordning'),
    role: 'directory_editor',
    startsOn: '2024-01-01',
    demo: true,
  });
  // A second editor at the county board: a change is published by someone else than its author (issue 22).
  const secondId = demoId('user:directory-editor-second');
  await tx.insert(users).values({
    id: secondId,
    tenantId: organisationId('LST-20'),
    email: DEMO_SECOND_EDITOR_EMAIL,
    displayName: 'Greta Katalogredaktör',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    demo: true,
  });
  await tx.insert(memberships).values({
    tenantId: organisationId('LST-20'),
    userId: secondId,
    unitId: demoUnitId('lst20-social-hallbarhet'),
    role: 'directory_editor',
    startsOn: '2024-01-01',
    demo: true,
  });
}
