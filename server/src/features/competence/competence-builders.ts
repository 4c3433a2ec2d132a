import crypto from 'node:crypto';
import type { Role } from '#shared/auth/roles.ts';
import { testConfig } from '../../config.ts';
import { createFieldCipher } from '../../platform/crypto/field-encryption.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import * as repository from './competence-repository.ts';
import { addPlanEntry, createCourse, createPlan, type Caller } from './competence-service.ts';
import * as eventRepository from './event-repository.ts';
import { createEvent } from './event-service.ts';

/**
 * Test builders of the competence feature (conventions: `createX(partial)` fills the rest). They
 * run as the system and encrypt with the test configuration's key, as test apps do.
 */
const testCipher = () => createFieldCipher(testConfig().encryptionKey);
const systemCaller = (tenantId: string, userId: string | null = null): Caller => ({ tenantId, userId, scope: 'agency', unitScopeIds: [], actingUnitId: null });

export async function createTestCourseIn(tx: Tx, partial: { tenantId: string; userId?: string | null; title?: string; shared?: boolean }): Promise<string> {
  const created = await createCourse(tx, systemCaller(partial.tenantId, partial.userId ?? null), {
    title: partial.title ?? 'Webbkurs om våld i nära relationer',
    provider: 'Socialstyrelsen',
    format: 'web_course',
    lengthMinutes: 120,
    topics: ['vnr'],
    targetRoles: ['caseworker'],
    introduction: false,
    url: null,
    description: null,
    shared: partial.shared ?? false,
  });
  return created.id;
}

export const createTestCourse = (database: Database, partial: Parameters<typeof createTestCourseIn>[1]) =>
  database.system((tx) => createTestCourseIn(tx, partial));

export async function createTestRequirementIn(
  tx: Tx,
  partial: { tenantId: string; courseId?: string; unitId?: string | null; roles?: Role[]; deadline?: string; userId?: string | null },
): Promise<{ id: string; courseId: string }> {
  const courseId = partial.courseId ?? (await createTestCourseIn(tx, { tenantId: partial.tenantId }));
  const id = await repository.insertRequirement(tx, {
    tenantId: partial.tenantId,
    courseId,
    unitId: partial.unitId ?? null,
    roles: partial.roles ?? ['caseworker'],
    deadline: partial.deadline ?? '2026-12-31',
    createdBy: partial.userId ?? null,
  });
  return { id, courseId };
}

export const createTestRequirement = (database: Database, partial: Parameters<typeof createTestRequirementIn>[1]) =>
  database.system((tx) => createTestRequirementIn(tx, partial));

export async function createTestCompletionIn(
  tx: Tx,
  partial: { tenantId: string; userId: string; unitId: string; courseId?: string; completedOn?: string; status?: 'recorded' | 'confirmed' },
): Promise<{ id: string; courseId: string }> {
  const courseId = partial.courseId ?? (await createTestCourseIn(tx, { tenantId: partial.tenantId }));
  const id = crypto.randomUUID();
  const status = partial.status ?? 'recorded';
  await repository.insertCompletions(tx, [
    {
      id,
      tenantId: partial.tenantId,
      userId: partial.userId,
      unitId: partial.unitId,
      courseId,
      completedOn: partial.completedOn ?? '2026-03-01',
      source: 'self',
      status,
      recordedBy: partial.userId,
      confirmedAt: status === 'confirmed' ? new Date('2026-03-02T10:00:00Z') : null,
    },
  ]);
  return { id, courseId };
}

export const createTestCompletion = (database: Database, partial: Parameters<typeof createTestCompletionIn>[1]) =>
  database.system((tx) => createTestCompletionIn(tx, partial));

export async function createTestSupervisionIn(tx: Tx, partial: { tenantId: string; unitId: string; userId?: string | null; heldOn?: string }): Promise<string> {
  return repository.insertSupervision(tx, {
    tenantId: partial.tenantId,
    unitId: partial.unitId,
    heldOn: partial.heldOn ?? '2026-10-01',
    leader: 'Handledare',
    participantCount: 5,
    createdBy: partial.userId ?? null,
  });
}

