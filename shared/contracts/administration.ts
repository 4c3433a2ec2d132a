import { z } from 'zod';
import { ACTIONS } from '../auth/permissions.ts';
import { JOB_ROLES, ROLES } from '../auth/roles.ts';
import { message } from '../validation.ts';

/**
 * The administration API (issue 3): organisations, units, users with their roles, and service
 * accounts. Used by the routes and by the staff pages' forms.
 */

/** Participating organisations (tenants); an administrator may add any kind. */
export const ORGANISATION_KINDS = ['agency', 'county_board', 'municipality', 'region', 'coordination_association', 'shelter', 'barnahus', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const UNIT_LEVELS = ['region', 'department', 'unit'] as const;

const id = z.string().uuid(message('invalid_uuid'));
const name = z
  .string()
  .trim()
  .min(1, message('required'))
  .max(200, message('text_too_long', { max: 200 }));
const version = z.number().int().min(1);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, message('invalid_date'))
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), message('invalid_date'));
const countyCode = z.string().regex(/^\d{2}$/, message('county_unknown'));
const municipalityCode = z.string().regex(/^\d{4}$/, message('municipality_unknown'));
/** An empty form field means "none". */
const optionalCode = <T extends z.ZodType<string>>(schema: T) => z.preprocess((value) => (value === '' ? null : value), schema.nullable().optional());

export const idParams = z.object({ id });
export const versionRequest = z.object({ version });

