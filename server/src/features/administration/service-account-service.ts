import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { createServiceAccountRequest, rotateServiceAccountRequest, ServiceAccount } from '#shared/contracts/administration.ts';
import { SERVICE_ACCOUNT_ACTIONS, type Action } from '#shared/auth/permissions.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import { SERVICE_TOKEN_PREFIX } from '../../platform/auth/authenticate.ts';
import { serviceAccounts, units } from '../../platform/auth/schema.ts';
import { assertCanGrant } from '../../platform/access/grants.ts';
import { randomToken, sha256Hex } from '../../platform/crypto/field-encryption.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound, pick } from '../../platform/errors/app-error.ts';
import type { Clock } from '../../platform/time/clock.ts';
import type { Caller } from './unit-service.ts';
import { administrationMessages } from './messages.ts';
import { unitRepository } from './unit-repository.ts';

/** The service accounts' SQL (exported for the isolation test's query paths). */
export const serviceAccountRepository = {
  list(tx: Tx, tenantId: string) {
    return tx
      .select({
        id: serviceAccounts.id,
        name: serviceAccounts.name,
        unitId: serviceAccounts.unitId,
        unitName: units.name,
        actions: serviceAccounts.actions,
        tokenHint: serviceAccounts.tokenHint,
        createdAt: serviceAccounts.createdAt,
        lastUsedAt: serviceAccounts.lastUsedAt,
        revokedAt: serviceAccounts.revokedAt,
        expiresAt: serviceAccounts.expiresAt,
        previousTokenExpiresAt: serviceAccounts.previousTokenExpiresAt,
        rotatedAt: serviceAccounts.rotatedAt,
      })
      .from(serviceAccounts)
      .innerJoin(units, eq(units.id, serviceAccounts.unitId))
      .where(eq(serviceAccounts.tenantId, tenantId))
      .orderBy(asc(serviceAccounts.name));
  },
  async find(tx: Tx, id: string) {
    const [row] = await tx
      .select({
        id: serviceAccounts.id,
        tenantId: serviceAccounts.tenantId,
        unitId: serviceAccounts.unitId,
        actions: serviceAccounts.actions,
        revokedAt: serviceAccounts.revokedAt,
        expiresAt: serviceAccounts.expiresAt,
      })
      .from(serviceAccounts)
      .where(eq(serviceAccounts.id, id));
    return row;
  },
  async insert(tx: Tx, values: typeof serviceAccounts.$inferInsert) {
    const [row] = await tx.insert(serviceAccounts).values(values).returning({ id: serviceAccounts.id });
    return row!.id;
  },
  async tenantOf(tx: Tx, id: string): Promise<string | undefined> {
    const [row] = await queryRows<{ tenant_id: string | null }>(tx, sql`select app_service_account_tenant(${id}::uuid) as tenant_id`);
    return row?.tenant_id ?? undefined;
  },
  /** The new token becomes current; the old one works until `previousUntil` (the overlap). */
  async rotate(tx: Tx, id: string, values: { tokenHash: string; tokenHint: string; expiresAt: Date; previousUntil: Date; now: Date }) {
    const rows = await tx
      .update(serviceAccounts)
      .set({
        // A trigger keeps the old hash as the previous token while the overlap runs (migration 0110).
        previousTokenExpiresAt: values.previousUntil > values.now ? values.previousUntil : null,
        tokenHash: values.tokenHash,
        tokenHint: values.tokenHint,
        expiresAt: values.expiresAt,
        rotatedAt: values.now,
      })
      .where(and(eq(serviceAccounts.id, id), isNull(serviceAccounts.revokedAt)))
      .returning({ id: serviceAccounts.id });
    return rows.length === 1;
  },
  async revoke(tx: Tx, id: string, now: Date) {
    const rows = await tx
      .update(serviceAccounts)
      .set({ revokedAt: now })
      .where(and(eq(serviceAccounts.id, id), isNull(serviceAccounts.revokedAt)))
      .returning({ id: serviceAccounts.id });
    return rows.length === 1;
  },
};

type Row = Awaited<ReturnType<typeof serviceAccountRepository.list>>[number];
const toServiceAccount = (row: Row): ServiceAccount => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
  expiresAt: row.expiresAt.toISOString(),
  previousTokenExpiresAt: row.previousTokenExpiresAt?.toISOString() ?? null,
  rotatedAt: row.rotatedAt?.toISOString() ?? null,
});

const DAY_MS = 86_400_000;
const newToken = () => {
  const token = `${SERVICE_TOKEN_PREFIX}${randomToken(32)}`;
  return { token, tokenHash: sha256Hex(token), tokenHint: token.slice(0, SERVICE_TOKEN_PREFIX.length + 4) };
};

/**
 * Service accounts for integrations with agency case systems (issue 3, ADR 0012): a token scoped
 * to one unit and a set of actions, shown once, stored as its SHA-256, revocable at once. Its
 * calls are authorized and audited like a user's (actor kind `service`).
 */
