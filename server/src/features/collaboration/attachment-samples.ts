import { strToU8, zipSync } from 'fflate';
import { PDFDocument, PDFName } from 'pdf-lib';

/** Sample attachments for tests (unit, database and browser), with the metadata tools leave. */
export const SAMPLE_AUTHOR = 'Anna Hemligsdotter';

/** A PDF with the metadata office tools leave: Info (author, title, producer) and an XMP stream. */
export async function pdfWithMetadata(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage().drawText('Protokoll från styrgruppen');
  document.setAuthor(SAMPLE_AUTHOR);
  document.setTitle('Utkast C:\\Users\\anna\\protokoll');
  document.setProducer('Ordbehandlaren 2026');
  const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>${SAMPLE_AUTHOR}</dc:creator></x:xmpmeta>`;
  const stream = document.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  document.catalog.set(PDFName.of('Metadata'), document.context.register(stream));
  // An orphan, as an earlier revision of an incrementally saved file leaves behind.
  document.context.register(document.context.obj({ Author: SAMPLE_AUTHOR }));
  return document.save({ useObjectStreams: false });
}

const CONTENT_TYPES =
  `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
  `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
  `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
const RELS =
  `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
  `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`;

/** A minimal Word document with the docProps Word writes (creator, last modified by, company). */
export function docxWithMetadata(extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(RELS),
    'word/document.xml': strToU8('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Dagordning</w:t></w:r></w:p></w:body></w:document>'),
    'docProps/core.xml': strToU8(`<cp:coreProperties><dc:creator>${SAMPLE_AUTHOR}</dc:creator><cp:lastModifiedBy>${SAMPLE_AUTHOR}</cp:lastModifiedBy></cp:coreProperties>`),
    'docProps/app.xml': strToU8('<Properties><Company>Myndigheten</Company></Properties>'),
    ...extra,
  });
}
