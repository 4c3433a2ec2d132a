import { describe, expect, it } from 'vitest';
import { readAsSwedishExcel, startsLikeFormula } from '../../test-support/spreadsheet.ts';
import { csvCell, restoreNeutralised, RFC_4180, toCsv } from './csv.ts';

describe('the one CSV writer', () => {
  it("keeps `x;=cmd|' /C calc'!A0` in one inert cell when Swedish Excel opens the file", () => {
    const payload = "x;=cmd|' /C calc'!A0";
    const csv = toCsv(
      ['skäl', 'annat'],
      [
        [payload, "=cmd|' /C calc'!A0"],
        ['+46 70', '-1+1'],
        ['@SUM(A1)', '\t=1'],
        ['\r=1', 'vanlig'],
      ],
    );
    const cells = readAsSwedishExcel(csv);
    expect(cells).toEqual([
      ['skäl', 'annat'],
      [payload, "'=cmd|' /C calc'!A0"],
      ["'+46 70", "'-1+1"],
      ["'@SUM(A1)", "'\t=1"],
      ["'\r=1", 'vanlig'],
    ]);
    expect(cells.flat().filter(startsLikeFormula)).toEqual([]);
  });

  it("writes Swedish Excel's format: BOM, semicolons, CRLF, decimal comma, quotes only where needed", () => {
    expect(
      toCsv(
        ['a', 'b', 'c'],
        [
          [0.25, 'x', true],
          [-3, 'rad\nbrytning', null],
          [1, 'a "citat"', 'komma, inte skiljetecken'],
        ],
      ),
    ).toBe('\uFEFFa;b;c\r\n0,25;x;true\r\n-3;"rad\nbrytning";\r\n1;"a ""citat""";komma, inte skiljetecken\r\n');
  });

  it('leaves numbers as numbers: a negative number is not a formula', () => {
    expect(csvCell(-0.5)).toBe('-0,5');
    expect(csvCell('-0,5')).toBe("'-0,5");
  });

  it('writes RFC 4180 for interchange formats that specify it, with the same guard', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x;y', '=1'],
          [0.5, 'a,b'],
        ],
        RFC_4180,
      ),
    ).toBe('\uFEFFa,b\r\nx;y,\'=1\r\n0.5,"a,b"\r\n');
  });

  it('reads back exactly what the guard prefixed, nothing else', () => {
    expect(restoreNeutralised("'=1")).toBe('=1');
    expect(restoreNeutralised("'+46 70")).toBe('+46 70');
    expect(restoreNeutralised("'vanlig")).toBe("'vanlig");
    expect(restoreNeutralised('=1')).toBe('=1');
  });
});
