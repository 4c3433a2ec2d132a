import crypto from 'node:crypto';
import type { z } from 'zod';
import type {
  createOrganisationRequest,
  createUnitRequest,
  updateOrganisationRequest,
  updateUnitRequest,
  UnitDetail,
} from '#shared/contracts/administration.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import { stockholmDate } from '#shared/time/stockholm.ts';
import type { Scope } from '#shared/auth/roles.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { AuditEntry } from '../../platform/audit/audit.ts';
import { sqlConstraint, sqlState, type Tx } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound, pick } from '../../platform/errors/app-error.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { administrationMessages } from './messages.ts';
import { toOrganisation, toUnit, unitRepository as repo } from './unit-repository.ts';

/**
 * Who calls an administration service (and the identity feature's), as the services see it: the
 * route's caller with the organisation it may act in (ADR 0098; services do not import the HTTP
 * kernel).
 */
export type Caller = {
  actor: SignedInActor;
  scope: Scope;
  /** Appends one event to the audit trail as this caller, with the request's source. */
  audit(tx: Tx, entry: AuditEntry): Promise<number>;
  /** A transaction in the given organisation; `not_found` unless the scope reaches it (ADR 0016). */
  dbIn<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
};

type CreateUnit = z.output<typeof createUnitRequest>;
type UpdateUnit = z.output<typeof updateUnitRequest>;

const conflict = (select: (m: (typeof administrationMessages)['sv']) => string) => new AppError('conflict', { detail: pick(administrationMessages, select) });

/** A county code that contradicts the municipality, or a code SCB does not have, lands on its field. */
function codes(input: { countyCode?: string | null | undefined; municipalityCode?: string | null | undefined }) {
  const municipalityCode = input.municipalityCode ?? null;
  const countyCode = municipalityCode ? municipalityCode.slice(0, 2) : (input.countyCode ?? null);
  if (municipalityCode && input.countyCode && input.countyCode !== countyCode) {
    throw invalidField(
      'countyCode',
      'county_unknown',
      pick(validationMessages, (m) => m.county_unknown),
    );
  }
  return { countyCode, municipalityCode };
}

/**
 * Runs `work` at a savepoint, so a reference-data foreign key failure (an SCB code that does not
 * exist) can be answered on its field. The county is derived from a given municipality, so an
 * unknown municipality may fail on either key: it is the municipality the user typed.
 */
async function withReferenceChecks<T>(tx: Tx, given: { municipalityCode: string | null }, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await tx.transaction(work);
  } catch (error) {
    const constraint = sqlConstraint(error) ?? '';
    if (sqlState(error) === '23503' && (constraint.includes('municipality') || constraint.includes('county'))) {
      if (given.municipalityCode)
        throw invalidField(
          'municipalityCode',
          'municipality_unknown',
          pick(validationMessages, (m) => m.municipality_unknown),
        );
      throw invalidField(
        'countyCode',
        'county_unknown',
        pick(validationMessages, (m) => m.county_unknown),
      );
    }
    throw error;
  }
}

/**
 * Organisations and the unit hierarchy (issue 3). Units are never deleted: renaming, moving and
 * (de)activating write `unit_changes` history, and every change writes one audit event.
 */
