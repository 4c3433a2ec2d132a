/**
 * CSV for exports (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read å, ä, ö).
 * Cells that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return; OWASP "CSV
 * injection") get a leading apostrophe: exported free text must never execute.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
