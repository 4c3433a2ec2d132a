import { migrate } from '../../platform/db/migrator.ts';
import type { AdminCommand } from '../command.ts';

/**
 * The SQL a DBA runs once, as a superuser (or the managed service's administrator), connected to
 * the app's database on a PostgreSQL 15+ server (ADR 0081). Idempotent: roles are cluster-wide,
 * and a second database in the same cluster, or a second run, finds them in place.
 */
export const DATABASE_SETUP_SQL = `-- Upptäck: least-privilege set-up of a PostgreSQL 15+ database (ADR 0081).
-- Run once as a superuser or the managed service's administrator, connected to the app's database.
-- Afterwards set the passwords of the three login roles, e.g. \\password in psql.
--   upptack_owner    owns the database and its objects; runs the migrations (DATABASE_MIGRATION_URL)
--   upptack_runtime  what the app logs in as (DATABASE_URL); owns nothing, may only switch to
--                    upptack_app and upptack_public
--   upptack_system   system work's own login (DATABASE_SYSTEM_URL): every row, no schema (ADR 0086)
--   upptack_app, upptack_public  what each request's transaction switches to (no login)
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'upptack_owner') then
    create role upptack_owner login;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'upptack_runtime') then
    create role upptack_runtime login;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'upptack_app') then
    create role upptack_app;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'upptack_public') then
    create role upptack_public;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'upptack_system') then
    create role upptack_system login;
  end if;
end
$$;
-- noinherit: policies written for upptack_app must not apply to the owner inside its SECURITY
-- DEFINER functions (app_may_open would call itself without end), and after a RESET ROLE the
-- runtime role has none of the privileges of the roles it may switch to.
alter role upptack_owner login noinherit nosuperuser nocreaterole nocreatedb noreplication nobypassrls;
alter role upptack_runtime login noinherit nosuperuser nocreaterole nocreatedb noreplication nobypassrls;
alter role upptack_app nologin noinherit nosuperuser nocreaterole nocreatedb noreplication nobypassrls;
alter role upptack_public nologin noinherit nosuperuser nocreaterole nocreatedb noreplication nobypassrls;
alter role upptack_system login noinherit nosuperuser nocreaterole nocreatedb noreplication nobypassrls;

-- The first migration grants the restricted roles to the role that migrates, which PostgreSQL
-- allows a role without CREATEROLE only with the admin option.
grant upptack_app, upptack_public, upptack_system to upptack_owner with admin option;
grant upptack_app, upptack_public to upptack_runtime;
-- The runtime role may not switch to the system role (ADR 0086): a statement injected into a
-- request could otherwise reach every row. System work logs in as upptack_system instead.
revoke upptack_system from upptack_runtime;

-- Migrations create functions that run with app.system = on; PostgreSQL 15 lets only a superuser,
-- or a role granted this, put a custom setting on a function.
grant set on parameter app.system to upptack_owner;

-- The owner creates the schema in public. PostgreSQL 15 lets the database owner do so through
-- pg_database_owner, a privilege the owner would have to inherit: it owns the schema instead.
do $$
begin
  execute format('alter database %I owner to upptack_owner', current_database());
end
$$;
alter schema public owner to upptack_owner;
revoke create on schema public from public;
`;

/** `print-database-setup`: the SQL alone on standard output, so it can be piped to psql. */
export const printDatabaseSetupCommand: AdminCommand = {
  name: 'print-database-setup',
  summary: 'Print the SQL a DBA runs once to set up roles and privileges on a PostgreSQL server (managed PostgreSQL)',
  usage: 'print-database-setup',
  needsDatabase: false,
  async run(_args, context) {
    context.out(DATABASE_SETUP_SQL);
    return 0;
  },
};

/** `migrate`: applies pending migrations as the database owner, then exits. */
export const migrateCommand: AdminCommand = {
  name: 'migrate',
  summary: 'Apply pending database migrations (as DATABASE_MIGRATION_URL, the database owner)',
  usage: 'migrate',
  needsDatabase: true,
  async run(_args, context) {
    if (!context.database) throw new Error('this command needs the database');
    const applied = await migrate(context.database);
    context.out(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}.` : 'No migration was pending.');
    return 0;
  },
};
