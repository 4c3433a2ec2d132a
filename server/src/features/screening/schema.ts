import { boolean, char, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type {
  AgeBand,
  Asking,
  AskingMode,
  Basis,
  Channel,
  Children,
  ConsentScope,
  ContentStatus,
  DisclosureKind,
  EncounterStatus,
  InformationDelivery,
  InformationMaterial,
  Interpreter,
  NotAskedReason,
  Outcome,
  QuestionItem,
  ReferralKind,
  ReferralStatus,
  ReferralTarget,
  ReportType,
  RetentionAction,
  RoutineContent,
  Sex,
  ViolenceForm,
} from '#shared/contracts/screening.ts';
import { APP_NOW } from '../../platform/db/database.ts';

/** Drizzle definitions of migration 0030 (the data dictionary: docs/screening-data-dictionary.md). */
const stamp = (name: string) => timestamp(name, { withTimezone: true });

export const screeningSettings = pgTable('screening_settings', {
  tenantId: uuid('tenant_id').primaryKey(),
  notesEnabled: boolean('notes_enabled').notNull().default(false),
  retentionMonths: integer('retention_months').notNull().default(24),
  retentionAction: text('retention_action').$type<RetentionAction>().notNull().default('anonymise'),
  version: integer('version').notNull().default(1),
  updatedAt: stamp('updated_at').notNull().default(APP_NOW),
  updatedBy: uuid('updated_by'),
  demo: boolean('demo').notNull().default(false),
});

export const screeningProcesses = pgTable('screening_processes', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  active: boolean('active').notNull().default(true),
  demo: boolean('demo').notNull().default(false),
  createdAt: stamp('created_at').notNull().default(APP_NOW),
});

export const screeningQuestionSets = pgTable('screening_question_sets', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  name: text('name').notNull(),
  shared: boolean('shared').notNull().default(false),
  version: integer('version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  createdAt: stamp('created_at').notNull().default(APP_NOW),
});

export const screeningQuestionSetVersions = pgTable('screening_question_set_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  questionSetId: uuid('question_set_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  number: integer('number').notNull(),
  status: text('status').$type<ContentStatus>().notNull().default('draft'),
  name: text('name').notNull(),
  items: jsonb('items').$type<QuestionItem[]>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: stamp('created_at').notNull().default(APP_NOW),
  submittedBy: uuid('submitted_by'),
  submittedAt: stamp('submitted_at'),
  publishedBy: uuid('published_by'),
  publishedAt: stamp('published_at'),
  demo: boolean('demo').notNull().default(false),
});

export const screeningRoutines = pgTable('screening_routines', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  kind: text('kind').$type<'process' | 'guidance'>().notNull(),
  processId: uuid('process_id'),
  title: text('title').notNull(),
  shared: boolean('shared').notNull().default(false),
  version: integer('version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  createdAt: stamp('created_at').notNull().default(APP_NOW),
});

export const screeningRoutineVersions = pgTable('screening_routine_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  routineId: uuid('routine_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  number: integer('number').notNull(),
  status: text('status').$type<ContentStatus>().notNull().default('draft'),
  title: text('title').notNull(),
  asking: text('asking').$type<AskingMode>().notNull(),
  channels: text('channels').array().$type<Channel[]>().notNull(),
  defaultChannel: text('default_channel').$type<Channel>(),
  questionSetVersionId: uuid('question_set_version_id'),
  content: jsonb('content').$type<RoutineContent>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: stamp('created_at').notNull().default(APP_NOW),
  submittedBy: uuid('submitted_by'),
  submittedAt: stamp('submitted_at'),
  publishedBy: uuid('published_by'),
  publishedAt: stamp('published_at'),
  demo: boolean('demo').notNull().default(false),
});

