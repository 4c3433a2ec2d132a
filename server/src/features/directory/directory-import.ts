import { sql } from 'drizzle-orm';
import type { ImportPreview, ServiceData } from '#shared/contracts/directory.ts';
import type { Locale } from '#shared/i18n/messages.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { queryRows, type Database, type Tx } from '../../platform/db/database.ts';
import { AppError, pick } from '../../platform/errors/app-error.ts';
import { enqueueJob, JobError, type JobHandler } from '../../platform/jobs/job-runner.ts';
import { findServices, insertService, recordVersion, updateService, type ServiceRecord } from './directory-repository.ts';
import { checkIds, parseCsvImport, validateLine, type ImportProblem, type ParsedLine } from './directory-exchange.ts';
import { parseJsonImport, withScheme } from './hsds.ts';
import type { Editor } from './directory-service.ts';
import { directoryMessages } from './messages.ts';
import { uuidArray } from '../../platform/db/array-parameter.ts';

/**
 * Imports: the file is parsed and checked in a background job that stages the rows in chunks
 * (each chunk its own short transaction, so the embedded database's one connection is never held
 * for long), then the editor reads the preview, then the apply writes everything in one
 * transaction — or nothing. A file with rejected rows changes nothing unless the editor chooses
 * to import only the valid rows.
 *
 * Staging resumes (issue 18): a chunk is staged in one fenced transaction (ADR 0088), so after an
 * interruption — shutdown, crash, a lost lease — the retried job finds whole chunks staged, skips
 * them, and counts the totals from the staged rows, not from what one run saw.
 */
export const IMPORT_STAGE_JOB = 'directory.import.stage';
const CHUNK = 250;

export async function startImport(
  tx: Tx,
  editor: Editor,
  input: { format: 'hsds_json' | 'csv'; content: string; filename: string | null },
): Promise<{ importId: string; jobId: string }> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into directory_imports (tenant_id, created_by, format, filename) values (${editor.tenantId}, ${editor.userId}, ${input.format}, ${input.filename}) returning id`,
  );
  if (!row) throw new Error('import insert returned nothing');
  const jobId = await enqueueJob(tx, {
    kind: IMPORT_STAGE_JOB,
    tenantId: editor.tenantId,
    createdBy: editor.userId,
    payload: { importId: row.id, format: input.format, content: input.content },
  });
  return { importId: row.id, jobId };
}

/**
 * The comparable form of an entry: what an import would write. A web address counts as the same
 * with or without the `https://` the HSDS export adds, so an export imports back unchanged.
 */
function comparable(data: ServiceData | ServiceRecord): string {
  const url = data.url === null ? null : withScheme(data.url);
  if ('organizationName' in data) {
    return JSON.stringify([
      data.organizationName,
      data.name,
      data.description,
      url,
      data.email,
      data.status,
      data.audiences,
      data.kinds,
      data.languages,
      data.interpreter,
      data.eligibility,
      data.area.national,
      data.area.counties,
      data.area.municipalities,
      data.phones.map((p) => [p.number, p.kind, p.description, p.staffOnly]),
      data.locations.map((l) => [l.name, l.address, l.postalCode, l.city, l.municipalityCode, l.confidential]),
      data.schedules.map((s) => [s.byday, s.opens, s.closes]),
    ]);
  }
  return JSON.stringify([
    data.organization,
    data.name,
    data.description,
    url,
    data.email,
    data.status,
    data.audiences,
    data.kinds,
    data.languages,
    data.interpreter,
    data.eligibility,
    data.national,
    data.county_codes,
    data.municipality_codes,
    data.phones.map((p) => [p.number, p.kind, p.description, p.staffOnly]),
    data.locations.map((l) => [l.name, l.address, l.postalCode, l.city, l.municipalityCode, l.confidential]),
    data.schedules.map((s) => [s.byday, s.opens, s.closes]),
  ]);
}

