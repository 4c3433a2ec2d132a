import { sql } from 'drizzle-orm';
import {
  AUDIENCES,
  KINDS,
  LANGUAGES,
  type Audience,
  type Kind,
  type Language,
  type PublicLanguage,
  type SearchResponse,
  type ServiceData,
  type ServiceDetail,
  type ServiceResult,
} from '#shared/contracts/directory.ts';
import { directoryLabels, type DirectoryLabels } from '#shared/contracts/directory-labels.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate, stockholmDate } from '#shared/time/stockholm.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { AppError, pick, type Localized } from '../../platform/errors/app-error.ts';
import { directoryMessages } from './messages.ts';
import { isAlwaysOpen, isOpenAt } from './opening-hours.ts';
import { byRelevance } from './relevance.ts';
import {
  findService,
  foldWords,
  markVerified,
  organisationName,
  ownerServices,
  recordVersion,
  searchServices,
  updateService,
  insertService,
  type DashboardRow,
  type SearchRow,
  type ServiceRecord,
  type Verification,
} from './directory-repository.ts';
import { textArray } from '../../platform/db/array-parameter.ts';

/**
 * The directory's rules: search with reasons and "open now", editorial changes with optimistic
 * concurrency and history, the 12-month verification rule. No HTTP here: the routes, the public
 * pages, the handout and other features (the screening workflow) call these functions.
 */

/** An entry not verified for this long is flagged to its editors (issue 4). */
export const VERIFICATION_MONTHS = 12;
const SEARCH_LIMIT = 500;

export type DirectorySearch = {
  /** SCB municipality code; this or `county` is required. */
  municipality?: string | undefined;
  /** SCB county code; ignored when `municipality` is given (its county is used). */
  county?: string | undefined;
  audiences?: readonly string[];
  kinds?: readonly string[];
  languages?: readonly string[];
  text?: string | undefined;
  openNow?: boolean;
};

export type SearchOptions = {
  now: Date;
  /** The language of reasons and opening texts. */
  language: PublicLanguage;
  /**
   * `public`: only verified entries and public contact routes (run the transaction as
   * `upptack_public`). `staff`: also unverified entries (marked) and staff-only contact routes.
   * A protected address is never returned either way.
   */
  audience: 'public' | 'staff';
  /** The language descriptions are shown in where a translation with one of `textStatuses` exists (ADR 0109). */
  textLanguage?: string;
  textStatuses?: readonly string[];
};

type Place = { municipality: { code: string; name: string } | null; county: { code: string; name: string }; municipalities: string[] };

function fieldError(field: string, text: Localized): AppError {
  return new AppError('validation_failed', { errors: [{ field, location: 'query', code: 'invalid_value', message: text }] });
}

function unknownCode(parameter: string, value: string, allowed: readonly string[]): AppError {
  return fieldError(parameter, {
    sv: interpolate(directoryMessages.sv.unknownCode, { value, parameter, allowed: allowed.join(', ') }),
    en: interpolate(directoryMessages.en.unknownCode, { value, parameter, allowed: allowed.join(', ') }),
  });
}

/** Checks every code against its list; the error names the parameter and the allowed values. */
export function checkCodes<T extends string>(parameter: string, values: readonly string[] | undefined, allowed: readonly T[]): T[] {
  const result: T[] = [];
  for (const value of values ?? []) {
    if (!(allowed as readonly string[]).includes(value)) throw unknownCode(parameter, value, allowed);
    if (!result.includes(value as T)) result.push(value as T);
  }
  return result;
}

