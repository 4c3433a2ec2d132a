import fs from 'node:fs';
import { createRequire } from 'node:module';
import bidiFactory from 'bidi-js';
import 'pdfkit';

/**
 * Right-to-left text for pdfkit, which has no bidi algorithm of its own (ADR 0023). A line is
 * split into runs of one embedding level (Unicode Bidirectional Algorithm, bidi-js) and one font;
 * the runs are drawn in visual order. Arabic runs go to the Arabic font in logical order, because
 * fontkit shapes them (joining forms) and lays them out right to left itself; other runs that sit
 * at a right-to-left level (spaces, punctuation) are reversed and mirrored here.
 */
const require = createRequire(import.meta.url);
const bidi = bidiFactory();

export const LATIN_FONT = 'Helvetica';
export const ARABIC_FONT = 'NotoSansArabic';

/** Noto Sans Arabic (SIL Open Font License 1.1), from the @fontsource/noto-sans-arabic package. */
export const ARABIC_FONT_FILE = require.resolve('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff');
let arabicFont: Buffer | undefined;

export function registerFonts(doc: PDFKit.PDFDocument): void {
  arabicFont ??= fs.readFileSync(ARABIC_FONT_FILE);
  doc.registerFont(ARABIC_FONT, arabicFont);
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

type Run = { text: string; level: number; arabic: boolean };

const ISOLATES = /[\u2066-\u2069]/;

/** Marks left-to-right content (a phone number, a name in Latin script) as one isolated unit. */
export function isolateLtr(text: string): string {
  return `\u2066${text}\u2069`;
}

function logicalRuns(line: string): Run[] {
  const { levels } = bidi.getEmbeddingLevels(line, 'rtl');
  const runs: Run[] = [];
  for (let index = 0; index < line.length; index++) {
    const char = line[index] ?? '';
    // Isolate marks steer the algorithm but are not drawn.
    if (ISOLATES.test(char)) continue;
    const level = levels[index] ?? 1;
    const arabic = ARABIC.test(char);
    const last = runs[runs.length - 1];
    if (last && last.level === level && last.arabic === arabic) last.text += char;
    else runs.push({ text: char, level, arabic });
  }
  return runs;
}

/** Rule L2 of the algorithm: from the highest level down, reverse every sequence at that level or above. */
function visualOrder(runs: Run[]): Run[] {
  const result = [...runs];
  const highest = Math.max(...result.map((run) => run.level));
  const lowestOdd = Math.min(...result.map((run) => run.level).filter((level) => level % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level--) {
    let start = 0;
    while (start < result.length) {
      if ((result[start]?.level ?? 0) >= level) {
        let end = start;
        while (end + 1 < result.length && (result[end + 1]?.level ?? 0) >= level) end++;
        const reversed = result.slice(start, end + 1).reverse();
        result.splice(start, reversed.length, ...reversed);
        start = end + 1;
      } else {
        start++;
      }
    }
  }
  return result;
}

function mirrored(text: string): string {
  const map = bidi.getMirroredCharactersMap(text, bidi.getEmbeddingLevels(text, 'rtl').levels);
  return [...text].map((char, index) => map.get(index) ?? char).reverse().join('');
}

type Piece = { text: string; font: string };

function pieces(line: string): Piece[] {
  return visualOrder(logicalRuns(line)).map((run) => {
    if (run.arabic) return { text: run.text, font: ARABIC_FONT };
    return { text: run.level % 2 === 1 ? mirrored(run.text) : run.text, font: LATIN_FONT };
  });
}

function width(doc: PDFKit.PDFDocument, text: string, size: number): number {
  return pieces(text).reduce((sum, piece) => sum + doc.font(piece.font).fontSize(size).widthOfString(piece.text), 0);
}

/**
 * Writes a right-to-left paragraph flush right within the page margins, wrapping at spaces and
 * adding pages as needed. Returns nothing; the document's y position moves below the text.
 */
export function rtlParagraph(doc: PDFKit.PDFDocument, text: string, options: { size: number; gap?: number; bold?: boolean }): void {
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  const maxWidth = right - left;
  const lineHeight = options.size * 1.6;
  const words = text.split(/\s+/).filter((word) => word.length > 0);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (current !== '' && width(doc, candidate, options.size) > maxWidth) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current !== '') lines.push(current);
  for (const line of lines) {
    if (doc.y + lineHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = right - width(doc, line, options.size);
    for (const piece of pieces(line)) {
      // Both fonts on one alphabetic baseline: their ascents differ, so top alignment would not line up.
      doc.font(piece.font).fontSize(options.size).text(piece.text, x, y + options.size * 1.1, { lineBreak: false, baseline: 'alphabetic' });
      x += doc.widthOfString(piece.text);
    }
    doc.x = left;
    doc.y = y + lineHeight;
  }
  doc.y += options.gap ?? 0;
}

