import fs from 'node:fs';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import bidiFactory from 'bidi-js';
// The PDFKit namespace's types only: pdfkit itself is loaded with the first PDF (loadPdfKit).
import type {} from 'pdfkit';
import { registerPdfFonts, TEXT_FONT } from '../../platform/export/pdf-fonts.ts';

/**
 * Right-to-left text for pdfkit, which has no bidi algorithm of its own (ADR 0023). A line is
 * split into runs of one embedding level (Unicode Bidirectional Algorithm, bidi-js) and one font;
 * the runs are drawn in visual order. Arabic runs go to the Arabic font in logical order, because
 * fontkit shapes them (joining forms) and lays them out right to left itself; other runs that sit
 * at a right-to-left level (spaces, punctuation) are reversed and mirrored here.
 */
const require = createRequire(import.meta.url);
const bidi = bidiFactory();

export const LATIN_FONT = TEXT_FONT;
export const ARABIC_FONT = 'NotoSansArabic';

/** Noto Sans Arabic (SIL Open Font License 1.1), from the @fontsource/noto-sans-arabic package. */
export const ARABIC_FONT_FILE = require.resolve('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff');
let arabicFont: Buffer | undefined;

/**
 * Unpacks a WOFF 1.0 file (W3C WOFF, §3–5) into the plain TrueType it wraps. fontkit reads WOFF
 * but inflates a table again each time it is read, which made every PDF's font subset cost
 * ~170 ms (measured); from the plain font it costs a few milliseconds.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, index) => {
    const entry = 44 + index * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compLength = woff.readUInt32BE(entry + 8);
    const origLength = woff.readUInt32BE(entry + 12);
    const raw = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.readUInt32BE(entry),
      checksum: woff.readUInt32BE(entry + 16),
      data: compLength < origLength ? zlib.inflateSync(raw) : raw,
    };
  });
  const power = 2 ** Math.floor(Math.log2(numTables));
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(numTables * 16 - power * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((table, index) => {
    const record = 12 + index * 16;
    header.writeUInt32BE(table.tag, record);
    header.writeUInt32BE(table.checksum, record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(table.data.length, record + 12);
    const padded = Buffer.alloc(Math.ceil(table.data.length / 4) * 4);
    table.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

export function registerFonts(doc: PDFKit.PDFDocument): void {
  registerPdfFonts(doc);
  arabicFont ??= woffToSfnt(fs.readFileSync(ARABIC_FONT_FILE));
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
  return [...text]
    .map((char, index) => map.get(index) ?? char)
    .reverse()
    .join('');
}

type Piece = { text: string; font: string };

/** The runs of a line in the order they are drawn, left to right. */
export function visualPieces(line: string): Piece[] {
  return visualOrder(logicalRuns(line)).map((run) => {
    if (run.arabic) return { text: run.text, font: ARABIC_FONT };
    return { text: run.level % 2 === 1 ? mirrored(run.text) : run.text, font: LATIN_FONT };
  });
}

type Subset = { glyphs: number[]; mapping: Record<number, number> };
type LaidOutGlyph = { id: number; codePoints: number[]; advanceWidth: number };
type EmbeddedFont = {
  font: { _glyphs: Record<number, unknown>; getGlyph(id: number, codePoints?: number[]): unknown };
  subset: Subset;
  unicode: number[][];
  widths: number[];
  scale: number;
  layoutRun(text: string, features?: unknown): { glyphs: LaidOutGlyph[]; positions: unknown[] };
  encode(text: string, features?: unknown): [string[], unknown[]];
  oneGlyphPerLetter?: boolean;
};

/**
 * Noto Sans Arabic draws many letters as one dotless base glyph plus dot marks: ب ت ث ن ي share a
 * base. fontkit caches a glyph with the letters of the first place it was drawn, and pdfkit maps
 * each embedded glyph to those letters, so every later letter on that base read back as the first
 * one ("the letters' dots are lost", ADR 0023). Here each run is laid out without fontkit's glyph
 * cache (so every glyph carries the letters it stands for at that place), and the embedded font
 * gets one copy of a glyph per letter it stands for (same outline): the ToUnicode map gives each
 * copy its own letter, and copy, search and screen readers get the words as written (ADR 0110).
 * The dot marks map to no letter, as they should.
 */
