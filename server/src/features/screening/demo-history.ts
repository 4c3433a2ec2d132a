import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import {
  isEligible,
  NOT_ASKED_REASONS,
  type AgeBand,
  type Channel,
  type NotAskedReason,
  type ReferralTarget,
  type Sex,
  type ViolenceForm,
} from '#shared/contracts/screening.ts';
import { addDays, stockholmDate } from '#shared/time/stockholm.ts';
import type { Database } from '../../platform/db/database.ts';
import { demoId, demoUnitId } from '../../platform/demo/demo-ids.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { DEFAULT_QUESTION_SET_VERSION_ID, DEMO_PROCESSES, demoProcessId, demoRoutineVersionId } from './demo-data.ts';
import { ENCOUNTER_TYPE } from './encounter-record.ts';

/**
 * A year of demo encounters for the demo units (background job after the first start), so
 * follow-up has something to count: asked and not asked (with reasons), inform-only encounters,
 * outcomes and forms, referrals of every kind, child-at-risk reports, information in several
 * languages. The share asked grows over the year, as the roadmap's targets intend. Seeded
 * generator: every installation gets the same history relative to its first start.
 */
type DemoUnit = { unit: string; organisation: string; users: string[]; municipalities: string[]; processes: Array<[string, number]>; perMonth: number };

const UNITS: DemoUnit[] = [
  {
    unit: 'fk-sjukpenning-falun',
    organisation: 'FK',
    users: ['fk-caseworker', 'fk-caseworker-2'],
    municipalities: ['2080', '2080', '2081', '2082', '2085'],
    processes: [
      ['fk-return-to-work', 7],
      ['fk-sickness-other', 2],
      ['fk-activity-compensation', 1],
    ],
    perMonth: 34,
  },
  {
    unit: 'fk-sjukpenning-borlange',
    organisation: 'FK',
    users: ['fk-caseworker-borlange'],
    municipalities: ['2081', '2081', '2080', '2085'],
    processes: [
      ['fk-return-to-work', 8],
      ['fk-sickness-other', 2],
    ],
    perMonth: 18,
  },
  {
    unit: 'fk-underhallsstod-goteborg',
    organisation: 'FK',
    users: ['fk-caseworker-maintenance'],
    municipalities: ['1480', '1480', '1481', '1402'],
    processes: [['fk-maintenance-support', 1]],
    perMonth: 16,
  },
  {
    unit: 'af-falun',
    organisation: 'AF',
    users: ['af-caseworker'],
    municipalities: ['2080', '2080', '2081', '2082'],
    processes: [['af-jobseeker', 1]],
    perMonth: 20,
  },
  {
    unit: 'af-malmo',
    organisation: 'AF',
    users: ['af-caseworker-malmo'],
    municipalities: ['1280', '1280', '1281', '1261'],
    processes: [['af-jobseeker', 1]],
    perMonth: 20,
  },
  {
    unit: 'mv-mottagning-goteborg',
    organisation: 'MV',
    users: ['mv-caseworker'],
    municipalities: ['1480', '1480', '1481'],
    processes: [
      ['mv-asylum-initial', 5],
      ['mv-reception-in-depth', 3],
      ['mv-accommodation', 1],
      ['mv-permit', 1],
    ],
    perMonth: 22,
  },
  {
    unit: 'mv-mottagning-malmo',
    organisation: 'MV',
    users: ['mv-caseworker-malmo'],
    municipalities: ['1280', '1280', '1281'],
    processes: [
      ['mv-asylum-initial', 5],
      ['mv-reception-in-depth', 3],
      ['mv-accommodation', 1],
      ['mv-permit', 1],
    ],
    perMonth: 18,
  },
];

const MONTHS = 12;

function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const weighted = <T>(choices: Array<[T, number]>): T => {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1]![0];
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const some = <T>(values: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(values)))];
  return { next, weighted, pick, some };
}

const EXPOSURE: ViolenceForm[] = [
  'physical',
  'psychological',
  'psychological',
  'threats',
  'control',
  'economic',
  'sexual',
  'digital',
  'sexual_harassment',
  'sexual_harassment',
  'honour',
  'forced_marriage',
  'child_marriage',
  'fgm',
  'prostitution',
  'trafficking_sexual_adult',
  'trafficking_labour_adult',
  'trafficking_labour_child',
  'trafficking_sexual_child',
  'exploitation',
];
const PERPETRATION: ViolenceForm[] = ['psychological', 'physical', 'physical', 'threats', 'control', 'sexual_harassment', 'forced_marriage'];
const AGE_BANDS: Array<[AgeBand, number]> = [
  ['18_24', 12],
  ['25_34', 26],
  ['35_44', 26],
  ['45_54', 20],
  ['55_64', 14],
  ['65_plus', 1],
  ['not_stated', 1],
];
const SEXES: Array<[Sex, number]> = [
  ['female', 55],
  ['male', 43],
  ['other', 1],
  ['not_stated', 1],
];
const REASONS: Array<[NotAskedReason, number]> = NOT_ASKED_REASONS.map((reason, index) => [reason, [35, 20, 15, 10, 15, 5][index]!]);

