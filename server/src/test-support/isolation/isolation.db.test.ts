import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { memberships, units, users } from '../../platform/auth/schema.ts';
import { queryRows, sqlState, type AccessContext, type Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../test-database.ts';
import { EXAMPLE_SCHEMA } from '../example-records/example-tables.ts';
import type { CreatedRow, IsolationCaller, IsolationOwner, IsolationSubject, IsolationWorld } from './isolation-subjects.ts';

const SERVER_SRC = fileURLToPath(new URL('../../', import.meta.url));

async function loadSubjects(): Promise<IsolationSubject[]> {
  const files = (fs.readdirSync(SERVER_SRC, { recursive: true }) as string[]).filter((file) => file.endsWith('.isolation.ts')).sort();
  const subjects: IsolationSubject[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(SERVER_SRC, file)).href)) as { isolationSubjects?: IsolationSubject[] };
    if (!module.isolationSubjects) throw new Error(`${file} does not export isolationSubjects`);
    subjects.push(...module.isolationSubjects);
  }
  return subjects;
}

/** A small seeded generator (mulberry32), so a failing world can be rebuilt with ISOLATION_SEED. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: T[]) => items[Math.floor(next() * items.length)]!,
  };
}

const SEED = Number(process.env.ISOLATION_SEED) || crypto.randomInt(1, 2 ** 31);

/** Runs a path; a refusal by privilege (42501) counts as "nothing", anything else is an error. */
async function rowsOrNothing<T>(work: () => Promise<T[]>): Promise<T[]> {
  try {
    return await work();
  } catch (error) {
    if (sqlState(error) === '42501') return [];
    throw error;
  }
}

