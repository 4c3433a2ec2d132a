import crypto from 'node:crypto';
import { strToU8, strFromU8, zipSync, type Zippable } from 'fflate';
import type * as PdfLib from 'pdf-lib';
import type { PDFDocument, PDFObject, PDFRef } from 'pdf-lib';
import { ATTACHMENT_EXTENSIONS, ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES, type AttachmentKind } from '#shared/contracts/collaboration.ts';
import { unzipWithinLimits, ZipRefused } from './zip-within-limits.ts';

/**
 * Meeting attachments (ADR 0061): the type is decided by the content, never by the name or the
 * browser's word for it; the name's ending must agree with it. Before storing, the metadata that
 * names people and organisations is removed — a PDF's Info dictionary and XMP streams, an Office
 * document's docProps parts — so a file shared across agencies does not carry its author, its
 * editing time or the path it was saved under; and a PDF's scripts, actions and embedded files
 * are removed, so a file shared with every member organisation shows and does nothing else.
 */
export type AttachmentProblem =
  'empty' | 'too_large' | 'unsupported_type' | 'content_mismatch' | 'encrypted' | 'macros' | 'damaged' | 'expands_too_much' | 'too_slow';

export type CheckedAttachment = { kind: AttachmentKind; filename: string; content: Uint8Array; sha256: string; contentType: string };

