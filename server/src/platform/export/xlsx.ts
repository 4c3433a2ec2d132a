import type ExcelJS from 'exceljs';
import { neutraliseFormula } from './csv.ts';

/** A new workbook. ExcelJS is loaded on the first export, not at start-up: loading it takes about 0.6 s of CPU (docs/benchmarks.md, "Start-up"). */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  return new ExcelJS.Workbook();
}

/**
 * The finished workbook as a file, with every string cell passed through the same formula guard
 * as CSV fields (issue 16 item 7). Applied here, once, rather than per row: a cell added later
 * (a title, a note, a name) cannot miss it. Numbers and dates are left as they are.
 */
export async function xlsxBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') cell.value = neutraliseFormula(cell.value);
      }),
    ),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
