import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { ROLES, type JobRole, type Role } from '#shared/auth/roles.ts';
import { memberships, units, users } from '../../platform/auth/schema.ts';
import { userResets } from './schema.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';

/**
 * Users and memberships as the application role sees them: only the columns it is granted
 * (never a password hash, TOTP secret or recovery code), only in the organisation it acts in.
 */
const userColumns = {
  id: users.id,
  tenantId: users.tenantId,
  email: users.email,
  displayName: users.displayName,
  active: users.active,
  totpEnabledAt: users.totpEnabledAt,
  createdAt: users.createdAt,
};

export type MembershipRow = {
  id: string;
  userId: string;
  unitId: string;
  unitName: string;
  role: Role;
  jobRole: JobRole | null;
  startsOn: string;
  endsOn: string | null;
};

const isCurrent = (today: string) =>
  sql`${memberships.startsOn} <= ${today}::date and (${memberships.endsOn} is null or ${memberships.endsOn} > ${today}::date)`;

export const userRepository = {
  /** The organisation of a user id, for `all`-scope administration (migration 0010). */
  async tenantOf(tx: Tx, id: string): Promise<string | undefined> {
    const [row] = await queryRows<{ tenant_id: string | null }>(tx, sql`select app_user_tenant(${id}::uuid) as tenant_id`);
    return row?.tenant_id ?? undefined;
  },

  async user(tx: Tx, id: string) {
    const [row] = await tx.select(userColumns).from(users).where(eq(users.id, id));
    return row;
  },

  /** Users of the organisation; `unitIds` limits to those with a current role in those units. */
  listUsers(tx: Tx, filter: { tenantId: string; unitIds: string[] | null; q: string | undefined; today: string }) {
    const conditions: SQL[] = [eq(users.tenantId, filter.tenantId)];
    if (filter.unitIds) {
      conditions.push(
        filter.unitIds.length === 0
          ? sql`false`
          : sql`exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id}
                 and ${inArray(memberships.unitId, filter.unitIds)} and ${isCurrent(filter.today)})`,
      );
    }
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(or(ilike(users.displayName, pattern), ilike(users.email, pattern))!);
    }
    return tx
      .select(userColumns)
      .from(users)
      .where(and(...conditions))
      .orderBy(asc(users.displayName))
      .limit(500);
  },

  async memberships(tx: Tx, userIds: string[]): Promise<MembershipRow[]> {
    if (userIds.length === 0) return [];
    const rows = await tx
      .select({
        id: memberships.id,
        userId: memberships.userId,
        unitId: memberships.unitId,
        unitName: units.name,
        role: memberships.role,
        jobRole: memberships.jobRole,
        startsOn: memberships.startsOn,
        endsOn: memberships.endsOn,
      })
      .from(memberships)
      .innerJoin(units, eq(units.id, memberships.unitId))
      .where(inArray(memberships.userId, userIds))
      .orderBy(asc(memberships.startsOn), asc(units.name));
    return rows.filter((row): row is MembershipRow => (ROLES as readonly string[]).includes(row.role));
  },

  async membership(tx: Tx, userId: string, membershipId: string) {
    const [row] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.id, membershipId), eq(memberships.userId, userId)));
    return row;
  },

  async credentialStatus(tx: Tx, id: string) {
    const [row] = await queryRows<{ password_set: boolean; setup_expires_at: string | Date | null; recovery_codes_left: number }>(
      tx,
      sql`select * from app_credential_status(${id}::uuid)`,
    );
    return row;
  },

  /**
   * The application role may insert only these columns (migration 0010); the ORM would name
   * every column with DEFAULT, which needs the privilege on all of them.
   */
  async insertUser(tx: Tx, values: { id: string; tenantId: string; email: string; displayName: string }) {
    await tx.execute(
      sql`insert into users (id, tenant_id, email, display_name) values (${values.id}::uuid, ${values.tenantId}::uuid, ${values.email}, ${values.displayName})`,
    );
  },

  async insertMembership(tx: Tx, values: typeof memberships.$inferInsert) {
    const [row] = await tx.insert(memberships).values(values).returning({ id: memberships.id });
    return row!.id;
  },

  async endMembership(tx: Tx, id: string, endsOn: string) {
    await tx.update(memberships).set({ endsOn }).where(eq(memberships.id, id));
  },

  /** Deactivation and reactivation end every session of the user (security_version). */
  async setActive(tx: Tx, id: string, active: boolean, now: Date) {
    await tx
      .update(users)
      .set({ active, securityVersion: sql`${users.securityVersion} + 1`, updatedAt: now })
      .where(eq(users.id, id));
  },

  async resetSecondFactor(tx: Tx, id: string): Promise<boolean> {
    const [row] = await queryRows<{ done: boolean }>(tx, sql`select app_reset_second_factor(${id}::uuid) as done`);
    return row?.done === true;
  },

  async issuePasswordSetup(tx: Tx, id: string, hash: string, expiresAt: Date): Promise<boolean> {
    const [row] = await queryRows<{ done: boolean }>(
      tx,
      sql`select app_issue_password_setup(${id}::uuid, ${hash}, ${expiresAt.toISOString()}::timestamptz) as done`,
    );
    return row?.done === true;
  },

  async insertReset(tx: Tx, values: typeof userResets.$inferInsert) {
    const [row] = await tx.insert(userResets).values(values).returning();
    return row!;
  },

  async reset(tx: Tx, userId: string, id: string) {
    const [row] = await tx
      .select()
      .from(userResets)
      .where(and(eq(userResets.id, id), eq(userResets.userId, userId)));
    return row;
  },

  /** A person's resets still waiting, and those requested since `since`, newest first. */
  resetsOf(tx: Tx, userId: string, since: Date) {
    return tx
      .select()
      .from(userResets)
      .where(
        and(
          eq(userResets.userId, userId),
          or(inArray(userResets.status, ['awaiting_approval', 'awaiting_handover']), sql`${userResets.requestedAt} >= ${since.toISOString()}::timestamptz`),
        ),
      )
      .orderBy(sql`${userResets.requestedAt} desc`);
  },

  /** Resets of the organisation waiting for a second administrator. */
  pendingResets(tx: Tx, tenantId: string) {
    return tx
      .select()
      .from(userResets)
      .where(and(eq(userResets.tenantId, tenantId), inArray(userResets.status, ['awaiting_approval', 'awaiting_handover'])))
      .orderBy(asc(userResets.requestedAt))
      .limit(500);
  },

  async updateReset(
    tx: Tx,
    id: string,
    values: Partial<Pick<typeof userResets.$inferInsert, 'status' | 'delivery' | 'approvedBy' | 'approvedAt' | 'completedAt'>>,
  ) {
    await tx.update(userResets).set(values).where(eq(userResets.id, id));
  },
};
