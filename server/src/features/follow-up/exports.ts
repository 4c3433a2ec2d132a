import {
  NARRATIVE_KEYS,
  type Dashboard,
  type FigureCell,
  type IndicatorUnit,
  type PublishedCell,
  type ReportFigures,
  type ReportStatus,
} from '#shared/contracts/follow-up.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { toCsv } from '../../platform/export/csv.ts';
import { createPdfReport } from '../../platform/export/pdf-report.ts';
import { newWorkbook, xlsxBuffer } from '../../platform/export/xlsx.ts';
import { followUpMessages } from './messages.ts';

/**
 * Exports of follow-up: a dashboard as CSV, XLSX and PDF, and the compiled national report as PDF
 * and XLSX. They carry exactly the published cells of the dashboard or the frozen reports —
 * the same suppression, never a raw count.
 */

type ExportCell = string | number;

/**
 * A published cell for a spreadsheet: its number when it is shown (a share as a fraction, a rate
 * per 10 000), so a reader can compute with it; its text ("<5", "–") when it is not. CSV keeps
 * the text as the page shows it.
 */
function spreadsheetCell(cell: PublishedCell, unit: IndicatorUnit = 'number'): ExportCell {
  if (cell.value === null || cell.suppressed !== null) return cell.text;
  return unit === 'rate_per_10000' ? cell.value * 10_000 : cell.value;
}

const asText = (rows: ExportCell[][]): string[][] => rows.map((row) => row.map(String));

/** Excel number formats per unit, for the value column. */
const VALUE_FORMAT: Record<IndicatorUnit, string> = { number: '#,##0', share: '0%', rate_per_10000: '0.0' };
/** Counts (numerators, denominators): grouped thousands, which a Swedish Excel shows with a space. */
const COUNT_FORMAT = '#,##0';

function dashboardRows(dashboard: Dashboard, locale: Locale, as: 'text' | 'spreadsheet'): ExportCell[][] {
  const rows: ExportCell[][] = [];
  const show = (cell: PublishedCell, unit?: IndicatorUnit) => (as === 'text' ? cell.text : spreadsheetCell(cell, unit));
  const line = (label: string, period: string, cell: FigureCell, target: string) =>
    rows.push([label, period, show(cell.numerator), cell.denominator ? show(cell.denominator) : '', show(cell.value, dashboard.indicator.unit), target]);
  dashboard.rows.forEach((row, r) => {
    dashboard.columns.forEach((column, c) => line(row.label, column.label, dashboard.cells[r]![c]!, ''));
    if (dashboard.columns.length > 1 || row.target) line(row.label, followUpMessages[locale].labels.total, dashboard.rowTotals[r]!, row.target?.text ?? '');
  });
  if (dashboard.rows.length > 1) {
    dashboard.columns.forEach((column, c) => line(followUpMessages[locale].labels.total, column.label, dashboard.columnTotals[c]!, ''));
    line(followUpMessages[locale].labels.total, followUpMessages[locale].labels.total, dashboard.total, dashboard.target?.text ?? '');
  }
  return rows;
}

function header(locale: Locale): string[] {
  const t = followUpMessages[locale].export;
  return [t.row, t.period, t.numerator, t.denominator, t.value, t.target];
}

export function dashboardCsv(dashboard: Dashboard, locale: Locale): string {
  return toCsv(header(locale), asText(dashboardRows(dashboard, locale, 'text')));
}

const generatedNote = (dashboard: { disclosure: { threshold: number } }, locale: Locale, now: Date) =>
  interpolate(followUpMessages[locale].export.generated, {
    date: formatDate(now, locale),
    below: dashboard.disclosure.threshold - 1,
    threshold: dashboard.disclosure.threshold,
  });

export async function dashboardXlsx(dashboard: Dashboard, locale: Locale, now: Date): Promise<Buffer> {
  const t = followUpMessages[locale].export;
  const workbook = await newWorkbook();
  workbook.creator = 'Upptäck';
  const sheet = workbook.addWorksheet(t.sheet);
  sheet.addRow([dashboard.indicator.name]).font = { bold: true, size: 14 };
  sheet.addRow([dashboard.indicator.definition]);
  sheet.addRow([dashboard.summary]);
  sheet.addRow([generatedNote(dashboard, locale, now)]);
  sheet.addRow([]);
  sheet.addRow(header(locale)).font = { bold: true };
  for (const row of dashboardRows(dashboard, locale, 'spreadsheet')) sheet.addRow(row);
  sheet.getColumn(3).numFmt = COUNT_FORMAT;
  sheet.getColumn(4).numFmt = COUNT_FORMAT;
  sheet.getColumn(5).numFmt = VALUE_FORMAT[dashboard.indicator.unit];
  sheet.getColumn(1).width = 40;
  sheet.getColumn(2).width = 20;
  sheet.getColumn(6).width = 50;
  return xlsxBuffer(workbook);
}

