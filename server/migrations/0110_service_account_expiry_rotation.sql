-- Service accounts' tokens expire and rotate without downtime (issue 16 item 2, ADR 0012, 0082).
-- A token lives 90 days unless its creator chooses otherwise (at most a year, checked by the
-- application and here). Rotation issues a new token and keeps the old one valid for an overlap,
-- so the integration switches without a gap: `previous_token_hash` until `previous_token_expires_at`.
alter table service_accounts
  add column expires_at timestamptz not null default (app_now() + interval '90 days'),
  add column previous_token_hash text unique,
  add column previous_token_expires_at timestamptz,
  add column rotated_at timestamptz;

-- Accounts made before tokens expired keep working: a year from their creation, the longest any
-- token may now live, or 30 days from this upgrade when that is later, so nothing stops at once.
update service_accounts
   set expires_at = greatest(created_at + interval '365 days', app_now() + interval '30 days');

alter table service_accounts
  add constraint service_accounts_previous_token check ((previous_token_hash is null) = (previous_token_expires_at is null));

-- The token's hashes stay unreadable to requests. A rotation writes the new hash and the end of
-- the overlap; the trigger keeps the old hash (which the request cannot read) as the previous one.
grant select (expires_at, previous_token_expires_at, rotated_at) on service_accounts to upptack_app;
grant update (token_hash, token_hint, expires_at, previous_token_expires_at, rotated_at) on service_accounts to upptack_app;

create function service_accounts_keep_previous_token() returns trigger
  language plpgsql as $$
  begin
    if new.token_hash is distinct from old.token_hash then
      new.previous_token_hash := case when new.previous_token_expires_at is not null then old.token_hash end;
    end if;
    return new;
  end
  $$;
create trigger service_accounts_keep_previous_token before update of token_hash on service_accounts
  for each row execute function service_accounts_keep_previous_token();

-- The lookup every integration request makes (migration 0072) now also says which token was
-- presented and why a known token is refused (revoked, expired, or an old token after its
-- overlap), so a refused use of a real account is audited too.
drop function service_account_lookup(text, timestamptz, timestamptz);
create function service_account_lookup(lookup_hash text, used_at timestamptz, touch_before timestamptz)
  returns table (id uuid, tenant_id uuid, unit_id uuid, actions text[], scope text[], token text, refusal text)
  language plpgsql volatile as $$
  #variable_conflict use_column
  begin
    return query
      with recursive account as (
        select a.id, a.tenant_id, a.unit_id, a.actions, a.last_used_at,
               case when a.token_hash = lookup_hash then 'current' else 'previous' end as token,
               case
                 when a.revoked_at is not null then 'revoked'
                 when a.token_hash = lookup_hash and a.expires_at <= used_at then 'expired'
                 when a.token_hash <> lookup_hash and a.previous_token_expires_at <= used_at then 'rotated'
                 else null
               end as refusal
          from service_accounts a
         where a.token_hash = lookup_hash or a.previous_token_hash = lookup_hash
         limit 1
      ),
      -- `last_used_at` is touched at most once per `touch_before` interval (migration 0072).
      touched as (
        update service_accounts s set last_used_at = used_at from account a
         where s.id = a.id and a.refusal is null and (a.last_used_at is null or a.last_used_at < touch_before)
        returning s.id
      ),
      tree as (
        select u.id from units u join account a on u.id = a.unit_id where u.active and a.refusal is null
        union all select u.id from units u join tree t on u.parent_id = t.id
      )
      select a.id, a.tenant_id, a.unit_id, a.actions, array(select t.id::text from tree t), a.token, a.refusal from account a;
  end
  $$;
revoke all on function service_account_lookup(text, timestamptz, timestamptz) from public;
grant execute on function service_account_lookup(text, timestamptz, timestamptz) to upptack_system;
