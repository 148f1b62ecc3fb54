#!/usr/bin/env bash
# Scale test (docs/scaling.md): does a tenant's availability and booking latency hold when the database holds
# 10,000 tenants and 10,000,000 bookings? Measured against a 10,000-booking database UNDER THE SAME MACHINE LOAD:
#   1. PostgreSQL (private, loopback) and the published reference host with the availability cache OFF (every
#      answer read from PostgreSQL); one tenant seeded over the API: a team of 5, one 15-minute service, 10,000
#      bookings (benchmarks/load/seed.py)
#   2. the database copied (CREATE DATABASE ... TEMPLATE): "small" keeps the 10,000 bookings, "large" gets
#      SCALE_TENANTS more tenants (5 staff, one service, schedules) with SCALE_BOOKINGS_PER_TENANT bookings each,
#      generated inside PostgreSQL in batches (INSERT ... SELECT generate_series: the rows never leave the server,
#      which is what COPY would buy; as the superuser, triggers off, so neither audit nor foreign-key checks run for
#      the generated rows, which are consistent by construction), then ANALYZE on both
#   3. one host instance on each database, both running throughout, the measured tenant identical in both (same ids,
#      same bookings); SCALE_ROUNDS rounds, each measuring GET /api/v1/availability (one week) and POST
#      /api/v1/bookings (distinct free slots), 8 concurrent connections (wrk), on both databases back to back, the
#      order alternating (small, large | large, small | ...): whatever else the machine runs weighs on both alike;
#      before them an uncounted round 0 warms both instances up the same way (wrk timeout 10 s)
#   4. per round the ratios large/small of p50 and p99; the verdict on the median of the rounds' p50 ratios (target:
#      within 1.5x); the plan of the availability read and the sizes of the bookings indexes in the large database
# Defaults: the full test (10,000 x 1,000 = 10,000,000 bookings; tens of minutes here). scripts/test.sh runs a
# small variant in the deployment stage (SCALE_TENANTS=100, SCALE_ROUNDS=2). As root:
#
#   bash benchmarks/scale/scale.sh
#   SCALE_TENANTS=1000 SCALE_ROUNDS=4 bash benchmarks/scale/scale.sh      # 1,000,000 bookings
#   SCALE_TENANTS=100 SCALE_DURATION=3s SCALE_ROUNDS=2 bash benchmarks/scale/scale.sh
# Prints the figures; exits non-zero if a run had errors or the median p50 ratio is above SCALE_MAX_RATIO (1.5).
set -euo pipefail

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
LOAD="$REPO_ROOT/benchmarks/load"
cd "$REPO_ROOT"
# shellcheck source=scripts/services.sh
source "$REPO_ROOT/scripts/services.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

TENANTS=${SCALE_TENANTS:-10000}
PER_TENANT=${SCALE_BOOKINGS_PER_TENANT:-1000}
DURATION=${SCALE_DURATION:-10s}
MAX_RATIO=${SCALE_MAX_RATIO:-1.5}
BATCH=${SCALE_BATCH_TENANTS:-500}
ROUNDS=${SCALE_ROUNDS:-4}

if ((EUID != 0)); then
  echo "benchmarks/scale/scale.sh must run as root" >&2
  exit 1
fi
command -v wrk >/dev/null || {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null ||
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
}

