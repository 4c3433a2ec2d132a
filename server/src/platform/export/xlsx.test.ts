import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsxBuffer } from './xlsx.ts';

describe('XLSX files', () => {
  it('neutralise every string cell that starts like a formula, in every sheet; numbers stay numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Första').addRow(["=cmd|' /C calc'!A0", '+46 70', 'vanlig', -3]);
    workbook.addWorksheet('Andra').addRow(['@SUM(A1)', '\t=1', '-', 0.5]).font = { bold: true };
    const file = await xlsxBuffer(workbook);

    const read = new ExcelJS.Workbook();
    await read.xlsx.load(file as unknown as ArrayBuffer);
    const values = (name: string) => (read.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1);
    expect(values('Första')).toEqual(["'=cmd|' /C calc'!A0", "'+46 70", 'vanlig', -3]);
    expect(values('Andra')).toEqual(["'@SUM(A1)", "'\t=1", "'-", 0.5]);
    expect(read.getWorksheet('Andra')!.getCell('A1').font).toMatchObject({ bold: true });
  });
});
