import { strFromU8, strToU8, unzipSync } from 'fflate';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '#shared/contracts/collaboration.ts';
import { docxWithMetadata, docxZipBomb, pdfWithActiveContent, pdfWithMetadata, SAMPLE_AUTHOR, SAMPLE_EMBEDDED_NAME } from './attachment-samples.ts';
import { AttachmentRejected, checkAttachment, cleanFilename, contentDisposition, type AttachmentProblem } from './attachments.ts';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const AUTHOR = SAMPLE_AUTHOR;

async function rejection(filename: string, bytes: Uint8Array): Promise<AttachmentProblem | undefined> {
  try {
    await checkAttachment(filename, bytes);
    return undefined;
  } catch (error) {
    if (error instanceof AttachmentRejected) return error.problem;
    throw error;
  }
}

describe('meeting attachments', () => {
  it('keeps a PDF readable and removes its Info dictionary, XMP metadata and orphaned objects', async () => {
    const original = await pdfWithMetadata();
    expect(latin1(original)).toContain(AUTHOR);
    const checked = await checkAttachment('Protokoll.pdf', original);
    expect(checked.kind).toBe('pdf');
    expect(checked.contentType).toBe('application/pdf');
    expect(latin1(checked.content)).not.toContain(AUTHOR);
    expect(latin1(checked.content)).not.toContain('Ordbehandlaren');
    expect(latin1(checked.content)).not.toContain('/Metadata');
    const reread = await PDFDocument.load(checked.content, { updateMetadata: false });
    expect(reread.getPageCount()).toBe(1);
    expect(reread.getAuthor()).toBeUndefined();
    expect(reread.getTitle()).toBeUndefined();
    expect(checked.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('removes scripts, open and page actions, launching links and embedded files from a PDF, keeping its pages and web links (issue 16)', async () => {
    const original = await pdfWithActiveContent();
    for (const active of ['/OpenAction', '/JavaScript', '/EmbeddedFiles', '/Launch', SAMPLE_EMBEDDED_NAME, 'launchURL'])
      expect(latin1(original)).toContain(active);
    const checked = await checkAttachment('Dagordning.pdf', original);
    const text = latin1(checked.content);
    for (const active of ['/OpenAction', '/AA', '/JavaScript', '/JS', '/EmbeddedFiles', '/EF', '/Launch', SAMPLE_EMBEDDED_NAME, 'launchURL', 'MZ-inte']) {
      expect(text).not.toContain(active);
    }
    const reread = await PDFDocument.load(checked.content, { updateMetadata: false });
    expect(reread.getPageCount()).toBe(1);
    const links =
      reread
        .getPage(0)
        .node.Annots()
        ?.asArray()
        .map((ref) => reread.context.lookup(ref, PDFDict)) ?? [];
    expect(links).toHaveLength(2);
    expect(links.map((link) => link.lookupMaybe(PDFName.of('A'), PDFDict)?.get(PDFName.of('S'))?.toString())).toEqual([undefined, '/URI']);
  });

  it('removes docProps from an Office document and the references to them, keeping the document', async () => {
    const checked = await checkAttachment('Dagordning.docx', docxWithMetadata());
    expect(checked.kind).toBe('docx');
    const files = unzipSync(checked.content);
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(strFromU8(files['_rels/.rels']!)).not.toContain('docProps');
    expect(strFromU8(files['_rels/.rels']!)).toContain('word/document.xml');
    expect(strFromU8(files['[Content_Types].xml']!)).not.toContain('docProps');
    expect(strFromU8(files['word/document.xml']!)).toContain('Dagordning');
    expect(latin1(checked.content)).not.toContain(AUTHOR);
  });

  it('decides the type by the content: a renamed file, an unknown ending or plain bytes are refused', async () => {
    expect(await rejection('Protokoll.pdf', docxWithMetadata())).toBe('content_mismatch');
    expect(await rejection('Dagordning.docx', await pdfWithMetadata())).toBe('content_mismatch');
    expect(await rejection('Kalkyl.xlsx', docxWithMetadata())).toBe('content_mismatch');
    expect(await rejection('Protokoll.pdf', strToU8('<html>not a pdf</html>'))).toBe('content_mismatch');
    expect(await rejection('Protokoll.exe', await pdfWithMetadata())).toBe('unsupported_type');
    expect(await rejection('Protokoll', await pdfWithMetadata())).toBe('unsupported_type');
    // An old binary Word file (or an encrypted Office file) is a compound file, not a package.
    expect(await rejection('Gammal.docx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('content_mismatch');
  });

  it('refuses empty, too large, damaged, and macro-carrying files', async () => {
    expect(await rejection('Tom.pdf', new Uint8Array())).toBe('empty');
    const large = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    large.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(await rejection('Stor.pdf', large)).toBe('too_large');
    expect(await rejection('Trasig.pdf', strToU8('%PDF-1.7\nthis is not a document'))).toBe('damaged');
    expect(await rejection('Trasig.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBe('damaged');
    expect(await rejection('Makro.docx', docxWithMetadata({ 'word/vbaProject.bin': new Uint8Array([1, 2, 3]) }))).toBe('macros');
  });

  it('refuses a zip bomb whose headers understate its size as it unpacks (issue 16)', async () => {
    expect(await rejection('Dagordning.docx', docxZipBomb(1500))).toBe('expands_too_much');
  });

  it('cleans names and writes a download header with an ASCII fallback', () => {
    expect(cleanFilename('C:\\Users\\anna\\Protokoll "slut".pdf')).toBe('Protokoll slut.pdf');
    expect(cleanFilename('../../etc/Dagordning.docx')).toBe('Dagordning.docx');
    expect(contentDisposition('Årsrapport 2026.pdf')).toBe(`attachment; filename="Arsrapport 2026.pdf"; filename*=UTF-8''%C3%85rsrapport%202026.pdf`);
  });
});
