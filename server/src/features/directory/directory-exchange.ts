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
import { readCsv } from '../../platform/export/csv-reader.ts';
import type { SearchRow } from './directory-repository.ts';
import { directoryMessages } from './messages.ts';
import { uuidArray } from '../../platform/db/array-parameter.ts';

/**
 * CSV in the Swedish profile (docs/directory-hsds-profile.md), and what every import format shares:
 * the problems, the line-by-line check against the contract and the check of ids. HSDS JSON is
 * in `hsds.ts`.
 */
export const MAX_IMPORT_ROWS = 50_000;

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
      phones: row.phones
        .filter((phone) => !phone.staffOnly)
        .map((phone) => phone.number)
        .join(';'),
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
export type ParsedLine = {
  line: number;
  id: string | null;
  name: string | null;
  input: ServiceInput | null;
  problems: ImportProblem[];
  /** The file's name of a field of the contract, when the format names it otherwise (HSDS). */
  fieldName?: (path: string) => string;
  /**
   * An id the directory does not know creates the entry with that id (HSDS files carry the
   * publisher's UUIDs, so a second import of the same file updates instead of duplicating).
   */
  newIdAllowed?: boolean;
};
export type ParsedFile = { fileProblems: ImportProblem[]; lines: ParsedLine[] };

type ProblemKey = keyof (typeof directoryMessages)['sv']['problems'];
export function problem(field: string, code: ProblemKey, params: Record<string, string | number> = {}): ImportProblem {
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
export function encodingProblem(text: string): ImportProblem | undefined {
  return text.includes('\uFFFD') ? problem('(file)', 'encoding') : undefined;
}

const YES = new Set(['ja', 'yes', 'true', '1', 'j', 'y']);
const NO = new Set(['nej', 'no', 'false', '0', 'n', '']);
const list = (value: string | undefined) =>
  (value ?? '')
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

export function checkList(field: string, values: string[], allowed: readonly string[], problems: ImportProblem[]): string[] {
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
    locations:
      hasLocation || confidential
        ? [
            {
              address: record.address ?? '',
              postalCode: record.postal_code ?? '',
              city: record.city ?? '',
              municipalityCode: (record.location_municipality ?? '').trim() || null,
              confidential,
            },
          ]
        : [],
    schedules: schedulesFrom('schedules', record.schedules, problems),
  };
}

export function parseCsvImport(text: string): ParsedFile {
  const encoding = encodingProblem(text);
  if (encoding) return { fileProblems: [encoding], lines: [] };
  const records = readCsv(text, { separator: ',' });
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

/** Runs the shared schema over a parsed line; its issues become problems on that line. */
export function validateLine(line: ParsedLine): ServiceData | undefined {
  if (!line.input) return undefined;
  const result = parseWithLocale(serviceInput, line.input, 'sv');
  if (!result.success) {
    const english = parseWithLocale(serviceInput, line.input, 'en');
    // A field the file's reading already found wrong has its more precise problem: one per field.
    const named = new Set(line.problems.map((problem) => problem.field));
    for (const issue of result.error.issues) {
      const match = english.success ? undefined : english.error.issues.find((candidate) => candidate.path.join('.') === issue.path.join('.'));
      const path = issue.path.map(String).join('.');
      const field = (path && line.fieldName ? line.fieldName(path) : path) || '(row)';
      if (named.has(field)) continue;
      line.problems.push({
        field,
        code: issueCode(issue),
        message: { sv: issueMessage(issue, 'sv'), en: match ? issueMessage(match, 'en') : issueMessage(issue, 'en') },
      });
    }
    return undefined;
  }
  return line.problems.length === 0 ? result.data : undefined;
}

/**
 * Ids in the file must be unique and, when given, name an entry the importing organisation keeps —
 * or, where the format allows new ids, no entry at all.
 */
export async function checkIds(tx: Tx, lines: ParsedLine[], ownerId: string): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  for (const line of lines) {
    if (!line.id) continue;
    const first = seen.get(line.id);
    if (first !== undefined) line.problems.push(problem('id', 'duplicate_id', { value: line.id, line: first }));
    else seen.set(line.id, line.line);
  }
  const ids = [...seen.keys()].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const known =
    ids.length === 0
      ? []
      : await queryRows<{ id: string; version: number; owned: boolean }>(
          tx,
          sql`select id, version, owner_id = ${ownerId} as owned from directory_services where id = any(${uuidArray(ids)})`,
        );
  const versions = new Map(known.filter((row) => row.owned).map((row) => [row.id, Number(row.version)]));
  const keptElsewhere = new Set(known.filter((row) => !row.owned).map((row) => row.id));
  for (const line of lines) {
    if (!line.id || versions.has(line.id) || line.problems.some((p) => p.code === 'duplicate_id' || p.code === 'hsds_id')) continue;
    if (line.newIdAllowed && !keptElsewhere.has(line.id)) continue;
    line.problems.push(problem('id', 'unknown_id', { value: line.id }));
  }
  return versions;
}
