import type { RoundResults, QuestionResult } from '#shared/contracts/surveys.ts';
import { answeredText } from '#shared/format/answer-counts.ts';
import { formatNumber, formatPercent } from '#shared/format/number.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { toCsv } from '../../platform/export/csv.ts';
import { createPdfReport } from '../../platform/export/pdf-report.ts';
import { newWorkbook, xlsxBuffer } from '../../platform/export/xlsx.ts';
import { surveyMessages } from './messages.ts';

/**
 * The owner's exports of a round's results: CSV (the counts and shares), XLSX (a summary sheet,
 * the answers per organisation and the free text) and a PDF report with charts. All are for the
 * survey's owner only — free text never goes into anything public. Counts of persons arrive
 * already protected by disclosure control (`survey-results.ts`).
 */

function areaLabel(area: string | null, locale: Locale): string {
  return area ? surveyMessages[locale].labels.areas[area as 'vnr'] : '';
}

/** One row per question, area and answer option or sum. */
function summaryRows(results: RoundResults, locale: Locale): Array<Array<string | number | null>> {
  const rows: Array<Array<string | number | null>> = [];
  for (const question of results.questions) {
    for (const option of question.options) {
      rows.push([
        question.sectionTitle,
        question.id,
        question.text,
        areaLabel(option.area, locale),
        option.label,
        option.count,
        option.share === null ? null : Number(option.share.toFixed(4)),
        option.previousShare === null ? null : Number(option.previousShare.toFixed(4)),
      ]);
    }
    for (const sum of question.sums) {
      rows.push([
        question.sectionTitle,
        question.id,
        question.text,
        areaLabel(sum.area, locale),
        `${surveyMessages[locale].report.total}${question.unit ? ` (${question.unit})` : ''}`,
        sum.total.text,
        null,
        sum.previousTotal?.text ?? null,
      ]);
    }
  }
  return rows;
}

function summaryHeader(results: RoundResults, locale: Locale): string[] {
  const t = surveyMessages[locale].report;
  return [
    t.section,
    'id',
    t.question,
    t.area,
    t.option,
    t.count,
    t.share,
    results.previous ? interpolate(t.previousShare, { year: results.previous.year }) : interpolate(t.previousShare, { year: results.year - 1 }),
  ];
}

export function resultsCsv(results: RoundResults, locale: Locale): string {
  return toCsv(summaryHeader(results, locale), summaryRows(results, locale));
}

export async function resultsXlsx(results: RoundResults, locale: Locale, now: Date): Promise<Buffer> {
  const t = surveyMessages[locale].report;
  const workbook = await newWorkbook();
  workbook.creator = 'Upptäck';
  const summary = workbook.addWorksheet(t.sheetSummary);
  summary.addRow([results.title]).font = { bold: true, size: 14 };
  summary.addRow([interpolate(t.generated, { date: formatDate(now, locale), answered: answeredText(results, t) })]);
  summary.addRow([interpolate(t.suppressionNote, { threshold: results.disclosure.threshold })]);
  summary.addRow([]);
  summary.addRow(summaryHeader(results, locale)).font = { bold: true };
  for (const row of summaryRows(results, locale)) summary.addRow(row);
  summary.getColumn(7).numFmt = '0%';
  summary.getColumn(8).numFmt = '0%';
  summary.getColumn(3).width = 60;
  summary.getColumn(5).width = 30;

  const goals = workbook.addWorksheet(t.sheetGoals);
  goals.addRow([t.goal, t.questions, t.answers, t.yesShare, t.partlyShare]).font = { bold: true };
  for (const goal of results.byGoal)
    goals.addRow([
      surveyMessages[locale].labels.goals[goal.goal],
      goal.questions,
      goal.answers,
      goal.answers ? goal.yes / goal.answers : null,
      goal.answers ? goal.partly / goal.answers : null,
    ]);
  goals.addRow([]);
  goals.addRow([t.area, t.questions, t.answers, t.yesShare, t.partlyShare]).font = { bold: true };
  for (const area of results.byArea)
    goals.addRow([
      surveyMessages[locale].labels.areas[area.area],
      area.questions,
      area.answers,
      area.answers ? area.yes / area.answers : null,
      area.answers ? area.partly / area.answers : null,
    ]);
  goals.getColumn(4).numFmt = '0%';
  goals.getColumn(5).numFmt = '0%';
  goals.getColumn(1).width = 45;

  const answers = workbook.addWorksheet(t.sheetAnswers);
  answers.addRow([t.question, 'id', t.respondent, t.answer]).font = { bold: true };
  for (const question of results.questions) for (const row of question.byRespondent) answers.addRow([question.text, question.id, row.respondent, row.answer]);
  answers.getColumn(1).width = 60;
  answers.getColumn(3).width = 30;
  answers.getColumn(4).width = 60;

  const free = workbook.addWorksheet(t.sheetFreeText);
  free.addRow([t.question, 'id', t.respondent, t.answer]).font = { bold: true };
  for (const question of results.questions) for (const row of question.freeText) free.addRow([question.text, question.id, row.respondent, row.text]);
  free.getColumn(1).width = 60;
  free.getColumn(4).width = 80;
  return xlsxBuffer(workbook);
}

