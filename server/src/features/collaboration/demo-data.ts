import { sql } from 'drizzle-orm';
import type { ActivityStatus, BodyKind, DecisionStatus, MeetingCadence, MemberRole, ResponsibilityArea } from '#shared/contracts/collaboration.ts';
import { addDays, stockholmDate } from '#shared/time/stockholm.ts';
import type { Tx } from '../../platform/db/database.ts';
import { demoId, demoUserId } from '../../platform/demo/demo-ids.ts';
import type { DemoContext } from '../../platform/feature.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { stockholmInstant } from './local-time.ts';
import { deadlineAfter, templateSteps } from './strategy-service.ts';
import { textArray } from '../../platform/db/array-parameter.ts';

/**
 * Demo collaboration (issue 9), seeded only in demo mode and marked `demo`: the steering group,
 * the collaboration group and the three development groups of the roadmap 2020–2021, kept by
 * Jämställdhetsmyndigheten, with members (demo accounts where they exist, made-up names
 * otherwise), a few meetings with minutes and decisions, a work plan, and the county reference
 * group and strategy process of Länsstyrelsen i Dalarnas län. Dates follow the day of seeding.
 */

type DemoMember = { organisation: string; role: MemberRole; name: string; user?: string };
type DemoBody = {
  key: string;
  owner: string;
  kind: BodyKind;
  name: string;
  purpose: string;
  lead: string;
  areas: ResponsibilityArea[];
  cadence: MeetingCadence;
  members: DemoMember[];
};

export const DEMO_BODIES: DemoBody[] = [
  {
    key: 'steering',
    owner: 'JAMY',
    kind: 'steering',
    name: 'Styrgruppen för ökad upptäckt av våld',
    purpose: 'Fattar de övergripande besluten i det myndighetsgemensamma uppdraget. Mötena bereds av samverkansgruppen.',
    lead: 'JAMY',
    areas: ['routines_methods', 'information', 'referral', 'staff_support'],
    cadence: 'twice_a_year',
    members: [
      { organisation: 'JAMY', role: 'convener', name: 'Nora Nationell', user: 'national-coordinator' },
      { organisation: 'FK', role: 'member', name: 'Maria Chef', user: 'fk-manager' },
      { organisation: 'AF', role: 'member', name: 'Bengt Avdelningschef' },
      { organisation: 'MV', role: 'member', name: 'Cecilia Enhetschef' },
      { organisation: 'SOS', role: 'member', name: 'David Enhetschef' },
    ],
  },
  {
    key: 'collaboration',
    owner: 'JAMY',
    kind: 'collaboration',
    name: 'Samverkansgruppen',
    purpose: 'Bereder styrgruppens beslut, samordnar och följer upp utvecklingsgruppernas arbete.',
    lead: 'JAMY',
    areas: ['routines_methods', 'information', 'referral', 'staff_support'],
    cadence: 'every_other_month',
    members: [
      { organisation: 'JAMY', role: 'convener', name: 'Nora Nationell', user: 'national-coordinator' },
      { organisation: 'JAMY', role: 'secretary', name: 'Johan Utredare' },
      { organisation: 'FK', role: 'member', name: 'Sara Samordnare', user: 'fk-coordinator' },
      { organisation: 'MV', role: 'member', name: 'Mikael Samordnare', user: 'mv-coordinator' },
      { organisation: 'AF', role: 'member', name: 'Eva Samordnare' },
      { organisation: 'SOS', role: 'member', name: 'Klara Kunskapsredaktör', user: 'knowledge-editor' },
    ],
  },
  {
    key: 'routines',
    owner: 'JAMY',
    kind: 'development',
    name: 'Utvecklingsgruppen för rutiner och metoder',
    purpose: 'Utvecklar rutiner och metoder för att upptäcka våldsutsatthet och våldsutövande, och följer upp hur de används.',
    lead: 'SOS',
    areas: ['routines_methods'],
    cadence: 'every_six_weeks',
    members: [
      { organisation: 'SOS', role: 'convener', name: 'Klara Kunskapsredaktör', user: 'knowledge-editor' },
      { organisation: 'FK', role: 'member', name: 'Frida Handläggare', user: 'fk-caseworker' },
      { organisation: 'AF', role: 'member', name: 'Ali Handläggare' },
      { organisation: 'MV', role: 'member', name: 'Mona Handläggare' },
    ],
  },
  {
    key: 'information',
    owner: 'JAMY',
    kind: 'development',
    name: 'Utvecklingsgruppen för information och hänvisning',
    purpose: 'Tar fram information om våld, lagstiftning, skydd och stöd, och gör hänvisningen till socialtjänst, hälso- och sjukvård och rättsväsende tydlig.',
    lead: 'MV',
    areas: ['information', 'referral'],
    cadence: 'every_six_weeks',
    members: [
      { organisation: 'MV', role: 'convener', name: 'Mikael Samordnare', user: 'mv-coordinator' },
      { organisation: 'FK', role: 'member', name: 'Karim Handläggare', user: 'fk-caseworker-2' },
      { organisation: 'AF', role: 'member', name: 'Fatima Specialist' },
      { organisation: 'SOS', role: 'member', name: 'Gunnar Utredare' },
      { organisation: 'JAMY', role: 'secretary', name: 'Hanna Kommunikatör' },
    ],
  },
  {
    key: 'staff-support',
    owner: 'JAMY',
    kind: 'development',
    name: 'Utvecklingsgruppen för stöd till personal',
    purpose: 'Stärker stödet till personal med klientkontakt: kompetensutveckling, handledning och stöd till den som har egna erfarenheter av våld.',
    lead: 'FK',
    areas: ['staff_support'],
    cadence: 'every_six_weeks',
    members: [
      { organisation: 'FK', role: 'convener', name: 'Sara Samordnare', user: 'fk-coordinator' },
      { organisation: 'FK', role: 'member', name: 'Maria Chef', user: 'fk-manager' },
      { organisation: 'MV', role: 'member', name: 'Mona Handläggare', user: 'mv-caseworker' },
      { organisation: 'AF', role: 'member', name: 'Ivar HR-specialist' },
    ],
  },
  {
    key: 'dalarna-reference',
    owner: 'LST-20',
    kind: 'county_reference',
    name: 'Länsgruppen mäns våld mot kvinnor, Dalarna',
    purpose: 'Referensgrupp för länets strategi mot mäns våld mot kvinnor.',
    lead: 'LST-20',
    areas: ['routines_methods', 'information', 'referral', 'staff_support'],
    cadence: 'quarterly',
    members: [
      { organisation: 'LST-20', role: 'convener', name: 'Lars Länsstrateg', user: 'county-strategist' },
      { organisation: 'KOM-2080', role: 'member', name: 'Kvinnofridssamordnare, Falu kommun' },
      { organisation: 'KOM-2081', role: 'member', name: 'Kvinnofridssamordnare, Borlänge kommun' },
      { organisation: 'FK', role: 'member', name: 'Sara Samordnare', user: 'fk-coordinator' },
    ],
  },
];