function oneGlyphPerLetter(doc: PDFKit.PDFDocument): void {
  const font = (doc as unknown as { _font: EmbeddedFont })._font;
  if (font.oneGlyphPerLetter) return;
  font.oneGlyphPerLetter = true;
  const copies = new Map<string, number>();
  font.encode = function encode(this: EmbeddedFont, text: string, features?: unknown): [string[], unknown[]] {
    const fontkitFont = this.font;
    const cached = Object.getPrototypeOf(fontkitFont).getGlyph as EmbeddedFont['font']['getGlyph'];
    fontkitFont.getGlyph = function fresh(this: EmbeddedFont['font'], id: number, codePoints?: number[]) {
      delete this._glyphs[id];
      return cached.call(this, id, codePoints);
    };
    let run: ReturnType<EmbeddedFont['layoutRun']>;
    try {
      run = this.layoutRun(text, features);
    } finally {
      delete (fontkitFont as { getGlyph?: unknown }).getGlyph;
    }
    const { glyphs, positions } = run;
    const encoded: string[] = [];
    for (const glyph of glyphs) {
      const key = `${glyph.id}:${glyph.codePoints.join(',')}`;
      let gid = copies.get(key);
      if (gid === undefined) {
        this.subset.glyphs.push(glyph.id);
        gid = this.subset.glyphs.length - 1;
        // Composite glyphs find their components through the subset's mapping.
        this.subset.mapping[glyph.id] ??= gid;
        copies.set(key, gid);
      }
      encoded.push(`0000${gid.toString(16)}`.slice(-4));
      this.widths[gid] ??= glyph.advanceWidth * this.scale;
      this.unicode[gid] ??= glyph.codePoints;
    }
    return [encoded, positions];
  };
}

/** Word widths depend only on the word, the fonts and the size: measured once per process. */
const wordWidths = new Map<string, number>();
function wordWidth(doc: PDFKit.PDFDocument, word: string, size: number): number {
  const key = `${size}|${word}`;
  let measured = wordWidths.get(key);
  if (measured === undefined) {
    measured = visualPieces(word).reduce((sum, piece) => sum + doc.font(piece.font).fontSize(size).widthOfString(piece.text), 0);
    if (wordWidths.size > 20_000) wordWidths.clear();
    wordWidths.set(key, measured);
  }
  return measured;
}

function width(doc: PDFKit.PDFDocument, words: string[], size: number): number {
  const space = doc.font(LATIN_FONT).fontSize(size).widthOfString(' ');
  return words.reduce((sum, word) => sum + wordWidth(doc, word, size), 0) + space * Math.max(0, words.length - 1);
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
  const lines: string[][] = [];
  let current: string[] = [];
  for (const word of words) {
    if (current.length > 0 && width(doc, [...current, word], options.size) > maxWidth) {
      lines.push(current);
      current = [word];
    } else {
      current.push(word);
    }
  }
  if (current.length > 0) lines.push(current);
  for (const line of lines) {
    if (doc.y + lineHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = right - width(doc, line, options.size);
    for (const piece of visualPieces(line.join(' '))) {
      // Both fonts on one alphabetic baseline: their ascents differ, so top alignment would not line up.
      doc.font(piece.font);
      if (piece.font === ARABIC_FONT) oneGlyphPerLetter(doc);
      doc.fontSize(options.size).text(piece.text, x, y + options.size * 1.1, { lineBreak: false, baseline: 'alphabetic' });
      x += doc.widthOfString(piece.text);
    }
    doc.x = left;
    doc.y = y + lineHeight;
  }
  doc.y += options.gap ?? 0;
}
