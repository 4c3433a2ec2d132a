import crypto from 'node:crypto';

/**
 * Organisation ids are derived from the organisation's code (e.g. `FK`, `LST-20`, `KOM-2080`) so
 * that every installation, the demo data and the tests agree on them without a lookup.
 */
export function organisationId(code: string): string {
  const hex = crypto.createHash('md5').update(`upptack:organisation:${code}`).digest('hex');
  // Shaped as a version-4 UUID so every validator accepts it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const AGENCY_CODES = ['FK', 'AF', 'MV', 'SOS', 'JAMY'] as const;
export type AgencyCode = (typeof AGENCY_CODES)[number];

/** Minimal RFC 4180 parser for the bundled reference files (quoted fields, no embedded newlines). */
export function parseCsv(text: string): Record<string, string>[] {
  const [headerLine, ...lines] = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.length > 0);
  if (!headerLine) return [];
  const header = splitCsvLine(headerLine);
  return lines.map((line) => {
    const cells = splitCsvLine(line);
    return Object.fromEntries(header.map((name, index) => [name, cells[index] ?? '']));
  });
}

export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        current += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      cells.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  cells.push(current);
  return cells;
}