export const ATTACHMENT_CONTENT_TYPES: Readonly<Record<AttachmentKind, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** The main part of each Office Open XML kind, with its content type (ECMA-376 part 1). Macro-enabled variants have other types. */
const OFFICE_MAIN_PARTS: Readonly<Record<Exclude<AttachmentKind, 'pdf'>, { part: string; contentType: string }>> = {
  docx: { part: 'word/document.xml', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' },
  xlsx: { part: 'xl/workbook.xml', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml' },
  pptx: { part: 'ppt/presentation.xml', contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml' },
};

export class AttachmentRejected extends Error {
  constructor(readonly problem: AttachmentProblem) {
    super(problem);
    this.name = 'AttachmentRejected';
  }
}

/** The kind a file name claims, by its ending. */
export function claimedKind(filename: string): AttachmentKind | undefined {
  const lower = filename.toLowerCase();
  return ATTACHMENT_KINDS.find((kind) => lower.endsWith(ATTACHMENT_EXTENSIONS[kind]));
}

/** Keeps the last path segment and printable characters; the ending is kept as it was. */
export function cleanFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  return (
    base
      // eslint-disable-next-line no-control-regex -- the control characters are what it strips
      .replace(/[\u0000-\u001f\u007f"]/g, '')
      .trim()
      .slice(-200)
  );
}

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4

/** Reads an Office Open XML package within the limits against zip bombs (zip-within-limits.ts). */
function unpack(bytes: Uint8Array): Record<string, Uint8Array> {
  try {
    return unzipWithinLimits(bytes);
  } catch (error) {
    if (error instanceof ZipRefused) throw new AttachmentRejected(error.reason === 'too_expansive' ? 'expands_too_much' : 'damaged');
    throw error;
  }
}

/** Which Office kind a package is, by its main part and its declared content type. */
function officeKind(files: Record<string, Uint8Array>): Exclude<AttachmentKind, 'pdf'> | 'macro' | undefined {
  const types = files['[Content_Types].xml'];
  if (!types) return undefined;
  const declared = strFromU8(types);
  if (Object.keys(files).some((name) => /(^|\/)vbaProject\.bin$/i.test(name)) || /macroEnabled/i.test(declared)) return 'macro';
  for (const kind of ['docx', 'xlsx', 'pptx'] as const) {
    const { part, contentType } = OFFICE_MAIN_PARTS[kind];
    if (files[part] && declared.includes(`"${contentType}"`)) return kind;
  }
  return undefined;
}

/** What the content is, whatever its name says. */
function sniff(bytes: Uint8Array): { kind: AttachmentKind; files?: Record<string, Uint8Array> } | 'macro' | undefined {
  if (startsWith(bytes, PDF_SIGNATURE)) return { kind: 'pdf' };
  if (!startsWith(bytes, ZIP_SIGNATURE)) return undefined;
  const files = unpack(bytes);
  const kind = officeKind(files);
  if (kind === 'macro') return 'macro';
  return kind ? { kind, files } : undefined;
}

/** Every object reachable from the document catalog: what a reader of the file can reach. */
function reachable({ PDFArray, PDFDict, PDFRef, PDFStream }: typeof PdfLib, document: PDFDocument): Set<PDFRef> {
  const seen = new Set<PDFRef>();
  const visit = (object: PDFObject | undefined): void => {
    if (object === undefined) return;
    if (object instanceof PDFRef) {
      if (seen.has(object)) return;
      seen.add(object);
      visit(document.context.lookup(object));
    } else if (object instanceof PDFDict) {
      for (const [, value] of object.entries()) visit(value);
    } else if (object instanceof PDFArray) {
      for (const value of object.asArray()) visit(value);
    } else if (object instanceof PDFStream) {
      visit(object.dict);
    }
  };
  visit(document.context.trailerInfo.Root);
  return seen;
}

/** Actions that run code, open or fetch other files, or send data: a meeting document needs none. */
const ACTIVE_ACTIONS = ['JavaScript', 'Launch', 'ImportData', 'SubmitForm', 'GoToR', 'GoToE', 'Rendition', 'RichMediaExecute'];
/** Keys that run something when the file opens or a page, field or annotation is used; embedded and associated files. */
const ACTIVE_KEYS = ['OpenAction', 'AA', 'JavaScript', 'EmbeddedFiles', 'EF', 'AF', 'XFA'];

/**
 * Removes what makes a PDF act instead of show (issue 16 item 6): the document's open action and
 * every additional-actions dictionary, the JavaScript and embedded-files name trees, embedded
 * file streams (also those behind file-attachment annotations), XFA forms, and every link or
 * action chain step that runs script, launches or fetches a file or submits data. Links to web
 * addresses and within the document stay. What no longer has a reference is dropped afterwards.
 */
function removeActiveContent({ PDFArray, PDFDict, PDFName, PDFRef, PDFStream }: typeof PdfLib, document: PDFDocument): void {
  const activeActions = new Set(ACTIVE_ACTIONS.map((type) => PDFName.of(type)));
  const activeKeys = ACTIVE_KEYS.map((key) => PDFName.of(key));
  const seen = new Set<PDFRef>();
  const resolve = (object: PDFObject | undefined) => (object instanceof PDFRef ? document.context.lookup(object) : object);
  const isActive = (action: PDFObject | undefined) => {
    const dict = resolve(action);
    const type = dict instanceof PDFDict ? resolve(dict.get(PDFName.of('S'))) : undefined;
    return type instanceof PDFName && activeActions.has(type);
  };
  const visit = (object: PDFObject | undefined): void => {
    if (object instanceof PDFRef) {
      if (seen.has(object)) return;
      seen.add(object);
      visit(document.context.lookup(object));
    } else if (object instanceof PDFStream) {
      visit(object.dict);
    } else if (object instanceof PDFArray) {
      for (const value of object.asArray()) visit(value);
    } else if (object instanceof PDFDict) {
      for (const key of activeKeys) object.delete(key);
      for (const key of [PDFName.of('A'), PDFName.of('Next')]) if (isActive(object.get(key))) object.delete(key);
      for (const [, value] of object.entries()) visit(value);
    }
  };
  visit(document.context.trailerInfo.Root);
}

async function stripPdf(bytes: Uint8Array): Promise<Uint8Array> {
  // Loaded on the first PDF, not at start-up (docs/benchmarks.md, "Start-up").
  const pdfLib = await import('pdf-lib');
  const { EncryptedPDFError, PDFDocument, PDFName } = pdfLib;
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (error) {
    throw new AttachmentRejected(error instanceof EncryptedPDFError ? 'encrypted' : 'damaged');
  }
  // The parser is lenient: a file with a PDF header but no readable document has no catalog.
  try {
    if (document.getPageCount() === 0) throw new AttachmentRejected('damaged');
    const metadata = [PDFName.of('Metadata'), PDFName.of('PieceInfo')];
    document.context.trailerInfo.Info = undefined;
    for (const key of metadata) document.catalog.delete(key);
    for (const page of document.getPages()) for (const key of metadata) page.node.delete(key);
    removeActiveContent(pdfLib, document);
    // The parser keeps every object of the file, also earlier revisions' Info and XMP streams that
    // nothing refers to any more; the writer would copy them. Keep only what the catalog reaches.
    const keep = reachable(pdfLib, document);
    for (const [ref] of document.context.enumerateIndirectObjects()) if (!keep.has(ref)) document.context.delete(ref);
    // Without object streams the result can be checked by reading it (and older readers cope).
    return await document.save({ useObjectStreams: false, updateFieldAppearances: false });
  } catch (error) {
    if (error instanceof AttachmentRejected) throw error;
    throw new AttachmentRejected('damaged');
  }
}

function stripOffice(files: Record<string, Uint8Array>): Uint8Array {
  const kept: Zippable = {};
  for (const [name, content] of Object.entries(files)) {
    if (/^docProps\//i.test(name)) continue;
    if (name === '_rels/.rels') {
      kept[name] = strToU8(strFromU8(content).replace(/<Relationship\b[^>]*Target="\/?docProps\/[^"]*"[^>]*\/>/g, ''));
    } else if (name === '[Content_Types].xml') {
      kept[name] = strToU8(strFromU8(content).replace(/<Override\b[^>]*PartName="\/docProps\/[^"]*"[^>]*\/>/g, ''));
    } else {
      kept[name] = content;
    }
  }
  return zipSync(kept, { level: 6 });
}

/**
 * Checks an upload and returns what is stored, or throws `AttachmentRejected` with the reason.
 * The size limit applies to the upload as sent.
 */
export async function checkAttachment(filename: string, bytes: Uint8Array): Promise<CheckedAttachment> {
  const name = cleanFilename(filename);
  const claimed = claimedKind(name);
  if (!claimed) throw new AttachmentRejected('unsupported_type');
  if (bytes.length === 0) throw new AttachmentRejected('empty');
  if (bytes.length > ATTACHMENT_MAX_BYTES) throw new AttachmentRejected('too_large');
  const actual = sniff(bytes);
  if (actual === 'macro') throw new AttachmentRejected('macros');
  if (!actual || actual.kind !== claimed) throw new AttachmentRejected('content_mismatch');
  const content = actual.kind === 'pdf' ? await stripPdf(bytes) : stripOffice(actual.files ?? {});
  return {
    kind: actual.kind,
    filename: name,
    content,
    sha256: crypto.createHash('sha256').update(content).digest('hex'),
    contentType: ATTACHMENT_CONTENT_TYPES[actual.kind],
  };
}

/** `Content-Disposition` for a download: an ASCII fallback and the real name (RFC 6266). */
export function contentDisposition(filename: string): string {
  const fallback =
    filename
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'bilaga';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