function areaProblem(
  data: ServiceData,
  organisation: { kind: string; county_code: string | null; municipality_code: string | null; name: string },
): ImportProblem | undefined {
  const outside =
    (organisation.kind === 'county_board' &&
      organisation.county_code &&
      (data.area.national ||
        data.area.counties.some((code) => code !== organisation.county_code) ||
        data.area.municipalities.some((code) => !code.startsWith(organisation.county_code ?? '')))) ||
    (organisation.kind === 'municipality' &&
      organisation.municipality_code &&
      (data.area.national || data.area.counties.length > 0 || data.area.municipalities.some((code) => code !== organisation.municipality_code)));
  if (!outside) return undefined;
  return {
    field: 'area',
    code: 'outside_area',
    message: {
      sv: directoryMessages.sv.outsideArea.replace('{area}', organisation.name),
      en: directoryMessages.en.outsideArea.replace('{area}', organisation.name),
    },
  };
}

/**
 * An import never removes a protected address or a staff-only phone: the public exports never
 * carry them, so their absence from a file (an edited export) is no instruction to delete them.
 * They are removed in the entry's form. The kept data is checked again as a whole.
 */
function keepProtected(line: ParsedLine, data: ServiceData, current: ServiceRecord): ServiceData | undefined {
  const keptLocations = data.locations.some((location) => location.confidential) ? [] : current.locations.filter((location) => location.confidential);
  const keptPhones = data.phones.some((phone) => phone.staffOnly) ? [] : current.phones.filter((phone) => phone.staffOnly);
  if (keptLocations.length === 0 && keptPhones.length === 0) return data;
  return validateLine({ ...line, input: { ...data, locations: [...data.locations, ...keptLocations], phones: [...data.phones, ...keptPhones] } });
}

