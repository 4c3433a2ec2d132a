import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('CSV for exports', () => {
  it('quotes what needs quoting and defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('vanlig text')).toBe('vanlig text');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+46 70')).toBe("'+46 70");
    expect(csvCell('@import')).toBe("'@import");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });
});
