import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxWithMetadata, docxZipBomb } from './attachment-samples.ts';
import { OFFICE_ZIP_LIMITS, unzipWithinLimits, ZipRefused, type ZipLimits } from './zip-within-limits.ts';

function refusal(bytes: Uint8Array, limits?: ZipLimits): ZipRefused['reason'] | undefined {
  try {
    unzipWithinLimits(bytes, limits);
    return undefined;
  } catch (error) {
    if (error instanceof ZipRefused) return error.reason;
    throw error;
  }
}

describe('reading a zip within limits', () => {
  it('reads every entry of an ordinary package, stored or deflated', () => {
    const files = unzipWithinLimits(zipSync({ 'a.xml': strToU8('<a/>'.repeat(200)), 'b.bin': [new Uint8Array([1, 2, 3]), { level: 0 }] }));
    expect(Object.keys(files)).toEqual(['a.xml', 'b.bin']);
    expect(files['a.xml']).toEqual(strToU8('<a/>'.repeat(200)));
    expect(files['b.bin']).toEqual(new Uint8Array([1, 2, 3]));
    expect(Object.keys(unzipWithinLimits(docxWithMetadata()))).toContain('word/document.xml');
  });

  it('stops a bomb whose headers understate its size by the bytes that come out, not by what it says', () => {
    // 1 500 MiB in a 1.5 MB file, as in the attack (issue 16): refused after at most 100 MB.
    const bomb = docxZipBomb(1500);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(refusal(bomb)).toBe('too_expansive');
  });

  it('holds each limit on its own: entries, total size, ratio', () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`part${index}.xml`, strToU8('<p/>')])));
    expect(refusal(many, { ...OFFICE_ZIP_LIMITS, maxEntries: 10 })).toBe('too_expansive');
    expect(refusal(many, { ...OFFICE_ZIP_LIMITS, maxEntries: 11 })).toBeUndefined();

    const text = zipSync({ 'a.txt': strToU8('abcdefghij'.repeat(100_000)) });
    expect(refusal(text, { ...OFFICE_ZIP_LIMITS, maxUnpackedBytes: 999_999 })).toBe('too_expansive');
    expect(refusal(text, { ...OFFICE_ZIP_LIMITS, maxUnpackedBytes: 1_000_000, maxRatio: 10_000 })).toBeUndefined();
    // A million bytes of repeated text compress a few thousand times: far beyond a document's ratio.
    expect(refusal(text)).toBe('too_expansive');
  });

  it('calls anything else damaged: truncated, not a zip, an unknown compression method', () => {
    const good = zipSync({ 'a.xml': strToU8('<a/>'.repeat(1000)) });
    expect(refusal(good.subarray(0, good.length - 30))).toBe('damaged');
    expect(refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBe('damaged');
    const unknownMethod = good.slice();
    const view = new DataView(unknownMethod.buffer);
    const central = unknownMethod.findIndex((_, index) => view.byteLength - index >= 4 && view.getUint32(index, true) === 0x02014b50);
    view.setUint16(central + 10, 12, true); // bzip2
    expect(refusal(unknownMethod)).toBe('damaged');
  });
});
