import zlib from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';

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

export const SAMPLE_SCRIPT = 'app.launchURL("https://angripare.example/")';
export const SAMPLE_EMBEDDED_NAME = 'uppdatering.exe';

/**
 * A PDF that acts (issue 16): JavaScript run on opening (an OpenAction and the document's
 * JavaScript name tree), a page action, an embedded file, a link that launches a program and one
 * to a web address, which may stay.
 */
export async function pdfWithActiveContent(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const page = document.addPage();
  page.drawText('Dagordning');
  const { context } = document;
  const script = (js: string) => context.register(context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(js) }));
  document.catalog.set(PDFName.of('OpenAction'), script(SAMPLE_SCRIPT));
  document.catalog.set(PDFName.of('AA'), context.obj({ WC: script(SAMPLE_SCRIPT) }));
  document.addJavaScript('vid-oppning', SAMPLE_SCRIPT);
  await document.attach(strToU8('MZ-inte-ett-dokument'), SAMPLE_EMBEDDED_NAME, { mimeType: 'application/octet-stream' });
  page.node.set(PDFName.of('AA'), context.obj({ O: script(SAMPLE_SCRIPT) }));
  const link = (action: Record<string, unknown>) =>
    context.register(context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 100, 20], A: context.obj(action as never) }));
  page.node.set(
    PDFName.of('Annots'),
    context.obj([link({ S: 'Launch', F: PDFString.of('cmd.exe') }), link({ S: 'URI', URI: PDFString.of('https://www.jamstalldhetsmyndigheten.se/') })]),
  );
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
    'word/document.xml': strToU8(
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Dagordning</w:t></w:r></w:p></w:body></w:document>',
    ),
    'docProps/core.xml': strToU8(
      `<cp:coreProperties><dc:creator>${SAMPLE_AUTHOR}</dc:creator><cp:lastModifiedBy>${SAMPLE_AUTHOR}</cp:lastModifiedBy></cp:coreProperties>`,
    ),
    'docProps/app.xml': strToU8('<Properties><Company>Myndigheten</Company></Properties>'),
    ...extra,
  });
}

type RawEntry = { name: string; method: 0 | 8; data: Uint8Array; crc: number; statedSize: number };

/** A zip archive written field by field, so a test can make its headers state any size. */
function zipOf(entries: RawEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.statedSize, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(entry.method, 10);
    header.writeUInt32LE(entry.crc, 16);
    header.writeUInt32LE(entry.data.length, 20);
    header.writeUInt32LE(entry.statedSize, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(entry.data));
    central.push(header, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directory, end]));
}

/**
 * A Word document with a zip bomb inside (issue 16): `word/media/image1.png` inflates to
 * `megabytes` MiB of zeros while its headers state `statedMegabytes` (by default 190 MiB, just
 * under the limit the stated sizes were once checked against). One MiB of zeros deflates to about a kilobyte that ends on a
 * block boundary, so the stream is that kilobyte repeated and a final empty block: 1 500 MiB fit
 * in a 1.5 MB file, as in the attack.
 */
export function docxZipBomb(megabytes: number, statedMegabytes = 190): Uint8Array {
  const mebibyte = Buffer.alloc(1024 * 1024);
  const block = zlib.deflateRawSync(mebibyte, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const data = Buffer.concat([...Array.from({ length: megabytes }, () => block), zlib.deflateRawSync(Buffer.alloc(0))]);
  let crc = 0;
  for (let index = 0; index < megabytes; index++) crc = zlib.crc32(mebibyte, crc);
  const stored = (name: string, text: string): RawEntry => {
    const bytes = strToU8(text);
    return { name, method: 0, data: bytes, crc: zlib.crc32(bytes), statedSize: bytes.length };
  };
  return zipOf([
    stored('[Content_Types].xml', CONTENT_TYPES),
    stored('_rels/.rels', RELS),
    stored('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'),
    { name: 'word/media/image1.png', method: 8, data, crc, statedSize: statedMegabytes * 1024 * 1024 },
  ]);
}
