import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { memberships, serviceAccounts, unitChanges, units, users } from '../../platform/auth/schema.ts';
import { sha256Hex } from '../../platform/crypto/field-encryption.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { defineIsolationSubjects } from '../../test-support/isolation/isolation-subjects.ts';
import { userResets } from './schema.ts';
import { serviceAccountRepository } from './service-account-service.ts';
import { unitRepository } from './unit-repository.ts';
import { userRepository } from './user-repository.ts';

/** The day in Stockholm on the transaction's clock (ADR 0019), as a membership's dates are kept. */
const today = async (tx: Tx) =>
  (await queryRows<{ day: string }>(tx, sql`select to_char(app_now() at time zone 'Europe/Stockholm', 'YYYY-MM-DD') as day`))[0]!.day;
const tenantOfUnit = (world: { unitTenant: ReadonlyMap<string, string> }, unitId: string) => world.unitTenant.get(unitId) ?? 'unknown';

/** Isolation-test subjects of the identity tables (test-support/isolation). */
export const isolationSubjects = defineIsolationSubjects([
  {
    name: 'units',
    tables: ['units', 'unit_changes'],
    foreignRows: { units: { reason: 'Unit names are organisational facts shown across organisations (memberships, collaboration bodies); migration 0003.' } },
    async create(tx, owner) {
      const [unit] = await tx
        .insert(units)
        .values({ tenantId: owner.tenantId, parentId: owner.unitId, level: 'unit', name: `Underenhet ${crypto.randomBytes(8).toString('hex')}` })
        .returning();
      await tx
        .insert(unitChanges)
        .values({ tenantId: owner.tenantId, unitId: unit!.id, changedBy: owner.userId, change: 'created', after: { name: unit!.name } });
      return { id: unit!.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the units of the organisation',
        reach: 'tenant',
        run: async (tx, caller) => (await unitRepository.listUnits(tx, caller.tenantId)).map((u) => ({ id: u.id, tenantId: u.tenantId })),
      },
      {
        name: 'the history of every unit in the world',
        reach: 'tenant',
        async run(tx, _caller, world) {
          const rows = [];
          for (const created of world.created.get('units') ?? []) rows.push(...(await unitRepository.history(tx, created.id)));
          return rows.map((change) => ({ id: change.unitId, tenantId: change.tenantId }));
        },
      },
    ],
  },
  {
    name: 'users',
    tables: ['users', 'memberships'],
    async create(tx, owner) {
      const id = crypto.randomUUID();
      await tx.insert(users).values({ id, tenantId: owner.tenantId, email: `person-${id}@test.upptack.se`, displayName: 'Person' });
      await tx.insert(memberships).values({ tenantId: owner.tenantId, userId: id, unitId: owner.unitId, role: 'manager', startsOn: '2024-01-01' });
      return { id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the staff list of the organisation',
        reach: 'tenant',
        run: async (tx, caller) =>
          (await userRepository.listUsers(tx, { tenantId: caller.tenantId, unitIds: null, q: undefined, today: await today(tx) })).map((u) => ({
            id: u.id,
            tenantId: u.tenantId,
          })),
      },
      {
        name: 'the staff list of the acting unit and below',
        reach: 'unit',
        run: async (tx, caller) =>
          (await userRepository.listUsers(tx, { tenantId: caller.tenantId, unitIds: caller.unitScopeIds, q: undefined, today: await today(tx) })).map((u) => ({
            id: u.id,
            tenantId: u.tenantId,
          })),
      },
      {
        name: 'the roles of every user in the world',
        reach: 'tenant',
        async run(tx, _caller, world) {
          const ids = [...(world.created.get('users') ?? []).map((row) => row.id), ...world.users.map((user) => user.userId)];
          return (await userRepository.memberships(tx, ids)).map((m) => ({ id: m.userId, tenantId: tenantOfUnit(world, m.unitId) }));
        },
      },
      {
        name: 'every user in the world by id',
        reach: 'tenant',
        async run(tx, _caller, world) {
          const rows = [];
          for (const created of world.created.get('users') ?? []) {
            const user = await userRepository.user(tx, created.id);
            if (user) rows.push({ id: user.id, tenantId: user.tenantId });
          }
          return rows;
        },
      },
    ],
  },
  {
    name: 'user-resets',
    tables: ['user_resets'],
    async create(tx, owner) {
      const userId = crypto.randomUUID();
      await tx.insert(users).values({ id: userId, tenantId: owner.tenantId, email: `reset-${userId}@test.upptack.se`, displayName: 'Person' });
      const [row] = await tx
        .insert(userResets)
        .values({
          tenantId: owner.tenantId,
          userId,
          kind: 'second_factor',
          status: 'awaiting_approval',
          requestedBy: owner.userId,
          expiresAt: sql`app_now() + interval '3 days'`,
        })
        .returning({ id: userResets.id });
      return { id: row!.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the waiting resets of the organisation',
        reach: 'tenant',
        run: async (tx, caller) => (await userRepository.pendingResets(tx, caller.tenantId)).map((r) => ({ id: r.id, tenantId: r.tenantId })),
      },
    ],
  },
  {
    name: 'service-accounts',
    tables: ['service_accounts'],
    async create(tx, owner) {
      const [row] = await tx
        .insert(serviceAccounts)
        .values({
          tenantId: owner.tenantId,
          unitId: owner.unitId,
          name: 'Integration',
          tokenHash: sha256Hex(crypto.randomUUID()),
          tokenHint: 'upk_iso',
          actions: ['units.read'],
        })
        .returning({ id: serviceAccounts.id });
      return { id: row!.id, tenantId: owner.tenantId, unitId: owner.unitId, userId: owner.userId };
    },
    paths: [
      {
        name: 'the service accounts of the organisation',
        reach: 'tenant',
        run: async (tx, caller, world) =>
          (await serviceAccountRepository.list(tx, caller.tenantId)).map((a) => ({ id: a.id, tenantId: tenantOfUnit(world, a.unitId) })),
      },
    ],
  },
]);
