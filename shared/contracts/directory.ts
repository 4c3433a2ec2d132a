import { z } from 'zod';
import { message } from '../validation.ts';
import { TEXT_STATUSES, type TextStatus } from './languages.ts';

/**
 * The support directory's API contract: the Swedish profile of Open Referral HSDS 3.0
 * (docs/directory-hsds-profile.md). One source of truth for the routes, the import and the
 * staff forms. Code lists are closed: an unknown code is a 400 that names the allowed values.
 */

/** Who a service is for (HSDS has no such field; the profile adds it). `everyone` matches any client audience. */
export const AUDIENCES = [
  'everyone',
  'women_exposed',
  'men_exposed',
  'children_young',
  'lgbtqi',
  'elderly',
  'disability',
  'substance_abuse',
  'honour',
  'prostitution_trafficking',
  'perpetrators',
  'relatives',
  'professionals',
] as const;
export type Audience = (typeof AUDIENCES)[number];

export const KINDS = [
  'phone_line',
  'chat',
  'shelter',
  'counselling',
  'social_services',
  'social_services_after_hours',
  'health_care',
  'police',
  'legal',
  'perpetrator_programme',
  'information',
] as const;
export type Kind = (typeof KINDS)[number];

/**
 * Languages as BCP 47 primary tags (ISO 639-1 where one exists, else ISO 639-3): the languages
 * most asked for in Swedish reception and support work, plus Swedish sign language (`swl`).
 */
export const LANGUAGES = [
  'sv',
  'en',
  'ar',
  'fa',
  'prs',
  'ps',
  'so',
  'ti',
  'am',
  'ku',
  'ckb',
  'tr',
  'uk',
  'ru',
  'pl',
  'ro',
  'bs',
  'hr',
  'sr',
  'sq',
  'es',
  'fr',
  'de',
  'fi',
  'se',
  'rmy',
  'th',
  'zh',
  'vi',
  'swl',
] as const;
export type Language = (typeof LANGUAGES)[number];

export const PHONE_KINDS = ['voice', 'sms', 'text', 'video'] as const;
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU', 'PH'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const VERIFICATION_STATUSES = ['verified', 'unverified'] as const;
export const SERVICE_STATUSES = ['active', 'inactive', 'defunct'] as const;

/** Swedish phone numbers: short national numbers (112, 1177, 116 006 …) or 0 + 7–9 digits, or +46. */
export function normalisePhone(number: string): string | undefined {
  const compact = number.replace(/[\s\-()]/g, '');
  if (/^\d{3,6}$/.test(compact)) return compact;
  if (/^0\d{7,9}$/.test(compact)) return compact;
  if (/^\+46\d{7,9}$/.test(compact)) return `0${compact.slice(3)}`;
  return undefined;
}

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, message('directory_time_format'));
const municipalityCode = z.string().regex(/^\d{4}$/, message('municipality_unknown'));
const countyCode = z.string().regex(/^\d{2}$/, message('county_unknown'));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, message('text_too_long', { max }))
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional()
    .transform((value) => value ?? null);
const optionalUrl = z
  .string()
  .trim()
  .max(500, message('text_too_long', { max: 500 }))
  .refine((value) => value === '' || /^(https?:\/\/)?[a-z0-9.-]+\.[a-z]{2,}(\/\S*)?$/i.test(value), message('directory_url_invalid'))
  .transform((value) => (value === '' ? null : value))
  .nullable()
  .optional()
  .transform((value) => value ?? null);

export const phoneInput = z.object({
  number: z
    .string()
    .trim()
    .min(1, message('required'))
    .max(40)
    .refine((value) => normalisePhone(value) !== undefined, message('directory_phone_invalid')),
  kind: z.enum(PHONE_KINDS).default('voice'),
  description: optionalText(200),
  /** A confidential contact route: shown to staff only, never on public pages or exports. */
  staffOnly: z.boolean().default(false),
});
export type PhoneInput = z.input<typeof phoneInput>;

