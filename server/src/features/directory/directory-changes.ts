import { sql } from 'drizzle-orm';
import { serviceDetail, serviceInput, type DirectoryChange, type DirectoryChangePreview, type ServiceData } from '#shared/contracts/directory.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { AppError, pick } from '../../platform/errors/app-error.ts';
import { findService } from './directory-repository.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import { checkChange, createDirectoryService, getServiceDetail, publicCard, updateDirectoryService, type Editor } from './directory-service.ts';
import { directoryMessages } from './messages.ts';

/**
 * Four eyes before publication (issue 22, ADR 0093). An editor's new service or edit is stored as
 * a pending change; the entry, and so the public read model (ADR 0021), the staff search and the
 * HSDS export, keep the published version until another editor of the same organisation has
 * previewed the change and publishes it, or returns it with a comment. The author can do neither:
 * the service refuses with 403 and the database's check constraint refuses it too (migration 0145).
 */

type ChangeRow = {
  id: string;
  tenant_id: string;
  service_id: string | null;
  base_version: number | null;
  data: ServiceData;
  verify: boolean;
  status: DirectoryChange['status'];
  author_id: string;
  author_label: string;
  comment: string | null;
  decided_by_label: string | null;
  created_at: string;
};

const columns = sql`id, tenant_id, service_id, base_version, data, verify, status, author_id, author_label, comment, decided_by_label,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at`;

function toChange(row: ChangeRow, editor: Editor): DirectoryChange {
  return {
    id: row.id,
    status: row.status,
    serviceId: row.service_id,
    baseVersion: row.base_version === null ? null : Number(row.base_version),
    name: row.data.name,
    author: row.author_label,
    ownChange: row.author_id === editor.userId,
    comment: row.comment,
    decidedBy: row.decided_by_label,
    createdAt: row.created_at,
  };
}

/** Stores a new service or an edit as a pending change after the same checks as publishing. */
export async function proposeChange(
  tx: Tx,
  editor: Editor,
  target: { serviceId: string; version: number } | null,
  data: ServiceData,
  verify: boolean,
  revises?: string,
): Promise<DirectoryChange> {
  await checkChange(tx, editor, target, data);
  if (revises !== undefined) await checkRevision(tx, editor, revises, target?.serviceId ?? null);
  const [row] = await queryRows<ChangeRow>(
    tx,
    sql`insert into directory_changes (tenant_id, service_id, base_version, data, verify, author_id, author_label, revises)
        values (${editor.tenantId}, ${target?.serviceId ?? null}, ${target?.version ?? null}, ${JSON.stringify(data)}::jsonb, ${verify}, ${editor.userId}, ${editor.label},
                ${revises ?? null})
        returning ${columns}`,
  );
  return toChange(row!, editor);
}

/**
 * A revision replaces the caller's own returned change of the same entry (or the same new
 * service), once (ADR 0112). Anything else is a 409 naming `revises`; another organisation's
 * change is answered like a missing one.
 */
async function checkRevision(tx: Tx, editor: Editor, revises: string, serviceId: string | null): Promise<void> {
  const [row] = await queryRows<ChangeRow & { revised: boolean }>(
    tx,
    sql`select ${columns}, exists (select 1 from directory_changes r where r.revises = c.id) as revised
        from directory_changes c where c.id = ${revises} and c.tenant_id = ${editor.tenantId}`,
  );
  if (!row) throw new AppError('not_found');
  if (row.author_id !== editor.userId || row.status !== 'returned' || row.service_id !== serviceId || row.revised) {
    throw new AppError('conflict', {
      detail: pick(directoryMessages, (m) => m.notRevisable),
      errors: [{ field: 'revises', location: 'body', code: 'not_revisable', message: pick(directoryMessages, (m) => m.notRevisable) }],
    });
  }
}

/** The caller's own returned changes that are not yet revised, most recently returned first. */
export async function returnedChanges(tx: Tx, editor: Editor): Promise<DirectoryChange[]> {
  const rows = await queryRows<ChangeRow>(
    tx,
    sql`select ${columns} from directory_changes c
        where c.tenant_id = ${editor.tenantId} and c.status = 'returned' and c.author_id = ${editor.userId}
          and not exists (select 1 from directory_changes r where r.revises = c.id)
        order by c.decided_at desc, c.id`,
  );
  return rows.map((row) => toChange(row, editor));
}

