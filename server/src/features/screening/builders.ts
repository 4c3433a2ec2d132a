import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AskingMode, Channel, ContentStatus, ReferralKind, ReferralTarget, RoutineContent } from '#shared/contracts/screening.ts';
import type { ViolenceForm } from '#shared/contracts/screening-codes.ts';
import { testConfig } from '../../config.ts';
import { recordConnections, recordProtections } from '../../platform/access/schema.ts';
import { createFieldCipher, lookupHash } from '../../platform/crypto/field-encryption.ts';
import { APP_NOW, type Database, type Tx } from '../../platform/db/database.ts';
import { CONTROL_CANARY, PROTECTED_CANARY } from '../../test-support/canary.ts';
import type { TestUnit } from '../../test-support/builders.ts';
import { DEFAULT_QUESTION_SET_VERSION_ID } from './demo-data.ts';
import { ENCOUNTER_TYPE } from './encounter-record.ts';
import {
  screeningProcesses,
  screeningQuestionSets,
  screeningQuestionSetVersions,
  screeningRoutines,
  screeningRoutineVersions,
  screeningSettings,
} from './schema.ts';

/**
 * Test data for screening (conventions: `createX(database, partial)` fills the rest and creates
 * missing parents). Encounters are written as the system, the way the isolation and authorization
 * tests need them; the API tests create theirs through the routes.
 */

/**
 * Encounter locations are municipality codes, so the protected-identity canary (ADR 0010) lives in
 * a test municipality's name, which every answer showing the place includes: a protected
 * encounter in TEST_PROTECTED_MUNICIPALITY must never show it, an ordinary one in
 * TEST_CONTROL_MUNICIPALITY must.
 */
export const TEST_PROTECTED_MUNICIPALITY = '9998';
export const TEST_CONTROL_MUNICIPALITY = '9997';
export const CANARY_PLACES_SCRIPT = `
insert into counties (code, name) values ('99', 'Testlän') on conflict do nothing;
insert into municipalities (code, name, county_code) values
  ('${TEST_PROTECTED_MUNICIPALITY}', '${PROTECTED_CANARY}', '99'),
  ('${TEST_CONTROL_MUNICIPALITY}', '${CONTROL_CANARY}', '99')
on conflict do nothing;`;

export const TEST_ROUTINE_CONTENT: RoutineContent = {
  whoAsks: 'Handläggare',
  whenToAsk: 'Rutinmässigt',
  howToDocument: 'I Upptäck',
  afterNothingDisclosed: 'Tacka',
  afterExposure: 'Hänvisa',
  afterPerpetration: 'Hänvisa till stöd för den som vill sluta',
  afterDeclined: 'Respektera',
  ifNotSafe: 'Boka nytt möte',
  acuteDanger: 'Ring 112',
  childConcern: { legalReference: 'Testreferens', verifiedOn: '2026-11-01', steps: 'Anmäl' },
  referral: 'Hänvisa',
  perpetratorPath: 'Stöd för den som vill sluta',
  information: 'Stödlistan',
};

export type TestProcess = { processId: string; routineId: string; routineVersionId: string; tenantId: string };

const created = new WeakMap<Database, Map<string, TestProcess>>();

export async function insertProcess(
  tx: Tx,
  tenantId: string,
  partial: { asking?: AskingMode; channels?: Channel[]; defaultChannel?: Channel | null; code?: string; next?: 'draft' | 'review' } = {},
): Promise<TestProcess> {
  const [process] = await tx
    .insert(screeningProcesses)
    .values({ tenantId, code: partial.code ?? `test_${crypto.randomBytes(8).toString('hex')}`, name: 'Testprocess' })
    .returning({ id: screeningProcesses.id });
  const [routine] = await tx
    .insert(screeningRoutines)
    .values({ tenantId, kind: 'process', processId: process!.id, title: 'Testrutin' })
    .returning({ id: screeningRoutines.id });
  const asking = partial.asking ?? 'routinely';
  const [version] = await tx
    .insert(screeningRoutineVersions)
    .values({
      routineId: routine!.id,
      tenantId,
      number: 1,
      status: 'published',
      title: 'Testrutin',
      asking,
      channels: partial.channels ?? (asking === 'inform_only' ? [] : ['in_person', 'phone', 'video']),
      defaultChannel: partial.defaultChannel ?? null,
      questionSetVersionId: asking === 'inform_only' ? null : DEFAULT_QUESTION_SET_VERSION_ID,
      content: TEST_ROUTINE_CONTENT,
      publishedAt: APP_NOW,
    })
    .returning({ id: screeningRoutineVersions.id });
  if (partial.next) {
    await tx.insert(screeningRoutineVersions).values({
      routineId: routine!.id,
      tenantId,
      number: 2,
      status: partial.next,
      title: 'Testrutin, ny version',
      asking,
      channels: ['in_person'],
      questionSetVersionId: DEFAULT_QUESTION_SET_VERSION_ID,
      content: TEST_ROUTINE_CONTENT,
    });
  }
  return { processId: process!.id, routineId: routine!.id, routineVersionId: version!.id, tenantId };
}

