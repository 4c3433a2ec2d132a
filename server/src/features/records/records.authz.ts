import { EXAMPLE_READ } from '../../test-support/example-records/example-records-feature.ts';
import { createExampleRecord } from '../../test-support/example-records/builders.ts';
import { defineRouteCases, type CaseContext } from '../../test-support/authorization/route-cases.ts';

/**
 * The kernel's record routes work on any registered record type; the matrix exercises them on
 * the example record type of the test fixture.
 */
const record = (context: CaseContext, connected: string[] = []) =>
  createExampleRecord(context.app.database, { unit: context.owner.unit, createdBy: context.owner.user.id, connectedUserIds: connected });

/** Whether the caller's normal read reaches the record (then break-the-glass is not needed). */
function readReaches(actor: CaseContext['actor'], scope: CaseContext['scope']): boolean {
  const grant = actor === 'service' ? undefined : EXAMPLE_READ[actor];
  if (grant === 'agency') return scope !== 'other_agency';
  if (grant === 'unit') return scope === 'own' || scope === 'unit';
  return false;
}

export const authorizationCases = defineRouteCases([
  {
    route: 'POST /api/v1/records/:type/:id/break-glass',
    kind: 'record',
    success: 201,
    audit: 1,
    refusedBy: ({ actor, scope }) => (readReaches(actor, scope) ? 409 : undefined),
    prepare: async (context) => ({
      url: `/api/v1/records/example_record/${(await record(context)).id}/break-glass`,
      body: { reason: 'Behövs för ett samtal med klienten' },
    }),
  },
  {
    route: 'GET /api/v1/records/:type/:id/protection',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/records/example_record/${(await record(context)).id}/protection` }),
  },
  {
    route: 'PUT /api/v1/records/:type/:id/protection',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/records/example_record/${(await record(context)).id}/protection`,
      body: { protectedIdentity: true, designatedUnitId: null },
    }),
  },
  {
    route: 'POST /api/v1/records/:type/:id/connections',
    kind: 'record',
    success: 201,
    audit: 1,
    prepare: async (context) => ({
      url: `/api/v1/records/example_record/${(await record(context)).id}/connections`,
      body: { userId: context.world.colleague.id },
    }),
  },
  {
    route: 'DELETE /api/v1/records/:type/:id/connections/:userId',
    kind: 'record',
    success: 200,
    audit: 1,
    async prepare(context) {
      const staff =
        context.scope === 'other_agency' ? context.world.foreignStaff : context.scope === 'other_unit' ? context.world.siblingStaff : context.world.colleague;
      return { url: `/api/v1/records/example_record/${(await record(context, [staff.id])).id}/connections/${staff.id}` };
    },
  },
]);