export const locationInput = z.object({
  name: optionalText(200),
  address: optionalText(200),
  postalCode: optionalText(10),
  city: optionalText(100),
  municipalityCode: municipalityCode
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  /** Protected address (e.g. a shelter): never shown publicly, only a contact route is. */
  confidential: z.boolean().default(false),
});
export type LocationInput = z.input<typeof locationInput>;

export const scheduleInput = z.object({ byday: z.enum(WEEKDAYS), opens: time, closes: time });
export type ScheduleInput = z.input<typeof scheduleInput>;

export const serviceAreaInput = z
  .object({
    national: z.boolean().default(false),
    counties: z.array(countyCode).max(21).default([]),
    municipalities: z.array(municipalityCode).max(290).default([]),
  })
  .refine((area) => area.national || area.counties.length + area.municipalities.length > 0, {
    message: message('directory_area_required'),
    path: ['municipalities'],
  });

/** A service as editors write it (HSDS service with its phones, locations, schedules, areas). */
export const serviceInput = z
  .object({
    organizationName: z
      .string()
      .trim()
      .min(1, message('required'))
      .max(300, message('text_too_long', { max: 300 })),
    name: z
      .string()
      .trim()
      .min(1, message('required'))
      .max(300, message('text_too_long', { max: 300 })),
    description: z
      .string()
      .trim()
      .max(2000, message('text_too_long', { max: 2000 }))
      .default(''),
    url: optionalUrl,
    email: z
      .string()
      .trim()
      .max(254)
      .refine((value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), message('email_invalid'))
      .transform((value) => (value === '' ? null : value))
      .nullable()
      .optional()
      .transform((value) => value ?? null),
    status: z.enum(SERVICE_STATUSES).default('active'),
    audiences: z.array(z.enum(AUDIENCES)).min(1, message('directory_audience_required')),
    kinds: z.array(z.enum(KINDS)).min(1, message('directory_kind_required')),
    languages: z.array(z.enum(LANGUAGES)).default(['sv']),
    interpreter: z.boolean().default(false),
    eligibility: optionalText(1000),
    area: serviceAreaInput,
    phones: z.array(phoneInput).max(10).default([]),
    locations: z.array(locationInput).max(10).default([]),
    schedules: z.array(scheduleInput).max(30).default([]),
    /** Staff-only note on what is uncertain (e.g. opening hours); never shown as fact. */
    note: optionalText(1000),
    source: optionalText(1000),
  })
  .superRefine((service, context) => {
    // A protected address may only be listed when clients can still reach the service (issue 4).
    const confidential = service.locations.some((location) => location.confidential);
    const publicRoute = service.phones.some((phone) => !phone.staffOnly) || service.url !== null || service.email !== null;
    if (confidential && !publicRoute) {
      context.addIssue({ code: 'custom', path: ['phones'], message: message('directory_confidential_needs_contact') });
    }
  });
export type ServiceInput = z.input<typeof serviceInput>;
export type ServiceData = z.output<typeof serviceInput>;

/** Creating a service; `verify` records that the editor has checked it now. */
/** `revises`: the caller's returned change that this one replaces (ADR 0112). */
const revises = z.string().uuid().optional();
export const createServiceRequest = z.object({ service: serviceInput, verify: z.boolean().default(false), revises });
/** Changing a service: `version` is the one the editor read (optimistic concurrency). */
export const updateServiceRequest = z.object({ version: z.number().int().min(1), service: serviceInput, verify: z.boolean().default(false), revises });
export const verifyServiceRequest = z.object({ version: z.number().int().min(1) });

const repeatable = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item)])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

/**
 * Search parameters. Codes are checked by the service (not here) so the 400 can name the
 * parameter together with every allowed value.
 */
export const searchQuery = z.object({
  municipality: z.string().trim().optional(),
  county: z.string().trim().optional(),
  audience: repeatable(z.string().trim()),
  kind: repeatable(z.string().trim()),
  language: repeatable(z.string().trim()),
  q: z
    .string()
    .trim()
    .max(200, message('text_too_long', { max: 200 }))
    .optional(),
  openNow: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
});
export type SearchQuery = z.input<typeof searchQuery>;

