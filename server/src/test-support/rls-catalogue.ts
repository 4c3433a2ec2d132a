import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../platform/db/database.ts';

/**
 * Reads the row-level security of the schema from PostgreSQL's catalogue (pg_class, pg_policies,
 * pg_proc) and names every offence against the rules of ADR 0003 and 0086:
 *
 * - no policy that applies to staff (`upptack_app`, or every role) admits everything: a `using` or
 *   `with check` that is `true`; the public role may read everything only of a table without
 *   `tenant_id` (public data);
 * - a table with `tenant_id` has row-level security enabled and forced, and each of its permissive
 *   policies for staff names the organisation: it compares a column with `app_tenant()`, or calls a
 *   function that does (`app_collaboration_reaches`, …), or is the system's (`app_is_system()`);
 *   each policy for the public role names the link's token (`app_token_hash()`);
 * - a table that staff or the public role may read at all has row-level security enabled and
 *   forced, unless it is listed below as reference data.
 */
export type PolicyOffence = { table: string; policy: string | null; offence: string };

/**
 * Tables that restricted roles read without row-level security, and why. Adding one needs a reason
 * a reviewer accepts: it must hold nothing of any organisation.
 */
export const UNPROTECTED_READABLE_TABLES: Readonly<Record<string, string>> = {
  counties: 'reference data (SCB county codes), public',
  municipalities: 'reference data (SCB municipality codes), public',
  directory_public_services: 'the public read model of the directory: built without protected addresses or staff-only phones (ADR 0021)',
  disclosure_cell_key_secret: 'read by the cell-key queries of the requesting transaction (ADR 0053); one row, no organisation',
};

/**
 * Policies on tables with `tenant_id` that deliberately reach across organisations without
 * naming one, and why. The list is the review: a new entry needs an ADR.
 */
export const CROSS_ORGANISATION_POLICIES: Readonly<Record<string, string>> = {
  units_read: 'unit names are shared with every signed-in caller so that memberships, bodies and reports can name them (migration 0010)',
  screening_routines_shared: 'routines an organisation publishes as shared guidance (`shared`), read-only to staff of every organisation (ADR 0035)',
  screening_routine_versions_shared: 'the published versions of a shared routine (ADR 0035)',
  screening_question_sets_shared: 'question sets published as shared (`shared`), read-only to every organisation (ADR 0031)',
  screening_question_set_versions_shared: 'the published versions of a shared question set (ADR 0031)',
  training_courses_shared: 'courses published to every organisation (`shared`), read-only (ADR 0040)',
};

/**
 * An allowed cross-organisation policy still reads only: it must be a SELECT policy for staff, so
 * the list cannot hide a write.
 */
const CROSS_ORGANISATION_COMMAND = 'SELECT';

