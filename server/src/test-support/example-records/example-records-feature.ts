import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Role, Scope } from '#shared/auth/roles.ts';
import { RECORD_SCOPE_ORDER } from '#shared/auth/roles.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { authorizeChange, openRecord, recordListReads, scopeCondition } from '../../platform/access/record-access.ts';
import type { RecordTypeDefinition } from '../../platform/access/record-types.ts';
import { loadProtections, setProtection, withholdLocation } from '../../platform/access/protected-identity.ts';
import { tokenAccess } from '../../platform/access/token-access.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import { toCsv } from '../../platform/export/csv.ts';
import { auditSource } from '../../platform/http/register-routes.ts';
import { defineRoute, type Caller } from '../../platform/http/route.ts';
import type { Feature } from '../../platform/feature.ts';
import type { Tx } from '../../platform/db/database.ts';
import { exampleRecords, exampleRespondents, exampleRounds } from './example-tables.ts';

export const EXAMPLE_RECORD_TYPE = 'example_record';
export const EXAMPLE_LOCATION_FIELDS = ['municipalityCode', 'address'] as const;

/**
 * The example's own grants. A real feature puts these rows in shared/auth/permissions.ts
 * (e.g. `encounters.read`) and calls `scopeFor(actor, action)`; the example keeps them here so
 * the production permission table holds no test-only actions.
 */
export const EXAMPLE_READ: Partial<Record<Role, Scope>> = { caseworker: 'unit', manager: 'unit', agency_coordinator: 'agency' };
export const EXAMPLE_CHANGE: Partial<Record<Role, Scope>> = { caseworker: 'own', manager: 'unit' };

export function exampleScope(actor: SignedInActor, grants: Partial<Record<Role, Scope>>): Scope | undefined {
  if (actor.kind !== 'user') return undefined;
  let widest: Scope | undefined;
  for (const role of actor.roles) {
    const scope = grants[role];
    if (scope && (!widest || RECORD_SCOPE_ORDER.indexOf(scope) > RECORD_SCOPE_ORDER.indexOf(widest))) widest = scope;
  }
  return widest;
}

const record = z.object({
  id: z.string().uuid(),
  unitId: z.string().uuid(),
  title: z.string(),
  municipalityCode: z.string().nullable(),
  address: z.string().nullable(),
  locationWithheld: z.boolean(),
});
const createRequest = z.object({
  title: z.string().min(1).max(200),
  municipalityCode: z
    .string()
    .regex(/^\d{4}$/)
    .nullable()
    .optional(),
  address: z.string().max(200).nullable().optional(),
  protectedIdentity: z.boolean().optional(),
});
const params = z.object({ id: z.string().uuid() });
const tokenParams = z.object({ token: z.string().min(20).max(100) });

export const exampleRecordType: RecordTypeDefinition = {
  type: EXAMPLE_RECORD_TYPE,
  readAction: 'example.read',
  readScope: (actor) => exampleScope(actor, EXAMPLE_READ),
  locationFields: EXAMPLE_LOCATION_FIELDS,
  async locate(tx, id) {
    const [row] = await tx
      .select({ id: exampleRecords.id, tenantId: exampleRecords.tenantId, unitId: exampleRecords.unitId, createdBy: exampleRecords.createdBy })
      .from(exampleRecords)
      .where(eq(exampleRecords.id, id));
    return row ?? null;
  },
};

type Row = typeof exampleRecords.$inferSelect;

async function shown(tx: Tx, rows: Row[]) {
  const protections = await loadProtections(
    tx,
    EXAMPLE_RECORD_TYPE,
    rows.map((row) => row.id),
  );
  return rows.map((row) =>
    withholdLocation(
      { id: row.id, unitId: row.unitId, title: row.title, municipalityCode: row.municipalityCode, address: row.address },
      protections.get(row.id),
      EXAMPLE_LOCATION_FIELDS,
    ),
  );
}

/** A refusal of individual-level access without a grant: audited like the pipeline's own 403. */
const refused = (action: string) => new AppError('forbidden', { deniedAccess: { action, recordType: EXAMPLE_RECORD_TYPE } });

function signedIn(input: { caller: Caller }): SignedInActor {
  if (input.caller.kind === 'anonymous') throw new AppError('unauthenticated');
  return input.caller.actor;
}

/** Lists the records the caller's scope reaches (row-level security has removed the rest). */
async function listFor(tx: Tx, actor: SignedInActor) {
  return tx
    .select()
    .from(exampleRecords)
    .where(
      scopeCondition(actor, exampleScope(actor, EXAMPLE_READ), EXAMPLE_RECORD_TYPE, {
        id: exampleRecords.id,
        unitId: exampleRecords.unitId,
        createdBy: exampleRecords.createdBy,
      }),
    )
    .orderBy(asc(exampleRecords.title));
}