export async function seedDemoHistory(database: Database, now: Date): Promise<number> {
  const random = generator(20_260_523);
  const today = stockholmDate(now);
  const encounters: SQL[] = [];
  const forms: SQL[] = [];
  const referrals: SQL[] = [];
  const information: SQL[] = [];
  const protections: SQL[] = [];
  for (const unit of UNITS) {
    const tenantId = organisationId(unit.organisation);
    for (let monthsBack = MONTHS - 1; monthsBack >= 0; monthsBack--) {
      // The share asked grows from about 55 % a year ago to about 85 % now.
      const askRate = 0.85 - (monthsBack / (MONTHS - 1)) * 0.3;
      for (let n = 0; n < unit.perMonth; n++) {
        const occurredOn = addDays(today, -Math.floor(monthsBack * 30.4 + random.next() * 30));
        if (occurredOn > today) continue;
        const processKey = random.weighted(unit.processes);
        const process = DEMO_PROCESSES.find((candidate) => candidate.key === processKey)!;
        const channel: Channel =
          process.channels.length === 0
            ? (process.defaultChannel ?? 'in_person')
            : random.next() < 0.85
              ? (process.defaultChannel ?? process.channels[0]!)
              : random.pick<Channel>(['in_person', 'phone', 'video']);
        const eligible = isEligible(process, channel);
        const interpreter =
          unit.organisation === 'MV'
            ? random.weighted([
                ['professional', 85],
                ['none', 10],
                ['other', 5],
              ] as Array<['none' | 'professional' | 'other', number]>)
            : random.weighted([
                ['none', 92],
                ['professional', 6],
                ['other', 2],
              ] as Array<['none' | 'professional' | 'other', number]>);
        const id = crypto.randomUUID();
        const municipality = random.pick(unit.municipalities);
        let asking: 'asked' | 'not_asked' | 'inform_only' = 'inform_only';
        let reason: NotAskedReason | null = null;
        if (eligible) {
          asking = interpreter !== 'other' && random.next() < askRate ? 'asked' : 'not_asked';
          if (asking === 'not_asked') reason = interpreter === 'other' ? 'interpreter_unsuitable' : random.weighted(REASONS);
        }
        let outcome: string | null = null;
        let children: string | null = null;
        let childAtRisk: boolean | null = null;
        let danger: boolean | null = null;
        let wantsHelp: boolean | null = null;
        if (asking === 'asked') {
          outcome = random.weighted([
            ['nothing_disclosed', 78],
            ['disclosed', 14],
            ['declined', 8],
          ]);
          children = random.weighted([
            ['yes', 40],
            ['no', 55],
            ['unknown', 5],
          ]);
          childAtRisk = outcome === 'disclosed' && children === 'yes' && random.next() < 0.5;
          danger = outcome === 'disclosed' && random.next() < 0.1;
          if (outcome === 'disclosed') {
            const perpetrator = random.next() < 0.25;
            const kind = perpetrator ? 'perpetration' : 'exposure';
            for (const form of random.some(perpetrator ? PERPETRATION : EXPOSURE, 3)) forms.push(sql`(${id}, ${tenantId}, ${kind}, ${form})`);
            // About half of those who use violence want help to stop; they are referred to a perpetrator programme.
            wantsHelp = perpetrator && random.next() < 0.55;
            const target: ReferralTarget = wantsHelp
              ? 'perpetrator_programme'
              : perpetrator
                ? 'social_services'
                : random.weighted<ReferralTarget>([
                    ['social_services', 4],
                    ['shelter', 3],
                    ['victim_support', 2],
                    ['phone_line', 2],
                  ]);
            const handover = !perpetrator && random.next() < 0.3;
            const created = `${occurredOn}T10:30:00Z`;
            if (handover) {
              const completed = random.next() < 0.6;
              referrals.push(sql`(${crypto.randomUUID()}, ${id}, ${tenantId}, 'handover', ${target}, ${completed ? 'completed' : 'agreed'}, null, null, null,
                '{contact_details,situation_summary}'::text[], ${created}::timestamptz, ${completed ? created : null}::timestamptz, ${created}::timestamptz)`);
            } else if (random.next() < 0.8) {
              referrals.push(
                sql`(${crypto.randomUUID()}, ${id}, ${tenantId}, 'signposting', ${target}, 'given', null, null, null, null, null, null, ${created}::timestamptz)`,
              );
            }
            if (childAtRisk) {
              const status = random.weighted([
                ['made', 85],
                ['planned', 10],
                ['consulted', 5],
              ]);
              referrals.push(sql`(${crypto.randomUUID()}, ${id}, ${tenantId}, 'report', 'social_services', ${status}, 'child_concern', ${status === 'made' ? occurredOn : null}::date,
                ${municipality}, null, null, null, ${created}::timestamptz)`);
            }
          }
          wantsHelp ??= false;
        }
        if (asking === 'inform_only' || random.next() < 0.35) {
          const language =
            unit.organisation === 'MV'
              ? random.weighted([
                  ['ar', 30],
                  ['ti', 15],
                  ['so', 12],
                  ['fa', 10],
                  ['prs', 10],
                  ['uk', 10],
                  ['en', 8],
                  ['sv', 5],
                ])
              : random.weighted([
                  ['sv', 80],
                  ['ar', 8],
                  ['en', 6],
                  ['so', 3],
                  ['fi', 3],
                ]);
          information.push(sql`(${crypto.randomUUID()}, ${id}, ${tenantId}, ${random.weighted([
            ['handout', 6],
            ['web_page', 2],
            ['brochure', 1],
            ['verbal', 2],
          ])},
            ${language}, ${random.weighted([
              ['printed', 5],
              ['shown', 3],
              ['told', 2],
            ])}, ${`${occurredOn}T10:40:00Z`}::timestamptz)`);
        }
        if (random.next() < 0.01) protections.push(sql`(${tenantId}, ${ENCOUNTER_TYPE}, ${id}, true)`);
        encounters.push(sql`(${id}, ${tenantId}, ${demoUnitId(unit.unit)}, ${demoId(`user:${random.pick(unit.users)}`)}, ${demoProcessId(processKey)},
          ${demoRoutineVersionId(processKey)}, ${asking === 'asked' ? DEFAULT_QUESTION_SET_VERSION_ID : null}::uuid, ${occurredOn}::date, ${`${occurredOn.slice(0, 7)}-01`}::date,
          ${channel}, ${process.asking === 'on_indication' ? 'indication' : 'routine'}, ${interpreter}, ${eligible}, ${random.weighted(SEXES)}, ${random.weighted(AGE_BANDS)},
          ${municipality}, ${municipality.slice(0, 2)}, 'completed', ${asking}, ${reason}, ${outcome}, ${children}, ${childAtRisk}, ${danger}, ${wantsHelp},
          ${`${occurredOn}T10:45:00Z`}::timestamptz, true, ${`${occurredOn}T10:00:00Z`}::timestamptz)`);
      }
    }
  }
  const chunks = <T>(values: T[], size: number): T[][] =>
    Array.from({ length: Math.ceil(values.length / size) }, (_, index) => values.slice(index * size, (index + 1) * size));
  await database.system(async (tx) => {
    for (const chunk of chunks(encounters, 500)) {
      await tx.execute(sql`insert into screening_encounters (id, tenant_id, unit_id, created_by, process_id, routine_version_id, question_set_version_id, occurred_on,
        occurred_month, channel, basis, interpreter, eligible, client_sex, client_age_band, client_municipality_code, client_county_code, status, asking,
        not_asked_reason, outcome, children_in_household, child_at_risk, acute_danger, perpetrator_wants_help, completed_at, demo, created_at) values ${sql.join(chunk, sql`, `)}`);
    }
    for (const chunk of chunks(forms, 1000))
      await tx.execute(sql`insert into screening_encounter_forms (encounter_id, tenant_id, kind, form) values ${sql.join(chunk, sql`, `)}`);
    for (const chunk of chunks(referrals, 1000)) {
      await tx.execute(sql`insert into screening_referrals (id, encounter_id, tenant_id, kind, target, status, report_type, made_on, municipality_code, consent_scope,
        consent_given_at, completed_at, created_at) values ${sql.join(chunk, sql`, `)}`);
    }
    for (const chunk of chunks(information, 1000)) {
      await tx.execute(
        sql`insert into screening_information (id, encounter_id, tenant_id, material, language, delivery, created_at) values ${sql.join(chunk, sql`, `)}`,
      );
    }
    for (const chunk of chunks(protections, 1000)) {
      await tx.execute(sql`insert into record_protections (tenant_id, record_type, record_id, protected_identity) values ${sql.join(chunk, sql`, `)}`);
    }
  });
  return encounters.length;
}