export function importStageJob(database: Database): JobHandler {
  return async (job, context) => {
    const payload = job.payload as { importId: string; format: 'hsds_json' | 'csv'; content: string };
    const parsed = payload.format === 'csv' ? parseCsvImport(payload.content) : parseJsonImport(payload.content);
    const lines = parsed.lines;
    await context.reportProgress(0, lines.length);
    const reference = await database.transaction(context.access, async (tx) => ({
      municipalities: new Set((await queryRows<{ code: string }>(tx, sql`select code from municipalities`)).map((row) => row.code)),
      counties: new Set((await queryRows<{ code: string }>(tx, sql`select code from counties`)).map((row) => row.code)),
      organisation: (
        await queryRows<{ kind: string; county_code: string | null; municipality_code: string | null; name: string }>(
          tx,
          sql`select kind, county_code, municipality_code, name from organisations where id = ${job.tenantId}`,
        )
      )[0],
      versions: await checkIds(tx, lines, job.tenantId ?? ''),
    }));
    if (!reference.organisation) throw new JobError('import_failed');
    // What an earlier, interrupted run of this job staged already (whole chunks only).
    const staged = new Set(
      (
        await context.transaction((tx) => queryRows<{ line: number }>(tx, sql`select line from directory_import_rows where import_id = ${payload.importId}`))
      ).map((row) => Number(row.line)),
    );
    for (let start = 0; start < lines.length; start += CHUNK) {
      if (context.signal.aborted) throw new JobError('import_aborted');
      const chunk = lines.slice(start, start + CHUNK).filter((line) => !staged.has(line.line));
      if (chunk.length === 0) continue;
      // Checking is CPU work: done before the transaction, so the connection is held only for I/O.
      const checked = chunk.map((line) => {
        const data = validateLine(line);
        if (data) {
          for (const code of [...data.area.municipalities, ...data.locations.flatMap((l) => (l.municipalityCode ? [l.municipalityCode] : []))]) {
            if (!reference.municipalities.has(code))
              line.problems.push({
                field: line.fieldName?.('area') ?? 'municipalities',
                code: 'municipality_unknown',
                message: { sv: `Kommunkoden ${code} finns inte`, en: `The municipality code ${code} does not exist` },
              });
          }
          for (const code of data.area.counties) {
            if (!reference.counties.has(code))
              line.problems.push({
                field: line.fieldName?.('area') ?? 'counties',
                code: 'county_unknown',
                message: { sv: `Länskoden ${code} finns inte`, en: `The county code ${code} does not exist` },
              });
          }
          const outside = reference.organisation ? areaProblem(data, reference.organisation) : undefined;
          if (outside) line.problems.push({ ...outside, field: line.fieldName?.('area') ?? outside.field });
        }
        return { line, data: data !== undefined && line.problems.length === 0 ? data : undefined };
      });
      await context.transaction(async (tx) => {
        const existing = new Map<string, ServiceRecord>();
        const ids = chunk.flatMap((line) => (line.id && reference.versions.has(line.id) ? [line.id] : []));
        if (ids.length > 0) {
          for (const record of await findServices(tx, sql`s.id = any(${uuidArray(ids)})`)) existing.set(record.id, record);
        }
        const values = checked.map(({ line, data: read }) => {
          const current = line.id ? existing.get(line.id) : undefined;
          const data = read && current ? keepProtected(line, read, current) : read;
          const action = !data ? 'reject' : current ? (comparable(data) === comparable(current) ? 'unchanged' : 'update') : 'create';
          // A create keeps the file's id where the format allows it (checkIds made sure no entry has it).
          const serviceId = current?.id ?? (action === 'create' && line.newIdAllowed ? line.id : null);
          return sql`(${payload.importId}, ${line.line}, ${job.tenantId}, ${action}, ${serviceId}::uuid, ${line.name}, ${JSON.stringify(line.problems)}::jsonb, ${data ? JSON.stringify(data) : null}::jsonb)`;
        });
        if (values.length > 0) {
          await tx.execute(sql`insert into directory_import_rows (import_id, line, tenant_id, action, service_id, name, problems, record) values ${sql.join(values, sql`, `)}
                               on conflict (import_id, line) do nothing`);
        }
      });
      await context.reportProgress(Math.min(start + CHUNK, lines.length), lines.length);
    }
    const { valid, rejected } = await context.transaction(async (tx) => {
      const [counts] = await queryRows<{ valid: number; rejected: number }>(
        tx,
        sql`select count(*) filter (where action <> 'reject')::int as valid, count(*) filter (where action = 'reject')::int as rejected
              from directory_import_rows where import_id = ${payload.importId}`,
      );
      const totals = { valid: Number(counts?.valid ?? 0), rejected: Number(counts?.rejected ?? 0) };
      await tx.execute(
        sql`update directory_imports set status = 'previewed', file_problems = ${JSON.stringify(parsed.fileProblems)}::jsonb,
              total_rows = ${lines.length}, valid_rows = ${totals.valid}, rejected_rows = ${totals.rejected}
            where id = ${payload.importId}`,
      );
      return totals;
    });
    return { result: { importId: payload.importId, rows: lines.length, valid, rejected } };
  };
}

/** Lines in the preview answer: every rejected line, and the others up to this many. */
const PREVIEW_LINES = 1000;