export function createUnitService(deps: { clock: Clock }) {
  const { clock } = deps;

  /** A `unit` grant (a service account's) reaches its unit and the units below it only. */
  const inUnitScope = (caller: Caller, unitId: string) => caller.scope !== 'unit' || caller.actor.unitScopeIds.includes(unitId);

  async function findUnit(caller: Caller, id: string) {
    // Unit rows are readable across organisations; the reach is decided here and by `dbIn`.
    const unit = await caller.dbIn(caller.actor.tenantId, (tx) => repo.unit(tx, id));
    if (!unit || !inUnitScope(caller, unit.id)) throw notFound();
    return unit;
  }

  return {
    async listOrganisations(caller: Caller) {
      const rows = await caller.dbIn(caller.actor.tenantId, (tx) => repo.listOrganisations(tx));
      return { organisations: rows.map(toOrganisation) };
    },

    async createOrganisation(caller: Caller, body: z.output<typeof createOrganisationRequest>) {
      const id = crypto.randomUUID();
      const { countyCode, municipalityCode } = codes(body);
      try {
        const row = await caller.dbIn(id, async (tx) => {
          const created = await withReferenceChecks(tx, { municipalityCode }, (inner) =>
            repo.insertOrganisation(inner, {
              id,
              kind: body.kind,
              code: body.code,
              name: body.name,
              shortName: body.shortName ?? null,
              countyCode,
              municipalityCode,
            }),
          );
          await caller.audit(tx, {
            action: 'organisations.create',
            recordType: 'organisation',
            recordId: id,
            recordTenantId: id,
            details: { kind: body.kind },
          });
          return created;
        });
        return toOrganisation(row);
      } catch (error) {
        if (sqlState(error) === '23505')
          throw invalidField(
            'code',
            'organisation_code_taken',
            pick(validationMessages, (m) => m.organisation_code_taken),
          );
        throw error;
      }
    },

    async updateOrganisation(caller: Caller, id: string, body: z.output<typeof updateOrganisationRequest>) {
      const row = await caller.dbIn(id, async (tx) => {
        const current = await repo.organisation(tx, id);
        if (!current) throw notFound();
        const updated = await repo.updateOrganisation(tx, id, body.version, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
          updatedAt: clock.now(),
        });
        if (!updated) throw new AppError('version_conflict');
        await caller.audit(tx, {
          action: 'organisations.update',
          recordType: 'organisation',
          recordId: id,
          recordTenantId: id,
          details: { renamed: body.name !== undefined && body.name !== current.name, active: updated.active },
        });
        return updated;
      });
      return toOrganisation(row);
    },

    async listUnits(caller: Caller, organisationId: string | undefined) {
      const tenantId = organisationId ?? caller.actor.tenantId;
      return caller.dbIn(tenantId, async (tx) => {
        const organisation = await repo.organisation(tx, tenantId);
        if (!organisation) throw notFound();
        const rows = await repo.listUnits(tx, tenantId);
        return { organisation: toOrganisation(organisation), units: rows.filter((row) => inUnitScope(caller, row.id)).map(toUnit) };
      });
    },

    async getUnit(caller: Caller, id: string): Promise<UnitDetail> {
      const unit = await findUnit(caller, id);
      return caller.dbIn(unit.tenantId, async (tx) => {
        const organisation = await repo.organisation(tx, unit.tenantId);
        if (!organisation) throw notFound();
        const history = await repo.history(tx, id);
        return {
          unit: toUnit(unit),
          organisation: toOrganisation(organisation),
          ancestors: await repo.ancestors(tx, id),
          children: await repo.children(tx, id),
          currentMembers: await repo.currentMembers(tx, id, stockholmDate(clock.now())),
          history: history.map((change) => ({
            id: change.id,
            changedAt: change.changedAt.toISOString(),
            change: change.change,
            changedBy: change.changedBy,
            before: change.before ?? null,
            after: change.after ?? null,
          })),
        };
      });
    },

    async createUnit(caller: Caller, body: CreateUnit) {
      const parent = body.parentId ? await findUnit(caller, body.parentId) : undefined;
      const tenantId = parent?.tenantId ?? body.organisationId ?? caller.actor.tenantId;
      const { countyCode, municipalityCode } = codes(body);
      const row = await caller.dbIn(tenantId, async (tx) => {
        const organisation = await repo.organisation(tx, tenantId);
        if (!organisation) throw notFound();
        if (!organisation.active) throw conflict((m) => m.organisationInactive);
        if (parent && !parent.active) throw conflict((m) => m.parentInactive);
        const now = clock.now();
        const created = await withReferenceChecks(tx, { municipalityCode }, (inner) =>
          repo.insertUnit(inner, {
            tenantId,
            parentId: parent?.id ?? null,
            level: body.level,
            name: body.name,
            countyCode,
            municipalityCode,
            createdAt: now,
            updatedAt: now,
          }),
        );
        await repo.recordChange(tx, {
          tenantId,
          unitId: created.id,
          changedBy: caller.actor.kind === 'user' ? caller.actor.userId : null,
          change: 'created',
          before: null,
          after: snapshot(created),
          changedAt: now,
        });
        await caller.audit(tx, { action: 'units.create', recordType: 'unit', recordId: created.id, recordTenantId: tenantId });
        return created;
      });
      return toUnit(row);
    },

    async updateUnit(caller: Caller, id: string, body: UpdateUnit) {
      const unit = await findUnit(caller, id);
      const row = await caller.dbIn(unit.tenantId, async (tx) => {
        const changes: Parameters<typeof repo.updateUnit>[3] = { updatedAt: clock.now() };
        const renamed = body.name !== undefined && body.name !== unit.name;
        if (renamed) changes.name = body.name!;
        const moved = body.parentId !== undefined && body.parentId !== unit.parentId;
        if (moved) {
          if (body.parentId) {
            const parent = await repo.unit(tx, body.parentId);
            // Another organisation's unit is "not found" here too: a unit moves within its organisation.
            if (!parent || parent.tenantId !== unit.tenantId)
              throw invalidField(
                'parentId',
                'invalid_uuid',
                pick(validationMessages, (m) => m.invalid_uuid),
              );
            const ancestors = await repo.ancestors(tx, parent.id);
            if (parent.id === id || ancestors.some((ancestor) => ancestor.id === id)) {
              throw invalidField(
                'parentId',
                'unit_cycle',
                pick(validationMessages, (m) => m.unit_cycle),
              );
            }
            if (!parent.active) throw conflict((m) => m.parentInactive);
          }
          changes.parentId = body.parentId ?? null;
        }
        const codesGiven = body.countyCode !== undefined || body.municipalityCode !== undefined;
        const nextCodes = codesGiven
          ? codes({
              countyCode: body.countyCode === undefined ? unit.countyCode : body.countyCode,
              municipalityCode: body.municipalityCode === undefined ? unit.municipalityCode : body.municipalityCode,
            })
          : { countyCode: unit.countyCode, municipalityCode: unit.municipalityCode };
        const recoded = nextCodes.countyCode !== unit.countyCode || nextCodes.municipalityCode !== unit.municipalityCode;
        if (recoded) Object.assign(changes, nextCodes);
        const updated = await withReferenceChecks(tx, nextCodes, (inner) => repo.updateUnit(inner, id, body.version, changes));
        if (!updated) throw new AppError('version_conflict');
        const history = {
          tenantId: unit.tenantId,
          unitId: id,
          changedBy: caller.actor.kind === 'user' ? caller.actor.userId : null,
          changedAt: changes.updatedAt,
        };
        if (renamed) await repo.recordChange(tx, { ...history, change: 'renamed', before: { name: unit.name }, after: { name: updated.name } });
        if (moved) await repo.recordChange(tx, { ...history, change: 'moved', before: { parentId: unit.parentId }, after: { parentId: updated.parentId } });
        if (recoded) {
          await repo.recordChange(tx, {
            ...history,
            change: 'updated',
            before: { countyCode: unit.countyCode, municipalityCode: unit.municipalityCode },
            after: { countyCode: updated.countyCode, municipalityCode: updated.municipalityCode },
          });
        }
        await caller.audit(tx, {
          action: 'units.update',
          recordType: 'unit',
          recordId: id,
          recordTenantId: unit.tenantId,
          details: { renamed, moved, recoded },
        });
        return updated;
      });
      return toUnit(row);
    },

    async setActive(caller: Caller, id: string, version: number, active: boolean) {
      const unit = await findUnit(caller, id);
      const row = await caller.dbIn(unit.tenantId, async (tx) => {
        if (unit.active === active) throw conflict((m) => (active ? m.unitAlreadyActive : m.unitAlreadyInactive));
        if (!active) {
          if ((await repo.activeChildren(tx, id)) > 0) throw conflict((m) => m.unitHasActiveChildren);
          if ((await repo.openMemberships(tx, id, stockholmDate(clock.now()))) > 0) throw conflict((m) => m.unitHasMembers);
          if ((await repo.activeServiceAccounts(tx, id)) > 0) throw conflict((m) => m.unitHasServiceAccounts);
        } else if (unit.parentId) {
          const parent = await repo.unit(tx, unit.parentId);
          if (!parent?.active) throw conflict((m) => m.parentInactive);
        }
        const updated = await repo.updateUnit(tx, id, version, { active, updatedAt: clock.now() });
        if (!updated) throw new AppError('version_conflict');
        await repo.recordChange(tx, {
          tenantId: unit.tenantId,
          unitId: id,
          changedBy: caller.actor.kind === 'user' ? caller.actor.userId : null,
          change: active ? 'reactivated' : 'deactivated',
          before: { active: unit.active },
          after: { active },
          changedAt: clock.now(),
        });
        await caller.audit(tx, {
          action: active ? 'units.reactivate' : 'units.deactivate',
          recordType: 'unit',
          recordId: id,
          recordTenantId: unit.tenantId,
        });
        return updated;
      });
      return toUnit(row);
    },
  };
}

/** What the history keeps of a new unit: facts about the organisation, no personal data. */
function snapshot(unit: { name: string; parentId: string | null; level: string; countyCode: string | null; municipalityCode: string | null }) {
  return { name: unit.name, parentId: unit.parentId, level: unit.level, countyCode: unit.countyCode, municipalityCode: unit.municipalityCode };
}
