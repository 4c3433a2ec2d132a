import crypto from 'node:crypto';
import { COMPLETION_CSV_COLUMNS, type CompletionImportPreview } from '#shared/contracts/competence.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, pick } from '../../platform/errors/app-error.ts';
import * as repository from './competence-repository.ts';
import type { Caller } from './competence-service.ts';
import { competenceMessages } from './messages.ts';
import { readCsv } from '../../platform/export/csv-reader.ts';

/**
 * Completions imported from a learning-management system's CSV export (issue 6): the file is
 * checked line by line and shown as a preview; applying checks it again and writes every line in
 * one transaction — or nothing when any line has a problem (as the directory import does).
 * Imported completions are confirmed: the LMS is the evidence. Synchronous: an agency's export
 * is a few thousand lines, checked in well under a second (ADR 0042).
 */
export const MAX_IMPORT_LINES = 20_000;

type ProblemKey = keyof (typeof competenceMessages)['sv']['import'];
export type ImportProblem = { field: string; code: string; key: ProblemKey; params: Record<string, string> };
export type CsvLine = { line: number; email: string; courseId: string; completedOn: string };

/** The file's lines with the three columns, or the columns it lacks. */
export function parseCompletionCsv(text: string): { missing: string[]; lines: CsvLine[] } {
  const rows = readCsv(text);
  const header = (rows.shift()?.cells ?? []).map((cell) => cell.trim().toLowerCase());
  const missing = COMPLETION_CSV_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) return { missing, lines: [] };
  const at = (cells: string[], column: string) => (cells[header.indexOf(column)] ?? '').trim();
  const lines = rows
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ''))
    .map(({ cells, line }) => ({ line, email: at(cells, 'email').toLowerCase(), courseId: at(cells, 'course_id'), completedOn: at(cells, 'completed_on') }));
  return { missing: [], lines };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const validDate = (value: string) => {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === value;
};

type Checked = {
  fileProblems: ImportProblem[];
  lines: Array<CsvLine & { personId: string | null; personName: string | null; unitId: string | null; courseTitle: string | null; problems: ImportProblem[] }>;
};

/** Checks every line against the organisation's staff, the catalogue, the calendar and what is already recorded. */
export async function checkCompletionImport(tx: Tx, text: string, now: Date): Promise<Checked> {
  const parsed = parseCompletionCsv(text);
  if (parsed.missing.length > 0)
    return { fileProblems: [{ field: '(file)', code: 'missing_column', key: 'missingColumns', params: { columns: parsed.missing.join(', ') } }], lines: [] };
  if (parsed.lines.length > MAX_IMPORT_LINES) throw new AppError('payload_too_large');
  const today = stockholmDate(now);
  const people = await repository.peopleByEmail(tx, [...new Set(parsed.lines.map((line) => line.email).filter(Boolean))], today);
  const courses = await repository.knownCourses(tx, [...new Set(parsed.lines.map((line) => line.courseId).filter((id) => UUID.test(id)))]);
  const existing = await repository.existingCompletionKeys(tx, [...new Set([...people.values()].map((entry) => entry.id))]);
  const seen = new Map<string, number>();
  const lines = parsed.lines.map((line) => {
    const problems: ImportProblem[] = [];
    const found = line.email ? people.get(line.email) : undefined;
    if (!line.email) problems.push({ field: 'email', code: 'required', key: 'emailMissing', params: { line: String(line.line) } });
    else if (!found || !found.unitId) problems.push({ field: 'email', code: 'unknown_person', key: 'unknownPerson', params: { email: line.email } });
    const courseTitle = courses.get(line.courseId) ?? null;
    if (!line.courseId) problems.push({ field: 'course_id', code: 'required', key: 'courseMissing', params: {} });
    else if (!courseTitle) problems.push({ field: 'course_id', code: 'unknown_course', key: 'unknownCourse', params: { course: line.courseId } });
    if (!validDate(line.completedOn)) problems.push({ field: 'completed_on', code: 'invalid_date', key: 'badDate', params: { date: line.completedOn } });
    else if (line.completedOn > today) problems.push({ field: 'completed_on', code: 'date_in_future', key: 'futureDate', params: { date: line.completedOn } });
    if (found && courseTitle && validDate(line.completedOn)) {
      const key = `${found.id}|${line.courseId}|${line.completedOn}`;
      if (existing.has(key))
        problems.push({ field: 'completed_on', code: 'duplicate', key: 'duplicate', params: { email: line.email, date: line.completedOn } });
      const earlier = seen.get(key);
      if (earlier !== undefined) problems.push({ field: 'completed_on', code: 'duplicate_in_file', key: 'duplicateInFile', params: { line: String(earlier) } });
      else seen.set(key, line.line);
    }
    return { ...line, personId: found?.id ?? null, personName: found?.name ?? null, unitId: found?.unitId ?? null, courseTitle, problems };
  });
  return { fileProblems: [], lines };
}

const problemText = (problem: ImportProblem, locale: Locale) => interpolate(competenceMessages[locale].import[problem.key], problem.params);

export function toPreview(checked: Checked, locale: Locale): CompletionImportPreview {
  const rejected = checked.lines.filter((line) => line.problems.length > 0).length;
  return {
    rows: checked.lines.length,
    valid: checked.lines.length - rejected,
    rejected,
    fileProblems: checked.fileProblems.map((problem) => ({ field: problem.field, code: problem.code, message: problemText(problem, locale) })),
    lines: checked.lines.map((line) => ({
      line: line.line,
      email: line.email || null,
      personName: line.personName,
      courseTitle: line.courseTitle,
      completedOn: line.completedOn || null,
      problems: line.problems.map((problem) => ({ field: problem.field, code: problem.code, message: problemText(problem, locale) })),
    })),
  };
}

/** Writes every line in the caller's transaction, or throws (422, each problem with its line) and writes nothing. */
export async function applyCompletionImport(tx: Tx, caller: Caller, text: string, now: Date): Promise<{ imported: number; importId: string }> {
  const checked = await checkCompletionImport(tx, text, now);
  const problems = [
    ...checked.fileProblems.map((problem) => ({ field: problem.field, problem })),
    ...checked.lines.flatMap((line) => line.problems.map((problem) => ({ field: `lines.${line.line}.${problem.field}`, problem }))),
  ];
  if (problems.length > 0 || checked.lines.length === 0) {
    throw new AppError('unprocessable', {
      detail: pick(competenceMessages, (m) => (checked.lines.length === 0 && problems.length === 0 ? m.errors.importEmpty : m.errors.importHasErrors)),
      errors: problems.slice(0, 200).map(({ field, problem }) => ({
        field,
        location: 'body' as const,
        code: problem.code,
        message: { sv: problemText(problem, 'sv'), en: problemText(problem, 'en') },
      })),
    });
  }
  const importId = crypto.randomUUID();
  await repository.insertCompletions(
    tx,
    checked.lines.map((line) => ({
      tenantId: caller.tenantId,
      userId: line.personId!,
      unitId: line.unitId!,
      courseId: line.courseId,
      completedOn: line.completedOn,
      source: 'import' as const,
      status: 'confirmed' as const,
      recordedBy: caller.userId,
      confirmedBy: caller.userId,
      confirmedAt: now,
      importId,
    })),
  );
  return { imported: checked.lines.length, importId };
}
