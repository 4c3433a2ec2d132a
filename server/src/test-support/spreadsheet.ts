/**
 * Reads CSV the way Excel with Swedish regional settings does when the file is opened: a leading
 * byte-order mark selects UTF-8, `;` separates fields unless inside double quotes, `""` inside
 * quotes is one quote, and a quoted field may span lines. Tests use it to see the cells a person
 * would see, instead of trusting the writer's own idea of its format.
 */
export function readAsSwedishExcel(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ';') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Whether a spreadsheet would evaluate the cell (OWASP "CSV injection"). */
export const startsLikeFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell);