export async function dashboardPdf(dashboard: Dashboard, locale: Locale, now: Date): Promise<Buffer> {
  const t = followUpMessages[locale].export;
  const title = interpolate(t.title, { name: dashboard.indicator.name });
  const pdf = await createPdfReport(title, locale);
  pdf.heading(title, 16);
  pdf.paragraph(`${t.definition}: ${dashboard.indicator.definition}`);
  pdf.paragraph(dashboard.summary);
  pdf.paragraph(generatedNote(dashboard, locale, now), 9);
  if (dashboard.rows.length > 0) {
    pdf.paragraph(t.chartLabel, 8.5);
    pdf.bars(dashboard.rows.map((row, r) => ({ label: row.label, share: dashboard.rowTotals[r]!.value.value, value: dashboard.rowTotals[r]!.value.text })));
  }
  pdf.table(header(locale), asText(dashboardRows(dashboard, locale, 'text')), [0.26, 0.16, 0.13, 0.13, 0.12, 0.2]);
  pdf.doc.end();
  return pdf.done;
}

type Compiled = Array<{ agency: string; status: ReportStatus; narrative: Record<string, string>; figures: ReportFigures }>;

function figureRow(figure: ReportFigures['indicators'][number], locale: Locale, as: 'text' | 'spreadsheet'): ExportCell[] {
  const t = followUpMessages[locale].report;
  if (!figure.hasDataSource || !figure.total) return [figure.name, t.noDataSource, '', '', ''];
  const show = (cell: PublishedCell, unit?: IndicatorUnit) => (as === 'text' ? cell.text : spreadsheetCell(cell, unit));
  const { total } = figure;
  return [figure.name, show(total.value, figure.unit), show(total.numerator), total.denominator ? show(total.denominator) : '', figure.target?.text ?? ''];
}

export async function compiledPdf(year: number, reports: Compiled, locale: Locale, now: Date): Promise<Buffer> {
  const t = followUpMessages[locale];
  const title = interpolate(t.report.compiledTitle, { year });
  const pdf = await createPdfReport(title, locale);
  pdf.heading(title, 18);
  pdf.paragraph(t.report.compiledLead);
  pdf.paragraph(generatedNote({ disclosure: { threshold: reports[0]?.figures.threshold ?? 5 } }, locale, now), 9);
  const head = [t.export.indicator, t.export.value, t.export.numerator, t.export.denominator, t.export.target];
  for (const report of reports) {
    pdf.heading(`${t.report.agency}: ${report.agency} (${t.labels.statuses[report.status]})`, 14);
    pdf.table(
      head,
      report.figures.indicators.map((figure) => figureRow(figure, locale, 'text').map(String)),
      [0.4, 0.12, 0.12, 0.12, 0.24],
    );
    pdf.heading(t.report.narrative, 11);
    for (const key of NARRATIVE_KEYS) {
      const text = report.narrative[key]?.trim();
      if (text) pdf.paragraph(`${t.labels.narrative[key]}: ${text}`);
    }
  }
  pdf.doc.end();
  return pdf.done;
}

export async function compiledXlsx(year: number, reports: Compiled, locale: Locale, now: Date): Promise<Buffer> {
  const t = followUpMessages[locale];
  const workbook = await newWorkbook();
  workbook.creator = 'Upptäck';
  const figures = workbook.addWorksheet(t.report.sheetFigures);
  figures.addRow([interpolate(t.report.compiledTitle, { year })]).font = { bold: true, size: 14 };
  figures.addRow([generatedNote({ disclosure: { threshold: reports[0]?.figures.threshold ?? 5 } }, locale, now)]);
  figures.addRow([t.report.agency, t.export.indicator, t.export.value, t.export.numerator, t.export.denominator, t.export.target]).font = { bold: true };
  for (const report of reports) {
    for (const figure of report.figures.indicators)
      figures.addRow([report.agency, ...figureRow(figure, locale, 'spreadsheet')]).getCell(3).numFmt = VALUE_FORMAT[figure.unit];
  }
  figures.getColumn(2).width = 60;
  figures.getColumn(4).numFmt = COUNT_FORMAT;
  figures.getColumn(5).numFmt = COUNT_FORMAT;
  const narrative = workbook.addWorksheet(t.report.sheetNarrative);
  narrative.addRow([t.report.agency, t.report.narrative, '']).font = { bold: true };
  for (const report of reports) for (const key of NARRATIVE_KEYS) narrative.addRow([report.agency, t.labels.narrative[key], report.narrative[key] ?? '']);
  narrative.getColumn(3).width = 100;
  return xlsxBuffer(workbook);
}
