import { and, eq } from 'drizzle-orm';
import {
  addConnectionRequest,
  breakGlassGranted,
  breakGlassRequest,
  connectionParams,
  protectionSchema,
  recordParams,
  setProtectionRequest,
  type RecordProtection,
} from '#shared/contracts/records.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { users } from '../../platform/auth/schema.ts';
import { locateHandled, reaches } from '../../platform/access/record-access.ts';
import { setProtection } from '../../platform/access/protected-identity.ts';
import type { RecordLocation, RecordTypeDefinition } from '../../platform/access/record-types.ts';
import { breakGlassGrants, recordConnections, recordProtections } from '../../platform/access/schema.ts';
import { sqlState, type Tx } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound, pick } from '../../platform/errors/app-error.ts';
import { defineRoute, type PermittedCaller, type Route, type RouteInput } from '../../platform/http/route.ts';
import type { FeatureContext } from '../../platform/feature.ts';
import { recordsMessages } from './messages.ts';

type Located = { actor: SignedInActor; definition: RecordTypeDefinition; location: RecordLocation; audit: PermittedCaller['audit'] };

/**
 * Kernel routes for every individual-level record type a feature registers (ADR 0010, 0014).
 * The record is found through the type's own `locate` in the caller's transaction, so row-level
 * security (including the protection rules) decides what exists for the caller.
 */
