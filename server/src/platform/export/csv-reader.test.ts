import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';
import { readCsv, readCsvObjects } from './csv-reader.ts';

describe('the CSV reader', () => {
  it('reads a quoted field with a line break, `;` between fields and a byte-order mark, naming each record’s first line', () => {
    const text = '\uFEFFnamn;anteckning\r\nFalun;"två\r\nrader; och ""citat"""\r\n\r\nBorlänge;enkel\r\n';
    expect(readCsv(text)).toEqual([
      { line: 1, cells: ['namn', 'anteckning'] },
      { line: 2, cells: ['Falun', 'två\nrader; och "citat"'] },
      { line: 5, cells: ['Borlänge', 'enkel'] },
    ]);
  });

  it('takes `,` when the first line has no `;`, or the separator it is told', () => {
    expect(readCsv('a,b\n1,"2,3"\n').map((record) => record.cells)).toEqual([
      ['a', 'b'],
      ['1', '2,3'],
    ]);
    expect(readCsv('a;b\n1,2;3\n', { separator: ',' }).map((record) => record.cells)).toEqual([['a;b'], ['1', '2;3']]);
  });

  it('keeps going where the file is sloppy: rows of other lengths, a quote left open', () => {
    expect(readCsv('a;b\n1\n2;3;4\n').map((record) => record.cells)).toEqual([['a', 'b'], ['1'], ['2', '3', '4']]);
    expect(readCsv('a;b\n1;"open\nrest\n').map((record) => record.cells)).toEqual([
      ['a', 'b'],
      ['1', 'open\nrest\n'],
    ]);
  });

  it('reads back what the platform’s CSV writer writes', () => {
    const written = toCsv(['name', 'note'], [['=1+1', 'a;b\nc "d"']]);
    expect(readCsvObjects(written)).toEqual([{ name: "'=1+1", note: 'a;b\nc "d"' }]);
  });
});
