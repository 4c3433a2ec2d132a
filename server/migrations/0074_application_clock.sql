-- One source of time (ADR 0019): the application's clock. Every transaction the application opens
-- sets app.now to its clock's reading, and app_now() returns it, so a row the database stamps and
-- a comparison the application makes use the same "now". Outside the application (a DBA's
-- session, a restore) app.now is unset and the transaction's own start time stands in.
create or replace function app_now() returns timestamptz
  language sql stable as $$
    select coalesce(nullif(current_setting('app.now', true), '')::timestamptz, transaction_timestamp())
  $$;
grant execute on function app_now() to upptack_app, upptack_public;

-- Every column default that read the database's clock now reads the application's.
do $$
declare
  target record;
begin
  for target in
    select c.relname as table_name, a.attname as column_name
      from pg_attrdef d
      join pg_class c on c.oid = d.adrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
     where n.nspname = 'public'
       and pg_get_expr(d.adbin, d.adrelid) ~* '(now\(\)|current_timestamp|clock_timestamp\(\)|current_date|localtimestamp)'
       and c.relname <> 'schema_migrations'
  loop
    execute format('alter table %I alter column %I set default app_now()', target.table_name, target.column_name);
  end loop;
end
$$;

-- The same for the functions that stamped rows themselves (second-factor reset, password set-up,
-- open survey submissions, the audit chain): each is redefined with app_now() in place of the
-- database's clock. CREATE OR REPLACE keeps their owners, grants and settings.
do $$
declare
  target record;
begin
  for target in
    select p.oid
      from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'public' and p.prokind = 'f' and p.proname <> 'app_now'
       and p.prosrc ~* '(\mnow\(\)|clock_timestamp\(\))'
  loop
    execute regexp_replace(
      regexp_replace(pg_get_functiondef(target.oid), 'clock_timestamp\(\)', 'app_now()', 'gi'),
      '([^_a-z])now\(\)', '\1app_now()', 'gi');
  end loop;
end
$$;
