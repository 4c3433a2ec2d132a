#!/bin/sh
# Runs after 10-upptack-setup.sql (which `print-database-setup` wrote, see compose.yaml): gives the
# three login roles the passwords from the environment. Only on an empty data volume.
set -eu
psql -v ON_ERROR_STOP=1 -U postgres -d upptack \
  -v owner="$OWNER_PASSWORD" -v runtime="$RUNTIME_PASSWORD" -v system="$SYSTEM_PASSWORD" <<'SQL'
alter role upptack_owner password :'owner';
alter role upptack_runtime password :'runtime';
alter role upptack_system password :'system';
SQL
