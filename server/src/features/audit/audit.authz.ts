import crypto from 'node:crypto';
import { recordAudit, SYSTEM_SOURCE } from '../../platform/audit/audit.ts';
import { defineRouteCases, type CaseContext } from '../../test-support/authorization/route-cases.ts';

/** An event by the owner about a record of the owner's organisation; a flagged one is reviewable. */
async function event(context: CaseContext, flagged: boolean) {
  const recordId = crypto.randomUUID();
  const { user, unit } = context.owner;
  const seq = await context.app.database.system((tx) =>
    recordAudit(tx, { actorKind: 'user', actorId: user.id, tenantId: unit.tenantId, actingUnitId: unit.id, roles: ['caseworker'] }, SYSTEM_SOURCE, {
      action: 'example.read',
      recordType: 'example_record',
      recordId,
      recordTenantId: unit.tenantId,
      ...(flagged ? { breakGlass: true, reason: 'Matristest av granskning' } : {}),
    }),
  );
  return { seq, recordId };
}

export const authorizationCases = defineRouteCases([
  {
    route: 'GET /api/v1/audit/events',
    kind: 'collection',
    success: 200,
    audit: 1,
    async prepare(context) {
      const { recordId } = await event(context, false);
      return { url: `/api/v1/audit/events?recordId=${recordId}`, shows: (response) => response.body.includes(recordId) };
    },
  },
  {
    route: 'GET /api/v1/audit/events.csv',
    kind: 'collection',
    success: 200,
    audit: 1,
    async prepare(context) {
      const { recordId } = await event(context, false);
      return { url: `/api/v1/audit/events.csv?recordId=${recordId}`, shows: (response) => response.body.includes(recordId) };
    },
  },
  {
    route: 'POST /api/v1/audit/events/:seq/review',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const { seq } = await event(context, true);
      return { url: `/api/v1/audit/events/${seq}/review`, body: { note: 'Granskad i matrisen' } };
    },
  },
]);
