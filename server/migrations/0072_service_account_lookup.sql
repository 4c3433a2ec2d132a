-- The service-account lookup that every integration request makes, as a PL/pgSQL function: its
-- plan is prepared once per connection instead of on every request (ADR 0018). Same statement
-- as before; it still runs as the owner in a system transaction, never for the request's role.
create function service_account_lookup(lookup_hash text, used_at timestamptz, touch_before timestamptz)
  returns table (id uuid, tenant_id uuid, unit_id uuid, actions text[], scope text[])
  language plpgsql volatile as $$
  #variable_conflict use_column
  begin
    return query
      with recursive account as (
        select a.id, a.tenant_id, a.unit_id, a.actions, a.last_used_at from service_accounts a
         where a.token_hash = lookup_hash and a.revoked_at is null
      ),
      -- `last_used_at` is touched at most once per `touch_before` interval, which is enough to
      -- show dormant keys and keeps a write off every request.
      touched as (
        update service_accounts s set last_used_at = used_at from account a
         where s.id = a.id and (a.last_used_at is null or a.last_used_at < touch_before)
        returning s.id
      ),
      tree as (
        select u.id from units u join account a on u.id = a.unit_id where u.active
        union all select u.id from units u join tree t on u.parent_id = t.id
      )
      select a.id, a.tenant_id, a.unit_id, a.actions, array(select t.id::text from tree t) from account a;
  end
  $$;
revoke all on function service_account_lookup(text, timestamptz, timestamptz) from public;
