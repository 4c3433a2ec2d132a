import { boolean, char, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CompetenceTopic, CourseFormat, EventKind, RegistrantOrganisationKind } from '#shared/contracts/competence.ts';
import type { Role } from '#shared/auth/roles.ts';
import { APP_NOW } from '../../platform/db/database.ts';

/** The competence tables of migration 0040 (the schema-drift test keeps the two together). */
export const trainingCourses = pgTable('training_courses', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  createdBy: uuid('created_by'),
  title: text('title').notNull(),
  provider: text('provider').notNull(),
  format: text('format').$type<CourseFormat>().notNull(),
  lengthMinutes: integer('length_minutes'),
  topics: text('topics').array().$type<CompetenceTopic[]>().notNull().default([]),
  targetRoles: text('target_roles').array().$type<Role[]>().notNull().default([]),
  introduction: boolean('introduction').notNull().default(false),
  url: text('url'),
  description: text('description'),
  shared: boolean('shared').notNull().default(false),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const trainingRequirements = pgTable('training_requirements', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  courseId: uuid('course_id').notNull(),
  unitId: uuid('unit_id'),
  roles: text('roles').array().$type<Role[]>().notNull(),
  deadline: date('deadline', { mode: 'string' }).notNull(),
  note: text('note'),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by'),
  version: integer('version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const trainingCompletions = pgTable('training_completions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  userId: uuid('user_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  courseId: uuid('course_id').notNull(),
  completedOn: date('completed_on', { mode: 'string' }).notNull(),
  source: text('source', { enum: ['self', 'manager', 'import'] }).notNull(),
  status: text('status', { enum: ['recorded', 'confirmed'] }).notNull(),
  recordedBy: uuid('recorded_by'),
  confirmedBy: uuid('confirmed_by'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  importId: uuid('import_id'),
  version: integer('version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const supervisionSessions = pgTable('supervision_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  leader: text('leader').notNull(),
  participantCount: integer('participant_count').notNull(),
  participantUserIds: uuid('participant_user_ids').array().notNull().default([]),
  topic: text('topic'),
  createdBy: uuid('created_by'),
  version: integer('version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const staffSupportContent = pgTable('staff_support_content', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  body: text('body').notNull(),
  helpRoute: text('help_route').notNull(),
  updatedBy: uuid('updated_by'),
  version: integer('version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const competenceEvents = pgTable('competence_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  createdBy: uuid('created_by'),
  title: text('title').notNull(),
  kind: text('kind').$type<EventKind>().notNull(),
  organisers: text('organisers').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  place: text('place'),
  digital: boolean('digital').notNull().default(false),
  audience: text('audience').notNull(),
  topics: text('topics').array().$type<CompetenceTopic[]>().notNull().default([]),
  countyCode: char('county_code', { length: 2 }),
  series: text('series'),
  capacity: integer('capacity'),
  registrationClosesOn: date('registration_closes_on', { mode: 'string' }).notNull(),
  registrationClosed: boolean('registration_closed').notNull().default(false),
  registrationTokenHash: text('registration_token_hash').notNull(),
  registrationTokenEncrypted: text('registration_token_encrypted').notNull(),
  evaluationRoundId: uuid('evaluation_round_id'),
  version: integer('version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const eventRegistrations = pgTable('event_registrations', {
  id: uuid('id').primaryKey().defaultRandom(),
  eventId: uuid('event_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  name: text('name'),
  email: text('email'),
  organisationName: text('organisation_name').notNull(),
  organisationKind: text('organisation_kind').$type<RegistrantOrganisationKind>().notNull(),
  municipalityCode: char('municipality_code', { length: 4 }),
  attended: boolean('attended'),
  personalDataErasedAt: timestamp('personal_data_erased_at', { withTimezone: true }),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const competencePlans = pgTable('competence_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  countyCode: char('county_code', { length: 2 }).notNull(),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  createdBy: uuid('created_by'),
  version: integer('version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const competencePlanEntries = pgTable('competence_plan_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  planId: uuid('plan_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  organisationId: uuid('organisation_id'),
  organisationName: text('organisation_name').notNull(),
  effort: text('effort').notNull(),
  courseId: uuid('course_id'),
  targetGroup: text('target_group').notNull(),
  topics: text('topics').array().$type<CompetenceTopic[]>().notNull().default([]),
  plannedMonth: integer('planned_month').notNull(),
  openToOthers: boolean('open_to_others').notNull().default(false),
  createdBy: uuid('created_by'),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
});

/** The organisations taking part in a plan (the share table, ADR 0011/0044); owned by the plan's county. */
export const competencePlanParticipants = pgTable('competence_plan_participants', {
  id: uuid('id').primaryKey().defaultRandom(),
  planId: uuid('plan_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  createdBy: uuid('created_by'),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
});