/** The default set's items as a question set of the organisation, in the given status. */
export async function insertQuestionSet(tx: Tx, tenantId: string, status: ContentStatus = 'published'): Promise<{ id: string; versionId: string }> {
  const [set] = await tx.insert(screeningQuestionSets).values({ tenantId, name: 'Testbatteri' }).returning({ id: screeningQuestionSets.id });
  const [version] = await tx
    .insert(screeningQuestionSetVersions)
    .values({
      questionSetId: set!.id,
      tenantId,
      number: 1,
      status,
      name: 'Testbatteri',
      items: sql`(select items from screening_question_set_versions where id = ${DEFAULT_QUESTION_SET_VERSION_ID})`,
      publishedAt: status === 'published' || status === 'superseded' ? APP_NOW : null,
    })
    .returning({ id: screeningQuestionSetVersions.id });
  return { id: set!.id, versionId: version!.id };
}

/** A published process routine of the organisation that asks routinely (one per organisation and database). */
export async function createProcess(database: Database, tenantId: string): Promise<TestProcess> {
  let byTenant = created.get(database);
  if (!byTenant) created.set(database, (byTenant = new Map()));
  const existing = byTenant.get(tenantId);
  if (existing) return existing;
  const process = await database.system((tx) => insertProcess(tx, tenantId));
  byTenant.set(tenantId, process);
  return process;
}

export async function enableNotes(database: Database, tenantId: string): Promise<void> {
  await database.system((tx) =>
    tx
      .insert(screeningSettings)
      .values({ tenantId, notesEnabled: true })
      .onConflictDoUpdate({ target: screeningSettings.tenantId, set: { notesEnabled: true } }),
  );
}

export type TestEncounter = { id: string; tenantId: string; unitId: string; referralIds: string[] };

type EncounterPartial = {
  unit: TestUnit;
  createdBy?: string | null;
  /** `open`: no result yet; `asked`: nothing disclosed; `disclosed`: exposure with a handover agreed; `not_asked`: could not ask (not alone). */
  state?: 'open' | 'asked' | 'disclosed' | 'not_asked';
  municipalityCode?: string;
  protectedIdentity?: boolean;
  connectedUserIds?: string[];
  caseReference?: string;
  referral?: ReferralKind;
  occurredOn?: string;
  /** The forms of violence disclosed (state `disclosed`); physical unless given. */
  exposureForms?: ViolenceForm[];
  /** Forms of the client's own use of violence (state `disclosed`); none unless given. */
  perpetrationForms?: ViolenceForm[];
  /** A client who uses violence wants help to stop (state `disclosed` with perpetration forms). */
  perpetratorWantsHelp?: boolean;
  /** How the meeting took place; phone unless given. */
  channel?: Channel;
  /** The target of a signposting referral; social services unless given. */
  referralTarget?: ReferralTarget;
};

