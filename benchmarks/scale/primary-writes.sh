#!/usr/bin/env bash
# How many booking writes/s one primary takes, with the bookings exclusion constraint, with and without
# waiting for a synchronous standby (docs/scaling.md). As root:
#
#   bash benchmarks/scale/primary-writes.sh            # SCALE_DURATION=10 SCALE_CLIENTS=8 by default
#
# Starts the Patroni cluster of the HA tests (scripts/ha.sh: three etcd members, three PostgreSQL 15 nodes,
# synchronous_mode, fsync on) under a temp dir, creates a bookings-shaped table with the same exclusion
# constraint as bookmeatoz.bookings (tenant, staff, time range; cancelled rows excluded), and runs pgbench: each
# transaction inserts one booking of a random tenant/staff at a random free-or-taken 30-minute slot
# (ON CONFLICT ... DO NOTHING, as the store does). Three runs: commit waits for the synchronous standby (the
# production setting), commit local only (asynchronous replication), and no exclusion constraint (btree only).
# pgbench, the three PostgreSQL nodes and etcd share this machine's cores: read the figures as ratios.
set -euo pipefail
REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DURATION=${SCALE_DURATION:-10}
CLIENTS=${SCALE_CLIENTS:-8}
dir=$(mktemp -d /tmp/bookmeatoz-scale.XXXXXX)
chmod 755 "$dir"
trap 'bash "$REPO_ROOT/scripts/ha.sh" stop "$dir/ha"; rm -rf "$dir" "$dir/ha.logs"' EXIT
bash "$REPO_ROOT/scripts/ha.sh" postgres "$dir/ha"
# shellcheck disable=SC1091
source "$dir/ha/ha.env"
leader=0
for n in 1 2 3; do
  port_var=HA_NODE${n}_REST_PORT
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${!port_var}/primary")" == 200 ]]; then leader=$n; fi
done
pg_var=HA_NODE${leader}_PG_PORT
psql_leader() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/ha/node$leader" -p "${!pg_var}" -U postgres -d "$HA_DATABASE" "$@"; }

psql_leader <<'SQL'
CREATE EXTENSION btree_gist;
CREATE TABLE bookings (
  tenant_id int NOT NULL, booking_id bigserial, staff_id int NOT NULL,
  starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL, status text NOT NULL DEFAULT 'confirmed',
  customer text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, booking_id),
  CONSTRAINT no_overlap EXCLUDE USING gist (tenant_id WITH =, staff_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
    WHERE (status <> 'cancelled'));
CREATE INDEX bookings_by_staff_start ON bookings (tenant_id, staff_id, starts_at);
CREATE TABLE bookings_plain (LIKE bookings INCLUDING DEFAULTS);
ALTER TABLE bookings_plain ADD PRIMARY KEY (tenant_id, booking_id);
CREATE INDEX ON bookings_plain (tenant_id, staff_id, starts_at);
SQL
cat >"$dir/insert.sql" <<'SQL'
\set tenant random(1, 1000)
\set staff random(1, 5)
\set slot random(0, 200000)
INSERT INTO bookings (tenant_id, staff_id, starts_at, ends_at, customer)
VALUES (:tenant, :staff, '2027-01-01'::timestamptz + :slot * interval '30 minutes',
        '2027-01-01'::timestamptz + (:slot + 1) * interval '30 minutes', 'casey@example.com')
ON CONFLICT ON CONSTRAINT no_overlap DO NOTHING;
SQL
sed 's/INTO bookings /INTO bookings_plain /; s/ON CONFLICT ON CONSTRAINT no_overlap DO NOTHING/ON CONFLICT DO NOTHING/' \
  "$dir/insert.sql" >"$dir/insert-plain.sql"

bench() {
  local what=$1 options=$2 script=$3 out
  out=$(PGOPTIONS=$options PGPASSWORD=$HA_SUPERUSER_PASSWORD "$PG_BIN/pgbench" -n -h 127.0.0.1 -p "${!pg_var}" \
    -U postgres -c "$CLIENTS" -j 2 -T "$DURATION" -f "$script" "$HA_DATABASE" 2>&1)
  printf '%-58s %8.0f tx/s  latency %s ms\n' "$what" \
    "$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out")" "$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out")"
}
echo "one primary (node$leader), $CLIENTS clients, ${DURATION} s each, fsync on, 2 cores shared with pgbench:"
bench "exclusion constraint, commit waits for the sync standby" "" "$dir/insert.sql"
bench "exclusion constraint, commit local (async replication)" "-c synchronous_commit=local" "$dir/insert.sql"
bench "no exclusion constraint, commit waits for the sync standby" "" "$dir/insert-plain.sql"