export async function pendingChanges(tx: Tx, editor: Editor): Promise<DirectoryChange[]> {
  const rows = await queryRows<ChangeRow>(
    tx,
    sql`select ${columns} from directory_changes where tenant_id = ${editor.tenantId} and status = 'pending' order by created_at, id`,
  );
  return rows.map((row) => toChange(row, editor));
}

async function loadChange(tx: Tx, editor: Editor, id: string): Promise<ChangeRow> {
  const [row] = await queryRows<ChangeRow>(tx, sql`select ${columns} from directory_changes where id = ${id} and tenant_id = ${editor.tenantId}`);
  if (!row) throw new AppError('not_found');
  return row;
}

/** The preview: the published version beside the proposed one. */
export async function previewChange(tx: Tx, editor: Editor, id: string, now: Date): Promise<DirectoryChangePreview> {
  const row = await loadChange(tx, editor, id);
  const current = row.service_id ? await getServiceDetail(tx, row.service_id, editor, now) : null;
  const published = current?.service ?? null;
  const proposed = serviceDetail.shape.service.parse(serviceInput.parse(row.data));
  // Checked on publication when the author said so; else the published entry's check stands.
  const verifiedOn = row.verify ? stockholmDate(now) : (current?.verification.verifiedOn ?? null);
  const card = await publicCard(tx, row.service_id ?? row.id, proposed, { verifiedOn, hoursVerifiedOn: verifiedOn }, now);
  const [revision] = await queryRows<{ id: string }>(tx, sql`select id from directory_changes where revises = ${row.id}`);
  const revisable = row.status === 'returned' && row.author_id === editor.userId && !revision;
  return { ...toChange(row, editor), verify: row.verify, published, proposed, card, revisable };
}

function decidable(row: ChangeRow, editor: Editor): void {
  if (row.author_id === editor.userId) throw new AppError('forbidden', { detail: pick(directoryMessages, (m) => m.ownChange) });
  if (row.status !== 'pending') throw new AppError('version_conflict', { detail: pick(directoryMessages, (m) => m.changeDecided) });
}

/** Publishes another editor's change: the entry gets a new version (or is created). */
export async function publishChange(tx: Tx, editor: Editor, id: string, now: Date): Promise<{ change: DirectoryChange; serviceId: string; version: number }> {
  const row = await loadChange(tx, editor, id);
  decidable(row, editor);
  const data = serviceInput.parse(row.data);
  let detail;
  if (row.service_id === null) {
    detail = await createDirectoryService(tx, editor, data, row.verify, now);
  } else {
    const current = await findService(tx, row.service_id);
    if (current && Number(current.version) !== Number(row.base_version)) {
      throw new AppError('version_conflict', { detail: pick(directoryMessages, (m) => m.changeMoved) });
    }
    detail = await updateDirectoryService(tx, editor, row.service_id, Number(row.base_version), data, row.verify, now);
  }
  const [decided] = await queryRows<ChangeRow>(
    tx,
    sql`update directory_changes set status = 'published', service_id = ${detail.id}, base_version = coalesce(base_version, 0),
          decided_by = ${editor.userId}, decided_by_label = ${editor.label}, decided_at = app_now()
        where id = ${id} and status = 'pending' returning ${columns}`,
  );
  if (!decided) throw new AppError('version_conflict', { detail: pick(directoryMessages, (m) => m.changeDecided) });
  return { change: toChange(decided, editor), serviceId: detail.id, version: detail.version };
}

/** Returns another editor's change with a comment; nothing is published. */
export async function returnChange(tx: Tx, editor: Editor, id: string, comment: string): Promise<DirectoryChange> {
  const row = await loadChange(tx, editor, id);
  decidable(row, editor);
  const [decided] = await queryRows<ChangeRow>(
    tx,
    sql`update directory_changes set status = 'returned', comment = ${comment}, decided_by = ${editor.userId}, decided_by_label = ${editor.label}, decided_at = app_now()
        where id = ${id} and status = 'pending' returning ${columns}`,
  );
  if (!decided) throw new AppError('version_conflict', { detail: pick(directoryMessages, (m) => m.changeDecided) });
  return toChange(decided, editor);
}
