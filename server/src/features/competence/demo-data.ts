import { sql } from 'drizzle-orm';
import { demoId } from '../../platform/demo/demo-ids.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DemoContext } from '../../platform/feature.ts';
import { organisationId } from '../../platform/organisations/organisation-id.ts';
import { encryptAnswer, findRound, getSurvey, insertAnswer, insertResponses, sampleAnswers } from '../surveys/index.ts';
import * as repository from './competence-repository.ts';
import { addPlanEntry, addPlanParticipant, createCourse, createPlan, type Caller } from './competence-service.ts';
import * as eventRepository from './event-repository.ts';
import { createEvaluation, createEvent } from './event-service.ts';

/**
 * Demo data of the competence feature (demo = true): the national web courses and the agencies'
 * own, a requirement for Försäkringskassan's sickness-benefit units with some staff trained, a
 * year of supervision in Sjukpenning Falun, Dalarna's events with registrations from several
 * municipalities, an evaluated inspiration day, and Dalarna's competence plan.
 */
const user = (key: string) => demoId(`user:${key}`);
const unit = (key: string) => demoId(`unit:${key}`);
const caller = (organisation: string, userKey: string): Caller => ({
  tenantId: organisationId(organisation),
  userId: user(userKey),
  scope: 'agency',
  unitScopeIds: [],
  actingUnitId: null,
});

export const DEMO_COURSE_VNR = demoId('course:vnr-web');