export function recordsRoutes(context: FeatureContext): Route[] {
  const tags = ['Skydd för uppgifter om enskilda'];

  /** Runs `work` with the record located; unknown types and invisible records are 404 and audited. */
  function withRecord<T>(
    input: { caller: PermittedCaller; params: { type: string; id: string }; db: RouteInput<unknown, unknown, unknown>['db'] },
    action: string,
    work: (tx: Tx, located: Located) => Promise<T>,
  ): Promise<T> {
    const { caller, params } = input;
    const definition = context.recordTypes.get(params.type);
    const denied = new AppError('not_found', { deniedAccess: { action, recordType: params.type, recordId: params.id } });
    if (!definition) throw denied;
    return input.db(async (tx) => {
      const location = await locateHandled(tx, definition, params.id);
      if (!location) throw denied;
      return work(tx, { actor: caller.actor, definition, location, audit: caller.audit });
    });
  }

  async function protectionOf(tx: Tx, type: string, id: string, actor: SignedInActor): Promise<RecordProtection> {
    const [protection] = await tx
      .select()
      .from(recordProtections)
      .where(and(eq(recordProtections.recordType, type), eq(recordProtections.recordId, id)));
    const connections = await tx
      .select({
        userId: recordConnections.userId,
        displayName: users.displayName,
        removalRequestedBy: recordConnections.removalRequestedBy,
        removalRequestedAt: recordConnections.removalRequestedAt,
      })
      .from(recordConnections)
      .innerJoin(users, eq(users.id, recordConnections.userId))
      .where(and(eq(recordConnections.recordType, type), eq(recordConnections.recordId, id)));
    const request = (requestedBy: string | null | undefined, requestedAt: Date | null | undefined) =>
      requestedBy && requestedAt
        ? { requestedBy, requestedByMe: actor.kind === 'user' && actor.userId === requestedBy, requestedAt: requestedAt.toISOString() }
        : null;
    const liftRequest = protection?.protectedIdentity ? request(protection.liftRequestedBy, protection.liftRequestedAt) : null;
    const unitRequest = protection?.protectedIdentity ? request(protection.unitChangeRequestedBy, protection.unitChangeRequestedAt) : null;
    return {
      protectedIdentity: protection?.protectedIdentity ?? false,
      designatedUnitId: protection?.designatedUnitId ?? null,
      connections: connections.map((c) => ({
        userId: c.userId,
        displayName: c.displayName,
        removalRequest: protection?.protectedIdentity ? request(c.removalRequestedBy, c.removalRequestedAt) : null,
      })),
      liftRequest,
      unitChangeRequest: unitRequest ? { ...unitRequest, to: protection?.unitChangeTo ?? null } : null,
    };
  }

  const event = (located: Located, action: string, details?: Record<string, string | number | boolean | null>) => ({
    action,
    recordType: located.definition.type,
    recordId: located.location.id,
    recordTenantId: located.location.tenantId,
    ...(details ? { details } : {}),
  });

  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/records/:type/:id/break-glass',
      summary: 'Break the glass: time-limited access to one record outside one’s scope, with a reason (flagged for review)',
      tags,
      access: { kind: 'permission', action: 'records.break_glass' },
      params: recordParams,
      body: breakGlassRequest,
      responses: { 201: { description: 'Granted until the given time', schema: breakGlassGranted } },
      async handler(input) {
        const result = await withRecord(input, 'records.break_glass', async (tx, located) => {
          const { actor, definition, location } = located;
          if (actor.kind !== 'user') throw new AppError('forbidden');
          if (reaches(actor, definition.readScope(actor), location)) throw new AppError('conflict', { detail: pick(recordsMessages, (m) => m.withinScope) });
          const now = context.clock.now();
          const expiresAt = new Date(now.getTime() + context.config.breakGlassMinutes * 60_000);
          const seq = await located.audit(tx, {
            ...event(located, 'records.break_glass', { minutes: context.config.breakGlassMinutes }),
            reason: input.body.reason,
            breakGlass: true,
          });
          await tx.insert(breakGlassGrants).values({
            tenantId: location.tenantId,
            userId: actor.userId,
            recordType: definition.type,
            recordId: location.id,
            reason: input.body.reason,
            grantedAt: now,
            expiresAt,
            auditSeq: seq,
          });
          return { expiresAt: expiresAt.toISOString() };
        });
        input.reply.code(201);
        return result;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/records/:type/:id/protection',
      summary: 'A record’s protection: protected identity, designated unit and connected staff (audited)',
      tags,
      access: { kind: 'permission', action: 'records.protect' },
      params: recordParams,
      responses: { 200: { description: 'The protection', schema: protectionSchema } },
      handler: (input) =>
        withRecord(input, 'records.protection_read', async (tx, located) => {
          await located.audit(tx, event(located, 'records.protection_read'));
          return protectionOf(tx, located.definition.type, located.location.id, located.actor);
        }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/records/:type/:id/protection',
      summary:
        'Mark protected identity, or ask to lift it (a second person approves: ADR 0084); set or clear the designated unit (for a protected identity also a request and an approval: ADR 0104)',
      tags,
      access: { kind: 'permission', action: 'records.protect' },
      params: recordParams,
      body: setProtectionRequest,
      responses: { 200: { description: 'The protection', schema: protectionSchema } },
      handler: (input) =>
        withRecord(input, 'records.protect', async (tx, located) => {
          const { body } = input;
          const by = located.actor.kind === 'user' ? located.actor.userId : null;
          const now = context.clock.now();
          const [current] = await tx
            .select()
            .from(recordProtections)
            .where(and(eq(recordProtections.recordType, located.definition.type), eq(recordProtections.recordId, located.location.id)));
          // Lifting protected identity takes two people: the first asks, a different one approves.
          // Until then it stays on, so location, referral targets and the rest stay withheld.
          const lifting = current?.protectedIdentity === true && !body.protectedIdentity;
          let stage: 'requested' | 'approved' | null = null;
          if (lifting) {
            if (current.liftRequestedBy === null || by === null) stage = 'requested';
            else if (current.liftRequestedBy === by) throw new AppError('conflict', { detail: pick(recordsMessages, (m) => m.liftNeedsSecondPerson) });
            else stage = 'approved';
          }
          // Moving a protected identity to another designated unit takes two people too (ADR 0104):
          // the first asks for a unit, a different holder asking for the same unit approves.
          const moving = current?.protectedIdentity === true && (current.designatedUnitId ?? null) !== body.designatedUnitId;
          let unitStage: 'requested' | 'approved' | null = null;
          if (moving) {
            const pending = current.unitChangeRequestedBy !== null && (current.unitChangeTo ?? null) === body.designatedUnitId;
            if (!pending || by === null) unitStage = 'requested';
            else if (current.unitChangeRequestedBy === by)
              throw new AppError('conflict', { detail: pick(recordsMessages, (m) => m.unitChangeNeedsSecondPerson) });
            else unitStage = 'approved';
          }
          try {
            await tx.transaction(async (inner) => {
              if (unitStage === 'requested') {
                // Asked first, so that the request is in the caller's name before anything else.
                await inner
                  .update(recordProtections)
                  .set({ unitChangeRequestedBy: by, unitChangeRequestedAt: now, unitChangeTo: body.designatedUnitId })
                  .where(and(eq(recordProtections.recordType, located.definition.type), eq(recordProtections.recordId, located.location.id)));
              }
              const where = and(eq(recordProtections.recordType, located.definition.type), eq(recordProtections.recordId, located.location.id));
              const liftColumns = stage === 'requested' ? { liftRequestedBy: by, liftRequestedAt: now } : { liftRequestedBy: null, liftRequestedAt: null };
              if (unitStage === 'approved') {
                // One statement: after the move the approver may no longer reach the row at all.
                await inner
                  .update(recordProtections)
                  .set({
                    protectedIdentity: stage === 'requested' ? true : body.protectedIdentity,
                    designatedUnitId: body.designatedUnitId,
                    updatedAt: now,
                    updatedBy: by,
                    ...liftColumns,
                    unitChangeRequestedBy: null,
                    unitChangeRequestedAt: null,
                    unitChangeTo: null,
                  })
                  .where(where);
                return;
              }
              await setProtection(inner, {
                tenantId: located.location.tenantId,
                recordType: located.definition.type,
                recordId: located.location.id,
                protectedIdentity: stage === 'requested' ? true : body.protectedIdentity,
                designatedUnitId: unitStage === 'requested' ? (current?.designatedUnitId ?? null) : body.designatedUnitId,
                by,
                now,
              });
              // A request is kept on the marker; marking again (or the approval) clears it.
              await inner.update(recordProtections).set(liftColumns).where(where);
            });
          } catch (error) {
            // The designated unit must be a unit of the record's organisation (composite key).
            if (sqlState(error) === '23503')
              throw invalidField(
                'designatedUnitId',
                'invalid_uuid',
                pick(validationMessages, (m) => m.invalid_uuid),
              );
            throw error;
          }
          if (unitStage === 'requested') {
            await located.audit(tx, event(located, 'records.request_designated_unit', { designatedUnit: body.designatedUnitId }));
          }
          if (stage === 'requested') {
            await located.audit(tx, event(located, 'records.request_unprotect', { designatedUnit: body.designatedUnitId }));
          } else if (unitStage !== 'requested' || body.protectedIdentity !== current?.protectedIdentity) {
            await located.audit(
              tx,
              event(located, 'records.protect', {
                protectedIdentity: body.protectedIdentity,
                designatedUnit: body.designatedUnitId,
                ...(stage === 'approved' ? { liftRequestedBy: current!.liftRequestedBy } : {}),
                ...(unitStage === 'approved' ? { unitChangeRequestedBy: current!.unitChangeRequestedBy } : {}),
              }),
            );
          }
          const shown = await protectionOf(tx, located.definition.type, located.location.id, located.actor);
          // Moved out of the approver's unit: the record is no longer theirs to see, but the answer
          // still says what they did (its connections are not shown).
          if (unitStage === 'approved' && shown.designatedUnitId !== body.designatedUnitId)
            return { ...shown, protectedIdentity: stage === 'requested' || body.protectedIdentity, designatedUnitId: body.designatedUnitId };
          return shown;
        }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/records/:type/:id/connections',
      summary: 'Connect a staff member to a record: they can never open it',
      tags,
      access: { kind: 'permission', action: 'records.protect' },
      params: recordParams,
      body: addConnectionRequest,
      responses: { 201: { description: 'The protection', schema: protectionSchema } },
      async handler(input) {
        const result = await withRecord(input, 'records.connect', async (tx, located) => {
          const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.body.userId));
          if (!user)
            throw invalidField(
              'userId',
              'invalid_uuid',
              pick(validationMessages, (m) => m.invalid_uuid),
            );
          await tx
            .insert(recordConnections)
            .values({
              tenantId: located.location.tenantId,
              recordType: located.definition.type,
              recordId: located.location.id,
              userId: user.id,
              createdAt: context.clock.now(),
              createdBy: located.actor.kind === 'user' ? located.actor.userId : null,
            })
            .onConflictDoNothing();
          await located.audit(tx, event(located, 'records.connect', { user: user.id }));
          return protectionOf(tx, located.definition.type, located.location.id, located.actor);
        });
        input.reply.code(201);
        return result;
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/records/:type/:id/connections/:userId',
      summary:
        'Remove a staff member’s connection to a record (never one’s own: it is invisible to them); for a protected identity a second person approves (ADR 0104)',
      tags,
      access: { kind: 'permission', action: 'records.protect' },
      params: connectionParams,
      responses: { 200: { description: 'The protection', schema: protectionSchema } },
      handler: (input) =>
        withRecord(input, 'records.disconnect', async (tx, located) => {
          const where = and(
            eq(recordConnections.recordType, located.definition.type),
            eq(recordConnections.recordId, located.location.id),
            eq(recordConnections.userId, input.params.userId),
          );
          const [connection] = await tx.select().from(recordConnections).where(where);
          if (!connection) throw notFound();
          const by = located.actor.kind === 'user' ? located.actor.userId : null;
          const [protection] = await tx
            .select({ protectedIdentity: recordProtections.protectedIdentity })
            .from(recordProtections)
            .where(and(eq(recordProtections.recordType, located.definition.type), eq(recordProtections.recordId, located.location.id)));
          // Removing a connection lets that person open the record: for a protected identity it
          // is a request until a different holder approves (ADR 0104).
          if (protection?.protectedIdentity) {
            if (connection.removalRequestedBy === null || by === null) {
              await tx.update(recordConnections).set({ removalRequestedBy: by, removalRequestedAt: context.clock.now() }).where(where);
              await located.audit(tx, event(located, 'records.request_disconnect', { user: input.params.userId }));
              return protectionOf(tx, located.definition.type, located.location.id, located.actor);
            }
            if (connection.removalRequestedBy === by) throw new AppError('conflict', { detail: pick(recordsMessages, (m) => m.disconnectNeedsSecondPerson) });
          }
          await tx.delete(recordConnections).where(where);
          await located.audit(
            tx,
            event(located, 'records.disconnect', {
              user: input.params.userId,
              ...(connection.removalRequestedBy && protection?.protectedIdentity ? { removalRequestedBy: connection.removalRequestedBy } : {}),
            }),
          );
          return protectionOf(tx, located.definition.type, located.location.id, located.actor);
        }),
    }),
  ];
}