export function createServiceAccountService(deps: { clock: Clock }) {
  const { clock } = deps;
  return {
    async list(caller: Caller, organisationId: string | undefined) {
      const tenantId = organisationId ?? caller.actor.tenantId;
      const rows = await caller.dbIn(tenantId, (tx) => serviceAccountRepository.list(tx, tenantId));
      return { serviceAccounts: rows.map(toServiceAccount) };
    },

    /**
     * The creator must hold every action, at least as wide as the account's `unit` reach, in that
     * unit (`assertCanGrant`, ADR 0082): a coordinator who sees numbers only cannot mint a token
     * that reads encounters, and no one mints one in an organisation they cannot reach.
     */
    async create(caller: Caller, body: z.output<typeof createServiceAccountRequest>) {
      const unit = await caller.dbIn(caller.actor.tenantId, (tx) => unitRepository.unit(tx, body.unitId));
      if (!unit)
        throw invalidField(
          'unitId',
          'invalid_uuid',
          pick(validationMessages, (m) => m.invalid_uuid),
        );
      const index = body.actions.findIndex((action) => !SERVICE_ACCOUNT_ACTIONS.includes(action as Action));
      if (index >= 0)
        throw invalidField(
          `actions.${index}`,
          'action_not_allowed_for_service',
          pick(validationMessages, (m) => m.action_not_allowed_for_service),
        );
      const actions = [...new Set(body.actions)] as Action[];
      const { token, tokenHash, tokenHint } = newToken();
      return caller.dbIn(unit.tenantId, async (tx) => {
        assertCanGrant(caller.actor, { kind: 'actions', actions, scope: 'unit', target: { tenantId: unit.tenantId, unitId: unit.id } });
        if (!unit.active)
          throw invalidField(
            'unitId',
            'unit_inactive',
            pick(validationMessages, (m) => m.unit_inactive),
          );
        const now = clock.now();
        const expiresAt = new Date(now.getTime() + body.expiresInDays * DAY_MS);
        const id = await serviceAccountRepository.insert(tx, {
          tenantId: unit.tenantId,
          unitId: unit.id,
          name: body.name,
          tokenHash,
          tokenHint,
          actions,
          createdBy: caller.actor.kind === 'user' ? caller.actor.userId : null,
          createdAt: now,
          expiresAt,
        });
        await caller.audit(tx, {
          action: 'service_accounts.create',
          recordType: 'service_account',
          recordId: id,
          recordTenantId: unit.tenantId,
          details: { unit: unit.id, actions: [...actions].sort().join(','), expiresAt: expiresAt.toISOString() },
        });
        const created = (await serviceAccountRepository.list(tx, unit.tenantId)).find((row) => row.id === id)!;
        return { serviceAccount: toServiceAccount(created), token };
      });
    },

    /**
     * A new token, shown once; the old one keeps working for `overlapHours` so the integration
     * switches without downtime. Rotating re-issues the grant, so the same rule applies as at
     * creation: whoever rotates must hold every action of the account in its unit.
     */
    async rotate(caller: Caller, id: string, body: z.output<typeof rotateServiceAccountRequest>) {
      const tenantId =
        caller.scope === 'all' ? await caller.dbIn(caller.actor.tenantId, (tx) => serviceAccountRepository.tenantOf(tx, id)) : caller.actor.tenantId;
      if (!tenantId) throw notFound();
      const { token, tokenHash, tokenHint } = newToken();
      return caller.dbIn(tenantId, async (tx) => {
        const account = await serviceAccountRepository.find(tx, id);
        if (!account) throw notFound();
        assertCanGrant(caller.actor, { kind: 'actions', actions: account.actions as Action[], scope: 'unit', target: { tenantId, unitId: account.unitId } });
        if (account.revokedAt) throw new AppError('conflict', { detail: pick(administrationMessages, (m) => m.serviceAccountRevoked) });
        const now = clock.now();
        const expiresAt = new Date(now.getTime() + body.expiresInDays * DAY_MS);
        // The old token never outlives its own expiry, whatever overlap is asked for.
        const previousUntil = new Date(Math.min(now.getTime() + body.overlapHours * 3_600_000, account.expiresAt.getTime()));
        if (!(await serviceAccountRepository.rotate(tx, id, { tokenHash, tokenHint, expiresAt, previousUntil, now }))) throw notFound();
        await caller.audit(tx, {
          action: 'service_accounts.rotate',
          recordType: 'service_account',
          recordId: id,
          recordTenantId: tenantId,
          details: { expiresAt: expiresAt.toISOString(), previousTokenExpiresAt: previousUntil > now ? previousUntil.toISOString() : null },
        });
        const row = (await serviceAccountRepository.list(tx, tenantId)).find((candidate) => candidate.id === id)!;
        return { serviceAccount: toServiceAccount(row), token };
      });
    },

    async revoke(caller: Caller, id: string) {
      // An `all` grant may act on another organisation's account; anyone else acts in their own.
      const tenantId =
        caller.scope === 'all' ? await caller.dbIn(caller.actor.tenantId, (tx) => serviceAccountRepository.tenantOf(tx, id)) : caller.actor.tenantId;
      if (!tenantId) throw notFound();
      return caller.dbIn(tenantId, async (tx) => {
        if (!(await serviceAccountRepository.revoke(tx, id, clock.now()))) {
          if (await serviceAccountRepository.find(tx, id))
            throw new AppError('conflict', { detail: pick(administrationMessages, (m) => m.serviceAccountRevoked) });
          throw notFound();
        }
        await caller.audit(tx, {
          action: 'service_accounts.revoke',
          recordType: 'service_account',
          recordId: id,
          recordTenantId: tenantId,
        });
        const row = (await serviceAccountRepository.list(tx, tenantId)).find((account) => account.id === id)!;
        return toServiceAccount(row);
      });
    },
  };
}