export const demoBodyId = (key: string) => demoId(`collaboration:body:${key}`);
const memberId = (body: string, index: number) => demoId(`collaboration:member:${body}:${index}`);
export const demoMeetingId = (key: string) => demoId(`collaboration:meeting:${key}`);
export const demoPlanId = (key: string) => demoId(`collaboration:plan:${key}`);

type DemoMeeting = {
  key: string;
  body: string;
  title: string;
  /** Days from the seeding day, and local times. */
  day: number;
  start: string;
  end: string;
  location: string | null;
  online: string | null;
  agenda: Array<[string, string | null]>;
  minutes?: string;
  decisions?: Array<{ text: string; responsible: string | null; person: string | null; dueInDays: number | null; status: DecisionStatus; followUp?: string }>;
};

const DEMO_MEETINGS: DemoMeeting[] = [
  {
    key: 'steering-past',
    body: 'steering',
    title: 'Styrgruppsmöte',
    day: -60,
    start: '13:00',
    end: '15:00',
    location: 'Socialstyrelsen, Stockholm',
    online: null,
    agenda: [
      ['Reviderad färdplan', 'Nora Nationell'],
      ['Kommunikationsstrategin', 'Hanna Kommunikatör'],
      ['Utvärderingsplan för pilotverksamheten hos samordningsförbunden', 'Johan Utredare'],
    ],
    minutes:
      'Styrgruppen gick igenom den reviderade färdplanen och kommunikationsstrategin. Utvärderingsplanen för pilotverksamheten presenterades och diskuterades.',
    decisions: [
      {
        text: 'Styrgruppen fastställer den reviderade färdplanen',
        responsible: 'JAMY',
        person: 'Nora Nationell',
        dueInDays: null,
        status: 'done',
        followUp: 'Färdplanen är publicerad.',
      },
      {
        text: 'Samverkansgruppen tar fram ett förslag till gemensam konferens',
        responsible: 'JAMY',
        person: null,
        dueInDays: -10,
        status: 'in_progress',
        followUp: 'Förslag om plats och upplägg finns, budget återstår.',
      },
      { text: 'Myndigheterna redovisar sina indikatorer till samordnaren', responsible: null, person: 'Varje myndighet', dueInDays: 45, status: 'open' },
    ],
  },
  {
    key: 'steering-next',
    body: 'steering',
    title: 'Styrgruppsmöte',
    day: 21,
    start: '13:00',
    end: '15:00',
    location: null,
    online: 'https://moten.example.se/styrgruppen',
    agenda: [
      ['Uppföljning av besluten från förra mötet', 'Nora Nationell'],
      ['Utvecklingsgruppernas årliga redovisningar', 'Sammankallande i utvecklingsgrupperna'],
    ],
  },
  {
    key: 'collaboration-next',
    body: 'collaboration',
    title: 'Samverkansgruppsmöte – beredning inför styrgruppen',
    day: 14,
    start: '09:00',
    end: '12:00',
    location: null,
    online: 'https://moten.example.se/samverkansgruppen',
    agenda: [['Beredning inför styrgruppsmötet', 'Nora Nationell']],
  },
  {
    key: 'information-past',
    body: 'information',
    title: 'Utvecklingsgruppsmöte',
    day: -20,
    start: '10:00',
    end: '12:00',
    location: 'Migrationsverket, Norrköping',
    online: null,
    agenda: [
      ['Arbetsplanen: aktiviteter och tidplan', 'Mikael Samordnare'],
      ['Kontaktlistor till lokala aktörer per kontor', 'Karim Handläggare'],
    ],
    minutes: 'Gruppen stämde av arbetsplanen. Översättningen av informationsmaterialet är försenad.',
    decisions: [
      { text: 'Gruppen begär förlängd tid för översättningen till fem språk', responsible: 'MV', person: 'Mikael Samordnare', dueInDays: 30, status: 'open' },
    ],
  },
  {
    key: 'information-next',
    body: 'information',
    title: 'Utvecklingsgruppsmöte',
    day: 22,
    start: '10:00',
    end: '12:00',
    location: null,
    online: 'https://moten.example.se/information',
    agenda: [['Hänvisning och orosanmälan: vad varje myndighet ska göra', 'Gunnar Utredare']],
  },
  {
    key: 'routines-next',
    body: 'routines',
    title: 'Utvecklingsgruppsmöte',
    day: 10,
    start: '13:00',
    end: '15:00',
    location: 'Socialstyrelsen, Stockholm',
    online: null,
    agenda: [['Uppföljning av hur rutinerna följs', 'Klara Kunskapsredaktör']],
  },
];