export async function resolvePlace(tx: Tx, municipality: string | undefined, county: string | undefined): Promise<Place> {
  if (municipality) {
    const [row] = await queryRows<{ code: string; name: string; county_code: string; county_name: string }>(
      tx,
      sql`select m.code, m.name, c.code as county_code, c.name as county_name
          from municipalities m join counties c on c.code = m.county_code where m.code = ${municipality}`,
    );
    if (!row) {
      throw fieldError('municipality', {
        sv: interpolate(directoryMessages.sv.unknownMunicipality, { value: municipality }),
        en: interpolate(directoryMessages.en.unknownMunicipality, { value: municipality }),
      });
    }
    return { municipality: { code: row.code, name: row.name }, county: { code: row.county_code, name: row.county_name }, municipalities: [row.code] };
  }
  if (county) {
    const rows = await queryRows<{ code: string; name: string; municipality: string | null }>(
      tx,
      sql`select c.code, c.name, m.code as municipality from counties c left join municipalities m on m.county_code = c.code where c.code = ${county}`,
    );
    const first = rows[0];
    if (!first) {
      const all = await queryRows<{ code: string }>(tx, sql`select code from counties order by code`);
      throw fieldError('county', {
        sv: interpolate(directoryMessages.sv.unknownCounty, { value: county, allowed: all.map((c) => c.code).join(', ') }),
        en: interpolate(directoryMessages.en.unknownCounty, { value: county, allowed: all.map((c) => c.code).join(', ') }),
      });
    }
    return {
      municipality: null,
      county: { code: first.code, name: first.name },
      municipalities: rows.flatMap((row) => (row.municipality ? [row.municipality] : [])),
    };
  }
  throw fieldError(
    'municipality',
    pick(directoryMessages, (m) => m.placeRequired),
  );
}

export function isOverdue(verifiedOn: string | null, now: Date): boolean {
  if (verifiedOn === null) return false;
  return verifiedOn < overdueBefore(now);
}

/** Entries verified before this date are overdue: twelve months before today in Stockholm. */
export function overdueBefore(now: Date): string {
  const today = stockholmDate(now);
  const year = Number(today.slice(0, 4)) - VERIFICATION_MONTHS / 12;
  return `${year}${today.slice(4)}`;
}

