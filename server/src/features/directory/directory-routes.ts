import { z } from 'zod';
import {
  applyImportRequest,
  createServiceRequest,
  dashboardResponse,
  directoryChange,
  directoryChangeList,
  directoryChangePreview,
  returnChangeRequest,
  handoutQuery,
  importApplied,
  importPreview as importPreviewSchema,
  importRequest,
  importStarted,
  searchQuery,
  searchResponse,
  serviceDetail,
  serviceHistory,
  updateServiceRequest,
  verifyServiceRequest,
} from '#shared/contracts/directory.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { ANONYMOUS, type Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { defineRoute, type Route } from '../../platform/http/route.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { placeNames, publicExportRows, serviceVersions } from './directory-repository.ts';
import { directoryCsv } from './directory-exchange.ts';
import { toHsds } from './hsds.ts';
import { applyImport, importPreview, startImport } from './directory-import.ts';
import { checkCodes, editorDashboard, getServiceDetail, searchDirectory, verifyDirectoryService, editorFor } from './directory-service.ts';
import { renderHandout } from './handout.ts';
import { listLanguages } from '../../platform/languages/languages.ts';
import { ethiopicFontAvailable } from '../../platform/export/pdf-fonts.ts';
import type { Language } from '#shared/contracts/languages.ts';
import { pendingChanges, returnedChanges, previewChange, proposeChange, publishChange, returnChange } from './directory-changes.ts';
import { directoryMessages } from './messages.ts';

const tags = ['Stödkatalog'];
const idParams = z.object({ id: z.string().uuid() });

/**
 * The directory's API. Public routes run as `upptack_public` (row-level security admits only
 * verified, non-confidential data), set no cookie and are not cached; the logger records only
 * their route pattern, never the query string.
 */
