import { boolean, char, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const counties = pgTable('counties', {
  code: char('code', { length: 2 }).primaryKey(),
  name: text('name').notNull(),
});

export const municipalities = pgTable('municipalities', {
  code: char('code', { length: 4 }).primaryKey(),
  name: text('name').notNull(),
  countyCode: char('county_code', { length: 2 }).notNull(),
});

import { ORGANISATION_KINDS } from '#shared/contracts/administration.ts';
import { APP_NOW } from './database.ts';

export { ORGANISATION_KINDS, type OrganisationKind } from '#shared/contracts/administration.ts';

/** Participating organisations: the tenants. Not the providers of the support directory. */
export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey(),
  kind: text('kind', { enum: ORGANISATION_KINDS }).notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  countyCode: char('county_code', { length: 2 }),
  municipalityCode: char('municipality_code', { length: 4 }),
  active: boolean('active').notNull().default(true),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(APP_NOW),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(APP_NOW),
});

export const demoSeed = pgTable('demo_seed', {
  version: text('version').primaryKey(),
  seededAt: timestamp('seeded_at', { withTimezone: true }).notNull().default(APP_NOW),
});