// Organisations
export const organisationSchema = z.object({
  id,
  kind: z.enum(ORGANISATION_KINDS),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  countyCode: z.string().nullable(),
  municipalityCode: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Organisation = z.infer<typeof organisationSchema>;
export const organisationList = z.object({ organisations: z.array(organisationSchema) });

export const createOrganisationRequest = z.object({
  kind: z.enum(ORGANISATION_KINDS),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, message('organisation_code_format')),
  name,
  shortName: z.preprocess(
    (value) => (value === '' ? null : value),
    z
      .string()
      .trim()
      .max(40, message('text_too_long', { max: 40 }))
      .nullable()
      .optional(),
  ),
  countyCode: optionalCode(countyCode),
  municipalityCode: optionalCode(municipalityCode),
});
export type CreateOrganisationRequest = z.input<typeof createOrganisationRequest>;

export const updateOrganisationRequest = z.object({
  version,
  name: name.optional(),
  active: z.boolean().optional(),
});

// Units
export const unitSchema = z.object({
  id,
  tenantId: id,
  parentId: id.nullable(),
  level: z.enum(UNIT_LEVELS),
  name: z.string(),
  countyCode: z.string().nullable(),
  municipalityCode: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Unit = z.infer<typeof unitSchema>;
export const unitListQuery = z.object({ organisationId: id.optional() });
export const unitList = z.object({ organisation: organisationSchema, units: z.array(unitSchema) });

export const UNIT_CHANGES = ['created', 'renamed', 'moved', 'deactivated', 'reactivated', 'updated'] as const;
export const unitChangeSchema = z.object({
  id: z.number().int(),
  changedAt: z.string(),
  change: z.enum(UNIT_CHANGES),
  changedBy: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export const unitDetail = z.object({
  unit: unitSchema,
  organisation: organisationSchema,
  /** From the top unit down to the parent. */
  ancestors: z.array(z.object({ id, name: z.string() })),
  children: z.array(z.object({ id, name: z.string(), active: z.boolean() })),
  currentMembers: z.number().int(),
  history: z.array(unitChangeSchema),
});
export type UnitDetail = z.infer<typeof unitDetail>;

export const createUnitRequest = z.object({
  organisationId: id.optional(),
  parentId: z.preprocess((value) => (value === '' ? null : value), id.nullable().optional()),
  level: z.enum(UNIT_LEVELS),
  name,
  countyCode: optionalCode(countyCode),
  municipalityCode: optionalCode(municipalityCode),
});
export type CreateUnitRequest = z.input<typeof createUnitRequest>;

export const updateUnitRequest = z.object({
  version,
  name: name.optional(),
  parentId: z.preprocess((value) => (value === '' ? null : value), id.nullable().optional()),
  countyCode: optionalCode(countyCode),
  municipalityCode: optionalCode(municipalityCode),
});
export type UpdateUnitRequest = z.input<typeof updateUnitRequest>;

// Users and memberships
export const roleSchema = z.enum(ROLES, { error: message('required') });
/** A job role (ADR 0116): optional; '' from a form means none. */
const jobRoleSchema = z.preprocess((value) => (value === '' ? null : value), z.enum(JOB_ROLES).nullable().optional());

export const membershipSchema = z.object({
  id,
  unitId: id,
  unitName: z.string(),
  role: z.enum(ROLES),
  /** What the person does in the unit (ADR 0116), apart from the permission role; null = not stated. */
  jobRole: z.enum(JOB_ROLES).nullable(),
  startsOn: z.string(),
  /** The first day without the role (half-open); null = until further notice. */
  endsOn: z.string().nullable(),
  current: z.boolean(),
});
export type Membership = z.infer<typeof membershipSchema>;

export const userSummary = z.object({
  id,
  email: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  currentRoles: z.array(z.object({ unitId: id, unitName: z.string(), role: z.enum(ROLES) })),
});
export type UserSummary = z.infer<typeof userSummary>;
export const userListQuery = z.object({
  organisationId: id.optional(),
  unitId: id.optional(),
  q: z.string().trim().max(100).optional(),
});
export const userList = z.object({ users: z.array(userSummary) });

/**
 * A reset that needs two people (ADR 0084). The one-time link never appears here: it goes to the
 * person by mail, or — without mail — only to a second administrator who releases it.
 */
export const USER_RESET_KINDS = ['account_setup', 'password', 'second_factor'] as const;
export const USER_RESET_STATUSES = ['awaiting_approval', 'awaiting_handover', 'done', 'cancelled'] as const;
export const userResetSchema = z.object({
  id,
  userId: id,
  kind: z.enum(USER_RESET_KINDS),
  status: z.enum(USER_RESET_STATUSES),
  /** How the link reached the person: by mail, or handed over by the approving administrator. */
  delivery: z.enum(['mail', 'handover']).nullable(),
  requestedBy: id,
  requestedByMe: z.boolean(),
  requestedAt: z.string(),
  approvedBy: id.nullable(),
  approvedAt: z.string().nullable(),
  expiresAt: z.string(),
  completedAt: z.string().nullable(),
});
export type UserReset = z.infer<typeof userResetSchema>;
export const userResetList = z.object({ resets: z.array(userResetSchema) });

export const userDetail = z.object({
  id,
  tenantId: id,
  email: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  passwordSet: z.boolean(),
  setupLinkExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  memberships: z.array(membershipSchema),
  /** Resets waiting for a second administrator, and those of the last 30 days. */
  resets: z.array(userResetSchema),
});
export type UserDetail = z.infer<typeof userDetail>;

export const setupLink = z.object({ url: z.string(), expiresAt: z.string() });
export type SetupLink = z.infer<typeof setupLink>;

export const createUserRequest = z.object({
  email: z.string().trim().toLowerCase().email(message('email_invalid')).max(254),
  displayName: name,
  unitId: id,
  role: roleSchema,
  jobRole: jobRoleSchema,
  startsOn: isoDate,
});
export type CreateUserRequest = z.input<typeof createUserRequest>;
export const createUserResponse = z.object({ user: userDetail, reset: userResetSchema });
export const userResetResponse = z.object({ user: userDetail, reset: userResetSchema });
/** Approving: the link only when this (second) administrator hands it over. */
export const approveResetResponse = z.object({ reset: userResetSchema, setupLink: setupLink.nullable() });

export const addMembershipRequest = z
  .object({
    unitId: id,
    role: roleSchema,
    jobRole: jobRoleSchema,
    startsOn: isoDate,
    endsOn: z.preprocess((value) => (value === '' ? null : value), isoDate.nullable().optional()),
  })
  .refine((value) => !value.endsOn || value.endsOn >= value.startsOn, { message: message('end_before_start'), path: ['endsOn'] });
export type AddMembershipRequest = z.input<typeof addMembershipRequest>;

export const membershipParams = z.object({ id, membershipId: id });
export const endMembershipRequest = z.object({ endsOn: isoDate });
export type EndMembershipRequest = z.input<typeof endMembershipRequest>;

// Service accounts
/** A token's lifetime in days: 90 by default, never more than a year (issue 16 item 2). */
export const SERVICE_TOKEN_DEFAULT_DAYS = 90;
export const SERVICE_TOKEN_MAX_DAYS = 365;
/** How long the old token keeps working after a rotation: a day by default, at most 30. */
export const SERVICE_TOKEN_DEFAULT_OVERLAP_HOURS = 24;
export const SERVICE_TOKEN_MAX_OVERLAP_HOURS = 720;
export const serviceAccountSchema = z.object({
  id,
  name: z.string(),
  unitId: id,
  unitName: z.string(),
  actions: z.array(z.string()),
  tokenHint: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** The current token stops working then (issue 16 item 2). */
  expiresAt: z.string(),
  /** After a rotation, until when the previous token still works (null: no overlap running). */
  previousTokenExpiresAt: z.string().nullable(),
  rotatedAt: z.string().nullable(),
});
export type ServiceAccount = z.infer<typeof serviceAccountSchema>;
export const serviceAccountList = z.object({ serviceAccounts: z.array(serviceAccountSchema) });
export const createServiceAccountRequest = z.object({
  name,
  unitId: id,
  actions: z.array(z.enum(ACTIONS as [string, ...string[]])).min(1, message('required')),
  /** How long the token lives: 90 days unless chosen, at most a year. */
  expiresInDays: z.number().int().min(1).max(SERVICE_TOKEN_MAX_DAYS).default(SERVICE_TOKEN_DEFAULT_DAYS),
});
export type CreateServiceAccountRequest = z.input<typeof createServiceAccountRequest>;
export const rotateServiceAccountRequest = z.object({
  /** The new token's lifetime. */
  expiresInDays: z.number().int().min(1).max(SERVICE_TOKEN_MAX_DAYS).default(SERVICE_TOKEN_DEFAULT_DAYS),
  /** How long the old token still works, so the integration switches without downtime. */
  overlapHours: z.number().int().min(0).max(SERVICE_TOKEN_MAX_OVERLAP_HOURS).default(SERVICE_TOKEN_DEFAULT_OVERLAP_HOURS),
});
export type RotateServiceAccountRequest = z.input<typeof rotateServiceAccountRequest>;
export const createServiceAccountResponse = z.object({
  serviceAccount: serviceAccountSchema,
  /** Shown this once; only its SHA-256 is stored. */
  token: z.string(),
});
