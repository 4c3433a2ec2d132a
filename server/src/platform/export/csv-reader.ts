import { CsvError, parse, type Info } from 'csv-parse/sync';

/**
 * The platform's one CSV reader (issue 17), on csv-parse: RFC 4180 quotes, line breaks inside a
 * quoted field, a byte-order mark, CRLF or LF, and `;` (Excel in a Swedish locale) or `,` between
 * fields — whichever the first line uses, unless the caller names one. Blank lines are skipped;
 * every record carries the line it starts on, so an import can name the line of a problem.
 * Lenient as the hand-written readers it replaced were: a stray quote inside a field is kept, and
 * a quote left open runs to the end of the file.
 */
export type CsvRecord = { line: number; cells: string[] };

type ParsedRecord = { record: string[]; info: Info; raw: string };

export function readCsv(text: string, options: { separator?: ';' | ',' } = {}): CsvRecord[] {
  const content = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const separator = options.separator ?? ((content.split('\n', 1)[0] ?? '').includes(';') ? ';' : ',');
  // With `info` and `raw` each record comes with both; csv-parse's types describe only plain rows.
  const read = (source: string) =>
    parse(source, {
      delimiter: separator,
      record_delimiter: '\n',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }) as unknown as ParsedRecord[];
  let parsed: ParsedRecord[];
  try {
    parsed = read(content);
  } catch (error) {
    if (!(error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED')) throw error;
    parsed = read(`${content}"`);
  }
  return parsed.map(({ record, info, raw }) => {
    // `info.lines` is the line a record ends on; its raw text tells how many lines it spans.
    const spans = raw.replace(/^\n+/, '').replace(/\n$/, '').split('\n').length;
    return { line: info.lines - spans + 1, cells: record };
  });
}

/** A CSV file with a header line as objects keyed by the header's names (the bundled reference files). */
export function readCsvObjects(text: string, options: { separator?: ';' | ',' } = {}): Record<string, string>[] {
  const [header, ...records] = readCsv(text, options);
  if (!header) return [];
  return records.map(({ cells }) => Object.fromEntries(header.cells.map((name, index) => [name, cells[index] ?? ''])));
}