SVC_TMP=
cleanup() {
  set +e
  for pid in "${HOST_PIDS[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  svc_remove_policy_rc
  svc_stop_all
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

svc_ensure_packages
SVC_TMP=$(mktemp -d /tmp/bookmeatoz-scale.XXXXXX)
chmod 755 "$SVC_TMP"
svc_start_postgres

if [[ -n "${SCALE_HOST_DIR:-}" ]]; then
  cp -r "$SCALE_HOST_DIR" "$SVC_TMP/host"
else
  echo "publishing the host (Release)..."
  dotnet publish samples/BookMeAtOz.Host -c Release -o "$SVC_TMP/host" --nologo -v quiet >/dev/null
fi

CONNECTION="Host=127.0.0.1;Port=$SVC_PG_PORT;Username=$SVC_ADMIN_ROLE;Password=$SVC_ADMIN_PASSWORD;Database=$SVC_DATABASE;Maximum Pool Size=64"
SIGNING_KEY=$(head -c 48 /dev/urandom | base64)
# shellcheck source=benchmarks/load/lib.sh
source "$LOAD/lib.sh"

BASE=
start_host seed BASE BookMeAtOz__Cache__AvailabilityExpiration=00:00:00

echo "seeding the measured tenant over the API..."
python3 "$LOAD/seed.py" --base "$BASE" --out "$SVC_TMP/seed.env" --bodies "$SVC_TMP/bodies.jsonl" --free $(((ROUNDS + 1) * 4000))
# shellcheck disable=SC1091
source "$SVC_TMP/seed.env"
# The seeding host goes: a database being copied must have no connections.
if kill "${HOST_PIDS[0]}"; then wait "${HOST_PIDS[0]}" 2>/dev/null || true; fi
HOST_PIDS=()
SMALL_DB=$SVC_DATABASE LARGE_DB=${SVC_DATABASE}_large
svc_psql -d postgres -c "CREATE DATABASE $LARGE_DB TEMPLATE $SMALL_DB OWNER $SVC_ADMIN_ROLE" >/dev/null
# Distinct free slots for each round (each database gets the same ones: they are separate databases).
total=$(wc -l <"$SVC_TMP/bodies.jsonl")
per_round=$((total / (ROUNDS + 1)))
for ((r = 0; r <= ROUNDS; r++)); do
  sed -n "$((r * per_round + 1)),$(((r + 1) * per_round))p" "$SVC_TMP/bodies.jsonl" >"$SVC_TMP/bodies-$r.jsonl"
done

AVAILABILITY_PATH="/api/v1/availability?serviceId=$LOAD_SERVICE_ID&from=$LOAD_FROM&to=$LOAD_TO"
settle() { # $1 = database
  svc_psql -d "$1" -c "ANALYZE" >/dev/null
  svc_psql -d "$1" -c "CHECKPOINT" >/dev/null
}
measure() { # $1 = label (small|large), $2 = base address, $3 = round
  echo "round $3, $1: GET /api/v1/availability, then POST /api/v1/bookings, 8 connections, $DURATION each..."
  wrk -t2 -c8 -d"$DURATION" --timeout 10s --latency -H "X-Tenant: $LOAD_SLUG" "$2$AVAILABILITY_PATH" >"$SVC_TMP/availability-$1-$3.txt"
  LOAD_BODIES="$SVC_TMP/bodies-$3.jsonl" LOAD_SLUG=$LOAD_SLUG LOAD_THREADS=2 LOAD_DELAY_MS=0 \
    wrk -t2 -c8 -d"$DURATION" --timeout 10s --latency -s "$LOAD/post-bookings.lua" "$2" >"$SVC_TMP/bookings-$1-$3.txt"
}
bookings_count() { svc_psql -d "$1" -tAc "SELECT count(*) FROM bookmeatoz.bookings"; }

echo "generating $TENANTS tenants x $PER_TENANT bookings inside PostgreSQL (database $LARGE_DB)..."
started=$(date +%s)
WEEKLY=$(svc_psql -d "$LARGE_DB" -tAc "SELECT weekly::text FROM bookmeatoz.staff_schedules WHERE tenant_id = '$LOAD_TENANT_ID' LIMIT 1")
for ((first = 1; first <= TENANTS; first += BATCH)); do
  last=$((first + BATCH - 1 < TENANTS ? first + BATCH - 1 : TENANTS))
  svc_psql -d "$LARGE_DB" -v first="$first" -v last="$last" -v per="$PER_TENANT" -v weekly="$WEEKLY" <<'SQL'
SET session_replication_role = replica;
BEGIN;
CREATE TEMP TABLE t ON COMMIT DROP AS
  SELECT i, md5('scale-tenant-' || i)::uuid AS tenant_id, md5('scale-service-' || i)::uuid AS service_id
  FROM generate_series(:first, :last) AS i;
INSERT INTO bookmeatoz.tenants (tenant_id, slug, name, time_zone, currency, min_notice_minutes, max_advance_days,
                                cancellation_notice_minutes)
  SELECT tenant_id, 'scale' || i, 'Scale ' || i, 'Australia/Sydney', 'AUD', 0, 365, 0 FROM t;
CREATE TEMP TABLE s ON COMMIT DROP AS
  SELECT t.i, t.tenant_id, t.service_id, k, md5('scale-staff-' || t.i || '-' || k)::uuid AS staff_id
  FROM t, generate_series(1, 5) AS k;
INSERT INTO bookmeatoz.staff (tenant_id, staff_id, name, time_zone, active)
  SELECT tenant_id, staff_id, 'Staff ' || k, 'Australia/Sydney', true FROM s;
INSERT INTO bookmeatoz.staff_schedules (tenant_id, staff_id, weekly, overrides)
  SELECT tenant_id, staff_id, :'weekly'::jsonb, '[]'::jsonb FROM s;
INSERT INTO bookmeatoz.services (tenant_id, service_id, name, duration_minutes, buffer_before_minutes,
                                 buffer_after_minutes, price_cents, capacity, active)
  SELECT tenant_id, service_id, 'Quick', 15, 0, 0, 5000, 1, true FROM t;
INSERT INTO bookmeatoz.service_staff (tenant_id, service_id, staff_id, position)
  SELECT tenant_id, service_id, staff_id, k FROM s;
-- Each staff member's share of the bookings, 15 minutes every 90, from a year ago onwards (a tenant's history and
-- its future); one in ten cancelled.
INSERT INTO bookmeatoz.bookings (tenant_id, booking_id, service_id, staff_id, starts_at, ends_at, buffer_before_minutes,
                                 buffer_after_minutes, blocked_start, blocked_end, status, customer_name, customer_email,
                                 created_at, manage_token_hash)
  SELECT s.tenant_id, gen_random_uuid(), s.service_id, s.staff_id, at, at + interval '15 minutes', 0, 0,
         at, at + interval '15 minutes', CASE WHEN j % 10 = 0 THEN 'cancelled' ELSE 'confirmed' END,
         'Customer ' || j, 'customer' || (j % 97) || '@example.com', at - interval '7 days', '\x01'::bytea
  FROM s, generate_series(0, :per / 5 - 1) AS j,
       LATERAL (SELECT now() - interval '365 days' + j * interval '90 minutes' + s.k * interval '15 minutes' AS at) x;