export function directoryRoutes(context: FeatureContext): Route[] {
  const publicDb = <T>(work: (tx: Tx) => Promise<T>) => context.database.transaction(ANONYMOUS, work);
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/directory/services',
      summary: 'Search public support services for a municipality or county',
      description:
        'Only verified entries and public contact routes; a protected address never appears. `municipality` or `county` is required; ' +
        '`audience`, `kind` and `language` are repeatable. Ordered municipality → county → national, each with the reasons it matched.',
      tags,
      access: { kind: 'public' },
      query: searchQuery,
      responses: { 200: { description: 'Matching services', schema: searchResponse } },
      async handler({ query, locale }) {
        return publicDb((tx) =>
          searchDirectory(
            tx,
            {
              municipality: query.municipality,
              county: query.county,
              audiences: query.audience,
              kinds: query.kind,
              languages: query.language,
              text: query.q,
              openNow: query.openNow,
            },
            { now: context.clock.now(), language: locale, audience: 'public' },
          ),
        );
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/directory/handout.pdf',
      summary: 'A printable A4 handout for a municipality and a language',
      tags,
      access: { kind: 'public' },
      query: handoutQuery,
      responses: { 200: { description: 'The handout', contentType: 'application/pdf' } },
      async handler({ query, reply }) {
        const handout = await publicDb(async (tx) => {
          const language = handoutLanguage(await listLanguages(tx), query.language);
          return renderHandout(tx, { municipality: query.municipality ?? '', language, now: context.clock.now(), demoMode: context.config.demoMode });
        });
        return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${handout.filename}"`).send(handout.pdf);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/public/directory/export.json',
      summary: 'Public-safe export of the directory in the HSDS 3.0 Swedish profile',
      tags,
      access: { kind: 'public' },
      responses: { 200: { description: 'HSDS JSON', contentType: 'application/json' } },
      async handler({ reply }) {
        const [rows, places] = await publicDb(async (tx) => [await publicExportRows(tx), await placeNames(tx)] as const);
        return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(toHsds(rows, context.clock.now(), places)));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/public/directory/export.csv',
      summary: 'Public-safe export of the directory as CSV (the import columns)',
      tags,
      access: { kind: 'public' },
      responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
      async handler({ reply }) {
        const rows = await publicDb((tx) => publicExportRows(tx));
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="stodkatalog.csv"')
          .send(directoryCsv(rows));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/directory/staff/services',
      summary: 'Search the directory as staff: also unverified entries (marked) and staff-only contact routes',
      tags,
      access: { kind: 'permission', action: 'directory.search' },
      query: searchQuery,
      responses: { 200: { description: 'Matching services', schema: searchResponse } },
      async handler({ query, locale, db }) {
        return db((tx) =>
          searchDirectory(
            tx,
            {
              municipality: query.municipality,
              county: query.county,
              audiences: query.audience,
              kinds: query.kind,
              languages: query.language,
              text: query.q,
              openNow: query.openNow,
            },
            { now: context.clock.now(), language: locale, audience: 'staff' },
          ),
        );
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/directory/entries/:id',
      summary: 'One directory entry; its editors also see the protected address',
      tags,
      access: { kind: 'permission', action: 'directory.search' },
      params: idParams,
      responses: { 200: { description: 'The entry', schema: serviceDetail } },
      async handler({ params, caller, db }) {
        const editor = caller.actor.kind === 'user' && caller.actor.roles.includes('directory_editor') ? { tenantId: caller.tenantId } : null;
        return db((tx) => getServiceDetail(tx, params.id, editor, context.clock.now()));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/directory/entries/:id/history',
      summary: 'Every version of an entry: what changed, when and by whom',
      tags,
      access: { kind: 'permission', action: 'directory.search' },
      params: idParams,
      responses: { 200: { description: 'Versions, newest first', schema: serviceHistory } },
      async handler({ params, db }) {
        const rows = await db((tx) => serviceVersions(tx, params.id));
        if (rows.length === 0) throw new AppError('not_found');
        return {
          versions: rows.map((row) => ({ version: Number(row.version), change: row.change, changedAt: row.changed_at, changedBy: row.changed_by_label })),
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/directory/entries',
      summary: 'Propose a new service (kept by the editor’s organisation); another editor publishes it after a preview',
      tags,
      access: { kind: 'permission', action: 'directory.edit' },
      body: createServiceRequest,
      responses: { 202: { description: 'Stored as a pending change', schema: directoryChange } },
      async handler({ body, caller, reply, db }) {
        const editor = editorFor(caller);
        const change = await db(async (tx) => {
          const proposed = await proposeChange(tx, editor, null, body.service, body.verify, body.revises);
          await caller.audit(tx, {
            action: 'directory.edit',
            recordType: 'directory_change',
            recordId: proposed.id,
            details: { change: 'proposed' },
          });
          return proposed;
        });
        reply.code(202);
        return change;
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/directory/entries/:id',
      summary: 'Propose a change of a service; the published version stays until another editor publishes it. 409 version_conflict when the entry moved on',
      tags,
      access: { kind: 'permission', action: 'directory.edit' },
      params: idParams,
      body: updateServiceRequest,
      responses: { 202: { description: 'Stored as a pending change', schema: directoryChange } },
      async handler({ params, body, caller, reply, db }) {
        const editor = editorFor(caller);
        const change = await db(async (tx) => {
          const proposed = await proposeChange(tx, editor, { serviceId: params.id, version: body.version }, body.service, body.verify, body.revises);
          await caller.audit(tx, {
            action: 'directory.edit',
            recordType: 'directory_service',
            recordId: params.id,
            details: { change: 'proposed', changeId: proposed.id, version: body.version },
          });
          return proposed;
        });
        reply.code(202);
        return change;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/directory/changes',
      summary: 'The organisation’s pending directory changes, waiting for a second editor, and the caller’s own returned changes to revise',
      tags,
      access: { kind: 'permission', action: 'directory.edit' },
      responses: { 200: { description: 'Pending changes, oldest first; the caller’s returned ones, latest first', schema: directoryChangeList } },
      async handler({ caller, db }) {
        const editor = editorFor(caller);
        return db(async (tx) => ({ changes: await pendingChanges(tx, editor), returned: await returnedChanges(tx, editor) }));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/directory/changes/:id',
      summary: 'Preview a change: the published version beside the proposed one',
      tags,
      access: { kind: 'permission', action: 'directory.edit' },
      params: idParams,
      responses: { 200: { description: 'The preview', schema: directoryChangePreview } },
      async handler({ params, caller, db }) {
        const editor = editorFor(caller);
        return db((tx) => previewChange(tx, editor, params.id, context.clock.now()));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/directory/changes/:id/publish',
      summary: 'Publish another editor’s change; 403 for the author’s own change',
      tags,
      access: { kind: 'permission', action: 'directory.edit' },
      params: idParams,
      responses: { 200: { description: 'Published', schema: directoryChange } },
      async handler({ params, caller, db }) {
        const editor = editorFor(caller);
        return db(async (tx) => {
          const published = await publishChange(tx, editor, params.id, context.clock.now());
          await caller.audit(tx, {
            action: 'directory.edit',
            recordType: 'directory_service',
            recordId: published.serviceId,
            details: { change: 'published', changeId: params.id, version: published.version },
          });
          return published.change;
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/directory/changes/:id/return',
      summary: 'Return another editor’s change with a comment; nothing is published',
      tags,
      access: { kind: 'permission', action: 'directory.edit' },
      params: idParams,
      body: returnChangeRequest,
      responses: { 200: { description: 'Returned', schema: directoryChange } },
      async handler({ params, body, caller, db }) {
        const editor = editorFor(caller);
        return db(async (tx) => {
          const returned = await returnChange(tx, editor, params.id, body.comment);
          await caller.audit(tx, {
            action: 'directory.edit',
            recordType: 'directory_change',
            recordId: params.id,
            details: { change: 'returned' },
          });
          return returned;
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/directory/entries/:id/verify',
      summary: 'Record that the entry (and its opening hours) has been checked today',
      tags,
      access: { kind: 'permission', action: 'directory.edit' },
      params: idParams,
      body: verifyServiceRequest,
      responses: { 200: { description: 'Verified', schema: serviceDetail } },
      async handler({ params, body, caller, db }) {
        const editor = editorFor(caller);
        return db(async (tx) => {
          const verified = await verifyDirectoryService(tx, editor, params.id, body.version, context.clock.now());
          await caller.audit(tx, {
            action: 'directory.edit',
            recordType: 'directory_service',
            recordId: params.id,
            details: { change: 'verified', version: verified.version },
          });
          return verified;
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/directory/dashboard',
      summary: 'What needs the editor’s attention: unverified entries and entries not checked for 12 months',
      tags,
      access: { kind: 'permission', action: 'directory.edit' },
      responses: { 200: { description: 'The dashboard', schema: dashboardResponse } },
      async handler({ caller, db }) {
        const editor = editorFor(caller);
        return db((tx) => editorDashboard(tx, editor, context.clock.now()));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/directory/imports',
      summary: 'Upload an HSDS JSON or CSV file: it is checked in the background and staged for preview',
      tags,
      access: { kind: 'permission', action: 'directory.import' },
      body: importRequest,
      responses: { 202: { description: 'Staging started', schema: importStarted } },
      async handler({ body, caller, reply, db }) {
        const editor = editorFor(caller);
        const started = await db(async (tx) => {
          const result = await startImport(tx, editor, { format: body.format, content: body.content, filename: body.filename });
          await caller.audit(tx, {
            action: 'directory.import',
            recordType: 'directory_import',
            recordId: result.importId,
            details: { change: 'staged', format: body.format },
          });
          return result;
        });
        context.nudgeJobs();
        reply.code(202);
        return started;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/directory/imports/:id',
      summary: 'The preview of an import: what will be created, changed or rejected, line by line',
      tags,
      access: { kind: 'permission', action: 'directory.import' },
      params: idParams,
      responses: { 200: { description: 'The preview', schema: importPreviewSchema } },
      async handler({ params, locale, db }) {
        return db((tx) => importPreview(tx, params.id, locale));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/directory/imports/:id/apply',
      summary: 'Apply a previewed import in one transaction: all or nothing',
      tags,
      access: { kind: 'permission', action: 'directory.import' },
      params: idParams,
      body: applyImportRequest,
      responses: { 200: { description: 'Applied', schema: importApplied } },
      async handler({ params, body, caller, db }) {
        const editor = editorFor(caller);
        return db(async (tx) => {
          const applied = await applyImport(tx, editor, params.id, body, context.clock.now());
          await caller.audit(tx, {
            action: 'directory.import',
            recordType: 'directory_import',
            recordId: params.id,
            details: { change: 'applied', created: applied.created, updated: applied.updated },
          });
          return applied;
        });
      },
    }),
  ];
}

/**
 * The handout's language: any language of the languages table (ADR 0109). A language whose script
 * no installed font covers (Ethiopic without Abyssinica SIL, Hebrew) gets 422 with the advice to
 * show the on-screen pages instead; an unknown code gets 400 with the allowed values.
 */
function handoutLanguage(languages: Language[], value: string | undefined): string {
  const code = value ?? 'sv';
  const language = languages.find((candidate) => candidate.code === code);
  if (!language)
    return (
      checkCodes(
        'language',
        [code],
        languages.map((candidate) => candidate.code),
      )[0] ?? 'sv'
    );
  const renderable =
    language.script === 'Latn' || language.script === 'Arab' || language.script === 'Cyrl' || (language.script === 'Ethi' && ethiopicFontAvailable());
  if (!renderable) {
    const available = languages
      .filter((candidate) => candidate.script !== 'Hebr' && (candidate.script !== 'Ethi' || ethiopicFontAvailable()))
      .map((candidate) => candidate.code)
      .join(', ');
    throw new AppError('unprocessable', {
      detail: {
        sv: interpolate(directoryMessages.sv.handoutUnavailable, { language: code, languages: available }),
        en: interpolate(directoryMessages.en.handoutUnavailable, { language: code, languages: available }),
      },
    });
  }
  return code;
}