export const matchReason = z.object({
  /** Machine-readable: area_municipality, area_county, area_national, audience, audience_everyone, kind, language, interpreter, text, open_now. */
  code: z.string(),
  /** The code matched on, e.g. the audience or language code. */
  value: z.string().nullable(),
  text: z.string(),
});

export const openingState = z.object({
  /** null = no verified opening hours: not shown as fact. */
  open: z.boolean().nullable(),
  text: z.string(),
  hoursVerifiedOn: z.string().nullable(),
});

export const phoneOutput = z.object({ number: z.string(), kind: z.enum(PHONE_KINDS), description: z.string().nullable(), staffOnly: z.boolean() });
export const locationOutput = z.object({
  name: z.string().nullable(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  municipalityCode: z.string().nullable(),
});
export const scheduleOutput = z.object({ byday: z.enum(WEEKDAYS), opens: z.string(), closes: z.string() });

export const serviceResult = z.object({
  id: z.string().uuid(),
  name: z.string(),
  organization: z.string(),
  description: z.string(),
  url: z.string().nullable(),
  email: z.string().nullable(),
  audiences: z.array(z.enum(AUDIENCES)),
  kinds: z.array(z.enum(KINDS)),
  languages: z.array(z.enum(LANGUAGES)),
  interpreter: z.boolean(),
  eligibility: z.string().nullable(),
  level: z.enum(['municipality', 'county', 'national']),
  phones: z.array(phoneOutput),
  /** Only non-confidential addresses; a protected address never appears here. */
  locations: z.array(locationOutput),
  /** True when the service has a protected address: reach it by its contact routes. */
  confidentialLocation: z.boolean(),
  schedules: z.array(scheduleOutput),
  openingHours: openingState,
  verification: z.object({ status: z.enum(VERIFICATION_STATUSES), verifiedOn: z.string().nullable(), overdue: z.boolean() }),
  reasons: z.array(matchReason),
  demo: z.boolean(),
  /** The language `description` is in: the reader's where a translation may be shown (ADR 0109), else Swedish. */
  descriptionLanguage: z.string(),
  descriptionStatus: z.enum(TEXT_STATUSES),
});
export type ServiceResult = z.infer<typeof serviceResult>;

export const searchResponse = z.object({
  municipality: z.object({ code: z.string(), name: z.string() }).nullable(),
  county: z.object({ code: z.string(), name: z.string() }),
  services: z.array(serviceResult),
});
export type SearchResponse = z.infer<typeof searchResponse>;

export const handoutQuery = z.object({
  municipality: z.string().trim().optional(),
  language: z.string().trim().optional(),
});

/** An entry as its editor sees it: everything, including the protected address, and its version. */
export const serviceDetail = z.object({
  id: z.string().uuid(),
  version: z.number().int(),
  owner: z.object({ id: z.string().uuid(), name: z.string() }),
  editable: z.boolean(),
  service: z.object({
    organizationName: z.string(),
    name: z.string(),
    description: z.string(),
    url: z.string().nullable(),
    email: z.string().nullable(),
    status: z.enum(SERVICE_STATUSES),
    audiences: z.array(z.enum(AUDIENCES)),
    kinds: z.array(z.enum(KINDS)),
    languages: z.array(z.enum(LANGUAGES)),
    interpreter: z.boolean(),
    eligibility: z.string().nullable(),
    area: z.object({ national: z.boolean(), counties: z.array(z.string()), municipalities: z.array(z.string()) }),
    phones: z.array(phoneOutput),
    locations: z.array(locationOutput.extend({ confidential: z.boolean() })),
    schedules: z.array(scheduleOutput),
    note: z.string().nullable(),
    source: z.string().nullable(),
  }),
  verification: z.object({ status: z.enum(VERIFICATION_STATUSES), verifiedOn: z.string().nullable(), verifiedBy: z.string().nullable(), overdue: z.boolean() }),
  demo: z.boolean(),
  updatedAt: z.string(),
});
export type ServiceDetail = z.infer<typeof serviceDetail>;

/** A pending, published or returned change of the directory (issue 22: four eyes before publication). */
export const CHANGE_STATUSES = ['pending', 'published', 'returned'] as const;
export const directoryChange = z.object({
  id: z.string().uuid(),
  status: z.enum(CHANGE_STATUSES),
  /** null: a new service. */
  serviceId: z.string().uuid().nullable(),
  baseVersion: z.number().int().nullable(),
  name: z.string(),
  author: z.string(),
  /** The caller wrote the change and so may not publish or return it. */
  ownChange: z.boolean(),
  comment: z.string().nullable(),
  /** Who published or returned it (null while pending). */
  decidedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type DirectoryChange = z.infer<typeof directoryChange>;
/** The preview: what is published now (null for a new service) and what would be published. */
export const directoryChangePreview = directoryChange.extend({
  verify: z.boolean(),
  published: serviceDetail.shape.service.nullable(),
  proposed: serviceDetail.shape.service,
  /** The proposed service as the public search would show it, in Swedish (ADR 0113). */
  card: serviceResult,
  /** The caller's own returned change, not yet revised: they may revise it (ADR 0112). */
  revisable: z.boolean(),
});
export type DirectoryChangePreview = z.infer<typeof directoryChangePreview>;
/**
 * The organisation's pending changes, and the caller's own changes that a second editor returned
 * and that the caller has not yet revised (issue 22, ADR 0112).
 */
export const directoryChangeList = z.object({ changes: z.array(directoryChange), returned: z.array(directoryChange) });
export const returnChangeRequest = z.object({ comment: z.string().trim().min(1).max(2000) });

export const serviceVersion = z.object({
  version: z.number().int(),
  change: z.enum(['created', 'updated', 'verified', 'imported']),
  changedAt: z.string(),
  changedBy: z.string().nullable(),
});
export const serviceHistory = z.object({ versions: z.array(serviceVersion) });

export const dashboardEntry = z.object({
  id: z.string().uuid(),
  name: z.string(),
  organization: z.string(),
  reason: z.enum(['unverified', 'overdue']),
  verifiedOn: z.string().nullable(),
  version: z.number().int(),
  demo: z.boolean(),
});
export const dashboardResponse = z.object({
  owner: z.object({ id: z.string().uuid(), name: z.string() }),
  totals: z.object({ services: z.number().int(), verified: z.number().int(), unverified: z.number().int(), overdue: z.number().int() }),
  needsAttention: z.array(dashboardEntry),
  recentImports: z.array(
    z.object({
      id: z.string().uuid(),
      status: z.string(),
      format: z.string(),
      createdAt: z.string(),
      validRows: z.number().int(),
      rejectedRows: z.number().int(),
    }),
  ),
});
export type DashboardResponse = z.infer<typeof dashboardResponse>;

export const IMPORT_FORMATS = ['hsds_json', 'csv'] as const;
export const importRequest = z.object({
  format: z.enum(IMPORT_FORMATS),
  /** The file's text (UTF-8). The staff page reads the chosen file and sends its content. */
  content: z.string().min(1, message('required')),
  filename: optionalText(200),
});
export const importProblem = z.object({ field: z.string(), code: z.string(), message: z.string() });
export const importLine = z.object({
  line: z.number().int(),
  action: z.enum(['create', 'update', 'unchanged', 'reject']),
  name: z.string().nullable(),
  serviceId: z.string().uuid().nullable(),
  problems: z.array(importProblem),
});
export const importPreview = z.object({
  id: z.string().uuid(),
  status: z.enum(['staging', 'previewed', 'applied', 'discarded', 'failed']),
  format: z.enum(IMPORT_FORMATS),
  totals: z.object({ rows: z.number().int(), create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), reject: z.number().int() }),
  /** Problems that concern the whole file (encoding, missing columns). */
  fileProblems: z.array(importProblem),
  lines: z.array(importLine),
});
export type ImportPreview = z.infer<typeof importPreview>;
export const applyImportRequest = z.object({
  /** Import only the valid rows when some were rejected; otherwise a rejected row blocks everything. */
  onlyValidRows: z.boolean().default(false),
  /** The editor has checked the entries: they are marked verified today (and become public). */
  verify: z.boolean().default(false),
});
export const importStarted = z.object({ importId: z.string().uuid(), jobId: z.string().uuid() });
export const importApplied = z.object({ id: z.string().uuid(), created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

/** CSV columns of the profile (docs/directory-hsds-profile.md); lists are separated by `;`. */
export const CSV_COLUMNS = [
  'id',
  'organization_name',
  'name',
  'description',
  'url',
  'email',
  'audiences',
  'kinds',
  'languages',
  'interpreter',
  'national',
  'counties',
  'municipalities',
  'phones',
  'staff_phones',
  'address',
  'postal_code',
  'city',
  'location_municipality',
  'confidential_location',
  'schedules',
  'eligibility',
] as const;
export const REQUIRED_CSV_COLUMNS = ['organization_name', 'name', 'audiences', 'kinds', 'phones'] as const;

/**
 * Languages with a built-in catalogue for the public pages' chrome, the directory's labels and the
 * handout's fixed text. Every other language is data (`languages` table, ADR 0109): its pages use
 * the Swedish chrome with the language's own texts where they exist.
 */
export const PUBLIC_LANGUAGES = ['sv', 'en', 'ar', 'lattlast'] as const;
export type PublicLanguage = (typeof PUBLIC_LANGUAGES)[number];

export const CONTENT_REVIEW_STATUSES = TEXT_STATUSES;
export type ContentReviewStatus = TextStatus;

const diffLine = z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() });

/**
 * One translation of a public page for the translator's view: the text, its status with the
 * reviewer and date, the Swedish source beside it, and what changed in each since the last review.
 * A language without a translation yet answers version 0 with empty text.
 */
export const contentTranslation = z.object({
  slug: z.string(),
  language: z.string(),
  languageName: z.string(),
  languageTag: z.string(),
  direction: z.enum(['ltr', 'rtl']),
  title: z.string(),
  body: z.string(),
  reviewStatus: z.enum(TEXT_STATUSES),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByLabel: z.string().nullable(),
  reviewedVersion: z.number().int().nullable(),
  /** The Swedish source (null for Swedish itself). */
  source: z.object({ title: z.string(), body: z.string(), version: z.number().int() }).nullable(),
  /** The Swedish source's changes since this translation was last reviewed (all of it when never reviewed). */
  sourceChanges: z.array(diffLine),
  /** This translation's changes since its last review. */
  changes: z.array(diffLine),
});
export const contentList = z.object({
  languages: z.array(z.object({ code: z.string(), name: z.string(), swedishName: z.string(), tag: z.string(), direction: z.enum(['ltr', 'rtl']) })),
  pages: z.array(
    z.object({
      slug: z.string(),
      kind: z.enum(['page', 'snippet']),
      translations: z.array(
        z.object({
          language: z.string(),
          title: z.string(),
          reviewStatus: z.enum(TEXT_STATUSES),
          version: z.number().int(),
          reviewedAt: z.string().nullable(),
          /** The Swedish source changed after this translation's last review. */
          sourceChanged: z.boolean(),
        }),
      ),
    }),
  ),
});
export const updateContentRequest = z.object({
  version: z.number().int().min(0),
  title: z
    .string()
    .trim()
    .min(1, message('required'))
    .max(120, message('text_too_long', { max: 120 })),
  body: z
    .string()
    .trim()
    .min(1, message('required'))
    .max(20000, message('text_too_long', { max: 20000 })),
  reviewStatus: z.enum(CONTENT_REVIEW_STATUSES),
});