COMMIT;
SQL
  echo "  tenants $first-$last: $(($(date +%s) - started)) s"
done
GENERATED_S=$(($(date +%s) - started))
settle "$SMALL_DB"
settle "$LARGE_DB"
BASE_ROWS=$(bookings_count "$SMALL_DB")
ROWS=$(bookings_count "$LARGE_DB")

# One instance per database, both up for the whole measurement.
SMALL_BASE="" LARGE_BASE=""
CONNECTION="Host=127.0.0.1;Port=$SVC_PG_PORT;Username=$SVC_ADMIN_ROLE;Password=$SVC_ADMIN_PASSWORD;Database=$SMALL_DB;Maximum Pool Size=64"
start_host host-small SMALL_BASE BookMeAtOz__Cache__AvailabilityExpiration=00:00:00
CONNECTION="Host=127.0.0.1;Port=$SVC_PG_PORT;Username=$SVC_ADMIN_ROLE;Password=$SVC_ADMIN_PASSWORD;Database=$LARGE_DB;Maximum Pool Size=64"
start_host host-large LARGE_BASE BookMeAtOz__Cache__AvailabilityExpiration=00:00:00
# Round 0, not counted: both instances warmed up the same way (JIT, pools, the caches of PostgreSQL's pages).
measure small "$SMALL_BASE" 0
measure large "$LARGE_BASE" 0
for ((r = 1; r <= ROUNDS; r++)); do
  if ((r % 2)); then
    measure small "$SMALL_BASE" "$r"
    measure large "$LARGE_BASE" "$r"
  else
    measure large "$LARGE_BASE" "$r"
    measure small "$SMALL_BASE" "$r"
  fi
done



svc_psql -d "$LARGE_DB" >"$SVC_TMP/explain.txt" 2>&1 <<SQL || true
SET ROLE $SVC_ADMIN_ROLE;
BEGIN;
SELECT set_config('bookmeatoz.tenant_id', '$LOAD_TENANT_ID', true);
EXPLAIN (ANALYZE, BUFFERS) SELECT b.staff_id, b.blocked_start, b.blocked_end FROM bookmeatoz.bookings b
  WHERE b.tenant_id = '$LOAD_TENANT_ID' AND b.staff_id = ANY ('{$LOAD_STAFF_IDS}'::uuid[])
    AND b.starts_at > '$LOAD_RANGE_FROM'::timestamptz - interval '2 days' AND b.starts_at < '$LOAD_RANGE_TO'::timestamptz + interval '2 days'
    AND b.status IN ('pending', 'confirmed') AND b.blocked_start < '$LOAD_RANGE_TO' AND b.blocked_end > '$LOAD_RANGE_FROM';
COMMIT;
SQL
svc_psql -d "$LARGE_DB" -tA >"$SVC_TMP/sizes.txt" <<'SQL'
SELECT 'table bookings: ' || pg_size_pretty(pg_table_size('bookmeatoz.bookings'));
SELECT 'index ' || c.relname || ': ' || pg_size_pretty(pg_relation_size(c.oid))
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = 'bookmeatoz.bookings'::regclass ORDER BY pg_relation_size(c.oid) DESC;
SQL

