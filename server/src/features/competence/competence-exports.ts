import type { ParticipationReport, SharesReport } from '#shared/contracts/competence.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { toCsv } from '../../platform/export/csv.ts';
import { newWorkbook, xlsxBuffer } from '../../platform/export/xlsx.ts';
import { competenceMessages } from './messages.ts';

/**
 * CSV and XLSX of the competence reports: shares of staff trained against requirements (with the
 * trend) and participation per municipality and organisation. Counts of staff are internal to the
 * organisation; the participation export is the view asked for (published = disclosure-controlled).
 */

const share = (value: number | null) => (value === null ? null : Number(value.toFixed(4)));

function shareRows(report: SharesReport, locale: Locale) {
  const t = competenceMessages[locale].export;
  return report.rows.map((row) => [
    row.courseTitle,
    row.unitName,
    t.roles[row.role],
    row.deadline,
    row.staff,
    row.trained,
    row.awaitingConfirmation,
    share(row.share),
    row.overdue ? t.yes : t.no,
  ]);
}

function shareHeader(locale: Locale) {
  const t = competenceMessages[locale].export;
  return [t.course, t.unit, t.role, t.deadline, t.staff, t.trained, t.awaiting, t.share, t.overdue];
}

export function sharesCsv(report: SharesReport, locale: Locale): string {
  return toCsv(shareHeader(locale), shareRows(report, locale));
}

export async function sharesXlsx(report: SharesReport, locale: Locale): Promise<Buffer> {
  const t = competenceMessages[locale].export;
  const workbook = await newWorkbook();
  workbook.creator = 'Upptäck';
  const sheet = workbook.addWorksheet(t.sheetShares);
  sheet.addRow(shareHeader(locale)).font = { bold: true };
  for (const row of shareRows(report, locale)) sheet.addRow(row);
  sheet.getColumn(8).numFmt = '0%';
  sheet.getColumn(1).width = 50;
  sheet.getColumn(2).width = 30;
  const trend = workbook.addWorksheet(t.sheetTrend);
  trend.addRow([t.course, t.unit, t.month, t.staff, t.trained, t.share]).font = { bold: true };
  for (const series of report.trend)
    for (const point of series.points) trend.addRow([series.courseTitle, series.unitName ?? '', point.month, point.staff, point.trained, share(point.share)]);
  trend.getColumn(6).numFmt = '0%';
  trend.getColumn(1).width = 50;
  return xlsxBuffer(workbook);
}

function participationTables(report: ParticipationReport, locale: Locale) {
  const t = competenceMessages[locale].export;
  const years = report.years.map(String);
  return {
    municipalities: {
      header: [t.municipality, ...years, t.total, t.events],
      rows: report.municipalities.map((row) => [row.name, ...row.years.map((cell) => cell.value ?? cell.text), row.total.value ?? row.total.text, row.events]),
    },
    organisations: {
      header: [t.organisation, ...years, t.total],
      rows: report.organisations.map((row) => [row.name, ...row.years.map((cell) => cell.value ?? cell.text), row.total.value ?? row.total.text]),
    },
  };
}

export function participationCsv(report: ParticipationReport, locale: Locale): string {
  const tables = participationTables(report, locale);
  return toCsv(tables.municipalities.header, tables.municipalities.rows);
}

export async function participationXlsx(report: ParticipationReport, locale: Locale): Promise<Buffer> {
  const t = competenceMessages[locale].export;
  const tables = participationTables(report, locale);
  const workbook = await newWorkbook();
  workbook.creator = 'Upptäck';
  const add = (name: string, table: { header: string[]; rows: Array<Array<string | number>> }) => {
    const sheet = workbook.addWorksheet(name);
    if (report.view === 'published') sheet.addRow([interpolate(t.suppressionNote, { below: report.disclosure.threshold - 1 })]);
    sheet.addRow(table.header).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.getColumn(1).width = 35;
  };
  add(t.sheetMunicipalities, tables.municipalities);
  add(t.sheetOrganisations, tables.organisations);
  const never = workbook.addWorksheet(t.sheetNever);
  never.addRow([t.municipality]).font = { bold: true };
  for (const municipality of report.neverTakenPart) never.addRow([municipality.name]);
  return xlsxBuffer(workbook);
}
