import { describe, expect, it } from 'vitest';
import { isAuditAppendError, onAuditWriteFailure, reportAuditWriteFailure, type AuditWriteFailure } from './audit.ts';

describe('audit write failures (issue 18)', () => {
  it('tells an error from inside audit_append or the audit table from other database errors', () => {
    const fromFunction = Object.assign(new Error('disk full'), { code: '53100', where: 'PL/pgSQL function audit_append(uuid,text) line 12 at SQL statement' });
    const wrapped = new Error('Failed query', { cause: fromFunction });
    const fromTable = Object.assign(new Error('check violation'), { code: '23514', table: 'audit_events' });
    const other = Object.assign(new Error('duplicate key'), { code: '23505', table: 'encounters' });
    expect(isAuditAppendError(wrapped)).toBe(true);
    expect(isAuditAppendError(fromTable)).toBe(true);
    expect(isAuditAppendError(other)).toBe(false);
    expect(isAuditAppendError('not an error')).toBe(false);
  });

  it('reports each failed write once, by whether the database was unavailable', () => {
    const seen: AuditWriteFailure[] = [];
    const stop = onAuditWriteFailure((reason) => seen.push(reason));
    const refused = Object.assign(new Error('check violation'), { code: '23514' });
    reportAuditWriteFailure(refused);
    reportAuditWriteFailure(refused);
    reportAuditWriteFailure(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    reportAuditWriteFailure(Object.assign(new Error('could not extend file'), { code: '53100' }));
    stop();
    reportAuditWriteFailure(new Error('after unsubscribing'));
    expect(seen).toEqual(['error', 'database_unavailable', 'database_unavailable']);
  });
});
