-- The runtime login no longer switches to the system role (issue 16 item 8, ADR 0086). Set up by
-- ADR 0081, `upptack_runtime` was a member of `upptack_system`, so a statement injected into a
-- request's transaction could `SET ROLE upptack_system` and reach every row. System work now logs
-- in as `upptack_system` itself (DATABASE_SYSTEM_URL). The DBA's set-up SQL revokes the
-- membership; this does it for an installation that migrates before the DBA runs it again, when
-- the owner may (it holds the admin option on the role). Start-up refuses a runtime login that is
-- still a member, so a revocation this cannot make is not silently left in place.
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'upptack_runtime')
     and exists (select 1 from pg_roles where rolname = 'upptack_system')
     and pg_has_role('upptack_runtime', 'upptack_system', 'member') then
    begin
      revoke upptack_system from upptack_runtime;
    exception when insufficient_privilege then
      raise warning 'upptack_runtime is still a member of upptack_system: run the SQL of print-database-setup again';
    end;
  end if;
end
$$;
