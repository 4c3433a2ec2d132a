import ExcelJS from 'exceljs';
import { NARRATIVE_KEYS, type Dashboard, type FigureCell, type ReportFigures, type ReportStatus } from '#shared/contracts/follow-up.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { toCsv } from '../../platform/export/csv.ts';
import { createPdfReport } from '../../platform/export/pdf-report.ts';
import { xlsxBuffer } from '../../platform/export/xlsx.ts';
import { followUpMessages } from './messages.ts';

/**
 * Exports of follow-up: a dashboard as CSV, XLSX and PDF, and the compiled national report as PDF
 * and XLSX. They carry exactly the published cells of the dashboard or the frozen reports —
 * the same suppression, never a raw count.
 */

function dashboardRows(dashboard: Dashboard, locale: Locale): string[][] {
  const rows: string[][] = [];
  const line = (label: string, period: string, cell: FigureCell, target: string) =>
    rows.push([label, period, cell.numerator.text, cell.denominator?.text ?? '', cell.value.text, target]);
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
  return toCsv(header(locale), dashboardRows(dashboard, locale));
}

const generatedNote = (dashboard: { disclosure: { threshold: number } }, locale: Locale, now: Date) =>
  interpolate(followUpMessages[locale].export.generated, { date: formatDate(now, locale), below: dashboard.disclosure.threshold - 1, threshold: dashboard.disclosure.threshold });

export async function dashboardXlsx(dashboard: Dashboard, locale: Locale, now: Date): Promise<Buffer> {
  const t = followUpMessages[locale].export;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Upptäck';
  const sheet = workbook.addWorksheet(t.sheet);
  sheet.addRow([dashboard.indicator.name]).font = { bold: true, size: 14 };
  sheet.addRow([dashboard.indicator.definition]);
  sheet.addRow([dashboard.summary]);
  sheet.addRow([generatedNote(dashboard, locale, now)]);
  sheet.addRow([]);
  sheet.addRow(header(locale)).font = { bold: true };
  for (const row of dashboardRows(dashboard, locale)) sheet.addRow(row);
  sheet.getColumn(1).width = 40;
  sheet.getColumn(2).width = 20;
  sheet.getColumn(6).width = 50;
  return xlsxBuffer(workbook);
}

export async function dashboardPdf(dashboard: Dashboard, locale: Locale, now: Date): Promise<Buffer> {
  const t = followUpMessages[locale].export;
  const title = interpolate(t.title, { name: dashboard.indicator.name });
  const pdf = createPdfReport(title, locale);
  pdf.heading(title, 16);
  pdf.paragraph(`${t.definition}: ${dashboard.indicator.definition}`);
  pdf.paragraph(dashboard.summary);
  pdf.paragraph(generatedNote(dashboard, locale, now), 9);
  if (dashboard.rows.length > 0) {
    pdf.paragraph(t.chartLabel, 8.5);
    pdf.bars(dashboard.rows.map((row, r) => ({ label: row.label, share: dashboard.rowTotals[r]!.value.value, value: dashboard.rowTotals[r]!.value.text })));
  }
  pdf.table(header(locale), dashboardRows(dashboard, locale), [0.26, 0.16, 0.13, 0.13, 0.12, 0.2]);
  pdf.doc.end();
  return pdf.done;
}

type Compiled = Array<{ agency: string; status: ReportStatus; narrative: Record<string, string>; figures: ReportFigures }>;

function figureRow(figure: ReportFigures['indicators'][number], locale: Locale): string[] {
  const t = followUpMessages[locale].report;
  if (!figure.hasDataSource || !figure.total) return [figure.name, t.noDataSource, '', '', ''];
  return [figure.name, figure.total.value.text, figure.total.numerator.text, figure.total.denominator?.text ?? '', figure.target?.text ?? ''];
}

export async function compiledPdf(year: number, reports: Compiled, locale: Locale, now: Date): Promise<Buffer> {
  const t = followUpMessages[locale];
  const title = interpolate(t.report.compiledTitle, { year });
  const pdf = createPdfReport(title, locale);
  pdf.heading(title, 18);
  pdf.paragraph(t.report.compiledLead);
  pdf.paragraph(generatedNote({ disclosure: { threshold: reports[0]?.figures.threshold ?? 5 } }, locale, now), 9);
  const head = [t.export.indicator, t.export.value, t.export.numerator, t.export.denominator, t.export.target];
  for (const report of reports) {
    pdf.heading(`${t.report.agency}: ${report.agency} (${t.labels.statuses[report.status]})`, 14);
    pdf.table(head, report.figures.indicators.map((figure) => figureRow(figure, locale)), [0.4, 0.12, 0.12, 0.12, 0.24]);
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
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Upptäck';
  const figures = workbook.addWorksheet(t.report.sheetFigures);
  figures.addRow([interpolate(t.report.compiledTitle, { year })]).font = { bold: true, size: 14 };
  figures.addRow([generatedNote({ disclosure: { threshold: reports[0]?.figures.threshold ?? 5 } }, locale, now)]);
  figures.addRow([t.report.agency, t.export.indicator, t.export.value, t.export.numerator, t.export.denominator, t.export.target]).font = { bold: true };
  for (const report of reports) for (const figure of report.figures.indicators) figures.addRow([report.agency, ...figureRow(figure, locale)]);
  figures.getColumn(2).width = 60;
  const narrative = workbook.addWorksheet(t.report.sheetNarrative);
  narrative.addRow([t.report.agency, t.report.narrative, '']).font = { bold: true };
  for (const report of reports) for (const key of NARRATIVE_KEYS) narrative.addRow([report.agency, t.labels.narrative[key], report.narrative[key] ?? '']);
  narrative.getColumn(3).width = 100;
  return xlsxBuffer(workbook);
}
