import { verifyAuditChain } from '../../platform/audit/audit.ts';
import type { AdminCommand } from '../command.ts';

/** `verify-audit`: recomputes every hash and link of the audit trail (ADR 0006). */
export const verifyAuditCommand: AdminCommand = {
  name: 'verify-audit',
  summary: 'Verify the audit trail’s hash chain: every event unchanged, none missing',
  usage: 'verify-audit',
  needsDatabase: true,
  async run(_args, context) {
    if (!context.database) throw new Error('this command needs the database');
    const result = await verifyAuditChain(context.database);
    if (result.ok) {
      context.out(`The audit trail is intact: ${result.events} events, every hash and link verified.`);
      return 0;
    }
    const problems = {
      hash_mismatch: 'its content does not match its hash (changed after it was written)',
      link_mismatch: 'it does not carry the hash of the event before it (an event was removed or replaced)',
      sequence_gap: 'the sequence numbers have a gap (an event is missing)',
    } as const;
    context.out(`THE AUDIT TRAIL IS BROKEN at event ${result.brokenAt}: ${problems[result.problem]}. ${result.events} events before it verified.`);
    return 1;
  },
};
