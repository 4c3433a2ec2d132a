import { sql } from 'drizzle-orm';
import { AppError } from '../../platform/errors/app-error.ts';
import { queryRows } from '../../platform/db/database.ts';
import { defineIsolationSubjects } from '../../test-support/isolation/isolation-subjects.ts';
import { importPreview } from './directory-import.ts';
import { pendingChanges } from './directory-changes.ts';

/**
 * The directory's organisation-owned tables (test-support/isolation, ADR 0015): staged imports
 * and pending changes (issue 22).
 * The directory entries themselves are public data with an owner, not a tenant.
 */
export const isolationSubjects = defineIsolationSubjects([
  {
    name: 'directory-imports',
    tables: ['directory_imports', 'directory_import_rows'],
    async create(tx, owner) {
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`insert into directory_imports (tenant_id, created_by, format, status, total_rows, valid_rows) values (${owner.tenantId}, ${owner.userId}, 'csv', 'previewed', 1, 1) returning id`,
      );
      await tx.execute(
        sql`insert into directory_import_rows (import_id, line, tenant_id, action, name) values (${row!.id}, 2, ${owner.tenantId}, 'create', 'Ny tjänst')`,
      );
      return { id: row!.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the preview of every import in the world',
        reach: 'tenant',
        async run(tx, _caller, world) {
          const rows = [];
          for (const created of world.created.get('directory-imports') ?? []) {
            // The preview's own query, as the route runs it; another organisation's import is "not found".
            const preview = await tx
              .transaction((inner) => importPreview(inner, created.id, 'sv'))
              .catch((error: unknown) => {
                if (error instanceof AppError && error.code === 'not_found') return undefined;
                throw error;
              });
            if (preview) rows.push({ id: preview.id, tenantId: created.tenantId });
          }
          return rows;
        },
      },
    ],
  },
  {
    name: 'directory-changes',
    tables: ['directory_changes'],
    async create(tx, owner) {
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`insert into directory_changes (tenant_id, data, author_id, author_label)
            values (${owner.tenantId}, ${JSON.stringify({ name: 'Ny tjänst' })}::jsonb, ${owner.userId}, 'Redaktör') returning id`,
      );
      return { id: row!.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the pending changes of the caller’s organisation',
        reach: 'tenant',
        async run(tx, caller, world) {
          const created = world.created.get('directory-changes') ?? [];
          const changes = await pendingChanges(tx, { tenantId: caller.tenantId, userId: caller.userId, label: '' });
          return changes.map((change) => ({ id: change.id, tenantId: created.find((row) => row.id === change.id)?.tenantId ?? 'unknown' }));
        },
      },
    ],
  },
]);
