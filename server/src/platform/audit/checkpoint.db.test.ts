import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_COMMANDS } from '../../admin/commands/index.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { recordAudit, SYSTEM_SOURCE } from './audit.ts';
import { CHECKPOINT_LOG_MESSAGE } from './checkpoint.ts';

/**
 * Issue 16 item 9: deleting the newest audit events as the database owner left `verify-audit`
 * saying "intact". The hourly checkpoint in the log stream anchors the chain's length.
 */
describe('audit checkpoints', () => {
  let app: TestApp;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-checkpoint-'));

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function verifyAudit(args: string[]): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    const command = ADMIN_COMMANDS.find((candidate) => candidate.name === 'verify-audit')!;
    const code = await command.run(args, { config: app.context.config, database: app.database, out: (line) => void lines.push(line) });
    return { code, lines };
  }

  const append = (count: number) =>
    app.database.system(async (tx) => {
      for (let i = 0; i < count; i++) await recordAudit(tx, 'system', SYSTEM_SOURCE, { action: 'test.checkpoint', details: { i } });
    });

  it('writes a signed checkpoint to the log every hour, and verify-audit finds the newest events removed after it', async () => {
    await append(5);
    // The first run queues the schedule; an hour later it is due.
    await app.jobs.runUntilIdle();
    app.clock.advance(60 * 60 * 1000);
    await app.jobs.runUntilIdle();
    const line = app.capture.logLines.findLast((candidate) => candidate.includes(`"msg":"${CHECKPOINT_LOG_MESSAGE}"`));
    expect(line).toBeDefined();
    const logged = JSON.parse(line!) as { auditCheckpoint: { events: number; head: string; at: string; mac: string } };
    expect(logged.auditCheckpoint).toMatchObject({
      head: expect.stringMatching(/^[0-9a-f]{64}$/),
      mac: expect.stringMatching(/^[0-9a-f]{64}$/),
      at: app.clock.now().toISOString(),
    });
    const seen = logged.auditCheckpoint.events;
    expect(seen).toBeGreaterThanOrEqual(5);

    const intact = await verifyAudit(['--checkpoint', line!]);
    expect(intact.code).toBe(0);
    expect(intact.lines[1]).toBe(`It still holds the ${seen} events of the checkpoint of ${logged.auditCheckpoint.at}, unchanged.`);

    // The owner removes the newest two events: the chain that is left still verifies on its own.
    await app.database.runScript(`
      alter table audit_events disable trigger audit_events_append_only;
      delete from audit_events where seq > ${seen - 2};
      alter table audit_events enable trigger audit_events_append_only;`);
    const alone = await verifyAudit([]);
    expect(alone.code).toBe(0);
    expect(alone.lines[0]).toMatch(/^The audit trail is intact/);

    const fromLine = await verifyAudit(['--checkpoint', line!]);
    expect(fromLine.code).toBe(1);
    expect(fromLine.lines[1]).toBe(
      `THE AUDIT TRAIL WAS TRUNCATED: the checkpoint of ${logged.auditCheckpoint.at} saw ${seen} events, the trail now holds ${seen - 2}. Events after ${seen - 2} were removed.`,
    );
    // The same from a log file holding the line among others.
    const logFile = path.join(tmp, 'upptack.log');
    fs.writeFileSync(logFile, `${app.capture.logLines.join('')}\n`);
    expect((await verifyAudit(['--checkpoint', logFile])).lines[1]).toMatch(/^THE AUDIT TRAIL WAS TRUNCATED/);

    // Writing new events in their place does not hide it.
    await append(3);
    const rewritten = await verifyAudit(['--checkpoint', line!]);
    expect(rewritten.code).toBe(1);
    expect(rewritten.lines[1]).toMatch(new RegExp(`^THE AUDIT TRAIL WAS REWRITTEN: event ${seen} no longer has the hash`));
  });

  it('refuses a checkpoint that is not signed with the installation’s key, and says when none was given', async () => {
    await app.jobs.runUntilIdle();
    app.clock.advance(60 * 60 * 1000);
    await app.jobs.runUntilIdle();
    const line = app.capture.logLines.findLast((candidate) => candidate.includes(`"msg":"${CHECKPOINT_LOG_MESSAGE}"`))!;
    const checkpoint = (JSON.parse(line) as { auditCheckpoint: { events: number } }).auditCheckpoint;
    const lowered = JSON.stringify({ ...checkpoint, events: checkpoint.events - 1 });
    const forged = await verifyAudit(['--checkpoint', lowered]);
    expect(forged.code).toBe(1);
    expect(forged.lines[1]).toMatch(/^THE CHECKPOINT IS NOT SIGNED/);
    expect((await verifyAudit(['--checkpoint', path.join(tmp, 'missing.log')])).code).toBe(2);
  });
});