const TENANT_CONDITION = /(=\s*app_tenant\(\))|(app_tenant\(\)\s*=)|(=\s*any\s*\(\s*app_)/i;

function admitsEverything(expression: string | null): boolean {
  return expression !== null && /^\(*\s*true\s*\)*$/i.test(expression.trim());
}

export async function policyOffences(tx: Tx): Promise<PolicyOffence[]> {
  const tables = await queryRows<{ table: string; rls: boolean; force: boolean; tenant: boolean; readable: boolean }>(
    tx,
    sql`select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as force,
               exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as tenant,
               (has_table_privilege('upptack_app', c.oid, 'SELECT') or has_table_privilege('upptack_public', c.oid, 'SELECT')
                or exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                             and (has_column_privilege('upptack_app', c.oid, a.attnum, 'SELECT') or has_column_privilege('upptack_public', c.oid, a.attnum, 'SELECT')))) as readable
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('r', 'p')
         order by 1`,
  );
  const policies = await queryRows<{
    table: string;
    policy: string;
    permissive: string;
    roles: string[] | string;
    cmd: string;
    qual: string | null;
    with_check: string | null;
  }>(
    tx,
    sql`select tablename as table, policyname as policy, permissive, roles::text[] as roles, cmd, qual, with_check
          from pg_policies where schemaname = 'public' order by 1, 2`,
  );
  // Functions whose body compares something with the caller's organisation.
  const reaching = await queryRows<{ name: string }>(
    tx,
    sql`select distinct p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where n.nspname = 'public' and p.proname <> 'app_tenant'
           and p.prosrc ~* '(=\\s*app_tenant\\(\\))|(app_tenant\\(\\)\\s*=)'`,
  );
  const reachingFunctions = reaching.map((row) => row.name);
  const namesTenant = (expression: string) => TENANT_CONDITION.test(expression) || reachingFunctions.some((name) => expression.includes(`${name}(`));

  const offences: PolicyOffence[] = [];
  const tenantTables = new Set(tables.filter((t) => t.tenant).map((t) => t.table));
  for (const table of tables) {
    if (table.tenant && !(table.rls && table.force)) {
      offences.push({ table: table.table, policy: null, offence: 'has tenant_id but row-level security is not enabled and forced' });
    } else if (table.readable && !(table.rls && table.force) && !(table.table in UNPROTECTED_READABLE_TABLES)) {
      offences.push({ table: table.table, policy: null, offence: 'restricted roles may read it but row-level security is not enabled and forced' });
    }
  }
  for (const policy of policies) {
    // node-postgres gives text[] as an array, PGlite too; older drivers as '{a,b}'.
    const roles = Array.isArray(policy.roles) ? policy.roles : policy.roles.replace(/[{}]/g, '').split(',');
    const expressions = [policy.qual, policy.with_check].filter((e): e is string => e !== null);
    const forStaff = roles.includes('upptack_app') || roles.includes('public');
    const forPublic = roles.includes('upptack_public') || roles.includes('public');
    const system = expressions.length > 0 && expressions.every((e) => /^\(*\s*app_is_system\(\)\s*\)*$/i.test(e.trim()));
    // A restrictive policy only narrows what the permissive ones admit (e.g. an encounter's reach).
    if (system || policy.permissive === 'RESTRICTIVE') continue;
    const offend = (offence: string) => offences.push({ table: policy.table, policy: policy.policy, offence });
    if (forStaff && expressions.some(admitsEverything)) offend('admits every row to staff (true)');
    if (forPublic && expressions.some(admitsEverything) && (tenantTables.has(policy.table) || policy.cmd !== 'SELECT')) {
      offend('admits every row to the public role on a table it may not wholly read or change');
    }
    if (!tenantTables.has(policy.table)) continue;
    if (policy.policy in CROSS_ORGANISATION_POLICIES) {
      if (policy.cmd !== CROSS_ORGANISATION_COMMAND) offend('is listed as reaching across organisations but does not only read');
      continue;
    }
    if (roles.includes('public')) offend('applies to every role but is not the system policy');
    if (roles.includes('upptack_app') && !expressions.every(namesTenant)) offend('does not name the organisation (app_tenant())');
    if (roles.includes('upptack_public') && !expressions.every((e) => e.includes('app_token_hash()')))
      offend('does not name the link token (app_token_hash())');
  }
  return offences;
}

/**
 * Tables of individual-level records that call `app_may_open` but whose reach is not a user's own
 * or unit's by design, and why (the list is the review).
 */
export const RECORD_TABLES_WITHOUT_REACH: Readonly<Record<string, string>> = {
  record_protections: 'the kernel’s protection markers: `records.protect` is agency-wide and the markers hold no content (ADR 0010, 0104)',
  record_connections: 'the kernel’s connected staff: `records.protect` is agency-wide; a connected person sees none of them (ADR 0010, 0104)',
};

const RECORD_REACH = /app_record_reach\(/i;
const OWN_ROWS = /(user_id|actor_id|created_by)\s*=\s*(app_user|screening_actor)\(\)/i;

/**
 * Own-record and own-unit limits in policies (issue 16 item 8, ADR 0086), for every table that
 * holds individual-level data, also those added later:
 *
 * - a table whose staff policy calls `app_may_open` holds individual-level records (the protection
 *   rules apply only to them): it needs a restrictive staff policy for every command that calls
 *   `app_record_reach()`, unless listed in RECORD_TABLES_WITHOUT_REACH;
 * - a table with a foreign key to such a table holds a part of a record (an answer, a referral, a
 *   note, …): for each of SELECT, INSERT, UPDATE and DELETE that staff may run on it there is a
 *   restrictive staff policy for that command (or all) that reads the record's table (whose own
 *   reach policy then applies) or calls `app_record_reach()` — unless its permissive policies hold
 *   it to the user's own rows. For INSERT the record's table must be read in the policy's
 *   `with check` (a `using` does not apply to an insert; migration 0180).
 */
export async function reachOffences(tx: Tx): Promise<PolicyOffence[]> {
  const policies = await queryRows<{
    table: string;
    policy: string;
    permissive: string;
    roles: string[] | string;
    cmd: string;
    qual: string | null;
    with_check: string | null;
  }>(
    tx,
    sql`select tablename as table, policyname as policy, permissive, roles::text[] as roles, cmd, qual, with_check
          from pg_policies where schemaname = 'public' order by 1, 2`,
  );
  const parents = await queryRows<{ table: string; parent: string }>(
    tx,
    sql`select distinct c.relname as table, p.relname as parent
          from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
          join pg_namespace n on n.oid = c.relnamespace
         where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname
         order by 1, 2`,
  );
  const privileges = await queryRows<{ table: string; select: boolean; insert: boolean; update: boolean; delete: boolean }>(
    tx,
    sql`select c.relname as table,
               has_any_column_privilege('upptack_app', c.oid, 'SELECT') as select,
               has_any_column_privilege('upptack_app', c.oid, 'INSERT') as insert,
               has_any_column_privilege('upptack_app', c.oid, 'UPDATE') as update,
               has_table_privilege('upptack_app', c.oid, 'DELETE') as delete
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('r', 'p')`,
  );
  const staff = policies.filter((p) => {
    const roles = Array.isArray(p.roles) ? p.roles : p.roles.replace(/[{}]/g, '').split(',');
    return roles.includes('upptack_app') || roles.includes('public');
  });
  const text = (p: { qual: string | null; with_check: string | null }) => `${p.qual ?? ''} ${p.with_check ?? ''}`;
  // Tables the protection rules apply to; those that point at another such table are its parts.
  const protectedTables = new Set(staff.filter((p) => p.permissive === 'PERMISSIVE' && /app_may_open\(/i.test(text(p))).map((p) => p.table));
  const recordTables = new Set(
    [...protectedTables].filter(
      (table) => !parents.some((edge) => edge.table === table && protectedTables.has(edge.parent) && !(edge.parent in RECORD_TABLES_WITHOUT_REACH)),
    ),
  );
  const offences: PolicyOffence[] = [];
  const covers = (p: { cmd: string }, command: string) => p.cmd === 'ALL' || p.cmd === command;
  for (const table of [...recordTables].sort()) {
    if (table in RECORD_TABLES_WITHOUT_REACH) continue;
    for (const command of ['SELECT', 'INSERT', 'UPDATE', 'DELETE']) {
      const held = staff.some((p) => p.table === table && p.permissive === 'RESTRICTIVE' && covers(p, command) && RECORD_REACH.test(text(p)));
      if (!held)
        offences.push({
          table,
          policy: null,
          offence: `holds individual-level records but no restrictive policy holds ${command} to the user's reach (app_record_reach())`,
        });
    }
  }
  for (const { table, parent } of parents) {
    if (!recordTables.has(parent) || recordTables.has(table) || parent in RECORD_TABLES_WITHOUT_REACH) continue;
    const own = staff.some((p) => p.table === table && p.permissive === 'PERMISSIVE' && OWN_ROWS.test(text(p)));
    if (own) continue;
    const allowed = privileges.find((p) => p.table === table);
    for (const command of ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const) {
      if (!allowed?.[command.toLowerCase() as 'select' | 'insert' | 'update' | 'delete']) continue;
      // An insert meets only the `with check` of a policy (for ALL without one, its `using`).
      const checked = (p: { cmd: string; qual: string | null; with_check: string | null }) =>
        command === 'INSERT' ? (p.with_check ?? (p.cmd === 'ALL' ? (p.qual ?? '') : '')) : text(p);
      const held = staff.some(
        (p) =>
          p.table === table &&
          p.permissive === 'RESTRICTIVE' &&
          covers(p, command) &&
          (RECORD_REACH.test(checked(p)) || new RegExp(`\\b${parent}\\b`).test(checked(p))),
      );
      if (!held) offences.push({ table, policy: null, offence: `holds part of ${parent} but no restrictive policy holds ${command} to the record's reach` });
    }
  }
  return offences;
}
