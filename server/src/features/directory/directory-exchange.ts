import { sql } from 'drizzle-orm';
import {
  AUDIENCES,
  CSV_COLUMNS,
  KINDS,
  LANGUAGES,
  REQUIRED_CSV_COLUMNS,
  serviceInput,
  WEEKDAYS,
  type ServiceData,
  type ServiceInput,
} from '#shared/contracts/directory.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { issueCode, issueMessage, parseWithLocale } from '#shared/validation.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { restoreNeutralised, RFC_4180, toCsv } from '../../platform/export/csv.ts';
import { splitCsvLine } from '../reference-data/reference-data.ts';
import type { SearchRow } from './directory-repository.ts';
import { directoryMessages } from './messages.ts';
import { uuidArray } from '../../platform/db/array-parameter.ts';

/**
 * HSDS 3.0 JSON and CSV in the Swedish profile (docs/directory-hsds-profile.md): the public-safe
 * export, and the parsing and checking of import files line by line.
 */
export const HSDS_PROFILE = 'urn:upptack:hsds-profile:se:1.0';
export const MAX_IMPORT_ROWS = 50_000;

type HsdsService = {
  id: string;
  organization_id?: string;
  organization_name: string;
  name: string;
  description: string;
  url: string | null;
  email: string | null;
  status: string;
  interpretation_services: string | null;
  eligibility_description: string | null;
  assured_date: string | null;
  languages: Array<{ code: string }>;
  phones: Array<{ number: string; type: string; description: string | null; staff_only?: boolean }>;
  schedules: Array<{ freq: 'WEEKLY'; byday: string; opens_at: string; closes_at: string }>;
  service_areas: Array<{ extent_type: 'national' | 'county' | 'municipality'; code: string | null }>;
  service_at_locations: Array<{ location: { name: string | null; address: string | null; postal_code: string | null; city: string | null; municipality_code: string | null; confidential?: boolean } }>;
  attributes: { audiences: string[]; kinds: string[]; interpreter: boolean; confidential_location: boolean; verification_status: string; hours_verified_on: string | null; demo: boolean };
};

function areasOf(row: Pick<SearchRow, 'national' | 'county_codes' | 'municipality_codes'>): HsdsService['service_areas'] {
  return [
    ...(row.national ? [{ extent_type: 'national' as const, code: null }] : []),
    ...row.county_codes.map((code) => ({ extent_type: 'county' as const, code })),
    ...row.municipality_codes.map((code) => ({ extent_type: 'municipality' as const, code })),
  ];
}

/** The public-safe HSDS export: rows must come from a transaction as `upptack_public`. */
export function toHsds(rows: SearchRow[], generatedAt: Date) {
  const organizations = new Map<string, { name: string }>();
  const services: HsdsService[] = rows.map((row) => {
    organizations.set(row.organization, { name: row.organization });
    return {
      id: row.id,
      organization_name: row.organization,
      name: row.name,
      description: row.description,
      url: row.url,
      email: row.email,
      status: 'active',
      interpretation_services: row.interpreter ? 'tolk' : null,
      eligibility_description: row.eligibility,
      assured_date: row.verified_on,
      languages: row.languages.map((code) => ({ code })),
      phones: row.phones.filter((phone) => !phone.staffOnly).map((phone) => ({ number: phone.number, type: phone.kind, description: phone.description })),
      schedules: row.schedules.map((schedule) => ({ freq: 'WEEKLY' as const, byday: schedule.byday, opens_at: schedule.opens, closes_at: schedule.closes })),
      service_areas: areasOf(row),
      service_at_locations: row.locations.map((location) => ({
        location: { name: location.name, address: location.address, postal_code: location.postalCode, city: location.city, municipality_code: location.municipalityCode },
      })),
      attributes: {
        audiences: row.audiences,
        kinds: row.kinds,
        interpreter: row.interpreter,
        confidential_location: row.confidential_location,
        verification_status: row.verification_status,
        hours_verified_on: row.hours_verified_on,
        demo: row.demo,
      },
    };
  });
  return {
    profile: HSDS_PROFILE,
    hsds_version: '3.0',
    generated_at: generatedAt.toISOString(),
    organizations: [...organizations.values()],
    services,
  };
}

/**
 * The public-safe CSV export, in the import's columns (so an export can be edited and re-imported):
 * the documented interchange format keeps `,` between fields and `;` inside lists
 * (docs/directory-hsds-profile.md), through the platform's one writer and its formula guard.
 */
