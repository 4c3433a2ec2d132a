/**
 * The platform's one CSV writer and spreadsheet formula guard (issue 16 item 7, issue 17 item 5).
 *
 * By default it writes what Excel with Swedish regional settings opens as-is: `;` between fields,
 * UTF-8 with a byte-order mark (so å, ä, ö survive), CRLF line ends and decimal commas. A field is
 * quoted when it holds the separator, a quote or a line break — so a value like
 * `x;=cmd|' /C calc'!A0` stays one cell instead of being split where Excel splits it.
 *
 * Every text field that a spreadsheet would run as a formula — starting with `=`, `+`, `-`, `@`,
 * tab or carriage return — gets a leading apostrophe (OWASP "CSV injection"): exported free text
 * must never execute. Numbers are written as numbers and are never altered.
 */
export type CsvValue = string | number | boolean | null | undefined;

export type CsvDialect = { separator: ';' | ','; decimalComma: boolean };

/** The default: what Excel in a Swedish locale reads without an import dialog. */
export const SWEDISH_EXCEL: CsvDialect = { separator: ';', decimalComma: true };

/** RFC 4180 as interchange formats specify it (the directory's documented import columns). */
export const RFC_4180: CsvDialect = { separator: ',', decimalComma: false };

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet would evaluate, made inert; used for CSV fields and XLSX string cells alike. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The text a person typed before `neutraliseFormula`, for imports of files this writer produced
 * (an edited export read back in): only an apostrophe that the guard would have added is removed.
 */
export function restoreNeutralised(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

export function csvCell(value: CsvValue, dialect: CsvDialect = SWEDISH_EXCEL): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'number'
      ? dialect.decimalComma
        ? String(value).replace('.', ',')
        : String(value)
      : typeof value === 'boolean'
        ? String(value)
        : neutraliseFormula(value);
  return text.includes(dialect.separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>, dialect: CsvDialect = SWEDISH_EXCEL): string {
  const lines = [header, ...rows].map((row) => row.map((value) => csvCell(value, dialect)).join(dialect.separator));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
