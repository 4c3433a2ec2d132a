import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Organisation, Unit } from '#shared/contracts/administration.ts';
import { memberships, serviceAccounts, unitChanges, units } from '../../platform/auth/schema.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { organisations } from '../../platform/db/reference-schema.ts';

type UnitRow = typeof units.$inferSelect;
export type UnitChange = (typeof unitChanges.$inferInsert)['change'];

export function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    tenantId: row.tenantId,
    parentId: row.parentId,
    level: row.level,
    name: row.name,
    countyCode: row.countyCode,
    municipalityCode: row.municipalityCode,
    active: row.active,
    version: row.version,
  };
}

export function toOrganisation(row: typeof organisations.$inferSelect): Organisation {
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    countyCode: row.countyCode,
    municipalityCode: row.municipalityCode,
    active: row.active,
    version: row.version,
  };
}

/** Organisations and units: the only place of the administration feature that speaks SQL about them. */
export const unitRepository = {
  async organisation(tx: Tx, id: string) {
    const [row] = await tx.select().from(organisations).where(eq(organisations.id, id));
    return row;
  },

  listOrganisations(tx: Tx) {
    return tx.select().from(organisations).orderBy(asc(organisations.kind), asc(organisations.name));
  },

  /** Only the granted columns are named (migration 0010), so the row is read back after. */
  async insertOrganisation(
    tx: Tx,
    values: { id: string; kind: string; code: string; name: string; shortName: string | null; countyCode: string | null; municipalityCode: string | null },
  ) {
    await tx.execute(
      sql`insert into organisations (id, kind, code, name, short_name, county_code, municipality_code)
          values (${values.id}::uuid, ${values.kind}, ${values.code}, ${values.name}, ${values.shortName}, ${values.countyCode}, ${values.municipalityCode})`,
    );
    const [row] = await tx.select().from(organisations).where(eq(organisations.id, values.id));
    return row!;
  },

  async updateOrganisation(tx: Tx, id: string, version: number, changes: { name?: string; active?: boolean; updatedAt: Date }) {
    const [row] = await tx
      .update(organisations)
      .set({ ...changes, version: sql`${organisations.version} + 1` })
      .where(and(eq(organisations.id, id), eq(organisations.version, version)))
      .returning();
    return row;
  },

  /** Unit names are readable across organisations (migration 0003); callers check reach. */
  async unit(tx: Tx, id: string) {
    const [row] = await tx.select().from(units).where(eq(units.id, id));
    return row;
  },

  listUnits(tx: Tx, tenantId: string) {
    return tx.select().from(units).where(eq(units.tenantId, tenantId)).orderBy(asc(units.name));
  },

  /** From the top down to the parent. */
  async ancestors(tx: Tx, id: string) {
    return queryRows<{ id: string; name: string }>(
      tx,
      sql`with recursive chain as (
            select u.parent_id as id, 1 as depth from units u where u.id = ${id}
            union all
            select p.parent_id, c.depth + 1 from units p join chain c on p.id = c.id where c.depth < 50
          )
          select u.id, u.name from chain c join units u on u.id = c.id order by c.depth desc`,
    );
  },

  children(tx: Tx, id: string) {
    return tx.select({ id: units.id, name: units.name, active: units.active }).from(units).where(eq(units.parentId, id)).orderBy(asc(units.name));
  },

  history(tx: Tx, id: string) {
    return tx.select().from(unitChanges).where(eq(unitChanges.unitId, id)).orderBy(desc(unitChanges.changedAt), desc(unitChanges.id));
  },

  async currentMembers(tx: Tx, id: string, today: string): Promise<number> {
    const [row] = await queryRows<{ count: number }>(
      tx,
      sql`select count(*)::int as count from memberships
           where unit_id = ${id} and starts_on <= ${today}::date and (ends_on is null or ends_on > ${today}::date)`,
    );
    return row?.count ?? 0;
  },

  /** Current or future memberships: a deactivated unit must not hold roles that would start later. */
  async openMemberships(tx: Tx, id: string, today: string): Promise<number> {
    const [row] = await queryRows<{ count: number }>(
      tx,
      sql`select count(*)::int as count from ${memberships} where unit_id = ${id} and (ends_on is null or ends_on > ${today}::date)`,
    );
    return row?.count ?? 0;
  },

  async activeChildren(tx: Tx, id: string): Promise<number> {
    const [row] = await queryRows<{ count: number }>(tx, sql`select count(*)::int as count from units where parent_id = ${id} and active`);
    return row?.count ?? 0;
  },

  async activeServiceAccounts(tx: Tx, id: string): Promise<number> {
    const rows = await tx
      .select({ id: serviceAccounts.id })
      .from(serviceAccounts)
      .where(and(eq(serviceAccounts.unitId, id), isNull(serviceAccounts.revokedAt)));
    return rows.length;
  },

  async insertUnit(tx: Tx, values: typeof units.$inferInsert) {
    const [row] = await tx.insert(units).values(values).returning();
    return row!;
  },

  /** Optimistic concurrency: undefined when the version moved on (or the row is not visible). */
  async updateUnit(
    tx: Tx,
    id: string,
    version: number,
    changes: Partial<Pick<UnitRow, 'name' | 'parentId' | 'countyCode' | 'municipalityCode' | 'active'>> & { updatedAt: Date },
  ) {
    const [row] = await tx
      .update(units)
      .set({ ...changes, version: sql`${units.version} + 1` })
      .where(and(eq(units.id, id), eq(units.version, version)))
      .returning();
    return row;
  },

  async recordChange(
    tx: Tx,
    values: {
      tenantId: string;
      unitId: string;
      changedBy: string | null;
      change: UnitChange;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      changedAt: Date;
    },
  ) {
    await tx.insert(unitChanges).values(values);
  },
};