type DemoActivity = { goal: number; title: string; lead: string; from: number; to: number; status: ActivityStatus };

async function seedBodies(tx: Tx): Promise<void> {
  for (const body of DEMO_BODIES) {
    const id = demoBodyId(body.key);
    const tenant = organisationId(body.owner);
    await tx.execute(sql`
      insert into collaboration_bodies (id, tenant_id, kind, name, purpose, leading_organisation_id, responsibility_areas, meeting_cadence, demo)
      values (${id}, ${tenant}, ${body.kind}, ${body.name}, ${body.purpose}, ${organisationId(body.lead)}, ${textArray(body.areas)}, ${body.cadence}, true)`);
    for (const [index, member] of body.members.entries()) {
      await tx.execute(sql`
        insert into collaboration_body_members (id, body_id, tenant_id, organisation_id, role, person_name, user_id, demo)
        values (${memberId(body.key, index)}, ${id}, ${tenant}, ${organisationId(member.organisation)}, ${member.role}, ${member.name},
                ${member.user ? demoUserId(member.user) : null}, true)`);
    }
  }
}

async function seedMeetings(tx: Tx, today: string): Promise<void> {
  const numbers = new Map<string, number>();
  for (const meeting of DEMO_MEETINGS) {
    const body = DEMO_BODIES.find((candidate) => candidate.key === meeting.body)!;
    const bodyId = demoBodyId(body.key);
    const tenant = organisationId(body.owner);
    const id = demoMeetingId(meeting.key);
    const date = addDays(today, meeting.day);
    // Demo meetings are at office hours, which exist every day of the year.
    const startsAt = stockholmInstant(date, meeting.start)!;
    const endsAt = stockholmInstant(date, meeting.end)!;
    await tx.execute(sql`
      insert into collaboration_meetings (id, body_id, tenant_id, title, starts_at, ends_at, location, online_url, convener_member_id, status, minutes, minutes_recorded_at, demo)
      values (${id}, ${bodyId}, ${tenant}, ${meeting.title}, ${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz,
              ${meeting.location}, ${meeting.online}, ${memberId(body.key, 0)}, ${meeting.minutes ? 'held' : 'planned'}, ${meeting.minutes ?? null},
              ${meeting.minutes ? endsAt.toISOString() : null}::timestamptz, true)`);
    for (const [position, [title, presenter]] of meeting.agenda.entries()) {
      await tx.execute(sql`
        insert into collaboration_agenda_items (meeting_id, body_id, tenant_id, position, title, presenter, demo)
        values (${id}, ${bodyId}, ${tenant}, ${position}, ${title}, ${presenter}, true)`);
    }
    const year = Number(date.slice(0, 4));
    for (const decision of meeting.decisions ?? []) {
      const key = `${bodyId}:${year}`;
      const number = (numbers.get(key) ?? 0) + 1;
      numbers.set(key, number);
      await tx.execute(sql`
        insert into collaboration_decisions (meeting_id, body_id, tenant_id, year, number, decided_on, text, responsible_organisation_id, responsible_person,
                                             due_on, status, follow_up, followed_up_at, demo)
        values (${id}, ${bodyId}, ${tenant}, ${year}, ${number}, ${date}::date, ${decision.text},
                ${decision.responsible ? organisationId(decision.responsible) : null}, ${decision.person},
                ${decision.dueInDays === null ? null : addDays(today, decision.dueInDays)}::date, ${decision.status}, ${decision.followUp ?? null},
                ${decision.followUp ? endsAt.toISOString() : null}::timestamptz, true)`);
    }
  }
}