/**
 * The report PDF: summary by goal and violence area, then each question with fixed answers as a
 * bar chart drawn as vector shapes, each followed by the same figures as a table (the chart is
 * never the only carrier of a number). A tagged PDF with language and title, so screen readers
 * read it in order.
 */
export async function resultsPdf(results: RoundResults, locale: Locale, now: Date): Promise<Buffer> {
  const t = surveyMessages[locale].report;
  const labels = surveyMessages[locale].labels;
  const percent = (share: number | null) => (share === null ? '' : formatPercent(share, locale));
  const count = (value: number) => formatNumber(value, locale);
  const title = interpolate(t.title, { title: results.title });
  const { doc, done, heading, paragraph, bars, table } = await createPdfReport(title, locale, { headingSpace: 80, keepTablesTogether: true });

  heading(title, 18);
  paragraph(interpolate(t.generated, { date: formatDate(now, locale), answered: answeredText(results, t) }));
  paragraph(results.previous ? interpolate(t.previous, { title: results.previous.title, year: results.previous.year }) : t.noPrevious);
  paragraph(interpolate(t.suppressionNote, { threshold: results.disclosure.threshold }), 9);
  paragraph(t.freeTextNote, 9);

  heading(t.byGoal, 14);
  const goalItems = results.byGoal.map((goal) => ({
    label: labels.goals[goal.goal],
    share: goal.answers ? goal.yes / goal.answers : null,
    value: goal.answers ? percent(goal.yes / goal.answers) : '–',
  }));
  paragraph(t.chartLabel, 8.5);
  bars(goalItems);
  table(
    [t.goal, t.questions, t.answers, t.yesShare, t.partlyShare],
    results.byGoal.map((goal) => [
      labels.goals[goal.goal],
      count(goal.questions),
      count(goal.answers),
      goal.answers ? percent(goal.yes / goal.answers) : '–',
      goal.answers ? percent(goal.partly / goal.answers) : '–',
    ]),
    [0.4, 0.12, 0.12, 0.18, 0.18],
  );

  heading(t.byArea, 14);
  paragraph(t.chartLabel, 8.5);
  bars(
    results.byArea.map((area) => ({
      label: labels.areas[area.area],
      share: area.answers ? area.yes / area.answers : null,
      value: area.answers ? percent(area.yes / area.answers) : '–',
    })),
  );
  table(
    [t.area, t.questions, t.answers, t.yesShare, t.partlyShare],
    results.byArea.map((area) => [
      labels.areas[area.area],
      count(area.questions),
      count(area.answers),
      area.answers ? percent(area.yes / area.answers) : '–',
      area.answers ? percent(area.partly / area.answers) : '–',
    ]),
    [0.4, 0.12, 0.12, 0.18, 0.18],
  );

  let section = '';
  for (const question of results.questions) {
    if (question.options.length === 0 && question.sums.length === 0) continue;
    if (question.sectionTitle !== section) {
      section = question.sectionTitle;
      heading(section, 14);
    }
    heading(question.text, 11);
    paragraph(interpolate(t.answered, { count: question.answered }), 9);
    if (question.options.length > 0) {
      paragraph(t.chartLabel, 8.5);
      bars(
        question.options.map((option: QuestionResult['options'][number]) => ({
          label: `${option.area ? `${option.area.toUpperCase()}: ` : ''}${option.label}`,
          share: option.share,
          value: percent(option.share),
        })),
      );
      table(
        [t.area, t.option, t.count, t.share, results.previous ? interpolate(t.previousShare, { year: results.previous.year }) : ''],
        question.options.map((option) => [
          areaLabel(option.area, locale),
          option.label,
          count(option.count),
          percent(option.share),
          percent(option.previousShare),
        ]),
        [0.26, 0.3, 0.12, 0.14, 0.18],
      );
    }
    if (question.sums.length > 0) {
      table(
        [t.area, `${t.total}${question.unit ? ` (${question.unit})` : ''}`, results.previous ? String(results.previous.year) : ''],
        question.sums.map((sum) => [areaLabel(sum.area, locale) || t.total, sum.total.text, sum.previousTotal?.text ?? '']),
        [0.45, 0.3, 0.25],
      );
    }
  }
  doc.end();
  return done;
}
