-- Shared data and anonymous token access (issue 3, ADR 0011). Shared rows keep their owner's
-- tenant_id; other organisations reach them through share tables that an extra policy consults
-- (a pattern, see the ADR). Anonymous respondent and registration links run as upptack_public
-- with the SHA-256 of the presented token in app.token_hash; a token table's policy admits the
-- rows of that token only, and nothing when no token is set.
create or replace function app_token_hash() returns text
  language sql stable as $$ select nullif(current_setting('app.token_hash', true), '') $$;
grant execute on function app_token_hash() to upptack_app, upptack_public;