/** The information and referral group's plan for this year and the next, with one activity late. */
async function seedWorkPlan(tx: Tx, today: string): Promise<void> {
  const year = Number(today.slice(0, 4));
  const body = DEMO_BODIES.find((candidate) => candidate.key === 'information')!;
  const bodyId = demoBodyId(body.key);
  const tenant = organisationId(body.owner);
  const planId = demoPlanId('information');
  await tx.execute(sql`
    insert into collaboration_work_plans (id, body_id, tenant_id, title, period_start, period_end, purpose, baseline_existing, baseline_missing, demo)
    values (${planId}, ${bodyId}, ${tenant}, ${`Arbetsplan ${year}–${year + 1}`}, ${`${year}-01-01`}::date, ${`${year + 1}-12-31`}::date,
            'Att klienter och personal vid myndigheterna får samstämmig information om våld, lagstiftning, skydd och stöd, och att personalen vet vart den ska hänvisa.',
            'Migrationsverket informerar asylsökande på flera språk. Försäkringskassan har intern information på intranätet.',
            'Gemensam information på fler språk, kontaktlistor till lokala aktörer per kontor, och tydlighet om orosanmälan för all personal.',
            true)`);
  const goals = [
    { title: 'Klienter får information om våld, skydd och stöd på ett språk de förstår', sub: ['Informationsmaterialet finns på minst fem språk'] },
    { title: 'Personalen vet vart den ska hänvisa', sub: ['Varje kontor har en aktuell kontaktlista till lokala aktörer'] },
  ];
  const goalIds: string[] = [];
  for (const [position, goal] of goals.entries()) {
    const goalId = demoId(`collaboration:goal:information:${position}`);
    goalIds.push(goalId);
    await tx.execute(sql`
      insert into collaboration_goals (id, plan_id, body_id, tenant_id, parent_id, position, title, demo)
      values (${goalId}, ${planId}, ${bodyId}, ${tenant}, null, ${position}, ${goal.title}, true)`);
    for (const [subPosition, title] of goal.sub.entries()) {
      await tx.execute(sql`
        insert into collaboration_goals (id, plan_id, body_id, tenant_id, parent_id, position, title, demo)
        values (${demoId(`collaboration:goal:information:${position}:${subPosition}`)}, ${planId}, ${bodyId}, ${tenant}, ${goalId}, ${subPosition}, ${title}, true)`);
    }
  }
  const start = `${year}-01-01`;
  const end = `${year + 1}-12-31`;
  // Days from the seeding day, kept inside the plan's period.
  const within = (days: number) => {
    const date = addDays(today, days);
    return date < start ? start : date > end ? end : date;
  };
  const activities: DemoActivity[] = [
    { goal: 0, title: 'Inventera befintligt informationsmaterial hos myndigheterna', lead: 'MV', from: -200, to: -120, status: 'done' },
    { goal: 0, title: 'Översätta informationsmaterialet till fem språk', lead: 'MV', from: -90, to: -5, status: 'ongoing' },
    { goal: 1, title: 'Ta fram en mall för kontaktlistor per kontor', lead: 'FK', from: -30, to: 40, status: 'ongoing' },
    { goal: 1, title: 'Informera all personal om orosanmälan', lead: 'SOS', from: 20, to: 120, status: 'planned' },
  ];
  for (const [index, activity] of activities.entries()) {
    await tx.execute(sql`
      insert into collaboration_activities (id, plan_id, goal_id, body_id, tenant_id, title, responsible_organisation_id, starts_on, ends_on, status, demo)
      values (${demoId(`collaboration:activity:information:${index}`)}, ${planId}, ${goalIds[activity.goal]!}, ${bodyId}, ${tenant}, ${activity.title},
              ${organisationId(activity.lead)}, ${within(activity.from)}::date, ${within(activity.to)}::date, ${activity.status}, true)`);
  }
}