/** Intl formatters are slow to build (~75 µs each, measured): one formatted date per language and day. */
const formattedDates = new Map<string, string>();
function displayDate(date: string, language: PublicLanguage): string {
  const key = `${language}:${date}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    // Arabic gets the ISO date, isolated as left-to-right: the shared formatter speaks Swedish and English only.
    text = language === 'ar' ? `\u2066${date}\u2069` : formatDate(date, language === 'en' ? 'en' : 'sv');
    if (formattedDates.size > 5000) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

function openingText(row: Pick<SearchRow, 'schedules' | 'hours_verified_on'>, open: boolean | null, labels: DirectoryLabels, language: PublicLanguage): string {
  if (open === null) return labels.hours.unknown;
  const state = isAlwaysOpen(row.schedules) ? labels.hours.alwaysOpen : open ? labels.hours.openNow : labels.hours.closedNow;
  return `${state}. ${interpolate(labels.hours.verified, { date: displayDate(row.hours_verified_on ?? '', language) })}`;
}

function toResult(
  row: SearchRow,
  place: Place,
  asked: { audiences: Audience[]; kinds: Kind[]; languages: Language[]; words: string[]; text: string | undefined; openNow: boolean },
  options: SearchOptions,
): ServiceResult {
  const labels = directoryLabels[options.language];
  const level = row.level === 0 ? 'municipality' : row.level === 1 ? 'county' : 'national';
  const reasons: ServiceResult['reasons'] = [];
  if (level === 'municipality') {
    const code = place.municipality?.code ?? row.municipality_codes.find((candidate) => place.municipalities.includes(candidate)) ?? null;
    reasons.push({
      code: 'area_municipality',
      value: code,
      text: interpolate(labels.reasons.area_municipality, { place: place.municipality?.name ?? place.county.name }),
    });
  } else if (level === 'county') {
    reasons.push({ code: 'area_county', value: place.county.code, text: interpolate(labels.reasons.area_county, { place: place.county.name }) });
  } else {
    reasons.push({ code: 'area_national', value: null, text: labels.reasons.area_national });
  }
  for (const audience of asked.audiences) {
    if (row.audiences.includes(audience)) {
      reasons.push({ code: 'audience', value: audience, text: interpolate(labels.reasons.audience, { value: labels.audiences[audience] }) });
    }
  }
  if (asked.audiences.length > 0 && !asked.audiences.some((audience) => row.audiences.includes(audience)) && row.audiences.includes('everyone')) {
    reasons.push({ code: 'audience_everyone', value: 'everyone', text: labels.reasons.audience_everyone });
  }
  for (const kind of asked.kinds) {
    if (row.kinds.includes(kind)) reasons.push({ code: 'kind', value: kind, text: interpolate(labels.reasons.kind, { value: labels.kinds[kind] }) });
  }
  for (const language of asked.languages) {
    if (row.languages.includes(language)) {
      reasons.push({ code: 'language', value: language, text: interpolate(labels.reasons.language, { value: labels.languages[language] }) });
    } else if (row.interpreter) {
      reasons.push({ code: 'interpreter', value: language, text: interpolate(labels.reasons.interpreter, { value: labels.languages[language] }) });
    }
  }
  if (asked.text) reasons.push({ code: 'text', value: asked.text, text: interpolate(labels.reasons.text, { value: asked.text }) });
  const open = isOpenAt(row.schedules, row.hours_verified_on, options.now);
  if (asked.openNow && open) reasons.push({ code: 'open_now', value: null, text: labels.reasons.open_now });
  return {
    id: row.id,
    name: row.name,
    organization: row.organization,
    description: row.translation?.description ?? row.description,
    url: row.url,
    email: row.email,
    audiences: row.audiences,
    kinds: row.kinds,
    languages: row.languages,
    interpreter: row.interpreter,
    eligibility: row.eligibility,
    level,
    phones: options.audience === 'public' ? row.phones.filter((phone) => !phone.staffOnly) : row.phones,
    locations: row.locations,
    confidentialLocation: row.confidential_location,
    schedules: row.schedules,
    openingHours: { open, text: openingText(row, open, labels, options.language), hoursVerifiedOn: row.hours_verified_on },
    verification: { status: row.verification_status, verifiedOn: row.verified_on, overdue: isOverdue(row.verified_on, options.now) },
    reasons,
    demo: row.demo,
    descriptionLanguage: row.translation ? (options.textLanguage ?? 'sv') : 'sv',
    descriptionStatus: row.translation?.status ?? 'reviewed',
  };
}

/**
 * One service as the public search shows it (issue 22, ADR 0113): the same card, built by the same
 * rules as a search result in Swedish for the public (public phones only, no protected address,
 * today's opening state), from an entry that is not published yet. The area reason names the
 * first municipality, else the first county, else the whole country.
 */
export async function publicCard(
  tx: Tx,
  id: string,
  service: ServiceDetail['service'],
  verification: { verifiedOn: string | null; hoursVerifiedOn: string | null },
  now: Date,
): Promise<ServiceResult> {
  const municipality = service.area.municipalities[0];
  const county = service.area.counties[0];
  const level = municipality ? 0 : county ? 1 : 2;
  // A national service names no place; any county resolves, and its name is not shown.
  const place = await resolvePlace(tx, municipality, municipality ? undefined : (county ?? '20'));
  const row: SearchRow = {
    id,
    name: service.name,
    organization: service.organizationName,
    description: service.description,
    url: service.url,
    email: service.email,
    audiences: service.audiences,
    kinds: service.kinds,
    languages: service.languages,
    interpreter: service.interpreter,
    eligibility: service.eligibility,
    national: service.area.national,
    county_codes: service.area.counties,
    municipality_codes: service.area.municipalities,
    confidential_location: service.locations.some((location) => location.confidential),
    verification_status: verification.verifiedOn ? 'verified' : 'unverified',
    verified_on: verification.verifiedOn,
    hours_verified_on: verification.hoursVerifiedOn,
    demo: false,
    level,
    name_matches: false,
    phones: service.phones,
    locations: service.locations.filter((location) => !location.confidential).map(({ confidential: _confidential, ...location }) => location),
    schedules: service.schedules,
  };
  return toResult(
    row,
    place,
    { audiences: [], kinds: [], languages: [], words: [], text: undefined, openNow: false },
    { now, language: 'sv', audience: 'public' },
  );
}

/**
 * Services for a place, ordered municipality → county → national, each with why it matched.
 * Throws `validation_failed` (400) naming the parameter and the allowed values for an unknown
 * municipality, county, audience, kind or language.
 */
export async function searchDirectory(tx: Tx, search: DirectorySearch, options: SearchOptions): Promise<SearchResponse> {
  const audiences = checkCodes('audience', search.audiences, AUDIENCES);
  const kinds = checkCodes('kind', search.kinds, KINDS);
  const languages = checkCodes('language', search.languages, LANGUAGES);
  const place = await resolvePlace(tx, search.municipality || undefined, search.county || undefined);
  const text = search.text?.trim() || undefined;
  const words = text ? await foldWords(tx, text) : [];
  const rows = await searchServices(tx, {
    municipality: place.municipality?.code ?? null,
    county: place.county.code,
    municipalities: place.municipalities,
    audiences,
    kinds,
    languages,
    words,
    includeUnverified: options.audience === 'staff',
    limit: SEARCH_LIMIT,
    translation: options.textLanguage ? { language: options.textLanguage, statuses: options.textStatuses ?? ['reviewed'] } : undefined,
  });
  const asked = { audiences, kinds, languages, words, text, openNow: search.openNow ?? false };
  let services = byRelevance(rows, { audiences }).map((row) => toResult(row, place, asked, options));
  if (search.openNow) services = services.filter((service) => service.openingHours.open === true);
  return { municipality: place.municipality, county: place.county, services };
}

/* ------------------------------------------------------------------ editorial workflow */

export type Editor = { tenantId: string; userId: string; label: string };

/**
 * The directory editor acting now, named as they will appear in the entry's history: the person
 * with their acting unit. `caller` is the route's caller (ADR 0098), seen only as far as the
 * directory needs; directory actions are a person's (no service account holds one), so anyone
 * else is refused.
 */
export function editorFor(caller: { actor: Actor }): Editor {
  const { actor } = caller;
  if (actor.kind !== 'user') throw new AppError('forbidden');
  const unit = actor.memberships.find((membership) => membership.unitId === actor.actingUnitId);
  return { tenantId: actor.tenantId, userId: actor.userId, label: unit ? `${actor.displayName}, ${unit.unitName}` : actor.displayName };
}

/**
 * The protected address is shown only to the editors who keep the entry. Row-level security
 * gives other organisations' staff no confidential location at all (migration 0120); they see
 * that the entry has one, without any part of it.
 */
function shownLocations(record: ServiceRecord, editor: { tenantId: string } | null): ServiceRecord['locations'] {
  if (editor?.tenantId === record.owner_id) return record.locations;
  const open = record.locations.filter((location) => !location.confidential);
  const withheld = { name: null, address: null, postalCode: null, city: null, municipalityCode: null, confidential: true };
  return record.confidential_location ? [...open, withheld] : open;
}

function toDetail(record: ServiceRecord, editor: { tenantId: string } | null, now: Date): ServiceDetail {
  return {
    id: record.id,
    version: Number(record.version),
    owner: { id: record.owner_id, name: record.owner_name },
    editable: editor !== null && editor.tenantId === record.owner_id,
    service: {
      organizationName: record.organization,
      name: record.name,
      description: record.description,
      url: record.url,
      email: record.email,
      status: record.status,
      audiences: record.audiences,
      kinds: record.kinds,
      languages: record.languages,
      interpreter: record.interpreter,
      eligibility: record.eligibility,
      area: { national: record.national, counties: record.county_codes, municipalities: record.municipality_codes },
      phones: record.phones,
      locations: shownLocations(record, editor),
      schedules: record.schedules,
      note: record.note,
      source: record.source,
    },
    verification: {
      status: record.verification_status,
      verifiedOn: record.verified_on,
      verifiedBy: record.verified_by_label,
      overdue: isOverdue(record.verified_on, now),
    },
    demo: record.demo,
    updatedAt: record.updated_at,
  };
}

export async function getServiceDetail(tx: Tx, id: string, editor: { tenantId: string } | null, now: Date): Promise<ServiceDetail> {
  const record = await findService(tx, id);
  if (!record) throw new AppError('not_found');
  return toDetail(record, editor, now);
}

/** What an organisation may cover: a county board its county, a municipality itself, an agency the country. */
async function checkArea(tx: Tx, editor: Editor, data: ServiceData): Promise<void> {
  const organisation = await organisationName(tx, editor.tenantId);
  if (!organisation) throw new AppError('forbidden');
  const refuse = (area: string) =>
    new AppError('validation_failed', {
      errors: [
        {
          field: 'service.area.municipalities',
          location: 'body',
          code: 'outside_area',
          message: {
            sv: interpolate(directoryMessages.sv.outsideArea, { area }),
            en: interpolate(directoryMessages.en.outsideArea, { area }),
          },
        },
      ],
    });
  if (organisation.kind === 'county_board' && organisation.county_code) {
    const county = organisation.county_code;
    const inside =
      !data.area.national && data.area.counties.every((code) => code === county) && data.area.municipalities.every((code) => code.startsWith(county));
    if (!inside) throw refuse(organisation.name);
  } else if (organisation.kind === 'municipality' && organisation.municipality_code) {
    const code = organisation.municipality_code;
    const inside = !data.area.national && data.area.counties.length === 0 && data.area.municipalities.every((candidate) => candidate === code);
    if (!inside) throw refuse(organisation.name);
  }
}

async function checkMunicipalities(tx: Tx, data: ServiceData): Promise<void> {
  const codes = [...data.area.municipalities, ...data.locations.flatMap((location) => (location.municipalityCode ? [location.municipalityCode] : []))];
  if (codes.length === 0) return;
  const known = await queryRows<{ code: string }>(tx, sql`select code from municipalities where code = any(${textArray(codes)})`);
  const missing = codes.find((code) => !known.some((row) => row.code === code));
  if (missing) {
    throw new AppError('validation_failed', {
      errors: [
        {
          field: 'service.area.municipalities',
          location: 'body',
          code: 'municipality_unknown',
          message: {
            sv: interpolate(directoryMessages.sv.unknownMunicipality, { value: missing }),
            en: interpolate(directoryMessages.en.unknownMunicipality, { value: missing }),
          },
        },
      ],
    });
  }
}

function verificationNow(editor: Editor, now: Date): NonNullable<Verification> {
  return { on: stockholmDate(now), byUserId: editor.userId, byLabel: editor.label };
}

export async function createDirectoryService(tx: Tx, editor: Editor, data: ServiceData, verify: boolean, now: Date): Promise<ServiceDetail> {
  await checkMunicipalities(tx, data);
  await checkArea(tx, editor, data);
  const id = await insertService(tx, data, { ownerId: editor.tenantId, userId: editor.userId, demo: false }, verify ? verificationNow(editor, now) : null);
  await recordVersion(tx, { serviceId: id, version: 1, change: 'created', userId: editor.userId, label: editor.label, demo: false });
  return getServiceDetail(tx, id, editor, now);
}

function conflict(): AppError {
  return new AppError('version_conflict', { detail: pick(directoryMessages, (m) => m.versionConflict) });
}

async function ownedRecord(tx: Tx, editor: Editor, id: string): Promise<ServiceRecord> {
  const record = await findService(tx, id);
  if (!record) throw new AppError('not_found');
  if (record.owner_id !== editor.tenantId) throw new AppError('forbidden', { detail: pick(directoryMessages, (m) => m.notOwner) });
  return record;
}

export async function updateDirectoryService(
  tx: Tx,
  editor: Editor,
  id: string,
  version: number,
  data: ServiceData,
  verify: boolean,
  now: Date,
): Promise<ServiceDetail> {
  const record = await ownedRecord(tx, editor, id);
  if (Number(record.version) !== version) throw conflict();
  await checkMunicipalities(tx, data);
  await checkArea(tx, editor, data);
  const next = await updateService(
    tx,
    id,
    version,
    data,
    { ownerId: editor.tenantId, userId: editor.userId, demo: record.demo },
    verify ? verificationNow(editor, now) : 'keep',
  );
  if (next === undefined) throw conflict();
  await recordVersion(tx, { serviceId: id, version: next, change: 'updated', userId: editor.userId, label: editor.label, demo: record.demo });
  return getServiceDetail(tx, id, editor, now);
}

/** The checks of a change before it is stored as pending (issue 22): owner, version, codes, area. */
export async function checkChange(tx: Tx, editor: Editor, target: { serviceId: string; version: number } | null, data: ServiceData): Promise<void> {
  if (target) {
    const record = await ownedRecord(tx, editor, target.serviceId);
    if (Number(record.version) !== target.version) throw conflict();
  }
  await checkMunicipalities(tx, data);
  await checkArea(tx, editor, data);
}

/** Records that an editor has checked the entry today (also its opening hours). */
export async function verifyDirectoryService(tx: Tx, editor: Editor, id: string, version: number, now: Date): Promise<ServiceDetail> {
  const record = await ownedRecord(tx, editor, id);
  if (Number(record.version) !== version) throw conflict();
  // A never-checked (so never public) entry becomes public when checked: that is a publication, and
  // goes through a second editor (ADR 0112). Renewing the check of a published entry is immediate.
  if (record.verification_status !== 'verified') throw new AppError('conflict', { detail: pick(directoryMessages, (m) => m.verifyNeedsReview) });
  const next = await markVerified(tx, id, version, verificationNow(editor, now), editor.userId);
  if (next === undefined) throw conflict();
  await recordVersion(tx, { serviceId: id, version: next, change: 'verified', userId: editor.userId, label: editor.label, demo: record.demo });
  return getServiceDetail(tx, id, editor, now);
}

export async function editorDashboard(tx: Tx, editor: { tenantId: string }, now: Date) {
  const organisation = await organisationName(tx, editor.tenantId);
  const rows = await ownerServices(tx, editor.tenantId);
  const limit = overdueBefore(now);
  const needsAttention = rows.flatMap((row): Array<DashboardRow & { reason: 'unverified' | 'overdue' }> => {
    if (row.verification_status === 'unverified') return [{ ...row, reason: 'unverified' }];
    if (row.verified_on !== null && row.verified_on < limit) return [{ ...row, reason: 'overdue' }];
    return [];
  });
  const imports = await queryRows<{ id: string; status: string; format: string; created_at: string; valid_rows: number; rejected_rows: number }>(
    tx,
    sql`select id, status, format, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at, valid_rows, rejected_rows
        from directory_imports where tenant_id = ${editor.tenantId} order by created_at desc limit 5`,
  );
  return {
    owner: { id: editor.tenantId, name: organisation?.name ?? '' },
    totals: {
      services: rows.length,
      verified: rows.filter((row) => row.verification_status === 'verified').length,
      unverified: rows.filter((row) => row.verification_status === 'unverified').length,
      overdue: needsAttention.filter((row) => row.reason === 'overdue').length,
    },
    needsAttention: needsAttention.map((row) => ({
      id: row.id,
      name: row.name,
      organization: row.organization,
      reason: row.reason,
      verifiedOn: row.verified_on,
      version: Number(row.version),
      demo: row.demo,
    })),
    recentImports: imports.map((row) => ({
      id: row.id,
      status: row.status,
      format: row.format,
      createdAt: row.created_at,
      validRows: Number(row.valid_rows),
      rejectedRows: Number(row.rejected_rows),
    })),
  };
}