row() { # $1 = file: "rps p50 p99 bad" (a run that completed no request counts as an error)
  local rps
  rps=$(wrk_field "$1" rps)
  printf '%s %s %s %s' "$rps" "$(to_ms "$(wrk_field "$1" p50)")" "$(to_ms "$(wrk_field "$1" p99)")" \
    "$(($(wrk_field "$1" non2xx) + 0 + $(wrk_field "$1" errors) + 0 + $(awk -v r="$rps" 'BEGIN { print (r + 0 > 0) ? 0 : 1 }')))"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
BAD=0 TABLE="" AV50S="" AV99S="" BK50S="" BK99S=""
for ((r = 1; r <= ROUNDS; r++)); do
  read -r A1_RPS A1_P50 A1_P99 A1_BAD <<<"$(row "$SVC_TMP/availability-small-$r.txt")"
  read -r A2_RPS A2_P50 A2_P99 A2_BAD <<<"$(row "$SVC_TMP/availability-large-$r.txt")"
  read -r B1_RPS B1_P50 B1_P99 B1_BAD <<<"$(row "$SVC_TMP/bookings-small-$r.txt")"
  read -r B2_RPS B2_P50 B2_P99 B2_BAD <<<"$(row "$SVC_TMP/bookings-large-$r.txt")"
  BAD=$((BAD + A1_BAD + A2_BAD + B1_BAD + B2_BAD))
  AV50S+=" $(ratio "$A2_P50" "$A1_P50")" AV99S+=" $(ratio "$A2_P99" "$A1_P99")"
  BK50S+=" $(ratio "$B2_P50" "$B1_P50")" BK99S+=" $(ratio "$B2_P99" "$B1_P99")"
  order=$( ((r % 2)) && echo "small first" || echo "large first")
  TABLE+=$(printf '\n  %d (%s)  small %12s  %8s / %-8s (%6.0f)   %8s / %-8s (%6.0f)   %d' "$r" "$order" "$BASE_ROWS" \
    "$A1_P50" "$A1_P99" "$A1_RPS" "$B1_P50" "$B1_P99" "$B1_RPS" $((A1_BAD + B1_BAD)))
  TABLE+=$(printf '\n                 large %12s  %8s / %-8s (%6.0f)   %8s / %-8s (%6.0f)   %d' "$ROWS" \
    "$A2_P50" "$A2_P99" "$A2_RPS" "$B2_P50" "$B2_P99" "$B2_RPS" $((A2_BAD + B2_BAD)))
  TABLE+=$(printf '\n                 ratio large/small: availability p50 %s, p99 %s; bookings p50 %s, p99 %s' \
    "$(ratio "$A2_P50" "$A1_P50")" "$(ratio "$A2_P99" "$A1_P99")" "$(ratio "$B2_P50" "$B1_P50")" "$(ratio "$B2_P99" "$B1_P99")")
done
AV50=$(median <<<"$AV50S") AV99=$(median <<<"$AV99S") BK50=$(median <<<"$BK50S") BK99=$(median <<<"$BK99S")
VERDICT=$(awk -v a="$AV50" -v b="$BK50" -v m="$MAX_RATIO" -v bad="$BAD" \
  'BEGIN { print (a <= m && b <= m && bad == 0) ? "met" : "NOT met" }')

RESULTS=${SCALE_RESULTS:-/tmp/bookmeatoz-scale-results}
mkdir -p "$RESULTS"
cp "$SVC_TMP"/*.txt "$SVC_TMP"/host*.log "$RESULTS/"
cat <<REPORT

BookMeAtOz scale figures ($(nproc) cores shared by wrk, PostgreSQL and the hosts; availability cache off; $ROUNDS rounds, $DURATION per run, small and large interleaved)
  round           database    bookings  availability p50 / p99 ms (req/s)   bookings p50 / p99 ms (req/s)   errors$TABLE
  median of the rounds' ratios large/small: availability p50 $AV50, p99 $AV99; bookings p50 $BK50, p99 $BK99 (target p50 <= $MAX_RATIO, no errors): $VERDICT
  generated $TENANTS tenants in $GENERATED_S s; plan of the availability read and index sizes: $RESULTS/explain.txt, $RESULTS/sizes.txt
REPORT
cat "$SVC_TMP/sizes.txt"
[[ "$VERDICT" == met ]]