export function directoryCsv(rows: SearchRow[]): string {
  const lines: string[][] = [];
  for (const row of rows) {
    const location = row.locations[0];
    const values: Record<(typeof CSV_COLUMNS)[number], string> = {
      id: row.id,
      organization_name: row.organization,
      name: row.name,
      description: row.description,
      url: row.url ?? '',
      email: row.email ?? '',
      audiences: row.audiences.join(';'),
      kinds: row.kinds.join(';'),
      languages: row.languages.join(';'),
      interpreter: row.interpreter ? 'ja' : 'nej',
      national: row.national ? 'ja' : 'nej',
      counties: row.county_codes.join(';'),
      municipalities: row.municipality_codes.join(';'),
      phones: row.phones.filter((phone) => !phone.staffOnly).map((phone) => phone.number).join(';'),
      staff_phones: '',
      address: location?.address ?? '',
      postal_code: location?.postalCode ?? '',
      city: location?.city ?? '',
      location_municipality: location?.municipalityCode ?? '',
      confidential_location: 'nej',
      schedules: row.schedules.map((schedule) => `${schedule.byday} ${schedule.opens}-${schedule.closes}`).join(';'),
      eligibility: row.eligibility ?? '',
    };
    lines.push(CSV_COLUMNS.map((column) => values[column]));
  }
  return toCsv(CSV_COLUMNS, lines, RFC_4180);
}

/* ------------------------------------------------------------------------ import parsing */

export type ImportProblem = { field: string; code: string; message: Record<Locale, string> };
export type ParsedLine = { line: number; id: string | null; name: string | null; input: ServiceInput | null; problems: ImportProblem[] };
export type ParsedFile = { fileProblems: ImportProblem[]; lines: ParsedLine[] };

type ProblemKey = keyof (typeof directoryMessages)['sv']['problems'];
function problem(field: string, code: ProblemKey, params: Record<string, string | number> = {}): ImportProblem {
  return {
    field,
    code,
    message: {
      sv: interpolate(directoryMessages.sv.problems[code], params),
      en: interpolate(directoryMessages.en.problems[code], params),
    },
  };
}

/**
 * A file that was not UTF-8 arrives with U+FFFD where its bytes could not be decoded (the staff
 * page decodes with the WHATWG decoder): it is refused, not imported with garbled names.
 */
function encodingProblem(text: string): ImportProblem | undefined {
  return text.includes('\uFFFD') ? problem('(file)', 'encoding') : undefined;
}

const YES = new Set(['ja', 'yes', 'true', '1', 'j', 'y']);
const NO = new Set(['nej', 'no', 'false', '0', 'n', '']);
const list = (value: string | undefined) => (value ?? '').split(';').map((item) => item.trim()).filter((item) => item.length > 0);

function checkList(field: string, values: string[], allowed: readonly string[], problems: ImportProblem[]): string[] {
  for (const value of values) {
    if (!allowed.includes(value)) problems.push(problem(field, 'unknown_code', { value, allowed: allowed.join(', ') }));
  }
  return values;
}

function yesNo(field: string, value: string | undefined, problems: ImportProblem[]): boolean {
  const normalised = (value ?? '').trim().toLowerCase();
  if (YES.has(normalised)) return true;
  if (!NO.has(normalised)) problems.push(problem(field, 'not_boolean', { value: value ?? '' }));
  return false;
}

function schedulesFrom(field: string, value: string | undefined, problems: ImportProblem[]): ServiceInput['schedules'] {
  return list(value).flatMap((item) => {
    const match = /^([A-Z]{2})\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(item);
    if (!match || !(WEEKDAYS as readonly string[]).includes(match[1] ?? '')) {
      problems.push(problem(field, 'schedule', { value: item }));
      return [];
    }
    return [{ byday: match[1] as (typeof WEEKDAYS)[number], opens: match[2] ?? '', closes: match[3] ?? '' }];
  });
}

