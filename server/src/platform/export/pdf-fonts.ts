import fs from 'node:fs';

/**
 * Fonts every PDF the platform makes embeds (issue 21, ADR 0110): PDF/UA wants every font
 * embedded, and pdfkit's standard Helvetica is not (nor does it cover Cyrillic, Sami or Ethiopic).
 * DejaVu Sans (Latin, Cyrillic, Greek; Debian `fonts-dejavu-core`) for the text; Abyssinica SIL
 * (Ethiopic: Tigrinya, Amharic; Debian `fonts-sil-abyssinica`) for Ethiopic. The Arabic font is
 * bundled with the directory's handout (`@fontsource/noto-sans-arabic`). A machine without the
 * Debian fonts falls back to Helvetica (not embedded, Latin-1 only), and an Ethiopic text cannot
 * be rendered there (`ethiopicFontAvailable()`).
 */
const CANDIDATES = {
  text: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'],
  bold: ['/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  ethiopic: ['/usr/share/fonts/truetype/abyssinica/AbyssinicaSIL-Regular.ttf', '/usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf'],
} as const;

export const TEXT_FONT = 'UpptackText';
export const BOLD_FONT = 'UpptackBold';
export const ETHIOPIC_FONT = 'UpptackEthiopic';

type Loaded = { text: Buffer | undefined; bold: Buffer | undefined; ethiopic: Buffer | undefined };
let loaded: Loaded | undefined;

function first(paths: readonly string[]): Buffer | undefined {
  for (const path of paths) {
    if (fs.existsSync(path)) return fs.readFileSync(path);
  }
  return undefined;
}

function fonts(): Loaded {
  loaded ??= { text: first(CANDIDATES.text), bold: first(CANDIDATES.bold), ethiopic: first(CANDIDATES.ethiopic) };
  return loaded;
}

export function ethiopicFontAvailable(): boolean {
  return fonts().ethiopic !== undefined;
}

/** Registers the platform's PDF fonts on a document under TEXT_FONT, BOLD_FONT and (where installed) ETHIOPIC_FONT. */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  const { text, bold, ethiopic } = fonts();
  doc.registerFont(TEXT_FONT, text ?? 'Helvetica');
  doc.registerFont(BOLD_FONT, bold ?? 'Helvetica-Bold');
  if (ethiopic) doc.registerFont(ETHIOPIC_FONT, ethiopic);
}

const ETHIOPIC = /[\u1200-\u139F\u2D80-\u2DDF\uAB00-\uAB2F]/;

/** The font a left-to-right paragraph is set in: Ethiopic text in the Ethiopic font, the rest in the text font. */
export function fontFor(text: string, bold = false): string {
  if (ETHIOPIC.test(text) && ethiopicFontAvailable()) return ETHIOPIC_FONT;
  return bold ? BOLD_FONT : TEXT_FONT;
}