/** Inserts an encounter (and its parents) in the given transaction, as the system. */
export async function insertEncounter(tx: Tx, process: TestProcess, partial: EncounterPartial): Promise<TestEncounter> {
  const id = crypto.randomUUID();
  const state = partial.state ?? 'asked';
  const occurredOn = partial.occurredOn ?? '2026-11-20';
  const municipality = partial.municipalityCode ?? '2080';
  const asked = state !== 'open' && state !== 'not_asked';
  const notAsked = state === 'not_asked';
  const config = testConfig();
  const caseReference = partial.caseReference
    ? {
        encrypted: createFieldCipher(config.encryptionKey).encrypt(partial.caseReference, `screening_encounters:${id}`),
        hash: lookupHash(config.lookupKey, partial.caseReference),
      }
    : undefined;
  await tx.execute(sql`insert into screening_encounters (id, tenant_id, unit_id, created_by, process_id, routine_version_id, question_set_version_id, occurred_on,
      occurred_month, channel, basis, interpreter, eligible, client_sex, client_age_band, client_municipality_code, client_county_code, case_reference_encrypted,
      case_reference_hash, status, asking, not_asked_reason, outcome, children_in_household, child_at_risk, acute_danger, perpetrator_wants_help, completed_at)
    values (${id}, ${partial.unit.tenantId}, ${partial.unit.id}, ${partial.createdBy ?? null}, ${process.processId}, ${process.routineVersionId},
      ${asked ? DEFAULT_QUESTION_SET_VERSION_ID : null}::uuid, ${occurredOn}::date, ${`${occurredOn.slice(0, 7)}-01`}::date, ${partial.channel ?? 'phone'}, 'routine', 'none', true,
      'female', '35_44', ${municipality}, ${municipality.slice(0, 2)}, ${caseReference?.encrypted ?? null}, ${caseReference?.hash ?? null},
      ${asked || notAsked ? 'completed' : 'open'}, ${asked ? 'asked' : notAsked ? 'not_asked' : null}, ${notAsked ? 'not_alone' : null},
      ${asked ? (state === 'disclosed' ? 'disclosed' : 'nothing_disclosed') : null},
      ${asked ? 'no' : null}, ${asked ? false : null}, ${asked ? false : null}, ${asked ? (partial.perpetratorWantsHelp ?? null) : null},
      ${asked || notAsked ? APP_NOW : null}::timestamptz)`);
  if (state === 'disclosed') {
    const forms: Array<['exposure' | 'perpetration', ViolenceForm]> = [
      ...(partial.exposureForms ?? (partial.perpetrationForms ? [] : ['physical' as const])).map(
        (form) => ['exposure' as const, form] as ['exposure', ViolenceForm],
      ),
      ...(partial.perpetrationForms ?? []).map((form) => ['perpetration' as const, form] as ['perpetration', ViolenceForm]),
    ];
    for (const [formKind, form] of forms)
      await tx.execute(
        sql`insert into screening_encounter_forms (encounter_id, tenant_id, kind, form) values (${id}, ${partial.unit.tenantId}, ${formKind}, ${form})`,
      );
  }
  const referralIds: string[] = [];
  const kind = partial.referral ?? (state === 'disclosed' ? 'handover' : undefined);
  if (kind) {
    const referralId = crypto.randomUUID();
    referralIds.push(referralId);
    await tx.execute(
      kind === 'handover'
        ? sql`insert into screening_referrals (id, encounter_id, tenant_id, kind, target, status, consent_scope, consent_given_at)
              values (${referralId}, ${id}, ${partial.unit.tenantId}, 'handover', 'shelter', 'agreed', '{contact_details}'::text[], app_now())`
        : kind === 'report'
          ? sql`insert into screening_referrals (id, encounter_id, tenant_id, kind, target, status, report_type)
                values (${referralId}, ${id}, ${partial.unit.tenantId}, 'report', 'police', 'planned', 'police')`
          : sql`insert into screening_referrals (id, encounter_id, tenant_id, kind, target, status)
                values (${referralId}, ${id}, ${partial.unit.tenantId}, 'signposting', ${partial.referralTarget ?? 'social_services'}, 'given')`,
    );
  }
  if (partial.protectedIdentity) {
    await tx.insert(recordProtections).values({ tenantId: partial.unit.tenantId, recordType: ENCOUNTER_TYPE, recordId: id, protectedIdentity: true });
  }
  for (const userId of partial.connectedUserIds ?? []) {
    await tx.insert(recordConnections).values({ tenantId: partial.unit.tenantId, recordType: ENCOUNTER_TYPE, recordId: id, userId });
  }
  return { id, tenantId: partial.unit.tenantId, unitId: partial.unit.id, referralIds };
}

export async function createEncounter(database: Database, partial: EncounterPartial): Promise<TestEncounter> {
  const process = await createProcess(database, partial.unit.tenantId);
  return database.system((tx) => insertEncounter(tx, process, partial));
}

/** A draft of the user, encrypted with the test configuration's key. */
export async function createDraft(
  database: Database,
  owner: { unit: TestUnit; userId: string },
  state: Record<string, unknown> = { step: 'start' },
): Promise<string> {
  const id = crypto.randomUUID();
  const cipher = createFieldCipher(testConfig().encryptionKey);
  await database.system((tx) =>
    tx.execute(sql`insert into screening_drafts (id, tenant_id, unit_id, user_id, payload_encrypted)
      values (${id}, ${owner.unit.tenantId}, ${owner.unit.id}, ${owner.userId}, ${cipher.encrypt(JSON.stringify(state), `screening_drafts:${id}`)})`),
  );
  return id;
}