export async function seedDemoCompetence(tx: Tx, context: DemoContext): Promise<void> {
  const demo = { demo: true };
  // The national catalogue (shared): Socialstyrelsen keeps it.
  const sos = caller('SOS', 'knowledge-editor');
  const vnr = await createCourse(
    tx,
    sos,
    {
      title: 'Webbkurs om våld i nära relationer',
      provider: 'Socialstyrelsen och Länsstyrelsen Östergötland',
      format: 'web_course',
      lengthMinutes: 240,
      topics: ['vnr', 'children'],
      targetRoles: ['caseworker', 'manager'],
      introduction: true,
      url: 'https://www.socialstyrelsen.se/',
      description: 'Grundkurs: vad våld i nära relationer är, hur man frågar och vart man hänvisar.',
      shared: true,
    },
    demo,
  );
  const hrv = await createCourse(
    tx,
    sos,
    {
      title: 'Webbkurs om hedersrelaterat våld och förtryck',
      provider: 'Länsstyrelsen Östergötland',
      format: 'web_course',
      lengthMinutes: 180,
      topics: ['hrv'],
      targetRoles: ['caseworker'],
      introduction: false,
      url: null,
      description: null,
      shared: true,
    },
    demo,
  );
  await createCourse(
    tx,
    sos,
    {
      title: 'Prostitution och människohandel – grundkurs',
      provider: 'Jämställdhetsmyndigheten',
      format: 'web_course',
      lengthMinutes: 120,
      topics: ['pom'],
      targetRoles: ['caseworker'],
      introduction: false,
      url: null,
      description: null,
      shared: true,
    },
    demo,
  );
  await createCourse(
    tx,
    sos,
    {
      title: 'Barn som upplever våld',
      provider: 'Socialstyrelsen',
      format: 'web_course',
      lengthMinutes: 90,
      topics: ['children', 'vnr'],
      targetRoles: ['caseworker'],
      introduction: false,
      url: null,
      description: null,
      shared: true,
    },
    demo,
  );
  const fk = caller('FK', 'fk-coordinator');
  const film = await createCourse(
    tx,
    fk,
    {
      title: 'Film: att fråga om våld i sjukpenningärenden',
      provider: 'Försäkringskassan',
      format: 'film',
      lengthMinutes: 25,
      topics: ['vnr'],
      targetRoles: ['caseworker'],
      introduction: true,
      url: null,
      description: 'Försäkringskassans egen film med handläggarstödet.',
      shared: false,
    },
    demo,
  );
  const mv = caller('MV', 'mv-coordinator');
  await createCourse(
    tx,
    mv,
    {
      title: 'Asylprocessen: kön, könsidentitet och sexuell läggning',
      provider: 'Migrationsverket',
      format: 'blended',
      lengthMinutes: 480,
      topics: ['asylum'],
      targetRoles: ['caseworker'],
      introduction: false,
      url: null,
      description: null,
      shared: false,
    },
    demo,
  );
  await createCourse(
    tx,
    mv,
    {
      title: 'Att intervjua personer i en utsatt situation',
      provider: 'Migrationsverket',
      format: 'workshop',
      lengthMinutes: 360,
      topics: ['asylum', 'vnr'],
      targetRoles: ['caseworker'],
      introduction: false,
      url: null,
      description: null,
      shared: false,
    },
    demo,
  );

  // Försäkringskassan: everyone in sickness benefit (region Mitt and below) takes the basic course by year end.
  await repository.insertRequirement(tx, {
    tenantId: fk.tenantId,
    courseId: vnr.id,
    unitId: unit('fk-sjukforsakring-mitt'),
    roles: ['caseworker', 'manager'],
    deadline: '2026-12-31',
    note: 'Alla handläggare och chefer i sjukpenning.',
    createdBy: fk.userId,
    demo: true,
  });
  await repository.insertRequirement(tx, {
    tenantId: fk.tenantId,
    courseId: film.id,
    unitId: null,
    roles: ['caseworker'],
    deadline: '2026-06-30',
    note: null,
    createdBy: fk.userId,
    demo: true,
  });
  const confirmed = (person: string, unitKey: string, courseId: string, on: string) => ({
    tenantId: fk.tenantId,
    userId: user(person),
    unitId: unit(unitKey),
    courseId,
    completedOn: on,
    source: 'self' as const,
    status: 'confirmed' as const,
    recordedBy: user(person),
    confirmedBy: user('fk-manager'),
    confirmedAt: new Date(`${on}T12:00:00Z`),
    demo: true,
  });
  await repository.insertCompletions(tx, [
    confirmed('fk-caseworker-2', 'fk-sjukpenning-falun', vnr.id, '2026-03-10'),
    confirmed('fk-caseworker-borlange', 'fk-sjukpenning-borlange', vnr.id, '2026-05-20'),
    confirmed('fk-manager', 'fk-sjukpenning-falun', vnr.id, '2026-02-02'),
    confirmed('fk-caseworker', 'fk-sjukpenning-falun', film.id, '2026-01-15'),
    confirmed('fk-caseworker-2', 'fk-sjukpenning-falun', film.id, '2026-01-15'),
    { ...confirmed('fk-caseworker-borlange', 'fk-sjukpenning-borlange', hrv.id, '2026-10-01'), status: 'recorded', confirmedBy: null, confirmedAt: null },
  ]);

  // Supervision in Sjukpenning Falun: roughly every six weeks.
  for (const [index, heldOn] of ['2026-01-20', '2026-03-03', '2026-04-14', '2026-06-02', '2026-08-25', '2026-10-06', '2026-11-17'].entries()) {
    await repository.insertSupervision(tx, {
      tenantId: fk.tenantId,
      unitId: unit('fk-sjukpenning-falun'),
      heldOn,
      leader: 'Extern handledare, Familjeterapeuterna',
      participantCount: 5 + (index % 3),
      participantUserIds: [],
      topic: index % 2 === 0 ? 'Svåra samtal om våld' : 'Egen reaktion på klienters berättelser',
      createdBy: user('fk-manager'),
      demo: true,
    });
  }
  await repository.insertSupervision(tx, {
    tenantId: fk.tenantId,
    unitId: unit('fk-sjukpenning-borlange'),
    heldOn: '2026-05-12',
    leader: 'Företagshälsovården',
    participantCount: 4,
    participantUserIds: [],
    topic: 'Stöd efter ett hot',
    createdBy: user('fk-coordinator'),
    demo: true,
  });

  // Dalarna's events: last year's inspiration day (evaluated), a webinar this year, one coming up.
  const lst = caller('LST-20', 'county-strategist');
  const base = {
    organisers: 'Länsstyrelsen Dalarna',
    audience: 'Socialtjänst, hälso- och sjukvård, myndigheter och ideella organisationer i Dalarna',
    countyCode: '20',
    capacity: null,
  } as const;
  const inspiration = await createEvent(
    tx,
    lst,
    {
      ...base,
      title: 'Inspirationsdag mot mäns våld mot kvinnor 2025',
      kind: 'inspiration_day',
      startsAt: '2025-11-25T08:30:00.000Z',
      endsAt: '2025-11-25T15:00:00.000Z',
      place: 'Falun, Kulturhuset Tjärna Ängar',
      digital: false,
      topics: ['vnr', 'hrv'],
      series: 'Inspirationsdag',
      registrationClosesOn: '2025-11-18',
    },
    { cipher: context.cipher, demo: true, id: demoId('event:inspiration-2025') },
  );
  const webinar = await createEvent(
    tx,
    lst,
    {
      ...base,
      title: 'Webbinarium: barn som upplever våld',
      kind: 'webinar',
      startsAt: '2026-04-15T08:00:00.000Z',
      endsAt: '2026-04-15T10:00:00.000Z',
      place: null,
      digital: true,
      topics: ['children'],
      series: null,
      registrationClosesOn: '2026-04-14',
    },
    { cipher: context.cipher, demo: true, id: demoId('event:webinar-2026') },
  );
  await createEvent(
    tx,
    lst,
    {
      ...base,
      title: 'Inspirationsdag mot mäns våld mot kvinnor 2026',
      kind: 'inspiration_day',
      startsAt: '2026-11-25T08:30:00.000Z',
      endsAt: '2026-11-25T15:00:00.000Z',
      place: 'Borlänge, Folkets hus',
      digital: false,
      topics: ['vnr', 'pom'],
      series: 'Inspirationsdag',
      registrationClosesOn: '2026-11-23',
      capacity: 120,
    },
    { cipher: context.cipher, demo: true, id: demoId('event:inspiration-2026') },
  );
  const people = [
    ['2080', 'Falu kommun, socialtjänsten', 'municipality'],
    ['2080', 'Falu kommun, socialtjänsten', 'municipality'],
    ['2081', 'Borlänge kommun, individ- och familjeomsorgen', 'municipality'],
    ['2062', 'Mora kommun, socialtjänsten', 'municipality'],
    ['2085', 'Ludvika kommun, socialtjänsten', 'municipality'],
    ['2080', 'Region Dalarna, hälsocentral', 'region'],
    ['2080', 'Kvinnojouren i Falun', 'shelter'],
  ] as const;
  await eventRepository.insertRegistrations(
    tx,
    people.map(([municipality, organisation, kind], index) => ({
      eventId: inspiration.id,
      tenantId: lst.tenantId,
      name: `Deltagare ${index + 1}`,
      email: `deltagare${index + 1}@demo.upptack.se`,
      organisationName: organisation,
      organisationKind: kind,
      municipalityCode: municipality,
      attended: index !== 4,
      demo: true,
    })),
  );
  await eventRepository.insertRegistrations(
    tx,
    people.slice(0, 4).map(([municipality, organisation, kind], index) => ({
      eventId: webinar.id,
      tenantId: lst.tenantId,
      name: `Webbinariedeltagare ${index + 1}`,
      email: `webbinarium${index + 1}@demo.upptack.se`,
      organisationName: organisation,
      organisationKind: kind,
      municipalityCode: municipality,
      attended: true,
      demo: true,
    })),
  );
  await createEvaluation(tx, lst, inspiration.id, { deadline: '2025-12-31' }, { cipher: context.cipher, demo: true });
  const [event] = await eventRepository.listEventRows(tx, { id: inspiration.id });
  const round = await findRound(tx, event!.evaluationRoundId!);
  const definition = (await getSurvey(tx, round!.surveyId)).definition;
  for (let index = 0; index < 6; index++) {
    const responseId = demoId(`event-evaluation-response:${index}`);
    await insertResponses(tx, [
      {
        id: responseId,
        roundId: round!.id,
        tenantId: lst.tenantId,
        anonymous: true,
        respondentName: 'anonym',
        status: 'submitted',
        openedAt: new Date('2025-11-26T09:00:00Z'),
        submittedAt: new Date('2025-11-26T09:00:00Z'),
        demo: true,
      },
    ]);
    for (const [question, value] of sampleAnswers(definition, index)) {
      await insertAnswer(tx, {
        responseId,
        tenantId: lst.tenantId,
        questionId: question,
        valueEncrypted: encryptAnswer(context.cipher, responseId, question, value),
      });
    }
  }
  await tx.execute(sql`update survey_answers set demo = true where response_id in (select id from survey_responses where demo)`);

  // Dalarna's joint competence plan for 2027.
  const plan = await createPlan(tx, lst, { countyCode: '20', year: 2027, title: 'Gemensam kompetensplan Dalarna 2027' }, demo);
  const entries = [
    {
      organisationId: organisationId('LST-20'),
      effort: 'Inspirationsdag mot mäns våld mot kvinnor',
      targetGroup: 'Alla verksamheter i länet',
      topics: ['vnr', 'hrv'],
      plannedMonth: 11,
      openToOthers: true,
    },
    {
      organisationId: organisationId('FK'),
      effort: 'Webbkurs om våld i nära relationer för nyanställda',
      targetGroup: 'Handläggare i sjukpenning',
      topics: ['vnr'],
      plannedMonth: 3,
      openToOthers: false,
      courseId: vnr.id,
    },
    {
      organisationId: organisationId('AF'),
      effort: 'Workshop: att fråga om våld i arbetsmarknadsärenden',
      targetGroup: 'Arbetsförmedlare i Falun',
      topics: ['vnr'],
      plannedMonth: 3,
      openToOthers: true,
    },
    {
      organisationName: 'Falu kommun',
      effort: 'Utbildning i hedersrelaterat våld',
      targetGroup: 'Socialsekreterare',
      topics: ['hrv'],
      plannedMonth: 9,
      openToOthers: true,
    },
  ] as const;
  for (const entry of entries) await addPlanEntry(tx, lst, plan.id, { organisationName: null, courseId: null, ...entry, topics: [...entry.topics] }, demo);
  // The agencies take part and enter their further efforts themselves (ADR 0044).
  for (const code of ['FK', 'AF']) await addPlanParticipant(tx, lst, plan.id, { organisationId: organisationId(code) }, demo);
}