export async function createTestEventIn(
  tx: Tx,
  partial: {
    tenantId: string;
    userId?: string | null;
    capacity?: number | null;
    startsAt?: string;
    registrationClosesOn?: string;
    countyCode?: string | null;
    series?: string | null;
  },
): Promise<{ id: string; token: string }> {
  const startsAt = partial.startsAt ?? '2027-03-10T08:00:00.000Z';
  return createEvent(
    tx,
    systemCaller(partial.tenantId, partial.userId ?? null),
    {
      title: 'Nätverksträff om våld i nära relationer',
      kind: 'network_meeting',
      organisers: 'Länsstyrelsen',
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 3 * 3_600_000).toISOString(),
      place: 'Falun',
      digital: false,
      audience: 'Socialtjänsten i länet',
      topics: ['vnr'],
      countyCode: partial.countyCode === undefined ? '20' : partial.countyCode,
      series: partial.series ?? null,
      capacity: partial.capacity === undefined ? 50 : partial.capacity,
      registrationClosesOn: partial.registrationClosesOn ?? startsAt.slice(0, 10),
    },
    { cipher: testCipher() },
  );
}

export const createTestEvent = (database: Database, partial: Parameters<typeof createTestEventIn>[1]) =>
  database.system((tx) => createTestEventIn(tx, partial));

/** A registration made directly (not through the link), e.g. as a parent for attendance tests. */
export async function createTestRegistrationIn(
  tx: Tx,
  partial: { tenantId: string; eventId: string; municipalityCode?: string | null; attended?: boolean | null; email?: string },
): Promise<string> {
  const id = crypto.randomUUID();
  await eventRepository.insertRegistrations(tx, [
    {
      id,
      eventId: partial.eventId,
      tenantId: partial.tenantId,
      name: 'Deltagare',
      email: partial.email ?? `deltagare-${id.slice(0, 8)}@example.se`,
      organisationName: 'Falu kommun',
      organisationKind: 'municipality',
      municipalityCode: partial.municipalityCode === undefined ? '2080' : partial.municipalityCode,
      attended: partial.attended ?? null,
    },
  ]);
  return id;
}

const COUNTIES = ['01', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '17', '18', '19', '20', '21', '22', '23', '24', '25'];
let planCounter = Math.floor(Math.random() * 1000);

/** A plan for a county and year not used before in this process (a plan is unique per county and year). */
export function nextPlanKey(): { countyCode: string; year: number } {
  planCounter++;
  return { countyCode: COUNTIES[planCounter % COUNTIES.length]!, year: 2000 + (Math.floor(planCounter / COUNTIES.length) % 101) };
}

export async function createTestPlanIn(tx: Tx, partial: { tenantId: string; userId?: string | null }): Promise<string> {
  const { countyCode, year } = nextPlanKey();
  const plan = await createPlan(tx, systemCaller(partial.tenantId, partial.userId ?? null), { countyCode, year, title: 'Kompetensplan' });
  return plan.id;
}

/** An effort entered into a plan by its organisation (`tenantId`); the plan must reach it. */
export async function createTestPlanEntryIn(tx: Tx, partial: { tenantId: string; planId: string; userId?: string | null; effort?: string }): Promise<string> {
  const effort = partial.effort ?? `Grundkurs ${crypto.randomUUID()}`;
  const plan = await addPlanEntry(tx, systemCaller(partial.tenantId, partial.userId ?? null), partial.planId, {
    organisationName: 'Falu kommun',
    effort,
    targetGroup: 'Socialsekreterare',
    topics: ['vnr'],
    plannedMonth: 4,
    openToOthers: false,
  });
  return plan.entryList.find((entry) => entry.effort === effort && entry.editable)!.id;
}