/** One CSV record → the profile's service input (lists separated by `;`). */
function csvRecordToInput(record: Record<string, string>, problems: ImportProblem[]): ServiceInput {
  const confidential = yesNo('confidential_location', record.confidential_location, problems);
  const hasLocation = [record.address, record.postal_code, record.city, record.location_municipality].some((value) => (value ?? '').trim() !== '');
  return {
    organizationName: record.organization_name ?? '',
    name: record.name ?? '',
    description: record.description ?? '',
    url: record.url ?? '',
    email: record.email ?? '',
    audiences: checkList('audiences', list(record.audiences), AUDIENCES, problems) as ServiceInput['audiences'],
    kinds: checkList('kinds', list(record.kinds), KINDS, problems) as ServiceInput['kinds'],
    languages: (list(record.languages).length > 0 ? checkList('languages', list(record.languages), LANGUAGES, problems) : ['sv']) as ServiceInput['languages'],
    interpreter: yesNo('interpreter', record.interpreter, problems),
    eligibility: record.eligibility ?? '',
    area: { national: yesNo('national', record.national, problems), counties: list(record.counties), municipalities: list(record.municipalities) },
    phones: [
      ...list(record.phones).map((number) => ({ number, staffOnly: false })),
      ...list(record.staff_phones).map((number) => ({ number, staffOnly: true })),
    ],
    locations: hasLocation || confidential
      ? [{
          address: record.address ?? '',
          postalCode: record.postal_code ?? '',
          city: record.city ?? '',
          municipalityCode: (record.location_municipality ?? '').trim() || null,
          confidential,
        }]
      : [],
    schedules: schedulesFrom('schedules', record.schedules, problems),
  };
}

/** Splits CSV text into records, honouring quoted fields that contain line breaks. */
function csvRecords(text: string): Array<{ line: number; cells: string[] }> {
  const records: Array<{ line: number; cells: string[] }> = [];
  let buffer = '';
  let startLine = 1;
  let lineNumber = 0;
  for (const raw of text.split(/\r?\n/)) {
    lineNumber++;
    if (buffer === '') startLine = lineNumber;
    buffer = buffer === '' ? raw : `${buffer}\n${raw}`;
    const quotes = (buffer.match(/"/g) ?? []).length;
    if (quotes % 2 === 1) continue;
    if (buffer.trim() !== '') records.push({ line: startLine, cells: splitCsvLine(buffer) });
    buffer = '';
  }
  if (buffer.trim() !== '') records.push({ line: startLine, cells: splitCsvLine(buffer) });
  return records;
}

export function parseCsvImport(text: string): ParsedFile {
  const encoding = encodingProblem(text);
  if (encoding) return { fileProblems: [encoding], lines: [] };
  const records = csvRecords(text);
  const header = records.shift();
  if (!header) return { fileProblems: [problem('(file)', 'empty')], lines: [] };
  const columns = header.cells.map((cell) => cell.trim().toLowerCase());
  const missing = REQUIRED_CSV_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) return { fileProblems: missing.map((column) => problem(column, 'missing_column', { column })), lines: [] };
  if (records.length === 0) return { fileProblems: [problem('(file)', 'empty')], lines: [] };
  if (records.length > MAX_IMPORT_ROWS) return { fileProblems: [problem('(file)', 'too_many_rows', { max: MAX_IMPORT_ROWS })], lines: [] };
  return {
    fileProblems: [],
    lines: records.map(({ line, cells }) => {
      const problems: ImportProblem[] = [];
      if (cells.length !== columns.length) problems.push(problem('(row)', 'column_count', { found: cells.length, expected: columns.length }));
      // A field the export's formula guard prefixed reads back as it was typed.
      const record = Object.fromEntries(columns.map((column, index) => [column, restoreNeutralised(cells[index] ?? '')]));
      const input = csvRecordToInput(record, problems);
      return { line, id: (record.id ?? '').trim() || null, name: (record.name ?? '').trim() || null, input, problems };
    }),
  };
}

type JsonRecord = Partial<HsdsService> & Record<string, unknown>;

function jsonRecordToInput(record: JsonRecord, problems: ImportProblem[]): ServiceInput {
  const attributes = (record.attributes ?? {}) as Partial<HsdsService['attributes']>;
  const areas = Array.isArray(record.service_areas) ? record.service_areas : [];
  const locations = Array.isArray(record.service_at_locations) ? record.service_at_locations : [];
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    organizationName: text(record.organization_name),
    name: text(record.name),
    description: text(record.description),
    url: text(record.url),
    email: text(record.email),
    status: (['active', 'inactive', 'defunct'].includes(text(record.status)) ? text(record.status) : 'active') as ServiceInput['status'],
    audiences: checkList('attributes.audiences', Array.isArray(attributes.audiences) ? attributes.audiences.map(String) : [], AUDIENCES, problems) as ServiceInput['audiences'],
    kinds: checkList('attributes.kinds', Array.isArray(attributes.kinds) ? attributes.kinds.map(String) : [], KINDS, problems) as ServiceInput['kinds'],
    languages: checkList(
      'languages',
      Array.isArray(record.languages) && record.languages.length > 0 ? record.languages.map((language) => String((language as { code?: unknown }).code ?? '')) : ['sv'],
      LANGUAGES,
      problems,
    ) as ServiceInput['languages'],
    interpreter: attributes.interpreter === true || (typeof record.interpretation_services === 'string' && record.interpretation_services !== ''),
    eligibility: text(record.eligibility_description),
    area: {
      national: areas.some((area) => area?.extent_type === 'national'),
      counties: areas.filter((area) => area?.extent_type === 'county').map((area) => String(area.code ?? '')),
      municipalities: areas.filter((area) => area?.extent_type === 'municipality').map((area) => String(area.code ?? '')),
    },
    phones: (Array.isArray(record.phones) ? record.phones : []).map((phone) => ({
      number: text(phone?.number),
      kind: (['voice', 'sms', 'text', 'video'].includes(text(phone?.type)) ? text(phone?.type) : 'voice') as 'voice',
      description: text(phone?.description),
      staffOnly: phone?.staff_only === true,
    })),
    locations: locations.map((entry) => ({
      name: text(entry?.location?.name),
      address: text(entry?.location?.address),
      postalCode: text(entry?.location?.postal_code),
      city: text(entry?.location?.city),
      municipalityCode: text(entry?.location?.municipality_code) || null,
      confidential: entry?.location?.confidential === true,
    })),
    schedules: (Array.isArray(record.schedules) ? record.schedules : []).map((schedule) => ({
      byday: text(schedule?.byday) as (typeof WEEKDAYS)[number],
      opens: text(schedule?.opens_at),
      closes: text(schedule?.closes_at),
    })),
  };
}

