import fs from 'node:fs';
import { verifyAuditChain } from '../../platform/audit/audit.ts';
import { checkpointKey, findCheckpoint, verifyAgainstCheckpoint, type AuditCheckpoint } from '../../platform/audit/checkpoint.ts';
import { backupCheckpoint } from '../../platform/db/backup.ts';
import { parseFlags, type AdminCommand } from '../command.ts';

/** A checkpoint given as a log line (or its JSON), a log file, or a backup that carries one. */
function readCheckpoint(source: string): AuditCheckpoint | undefined {
  if (source.trimStart().startsWith('{')) return findCheckpoint(source);
  if (!fs.existsSync(source)) return undefined;
  const bytes = fs.readFileSync(source);
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? backupCheckpoint(source) : findCheckpoint(bytes.toString('utf8'));
}

/**
 * `verify-audit`: recomputes every hash and link of the audit trail (ADR 0006); with a checkpoint
 * from the log stream or a backup it also finds the newest events removed (issue 16 item 9).
 */
export const verifyAuditCommand: AdminCommand = {
  name: 'verify-audit',
  summary: 'Verify the audit trail’s hash chain: every event unchanged, none missing (with --checkpoint: none removed from the end)',
  usage: 'verify-audit [--checkpoint <log line | log file | backup file>]',
  needsDatabase: true,
  async run(args, context) {
    if (!context.database) throw new Error('this command needs the database');
    const { flags } = parseFlags(args);
    let checkpoint: AuditCheckpoint | undefined;
    if (flags.checkpoint !== undefined) {
      checkpoint = typeof flags.checkpoint === 'string' ? readCheckpoint(flags.checkpoint) : undefined;
      if (!checkpoint) {
        context.out('No audit checkpoint found there. Give a log line with "audit checkpoint", a log file, or a backup file.');
        return 2;
      }
    }
    const result = await verifyAuditChain(context.database);
    if (!result.ok) {
      const problems = {
        hash_mismatch: 'its content does not match its hash (changed after it was written)',
        link_mismatch: 'it does not carry the hash of the event before it (an event was removed or replaced)',
        sequence_gap: 'the sequence numbers have a gap (an event is missing)',
      } as const;
      context.out(`THE AUDIT TRAIL IS BROKEN at event ${result.brokenAt}: ${problems[result.problem]}. ${result.events} events before it verified.`);
      return 1;
    }
    context.out(`The audit trail is intact: ${result.events} events, every hash and link verified.`);
    if (!checkpoint) return 0;
    const anchored = await verifyAgainstCheckpoint(context.database, checkpointKey(context.config), checkpoint);
    if (anchored.ok) {
      context.out(`It still holds the ${checkpoint.events} events of the checkpoint of ${checkpoint.at}, unchanged.`);
      return 0;
    }
    if (anchored.problem === 'unsigned') {
      context.out('THE CHECKPOINT IS NOT SIGNED with this installation’s LOOKUP_KEY: it was changed or comes from elsewhere, and proves nothing.');
    } else if (anchored.problem === 'truncated') {
      context.out(
        `THE AUDIT TRAIL WAS TRUNCATED: the checkpoint of ${checkpoint.at} saw ${checkpoint.events} events, the trail now holds ${anchored.events}. Events after ${anchored.events} were removed.`,
      );
    } else {
      context.out(
        `THE AUDIT TRAIL WAS REWRITTEN: event ${checkpoint.events} no longer has the hash the checkpoint of ${checkpoint.at} recorded (events were removed and others written in their place).`,
      );
    }
    return 1;
  },
};
