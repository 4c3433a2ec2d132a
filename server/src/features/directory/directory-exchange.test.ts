import { describe, expect, it } from 'vitest';
import { normalisePhone } from '#shared/contracts/directory.ts';
import { parseCsvImport, validateLine } from './directory-exchange.ts';
import { parseJsonImport } from './hsds.ts';

describe('the profile’s file formats', () => {
  it('accepts Swedish phone numbers and short national numbers, and nothing else', () => {
    expect(normalisePhone('020-50 50 50')).toBe('020505050');
    expect(normalisePhone('116 006')).toBe('116006');
    expect(normalisePhone('112')).toBe('112');
    expect(normalisePhone('+46 23 000 01 00')).toBe('0230000100');
    expect(normalisePhone('0243-000 01 00')).toBeUndefined();
    expect(normalisePhone('555-ABC')).toBeUndefined();
  });

  it('reads CSV with quoted fields that hold commas, quotes and line breaks, numbering lines as in the file', () => {
    const file = [
      'organization_name,name,description,audiences,kinds,phones,municipalities',
      'Förening,"Stöd, samtal","Rad ett\nrad två med ""citat""",women_exposed,counselling,023-000 01 00,2080',
      'Förening,Jour,,women_exposed;children_young,shelter,023-000 02 00,2080',
    ].join('\n');
    const parsed = parseCsvImport(file);
    expect(parsed.fileProblems).toEqual([]);
    expect(parsed.lines.map((line) => line.line)).toEqual([2, 4]);
    const first = validateLine(parsed.lines[0]!);
    expect(first).toMatchObject({ name: 'Stöd, samtal', description: 'Rad ett\nrad två med "citat"' });
    expect(validateLine(parsed.lines[1]!)?.audiences).toEqual(['women_exposed', 'children_young']);
  });

  it('names every missing required column', () => {
    expect(parseCsvImport('name\nX').fileProblems.map((problem) => problem.field)).toEqual(['organization_name', 'audiences', 'kinds', 'phones']);
  });

  it('refuses text that was not UTF-8', () => {
    expect(parseCsvImport('organization_name,name\nMalm\uFFFD,X').fileProblems[0]?.code).toBe('encoding');
    expect(parseJsonImport('{"services":[{"name":"Malm\uFFFD"}]}').fileProblems[0]?.code).toBe('encoding');
  });

  it('reports unknown codes with the allowed values in both languages', () => {
    const parsed = parseCsvImport('organization_name,name,audiences,kinds,phones,municipalities\nX,Y,aliens,chat,112,2080');
    const line = parsed.lines[0]!;
    expect(validateLine(line)).toBeUndefined();
    expect(line.problems[0]).toMatchObject({ field: 'audiences', code: 'unknown_code' });
    expect(line.problems[0]?.message.en).toContain('perpetrators');
  });
});
