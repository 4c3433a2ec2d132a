import { stockholmDate } from '#shared/time/stockholm.ts';
import { auditPage, auditQuery, auditSeqParams, reviewRequest, type AuditEvent } from '#shared/contracts/audit.ts';
import { AppError, pick } from '../../platform/errors/app-error.ts';
import { toCsv } from '../../platform/export/csv.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { auditRepository as repo, type AuditFilter, type AuditRow } from './audit-repository.ts';
import { auditMessages } from './messages.ts';

const PAGE_SIZE = 50;
/** An export is synchronous and bounded; a narrower search exports the rest. */
export const EXPORT_LIMIT = 10_000;

function toEvent(row: AuditRow): AuditEvent {
  return {
    seq: Number(row.seq),
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorName: row.actor_name,
    actingUnitId: row.acting_unit_id,
    actingUnitName: row.acting_unit_name,
    actingRoles: row.acting_roles,
    action: row.action,
    outcome: row.outcome,
    recordType: row.record_type,
    recordId: row.record_id,
    reason: row.reason,
    breakGlass: row.break_glass,
    sourceIp: row.source_ip,
    details: row.details,
    review: row.reviewed_by
      ? { reviewedBy: row.reviewed_by, reviewerName: row.reviewer_name, reviewedAt: new Date(row.reviewed_at!).toISOString(), note: row.review_note }
      : null,
  };
}

/** Which filters a search used — names only, never the values (they may hold a name). */
function filterKeys(filter: AuditFilter): string {
  return Object.entries(filter)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key)
    .sort()
    .join(',');
}

/**
 * The auditors' search, export and review of flagged reads (issue 3, ADR 0006). Reading the
 * trail is itself individual-level: every search and export is one audit event.
 */
export function auditRoutes(context: FeatureContext): Route[] {
  const tags = ['Granskning'];
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/audit/events',
      summary: 'Search the audit trail by user, record, action, time and flag (newest first, paged)',
      tags,
      access: { kind: 'permission', action: 'audit.read' },
      query: auditQuery,
      responses: { 200: { description: 'A page of events', schema: auditPage } },
      async handler({ query, db, caller }) {
        return db(async (tx) => {
          const rows = await repo.search(tx, query, PAGE_SIZE + 1);
          await caller.audit(tx, {
            action: 'audit.search',
            details: { filters: filterKeys(query), hits: Math.min(rows.length, PAGE_SIZE) },
          });
          const events = rows.slice(0, PAGE_SIZE).map(toEvent);
          return { events, nextBefore: rows.length > PAGE_SIZE ? events[events.length - 1]!.seq : null };
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/audit/events.csv',
      summary: `Export the events a search finds as CSV (at most ${EXPORT_LIMIT})`,
      tags,
      access: { kind: 'permission', action: 'audit.read' },
      query: auditQuery,
      responses: { 200: { description: 'CSV file', contentType: 'text/csv' } },
      async handler({ query, db, caller, reply, locale }) {
        const rows = await db(async (tx) => {
          const found = await repo.search(tx, query, EXPORT_LIMIT);
          await caller.audit(tx, { action: 'audit.export', details: { filters: filterKeys(query), rows: found.length } });
          return found;
        });
        const header = auditMessages[locale].csvHeader;
        const csv = toCsv(
          [
            header.seq,
            header.time,
            header.actorKind,
            header.actorId,
            header.actorName,
            header.unit,
            header.roles,
            header.action,
            header.outcome,
            header.recordType,
            header.recordId,
            header.breakGlass,
            header.reason,
            header.reviewed,
            header.sourceIp,
            header.hash,
          ],
          rows.map((row) => [
            Number(row.seq),
            new Date(row.occurred_at).toISOString(),
            row.actor_kind,
            row.actor_id,
            row.actor_name,
            row.acting_unit_name,
            row.acting_roles.join(' '),
            row.action,
            row.outcome,
            row.record_type,
            row.record_id,
            row.break_glass,
            row.reason,
            row.reviewed_at ? new Date(row.reviewed_at).toISOString() : null,
            row.source_ip,
            row.hash,
          ]),
        );
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="granskningslogg-${stockholmDate(context.clock.now())}.csv"`)
          .header('cache-control', 'no-store')
          .send(csv);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/audit/events/:seq/review',
      summary: 'Mark a flagged (break-the-glass) event as reviewed, with an optional note',
      tags,
      access: { kind: 'permission', action: 'audit.review' },
      params: auditSeqParams,
      body: reviewRequest,
      responses: { 200: { description: 'The reviewed event', schema: auditPage.shape.events.element } },
      async handler({ params, body, db, caller }) {
        const { actor } = caller;
        if (actor.kind !== 'user') throw new AppError('forbidden');
        return db(async (tx) => {
          const event = await repo.event(tx, params.seq);
          if (!event) throw new AppError('not_found', { deniedAccess: { action: 'audit.review', recordType: 'audit_event', recordId: String(params.seq) } });
          if (!event.break_glass) throw new AppError('conflict', { detail: pick(auditMessages, (m) => m.notFlagged) });
          if (event.reviewed) throw new AppError('conflict', { detail: pick(auditMessages, (m) => m.alreadyReviewed) });
          await repo.insertReview(tx, {
            seq: params.seq,
            tenantId: actor.tenantId,
            reviewedBy: actor.userId,
            note: body.note ?? null,
            reviewedAt: caller.now,
          });
          await caller.audit(tx, {
            action: 'audit.review',
            recordType: 'audit_event',
            recordId: String(params.seq),
            recordTenantId: actor.tenantId,
          });
          const [row] = await repo.search(tx, {}, 1, params.seq);
          return toEvent(row!);
        });
      },
    }),
  ];
}