export const screeningEncounters = pgTable('screening_encounters', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  createdBy: uuid('created_by'),
  createdByServiceAccount: uuid('created_by_service_account'),
  processId: uuid('process_id').notNull(),
  routineVersionId: uuid('routine_version_id').notNull(),
  questionSetVersionId: uuid('question_set_version_id'),
  occurredOn: date('occurred_on', { mode: 'string' }),
  occurredMonth: date('occurred_month', { mode: 'string' }).notNull(),
  channel: text('channel').$type<Channel>().notNull(),
  basis: text('basis').$type<Basis>().notNull(),
  interpreter: text('interpreter').$type<Interpreter>().notNull(),
  eligible: boolean('eligible').notNull(),
  clientSex: text('client_sex').$type<Sex>().notNull(),
  clientAgeBand: text('client_age_band').$type<AgeBand>().notNull(),
  clientMunicipalityCode: char('client_municipality_code', { length: 4 }),
  clientCountyCode: char('client_county_code', { length: 2 }),
  caseReferenceEncrypted: text('case_reference_encrypted'),
  caseReferenceHash: text('case_reference_hash'),
  status: text('status').$type<EncounterStatus>().notNull().default('open'),
  asking: text('asking').$type<Asking>(),
  notAskedReason: text('not_asked_reason').$type<NotAskedReason>(),
  outcome: text('outcome').$type<Outcome>(),
  childrenInHousehold: text('children_in_household').$type<Children>(),
  childAtRisk: boolean('child_at_risk'),
  acuteDanger: boolean('acute_danger'),
  perpetratorWantsHelp: boolean('perpetrator_wants_help'),
  completedAt: stamp('completed_at'),
  anonymisedAt: stamp('anonymised_at'),
  followedUpAt: stamp('followed_up_at'),
  followedUpBy: uuid('followed_up_by'),
  version: integer('version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  createdAt: stamp('created_at').notNull().default(APP_NOW),
});

export const screeningEncounterForms = pgTable('screening_encounter_forms', {
  encounterId: uuid('encounter_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  kind: text('kind').$type<DisclosureKind>().notNull(),
  form: text('form').$type<ViolenceForm>().notNull(),
});

export const screeningAnswers = pgTable('screening_answers', {
  id: uuid('id').primaryKey().defaultRandom(),
  encounterId: uuid('encounter_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  itemKey: text('item_key').notNull(),
  choice: text('choice'),
  choices: text('choices').array(),
  textEncrypted: text('text_encrypted'),
});

export const screeningReferrals = pgTable('screening_referrals', {
  id: uuid('id').primaryKey().defaultRandom(),
  encounterId: uuid('encounter_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  kind: text('kind').$type<ReferralKind>().notNull(),
  target: text('target').$type<ReferralTarget>().notNull(),
  directoryServiceId: uuid('directory_service_id'),
  status: text('status').$type<ReferralStatus>().notNull(),
  reportType: text('report_type').$type<ReportType>(),
  madeOn: date('made_on', { mode: 'string' }),
  municipalityCode: char('municipality_code', { length: 4 }),
  consentScope: text('consent_scope').array().$type<ConsentScope[]>(),
  consentGivenAt: stamp('consent_given_at'),
  consentWithdrawnAt: stamp('consent_withdrawn_at'),
  completedAt: stamp('completed_at'),
  createdBy: uuid('created_by'),
  createdAt: stamp('created_at').notNull().default(APP_NOW),
});

export const screeningInformation = pgTable('screening_information', {
  id: uuid('id').primaryKey().defaultRandom(),
  encounterId: uuid('encounter_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  material: text('material').$type<InformationMaterial>().notNull(),
  language: text('language').notNull(),
  delivery: text('delivery').$type<InformationDelivery>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: stamp('created_at').notNull().default(APP_NOW),
});

export const screeningNotes = pgTable('screening_notes', {
  encounterId: uuid('encounter_id').primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  noteEncrypted: text('note_encrypted').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: stamp('updated_at').notNull().default(APP_NOW),
});

export const screeningDrafts = pgTable('screening_drafts', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  userId: uuid('user_id').notNull(),
  payloadEncrypted: text('payload_encrypted').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: stamp('created_at').notNull().default(APP_NOW),
  updatedAt: stamp('updated_at').notNull().default(APP_NOW),
  /** The state says the client has protected identity: reached only in its unit (migration 0179). */
  protectedIdentity: boolean('protected_identity').notNull().default(false),
});

export const screeningIdempotency = pgTable('screening_idempotency', {
  tenantId: uuid('tenant_id').notNull(),
  actorId: uuid('actor_id').notNull(),
  key: text('key').notNull(),
  operation: text('operation').notNull(),
  requestHash: text('request_hash').notNull(),
  encounterId: uuid('encounter_id').notNull(),
  statusCode: integer('status_code').notNull(),
  createdAt: stamp('created_at').notNull().default(APP_NOW),
});
