import { boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { TemplateKey } from '#shared/contracts/surveys.ts';
import { APP_NOW } from '../../platform/db/database.ts';

/** The survey tables of migration 0050 (schema-drift test keeps the two together). */
export const surveys = pgTable('surveys', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  createdBy: uuid('created_by'),
  seriesKey: text('series_key').notNull(),
  templateKey: text('template_key').$type<TemplateKey>(),
  versionNumber: integer('version_number').notNull().default(1),
  title: text('title').notNull(),
  definition: jsonb('definition').notNull(),
  locked: boolean('locked').notNull().default(false),
  version: integer('version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const surveyRounds = pgTable('survey_rounds', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  surveyId: uuid('survey_id').notNull(),
  createdBy: uuid('created_by'),
  title: text('title').notNull(),
  year: integer('year').notNull(),
  deadline: date('deadline', { mode: 'string' }).notNull(),
  allowLate: boolean('allow_late').notNull().default(false),
  closed: boolean('closed').notNull().default(false),
  openTokenHash: text('open_token_hash'),
  openTokenEncrypted: text('open_token_encrypted'),
  version: integer('version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const surveyResponses = pgTable('survey_responses', {
  id: uuid('id').primaryKey().defaultRandom(),
  roundId: uuid('round_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  anonymous: boolean('anonymous').notNull().default(false),
  organisationId: uuid('organisation_id'),
  respondentName: text('respondent_name').notNull(),
  contactName: text('contact_name'),
  contactEmail: text('contact_email'),
  tokenHash: text('token_hash'),
  tokenEncrypted: text('token_encrypted'),
  status: text('status', { enum: ['not_opened', 'in_progress', 'submitted'] })
    .notNull()
    .default('not_opened'),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  late: boolean('late').notNull().default(false),
  remindedAt: timestamp('reminded_at', { withTimezone: true }),
  reopenedAt: timestamp('reopened_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const surveyAnswers = pgTable(
  'survey_answers',
  {
    responseId: uuid('response_id').notNull(),
    tenantId: uuid('tenant_id').notNull(),
    questionId: text('question_id').notNull(),
    valueEncrypted: text('value_encrypted').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(APP_NOW),
    demo: boolean('demo').notNull().default(false),
  },
  (table) => [primaryKey({ columns: [table.responseId, table.questionId] })],
);

/** A closed round's published counts of persons (migration 0100, ADR 0054). */
export const surveyRoundDisclosure = pgTable('survey_round_disclosure', {
  roundId: uuid('round_id').primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  threshold: integer('threshold').notNull(),
  display: text('display', { enum: ['below', 'dash'] }).notNull(),
  cells: jsonb('cells').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().default(APP_NOW),
});
