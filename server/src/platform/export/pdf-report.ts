import type PdfKit from 'pdfkit';
import type { Locale } from '#shared/i18n/messages.ts';
import { BOLD_FONT, registerPdfFonts, TEXT_FONT } from './pdf-fonts.ts';

/** PDFKit, loaded on the first PDF rather than at start-up (docs/benchmarks.md, "Start-up"). */
export async function loadPdfKit(): Promise<typeof PdfKit> {
  return (await import('pdfkit')).default;
}

/** The bytes of a PDF document once it has ended. */
export function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export type PdfReportOptions = {
  /** Room a heading needs below it on the page, or it starts the next page. */
  headingSpace?: number;
  /** Start a table on the next page when it would not fit in what is left of this one. */
  keepTablesTogether?: boolean;
};

/**
 * A small tagged PDF writer for reports (follow-up, survey results): A4, language and title set,
 * a structure tree in reading order (Document → H1–H3, P, L/LI for the bars, Table/TR/TH/TD; the
 * bars' rectangles are artifacts) and embedded fonts (ADR 0110), so screen readers read it in
 * order; headings, paragraphs, horizontal bars with their values beside them, and tables whose
 * rows grow with their tallest cell. `done` resolves once `doc.end()` runs.
 */
export async function createPdfReport(title: string, locale: Locale, options: PdfReportOptions = {}) {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    tagged: true,
    lang: locale === 'sv' ? 'sv-SE' : 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: title, Producer: 'Upptäck', Creator: 'Upptäck' },
  });
  const done = pdfBuffer(doc);
  registerPdfFonts(doc);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const width = doc.page.width - 100;
  const ensure = (space: number) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - space) doc.addPage();
  };
  const heading = (text: string, size: number) => {
    ensure(options.headingSpace ?? 60);
    root.add(
      doc.struct(size >= 16 ? 'H1' : size >= 13 ? 'H2' : 'H3', {}, () => {
        doc.fillColor('#000000').font(BOLD_FONT).fontSize(size).text(text, 50, doc.y, { paragraphGap: 6 });
      }),
    );
  };
  const paragraph = (text: string, size = 10) =>
    root.add(
      doc.struct('P', {}, () => {
        doc.fillColor('#000000').font(TEXT_FONT).fontSize(size).text(text, 50, doc.y, { paragraphGap: 4, width });
      }),
    );
  /** Horizontal bars with their label and value beside them; shares above 1 scale to the largest. */
  const bars = (items: Array<{ label: string; share: number | null; value: string }>) => {
    ensure(items.length * 16 + 20);
    const labelWidth = width * 0.38;
    const barWidth = width * 0.45;
    const max = Math.max(1, ...items.map((item) => item.share ?? 0));
    const list = doc.struct('L');
    root.add(list);
    for (const item of items) {
      const y = doc.y;
      // Each bar reads as one list item, "label: value"; the rectangles are decoration.
      list.add(
        doc.struct('LI', {}, [
          doc.struct('LBody', {}, () => {
            doc
              .fillColor('#000000')
              .font(TEXT_FONT)
              .fontSize(8.5)
              .text(item.label, 50, y, { width: labelWidth - 6, height: 11, ellipsis: true });
            doc
              .fillColor('#000000')
              .fontSize(8.5)
              .text(item.value, 50 + labelWidth + barWidth + 6, y, { width: width - labelWidth - barWidth - 6 });
          }),
        ]),
      );
      doc.markContent('Artifact', { type: 'Layout' });
      doc
        .rect(50 + labelWidth, y, barWidth, 9)
        .fillColor('#e6e6e6')
        .fill();
      if (item.share !== null)
        doc
          .rect(50 + labelWidth, y, Math.max(0.5, (barWidth * item.share) / max), 9)
          .fillColor('#1b5e8c')
          .fill();
      doc.endMarkedContent();
      doc.x = 50;
      doc.y = y + 14;
    }
    list.end();
    doc.moveDown(0.4);
  };
  const table = (head: string[], rows: string[][], widths: number[]) => {
    if (options.keepTablesTogether) ensure(20 + rows.length * 13);
    const tableElement = doc.struct('Table');
    root.add(tableElement);
    const line = (cells: string[], bold: boolean) => {
      doc.font(bold ? BOLD_FONT : TEXT_FONT).fontSize(8.5);
      // A row is as tall as its tallest cell, so wrapped labels never run into the next row.
      const height = Math.max(...cells.map((cell, index) => doc.heightOfString(cell || ' ', { width: widths[index]! * width - 4 })));
      ensure(height + 4);
      const y = doc.y;
      let x = 50;
      const row = doc.struct('TR');
      tableElement.add(row);
      cells.forEach((cell, index) => {
        const left = x;
        row.add(
          // pdfkit writes `scope` as the table attribute /Scope; its types do not list it.
          doc.struct(bold ? 'TH' : 'TD', (bold ? { scope: 'Column' } : {}) as PDFKit.Mixins.StructureElementOptions, () => {
            doc.fillColor('#000000').text(cell, left, y, { width: widths[index]! * width - 4 });
          }),
        );
        x += widths[index]! * width;
      });
      row.end();
      doc.x = 50;
      doc.y = y + height + 2;
    };
    line(head, true);
    for (const row of rows) line(row, false);
    tableElement.end();
    doc.moveDown(0.6);
  };
  return { doc, done, heading, paragraph, bars, table };
}
