import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxWithMetadata, docxZipBomb } from './attachment-samples.ts';
import { checkAttachmentOffThread } from './attachment-check.ts';
import { AttachmentRejected, type AttachmentProblem } from './attachments.ts';

async function rejection(check: Promise<unknown>): Promise<AttachmentProblem | undefined> {
  try {
    await check;
    return undefined;
  } catch (error) {
    if (error instanceof AttachmentRejected) return error.problem;
    throw error;
  }
}

describe('checking an attachment in a worker thread', () => {
  it('returns what the check on the thread returns', async () => {
    const checked = await checkAttachmentOffThread('Dagordning.docx', docxWithMetadata());
    expect(checked).toMatchObject({ kind: 'docx', filename: 'Dagordning.docx', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(strFromU8(unzipSync(checked.content)['word/document.xml']!)).toContain('Dagordning');
  });

  it('passes a refusal back with its reason: a zip bomb expands too much', async () => {
    expect(await rejection(checkAttachmentOffThread('Dagordning.docx', docxZipBomb(1500)))).toBe('expands_too_much');
  });

  it('refuses a file whose check does not finish within the time limit', async () => {
    // No worker starts, let alone unpacks, within a millisecond: the limit ends it.
    expect(await rejection(checkAttachmentOffThread('Dagordning.docx', docxWithMetadata(), 1))).toBe('too_slow');
  });
});