export async function importPreview(tx: Tx, importId: string, locale: Locale): Promise<ImportPreview> {
  const [head] = await queryRows<{
    id: string;
    status: ImportPreview['status'];
    format: ImportPreview['format'];
    file_problems: ImportProblem[];
    total_rows: number;
  }>(tx, sql`select id, status, format, file_problems, total_rows from directory_imports where id = ${importId}`);
  if (!head) throw new AppError('not_found');
  const counts = await queryRows<{ action: string; count: number }>(
    tx,
    sql`select action, count(*)::int as count from directory_import_rows where import_id = ${importId} group by action`,
  );
  const count = (action: string) => Number(counts.find((row) => row.action === action)?.count ?? 0);
  const rows = await queryRows<{
    line: number;
    action: 'create' | 'update' | 'unchanged' | 'reject';
    name: string | null;
    service_id: string | null;
    problems: ImportProblem[];
  }>(
    tx,
    sql`(select line, action, name, service_id, problems from directory_import_rows where import_id = ${importId} and action = 'reject')
        union all
        (select line, action, name, service_id, problems from directory_import_rows where import_id = ${importId} and action <> 'reject' order by line limit ${PREVIEW_LINES})
        order by line`,
  );
  const localise = (problems: ImportProblem[]) => problems.map((p) => ({ field: p.field, code: p.code, message: p.message[locale] }));
  return {
    id: head.id,
    status: head.status,
    format: head.format,
    totals: { rows: Number(head.total_rows), create: count('create'), update: count('update'), unchanged: count('unchanged'), reject: count('reject') },
    fileProblems: localise(head.file_problems),
    lines: rows.map((row) => ({ line: Number(row.line), action: row.action, name: row.name, serviceId: row.service_id, problems: localise(row.problems) })),
  };
}

/**
 * Writes a previewed import in one transaction: every created and changed entry, each with a
 * version row. Nothing is written when a row was rejected, unless `onlyValidRows` is chosen.
 */
export async function applyImport(
  tx: Tx,
  editor: Editor,
  importId: string,
  options: { onlyValidRows: boolean; verify: boolean },
  now: Date,
): Promise<{ id: string; created: number; updated: number; unchanged: number }> {
  const [head] = await queryRows<{ status: string; file_problems: ImportProblem[]; rejected_rows: number; valid_rows: number }>(
    tx,
    sql`select status, file_problems, rejected_rows, valid_rows from directory_imports where id = ${importId} for update`,
  );
  if (!head) throw new AppError('not_found');
  if (head.status !== 'previewed') throw new AppError('conflict', { detail: pick(directoryMessages, (m) => m.importNotPreviewed) });
  if (head.file_problems.length > 0 || Number(head.valid_rows) === 0)
    throw new AppError('unprocessable', { detail: pick(directoryMessages, (m) => m.importNothingValid) });
  if (Number(head.rejected_rows) > 0 && !options.onlyValidRows)
    throw new AppError('unprocessable', { detail: pick(directoryMessages, (m) => m.importHasRejected) });
  const rows = await queryRows<{ line: number; action: string; service_id: string | null; record: ServiceData }>(
    tx,
    sql`select line, action, service_id, record from directory_import_rows where import_id = ${importId} and action in ('create', 'update') order by line`,
  );
  const verification = options.verify ? { on: stockholmDate(now), byUserId: editor.userId, byLabel: editor.label } : null;
  const context = { ownerId: editor.tenantId, userId: editor.userId, demo: false };
  let created = 0;
  let updated = 0;
  for (const row of rows) {
    if (row.action === 'create') {
      const id = await insertService(tx, row.record, context, verification, row.service_id ?? undefined);
      await recordVersion(tx, { serviceId: id, version: 1, change: 'imported', userId: editor.userId, label: editor.label, demo: false });
      created++;
    } else if (row.service_id) {
      const [current] = await queryRows<{ version: number }>(tx, sql`select version from directory_services where id = ${row.service_id}`);
      const next = current ? await updateService(tx, row.service_id, Number(current.version), row.record, context, verification ?? 'keep') : undefined;
      if (next === undefined) throw new AppError('version_conflict', { detail: pick(directoryMessages, (m) => m.versionConflict) });
      await recordVersion(tx, { serviceId: row.service_id, version: next, change: 'imported', userId: editor.userId, label: editor.label, demo: false });
      updated++;
    }
  }
  await tx.execute(sql`update directory_imports set status = 'applied', applied_at = app_now() where id = ${importId}`);
  const unchanged = await queryRows<{ count: number }>(
    tx,
    sql`select count(*)::int as count from directory_import_rows where import_id = ${importId} and action = 'unchanged'`,
  );
  return { id: importId, created, updated, unchanged: Number(unchanged[0]?.count ?? 0) };
}