describe(`isolation in the data layer and by row-level security, in a random world (ISOLATION_SEED=${SEED})`, () => {
  let database: Database;
  let subjects: IsolationSubject[];
  let callers: IsolationCaller[];
  const created = new Map<string, CreatedRow[]>();
  let world: IsolationWorld;

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.runScript(EXAMPLE_SCHEMA);
    subjects = await loadSubjects();
    const rng = random(SEED);
    const all = await database.system((tx) => queryRows<{ id: string; code: string }>(tx, sql`select id, code from organisations order by code`));
    const chosen = new Set<string>();
    const count = rng.int(4, 6);
    while (chosen.size < count) chosen.add(rng.pick(all).id);
    const passwordHash = await hashPassword('isolation-test-password');
    const unitTenant = new Map<string, string>();
    const parents = new Map<string, string | null>();
    const owners: IsolationOwner[] = [];
    for (const tenantId of chosen) {
      const inTenant: string[] = [];
      // One organisation always has two or more people, so rows that relate colleagues exist.
      for (let i = rng.int(owners.length === 0 ? 2 : 1, 4); i > 0; i--) {
        const parentId = inTenant.length > 0 && rng.next() < 0.6 ? rng.pick(inTenant) : null;
        const [unit] = await database.system((tx) =>
          tx
            .insert(units)
            .values({ tenantId, parentId, level: 'unit', name: `Enhet ${crypto.randomBytes(3).toString('hex')}` })
            .returning({ id: units.id }),
        );
        inTenant.push(unit!.id);
        unitTenant.set(unit!.id, tenantId);
        parents.set(unit!.id, parentId);
        const userId = crypto.randomUUID();
        await database.system(async (tx) => {
          await tx.insert(users).values({ id: userId, tenantId, email: `iso-${userId}@test.upptack.se`, displayName: 'Isolering', passwordHash });
          await tx.insert(memberships).values({ tenantId, userId, unitId: unit!.id, role: 'caseworker', startsOn: '2024-01-01' });
        });
        owners.push({ tenantId, unitId: unit!.id, userId });
      }
    }
    const below = (unitId: string): string[] => [unitId, ...[...parents].filter(([, parent]) => parent === unitId).flatMap(([child]) => below(child))];
    callers = owners.map((owner) => ({ ...owner, unitScopeIds: below(owner.unitId) }));
    world = { unitTenant, users: owners, created };
    for (const subject of subjects) {
      const rows: CreatedRow[] = [];
      created.set(subject.name, rows);
      for (const owner of owners) {
        for (let i = rng.int(1, 3); i > 0; i--) rows.push(await database.system((tx) => subject.create(tx, owner, world)));
      }
    }
  });
  afterAll(() => database.close());

  const context = (caller: IsolationCaller, subject: IsolationSubject): AccessContext => ({
    role: 'upptack_app',
    settings: { tenant_id: caller.tenantId, user_id: caller.userId, unit_id: caller.unitId, ...subject.settings },
  });

  it('covers every table that holds an organisation’s data, and each has ENABLE and FORCE row-level security', async () => {
    const tables = await database.system((tx) =>
      queryRows<{ table_name: string; rls: boolean; forced: boolean }>(
        tx,
        sql`select c.table_name, k.relrowsecurity as rls, k.relforcerowsecurity as forced
              from information_schema.columns c join pg_class k on k.relname = c.table_name and k.relkind = 'r'
              join pg_namespace n on n.oid = k.relnamespace and n.nspname = 'public'
             where c.table_schema = 'public' and c.column_name = 'tenant_id' order by c.table_name`,
      ),
    );
    const covered = new Set(subjects.flatMap((subject) => subject.tables));
    expect(tables.length).toBeGreaterThan(10);
    expect(
      tables.filter((t) => !covered.has(t.table_name)).map((t) => t.table_name),
      'tables with tenant_id and no isolation subject',
    ).toEqual([]);
    expect(
      tables.filter((t) => !t.rls || !t.forced).map((t) => t.table_name),
      'tables without ENABLE + FORCE row-level security',
    ).toEqual([]);
  });

  it('every query path returns the caller’s own rows and not one row of another organisation', async () => {
    const problems: string[] = [];
    for (const subject of subjects) {
      const rows = created.get(subject.name)!;
      for (const path of subject.paths) {
        for (const caller of callers) {
          const answer = await database.transaction(context(caller, subject), (tx) => path.run(tx, caller, world));
          const where = `${subject.name}/${path.name} as a user of ${caller.tenantId}`;
          const foreign = answer.filter((row) => row.tenantId !== caller.tenantId);
          if (foreign.length > 0) problems.push(`${where}: ${foreign.length} rows of another organisation`);
          const returned = new Set(answer.map((row) => row.id));
          const expected = rows.filter(
            (row) =>
              row.tenantId === caller.tenantId &&
              !row.hiddenFrom?.includes(caller.userId) &&
              (path.reach === 'tenant' || (path.reach === 'unit' ? caller.unitScopeIds.includes(row.unitId) : row.userId === caller.userId)),
          );
          const missing = expected.filter((row) => !returned.has(row.id));
          if (missing.length > 0) problems.push(`${where}: ${missing.length} of its own ${expected.length} rows missing`);
          const hidden = rows.filter((row) => row.hiddenFrom?.includes(caller.userId) && returned.has(row.id));
          if (hidden.length > 0) problems.push(`${where}: ${hidden.length} rows the protection rules hide from this user`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every query path returns nothing without a tenant context, and nothing to the public role', async () => {
    const problems: string[] = [];
    for (const subject of subjects) {
      for (const path of subject.paths) {
        for (const caller of callers.slice(0, 3)) {
          for (const access of [
            { role: 'upptack_app', settings: {} },
            { role: 'upptack_public', settings: {} },
          ] as AccessContext[]) {
            const answer = await rowsOrNothing(() => database.transaction(access, (tx) => path.run(tx, caller, world)));
            if (answer.length > 0) problems.push(`${subject.name}/${path.name} as ${access.role} without a tenant: ${answer.length} rows`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the raw tables admit no other organisation’s rows (except shares by design), and nothing without a tenant', async () => {
    const problems: string[] = [];
    for (const subject of subjects) {
      for (const table of subject.tables) {
        const allowance = subject.foreignRows?.[table];
        // A table the app role may not read at all (only the system reaches it) is isolated by its
        // privileges; the rows the world put in it must still be there.
        const [readable] = await database.system((tx) =>
          queryRows<{ ok: boolean }>(tx, sql`select has_table_privilege('upptack_app', ${table}, 'select') as ok`),
        );
        for (const caller of readable!.ok ? callers : []) {
          const [row] = await database.transaction(context(caller, subject), (tx) =>
            queryRows<{ foreign: number; unexplained: number }>(
              tx,
              sql`select count(*)::int as foreign,
                         count(*) filter (where not (${allowance?.allowedWhen ? allowance.allowedWhen(caller.tenantId) : allowance ? sql`true` : sql`false`}))::int as unexplained
                    from ${sql.identifier(table)} where tenant_id is distinct from ${caller.tenantId}::uuid`,
            ),
          );
          if (row!.unexplained > 0) problems.push(`${table} as a user of ${caller.tenantId}: ${row!.unexplained} rows of other organisations`);
        }
        for (const access of [
          { role: 'upptack_app', settings: {} },
          { role: 'upptack_public', settings: {} },
        ] as AccessContext[]) {
          const [row] = await rowsOrNothing(() =>
            database.transaction(access, (tx) => queryRows<{ count: number }>(tx, sql`select count(*)::int as count from ${sql.identifier(table)}`)),
          );
          if ((row?.count ?? 0) > 0) problems.push(`${table} as ${access.role} without a tenant: ${row!.count} rows`);
        }
        const [total] = await database.system((tx) => queryRows<{ count: number }>(tx, sql`select count(*)::int as count from ${sql.identifier(table)}`));
        if (total!.count === 0) problems.push(`${table}: the world put no rows in it, so the check proves nothing`);
      }
    }
    expect(problems).toEqual([]);
  });
});