/** HSDS JSON in the profile: `{ services: [...] }`; a service's line is its position (1-based). */
export function parseJsonImport(text: string): ParsedFile {
  const encoding = encodingProblem(text);
  if (encoding) return { fileProblems: [encoding], lines: [] };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { fileProblems: [problem('(file)', 'json', { detail: (error as Error).message })], lines: [] };
  }
  const services = (document as { services?: unknown } | null)?.services;
  if (!Array.isArray(services)) return { fileProblems: [problem('services', 'json_shape')], lines: [] };
  if (services.length === 0) return { fileProblems: [problem('services', 'empty')], lines: [] };
  if (services.length > MAX_IMPORT_ROWS) return { fileProblems: [problem('services', 'too_many_rows', { max: MAX_IMPORT_ROWS })], lines: [] };
  return {
    fileProblems: [],
    lines: services.map((raw, index) => {
      const problems: ImportProblem[] = [];
      const record = (typeof raw === 'object' && raw !== null ? raw : {}) as JsonRecord;
      const input = jsonRecordToInput(record, problems);
      return { line: index + 1, id: typeof record.id === 'string' && record.id !== '' ? record.id : null, name: typeof record.name === 'string' ? record.name : null, input, problems };
    }),
  };
}

/** Runs the shared schema over a parsed line; its issues become problems on that line. */
export function validateLine(line: ParsedLine): ServiceData | undefined {
  if (!line.input) return undefined;
  const result = parseWithLocale(serviceInput, line.input, 'sv');
  if (!result.success) {
    for (const issue of result.error.issues) {
      const english = parseWithLocale(serviceInput, line.input, 'en');
      const match = english.success ? undefined : english.error.issues.find((candidate) => candidate.path.join('.') === issue.path.join('.'));
      line.problems.push({
        field: issue.path.map(String).join('.') || '(row)',
        code: issueCode(issue),
        message: { sv: issueMessage(issue, 'sv'), en: match ? issueMessage(match, 'en') : issueMessage(issue, 'en') },
      });
    }
    return undefined;
  }
  return line.problems.length === 0 ? result.data : undefined;
}

/** Ids in the file must be unique and, when given, name an entry the importing organisation keeps. */
export async function checkIds(tx: Tx, lines: ParsedLine[], ownerId: string): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  for (const line of lines) {
    if (!line.id) continue;
    const first = seen.get(line.id);
    if (first !== undefined) line.problems.push(problem('id', 'duplicate_id', { value: line.id, line: first }));
    else seen.set(line.id, line.line);
  }
  const ids = [...seen.keys()].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const owned = ids.length === 0
    ? []
    : await queryRows<{ id: string; version: number }>(tx, sql`select id, version from directory_services where owner_id = ${ownerId} and id = any(${uuidArray(ids)})`);
  const versions = new Map(owned.map((row) => [row.id, Number(row.version)]));
  for (const line of lines) {
    if (line.id && !versions.has(line.id) && !line.problems.some((p) => p.code === 'duplicate_id')) {
      line.problems.push(problem('id', 'unknown_id', { value: line.id }));
    }
  }
  return versions;
}