export const exampleRecordsFeature: Feature = {
  name: 'example-records',
  recordTypes: () => [exampleRecordType],
  routes: (context) => [
    defineRoute({
      method: 'GET',
      url: '/api/v1/examples',
      summary: 'Example records the caller reaches (test fixture)',
      tags: ['Test'],
      access: { kind: 'signed_in' },
      responses: { 200: { description: 'Records', schema: z.object({ records: z.array(record) }) } },
      async handler(input) {
        const actor = signedIn(input);
        if (!exampleScope(actor, EXAMPLE_READ)) throw refused('example.read');
        return input.db(async (tx) => {
          const rows = await listFor(tx, actor);
          await recordListReads(tx, actor, auditSource(input.request), 'example.read', EXAMPLE_RECORD_TYPE, rows);
          return { records: await shown(tx, rows) };
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/examples/export.csv',
      summary: 'Export of the example records the caller reaches (test fixture)',
      tags: ['Test'],
      access: { kind: 'signed_in' },
      responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
      async handler(input) {
        const actor = signedIn(input);
        if (!exampleScope(actor, EXAMPLE_READ)) throw refused('example.export');
        const records = await input.db(async (tx) => {
          const rows = await listFor(tx, actor);
          await recordListReads(tx, actor, auditSource(input.request), 'example.export', EXAMPLE_RECORD_TYPE, rows);
          return shown(tx, rows);
        });
        const csv = toCsv(
          ['id', 'title', 'municipality', 'address'],
          records.map((r) => [r.id, r.title, r.municipalityCode, r.address]),
        );
        return input.reply.header('content-type', 'text/csv; charset=utf-8').send(csv);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/examples/:id',
      summary: 'One example record: protection rules, scope or break-the-glass; one audit event',
      tags: ['Test'],
      access: { kind: 'signed_in' },
      params,
      responses: { 200: { description: 'The record', schema: record } },
      async handler(input) {
        const actor = signedIn(input);
        return input.db(async (tx) => {
          await openRecord(tx, exampleRecordType, input.params.id, { actor, source: auditSource(input.request), now: context.clock.now() });
          const [row] = await tx.select().from(exampleRecords).where(eq(exampleRecords.id, input.params.id));
          if (!row) throw notFound();
          return (await shown(tx, [row]))[0]!;
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/examples',
      summary: 'Create an example record in the acting unit (test fixture)',
      tags: ['Test'],
      access: { kind: 'signed_in' },
      body: createRequest,
      responses: { 201: { description: 'Created', schema: record } },
      async handler(input) {
        const actor = signedIn(input);
        if (actor.kind !== 'user' || !actor.actingUnitId || !exampleScope(actor, EXAMPLE_CHANGE)) throw refused('example.create');
        const unitId = actor.actingUnitId;
        const created = await input.db(async (tx) => {
          const [row] = await tx
            .insert(exampleRecords)
            .values({
              tenantId: actor.tenantId,
              unitId,
              createdBy: actor.userId,
              title: input.body.title,
              municipalityCode: input.body.municipalityCode ?? null,
              address: input.body.address ?? null,
            })
            .returning();
          if (input.body.protectedIdentity) {
            await setProtection(tx, {
              tenantId: actor.tenantId,
              recordType: EXAMPLE_RECORD_TYPE,
              recordId: row!.id,
              protectedIdentity: true,
              designatedUnitId: null,
              by: actor.userId,
              now: context.clock.now(),
            });
          }
          return (await shown(tx, [row!]))[0]!;
        });
        input.reply.code(201);
        return created;
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/examples/:id',
      summary: 'Change an example record’s title (no break-the-glass for changes)',
      tags: ['Test'],
      access: { kind: 'signed_in' },
      params,
      body: z.object({ title: z.string().min(1).max(200) }),
      responses: { 200: { description: 'Changed', schema: record } },
      async handler(input) {
        const actor = signedIn(input);
        return input.db(async (tx) => {
          await authorizeChange(tx, exampleRecordType, input.params.id, {
            actor,
            source: auditSource(input.request),
            now: context.clock.now(),
            action: 'example.change',
            scope: exampleScope(actor, EXAMPLE_CHANGE),
          });
          const [row] = await tx.update(exampleRecords).set({ title: input.body.title }).where(eq(exampleRecords.id, input.params.id)).returning();
          return (await shown(tx, [row!]))[0]!;
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/example-rounds',
      summary: 'Rounds the organisation owns or that are shared with it (shared-data pattern)',
      tags: ['Test'],
      access: { kind: 'signed_in' },
      responses: { 200: { description: 'Rounds', schema: z.object({ rounds: z.array(z.object({ id: z.string(), title: z.string(), owned: z.boolean() })) }) } },
      async handler(input) {
        const actor = signedIn(input);
        const rows = await input.db((tx) => tx.select().from(exampleRounds).orderBy(asc(exampleRounds.title)));
        return { rounds: rows.map((row) => ({ id: row.id, title: row.title, owned: row.tenantId === actor.tenantId })) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/public/example-responses/:token',
      summary: 'A respondent’s own answer, by the token in their link (token-access pattern)',
      tags: ['Test'],
      access: { kind: 'public' },
      params: tokenParams,
      responses: { 200: { description: 'The answer', schema: z.object({ round: z.string(), answer: z.string().nullable() }) } },
      async handler(input) {
        const found = await context.database.transaction(tokenAccess(input.params.token), async (tx) => {
          const [respondent] = await tx.select({ roundId: exampleRespondents.roundId, answer: exampleRespondents.answer }).from(exampleRespondents);
          if (!respondent) return undefined;
          const [round] = await tx.select({ title: exampleRounds.title }).from(exampleRounds).where(eq(exampleRounds.id, respondent.roundId));
          return { round: round?.title ?? '', answer: respondent.answer };
        });
        if (!found) throw notFound();
        return found;
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/public/example-responses/:token',
      summary: 'Save a respondent’s answer by the token in their link',
      tags: ['Test'],
      access: { kind: 'public' },
      params: tokenParams,
      body: z.object({ answer: z.string().max(500) }),
      responses: { 204: { description: 'Saved' } },
      async handler(input) {
        const updated = await context.database.transaction(tokenAccess(input.params.token), (tx) =>
          // No id in the condition: the policy alone decides which row the token reaches.
          tx.update(exampleRespondents).set({ answer: input.body.answer }).returning({ id: exampleRespondents.id }),
        );
        if (updated.length !== 1) throw notFound();
        return undefined;
      },
    }),
  ],
};
