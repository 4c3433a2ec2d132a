-- Disclosure control by the cell-key method (issue 15, ADR 0053): the secret from which record
-- keys are derived. A record key is 24 bits of md5(secret || the record's identity); a published
-- cell's key is the sum of its records' keys modulo 2^24, and the same key always gets the same
-- noise. Anyone who knew the secret could compute the noise and take it off again, so it is
-- random per installation, never shown, and kept when other keys rotate (changing it would give
-- every cell a second, independent noise to average). Read by the application's own queries only.
create table disclosure_cell_key_secret (
  singleton boolean primary key default true check (singleton),
  secret text not null
);
insert into disclosure_cell_key_secret (secret) values (replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
revoke all on disclosure_cell_key_secret from public;
grant select on disclosure_cell_key_secret to upptack_app;