/** Länsstyrelsen Dalarna's strategy process from the template, with its consultation round under way. */
async function seedStrategy(tx: Tx, today: string): Promise<void> {
  const tenant = organisationId('LST-20');
  const processId = demoId('collaboration:strategy:dalarna');
  const startsOn = addDays(today, -100);
  await tx.execute(sql`
    insert into strategy_processes (id, tenant_id, title, county_code, description, starts_on, demo)
    values (${processId}, ${tenant}, 'Regional strategi mot mäns våld mot kvinnor i Dalarna', '20',
            'En länsgemensam strategi med genomförandeplan som ersätter handlingsplanen. Arbetsgrupp: Polismyndigheten, Åklagarmyndigheten och Region Dalarna. Referensgrupp: Länsgruppen mäns våld mot kvinnor.',
            ${startsOn}::date, true)`);
  for (const [position, step] of templateSteps(startsOn, 'Länsstyrelsen i Dalarnas län', 'sv').entries()) {
    const status = step.deadline < addDays(today, -20) ? 'done' : step.deadline < addDays(today, 30) ? 'ongoing' : 'not_started';
    await tx.execute(sql`
      insert into strategy_steps (process_id, tenant_id, position, step, activity, deadline, challenge, responsible, status, demo)
      values (${processId}, ${tenant}, ${position}, ${step.step}, ${step.activity}, ${step.deadline}::date, ${step.challenge}, ${step.responsible}, ${status}, true)`);
  }
  const consultationId = demoId('collaboration:consultation:dalarna');
  const sentOn = addDays(today, -14);
  await tx.execute(sql`
    insert into strategy_consultations (id, process_id, tenant_id, title, sent_on, answer_weeks, respond_by, demo)
    values (${consultationId}, ${processId}, ${tenant}, 'Förslag till regional strategi och genomförandeplan', ${sentOn}::date, 6, ${deadlineAfter(sentOn, 6)}::date, true)`);
  const respondents: Array<{ organisation?: string; name?: string; answered?: string }> = [
    { organisation: 'KOM-2080', answered: 'Falu kommun ställer sig bakom förslaget och vill att stödet till våldsutövare beskrivs tydligare.' },
    { organisation: 'KOM-2081' },
    { organisation: 'FK' },
    { organisation: 'MV' },
    { name: 'Polismyndigheten, region Bergslagen' },
    { name: 'Kvinnojouren i Falun' },
  ];
  for (const respondent of respondents) {
    await tx.execute(sql`
      insert into strategy_consultation_responses (consultation_id, tenant_id, organisation_id, organisation_name, status, answered_on, answer, demo)
      values (${consultationId}, ${tenant}, ${respondent.organisation ? organisationId(respondent.organisation) : null}, ${respondent.name ?? null},
              ${respondent.answered ? 'answered' : 'awaiting'}, ${respondent.answered ? addDays(today, -3) : null}::date, ${respondent.answered ?? null}, true)`);
  }
}

export async function seedDemoCollaboration(tx: Tx, context: DemoContext): Promise<void> {
  const today = stockholmDate(context.clock.now());
  await seedBodies(tx);
  await seedMeetings(tx, today);
  await seedWorkPlan(tx, today);
  await seedStrategy(tx, today);
}
