import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { serviceInput } from '#shared/contracts/directory.ts';
import { queryRows } from '../../platform/db/database.ts';
import { defineRouteCases, type CaseContext } from '../../test-support/authorization/route-cases.ts';
import { createDirectoryService } from './directory-service.ts';

/**
 * Authorization-matrix entries of the directory (test-support/authorization, ADR 0015). Entries
 * belong to an organisation (`owner_id`) and are shared data every staff member may read, so an
 * editor refused another organisation's entry is told so (403), not "not found".
 */
const unique = () => crypto.randomBytes(8).toString('hex');
const service = () =>
  serviceInput.parse({
    organizationName: 'Matrisens stödorganisation',
    name: `Stödlinje ${unique()}`,
    audiences: ['women_exposed'],
    kinds: ['phone_line'],
    area: { national: true },
    phones: [{ number: '020-50 50 50' }],
  });

async function entry(context: CaseContext, verified = false) {
  const { unit, user } = context.owner;
  const detail = await context.app.database.system((tx) =>
    createDirectoryService(tx, { tenantId: unit.tenantId, userId: user.id, label: 'Matris' }, service(), verified, context.app.clock.now()),
  );
  return detail;
}

/** A previewed import of the owner's organisation with one unchanged line (applying it writes nothing). */
async function previewedImport(context: CaseContext) {
  const { unit, user } = context.owner;
  const [row] = await context.app.database.system((tx) =>
    queryRows<{ id: string }>(
      tx,
      sql`insert into directory_imports (tenant_id, created_by, format, status, total_rows, valid_rows) values (${unit.tenantId}, ${user.id}, 'csv', 'previewed', 1, 1) returning id`,
    ),
  );
  await context.app.database.system((tx) =>
    tx.execute(
      sql`insert into directory_import_rows (import_id, line, tenant_id, action, name) values (${row!.id}, 2, ${unit.tenantId}, 'unchanged', 'Oförändrad')`,
    ),
  );
  return row!.id;
}

/** A pending change of a new service in the owner's organisation, written by another editor than the caller. */
async function pendingChange(context: CaseContext) {
  const { unit } = context.owner;
  const [row] = await context.app.database.system((tx) =>
    queryRows<{ id: string }>(
      tx,
      sql`insert into directory_changes (tenant_id, data, author_id, author_label)
          values (${unit.tenantId}, ${JSON.stringify(service())}::jsonb, ${crypto.randomUUID()}, 'Matrisens andra redaktör') returning id`,
    ),
  );
  return row!.id;
}

const coveredBy = 'server/src/features/directory/*.db.test.ts';

export const authorizationCases = defineRouteCases([
  {
    route: 'GET /api/v1/directory/services',
    kind: 'anonymous',
    status: 200,
    coveredBy,
    call: async () => ({ url: '/api/v1/directory/services?municipality=2080' }),
  },
  {
    route: 'GET /api/v1/directory/handout.pdf',
    kind: 'anonymous',
    status: 200,
    coveredBy,
    call: async () => ({ url: '/api/v1/directory/handout.pdf?municipality=2080&language=sv' }),
  },
  {
    route: 'GET /api/v1/public/directory/export.json',
    kind: 'anonymous',
    status: 200,
    coveredBy,
    call: async () => ({ url: '/api/v1/public/directory/export.json' }),
  },
  {
    route: 'GET /api/v1/public/directory/export.csv',
    kind: 'anonymous',
    status: 200,
    coveredBy,
    call: async () => ({ url: '/api/v1/public/directory/export.csv' }),
  },
  {
    route: 'GET /api/v1/directory/staff/services',
    kind: 'collection',
    success: 200,
    audit: 0,
    async prepare(context) {
      const { id } = await entry(context);
      return { url: '/api/v1/directory/staff/services?municipality=2080', shows: (response) => response.body.includes(id) };
    },
  },
  {
    route: 'GET /api/v1/directory/entries/:id',
    kind: 'record',
    success: 200,
    audit: 0,
    prepare: async (context) => ({ url: `/api/v1/directory/entries/${(await entry(context)).id}` }),
  },
  {
    route: 'GET /api/v1/directory/entries/:id/history',
    kind: 'record',
    success: 200,
    audit: 0,
    prepare: async (context) => ({ url: `/api/v1/directory/entries/${(await entry(context)).id}/history` }),
  },
  {
    route: 'POST /api/v1/directory/entries',
    kind: 'collection',
    success: 202,
    audit: 1,
    prepare: async () => ({ url: '/api/v1/directory/entries', body: { service: service() } }),
  },
  {
    route: 'PUT /api/v1/directory/entries/:id',
    kind: 'record',
    success: 202,
    audit: 1,
    publicRecords: true,
    async prepare(context) {
      const detail = await entry(context);
      return { url: `/api/v1/directory/entries/${detail.id}`, body: { version: detail.version, service: { ...service(), name: `Ändrad ${unique()}` } } };
    },
  },
  {
    route: 'POST /api/v1/directory/entries/:id/verify',
    kind: 'record',
    success: 200,
    audit: 1,
    publicRecords: true,
    async prepare(context) {
      // Renewing the check of a published entry; a never-checked one goes through review (ADR 0112).
      const detail = await entry(context, true);
      return { url: `/api/v1/directory/entries/${detail.id}/verify`, body: { version: detail.version } };
    },
  },
  {
    route: 'GET /api/v1/directory/changes',
    kind: 'collection',
    success: 200,
    audit: 0,
    async prepare(context) {
      const id = await pendingChange(context);
      return { url: '/api/v1/directory/changes', shows: (response) => response.body.includes(id) };
    },
  },
  {
    route: 'GET /api/v1/directory/changes/:id',
    kind: 'record',
    success: 200,
    audit: 0,
    prepare: async (context) => ({ url: `/api/v1/directory/changes/${await pendingChange(context)}` }),
  },
  {
    route: 'POST /api/v1/directory/changes/:id/publish',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/directory/changes/${await pendingChange(context)}/publish` }),
  },
  {
    route: 'POST /api/v1/directory/changes/:id/return',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/directory/changes/${await pendingChange(context)}/return`, body: { comment: 'Kontrollera telefonnumret.' } }),
  },
  { route: 'GET /api/v1/directory/dashboard', kind: 'collection', success: 200, audit: 0, prepare: async () => ({ url: '/api/v1/directory/dashboard' }) },
  {
    route: 'POST /api/v1/directory/imports',
    kind: 'collection',
    success: 202,
    audit: 1,
    prepare: async () => ({ url: '/api/v1/directory/imports', body: { format: 'csv', content: 'organization,name\n', filename: 'tom.csv' } }),
  },
  {
    route: 'GET /api/v1/directory/imports/:id',
    kind: 'record',
    success: 200,
    audit: 0,
    prepare: async (context) => ({ url: `/api/v1/directory/imports/${await previewedImport(context)}` }),
  },
  {
    route: 'POST /api/v1/directory/imports/:id/apply',
    kind: 'record',
    success: 200,
    audit: 1,
    prepare: async (context) => ({ url: `/api/v1/directory/imports/${await previewedImport(context)}/apply`, body: { onlyValidRows: false, verify: false } }),
  },
]);
