#!/usr/bin/env bash
# HTTP load figures for the reference host on PostgreSQL (issue 4), in one run on this machine:
#   1. GET /health/live with wrk                       - the framework's ceiling
#   2. pgbench on the SQL one availability answer runs - the database's ceiling for an uncached answer
#   3. GET /api/v1/availability (one week, a team of 5, 10,000 existing bookings), req/s with p50/p99, as shipped
#      (the host keeps the store's answer between requests until the tenant changes)
#   4. the same on a second host with that cache off: every answer read from PostgreSQL
#   5. POST /api/v1/bookings on distinct free slots, paced to ~200 req/s, p50/p99 and errors
# Everything runs on loopback; wrk, pgbench, PostgreSQL and the host share the machine's cores, so read the
# figures as ratios from the same run. Must run as root (apt-get; PostgreSQL runs as 'postgres').
#
#   benchmarks/load/run.sh                 # default 10 s per run
#   LOAD_DURATION=30s benchmarks/load/run.sh
set -euo pipefail

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$REPO_ROOT/benchmarks/load"
cd "$REPO_ROOT"
# shellcheck source=scripts/services.sh
source "$REPO_ROOT/scripts/services.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

DURATION=${LOAD_DURATION:-10s}
BOOKING_RATE=${LOAD_BOOKING_RATE:-200}

if ((EUID != 0)); then
  echo "benchmarks/load/run.sh must run as root" >&2
  exit 1
fi

SVC_TMP=
HOST_PID=
HOST_PIDS=()
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
if ! command -v wrk >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null ||
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
fi

SVC_TMP=$(mktemp -d /tmp/bookmeatoz-load.XXXXXX)
chmod 755 "$SVC_TMP"
svc_start_postgres

echo "publishing the host (Release)..."
dotnet publish samples/BookMeAtOz.Host -c Release -o "$SVC_TMP/host" --nologo -v quiet >/dev/null

CONNECTION="Host=127.0.0.1;Port=$SVC_PG_PORT;Username=$SVC_ADMIN_ROLE;Password=$SVC_ADMIN_PASSWORD;Database=$SVC_DATABASE;Maximum Pool Size=64"
SIGNING_KEY=$(head -c 48 /dev/urandom | base64)
# shellcheck source=benchmarks/load/lib.sh
source "$HERE/lib.sh"

BASE=
start_host host BASE
HOST_PID=${HOST_PIDS[0]}

echo "seeding over the API..."
python3 "$HERE/seed.py" --base "$BASE" --out "$SVC_TMP/seed.env" --bodies "$SVC_TMP/bodies.jsonl"
# shellcheck disable=SC1091
source "$SVC_TMP/seed.env"
# As autovacuum would have by now on a live database: fresh statistics for the planner.
svc_psql -d "$SVC_DATABASE" -c "ANALYZE" >/dev/null
# A live system's relay keeps up with its outbox; wait for it to work off the seeding's 10,000 events so the
# runs measure requests, not the backlog.
pending_events() {
  svc_psql -d "$SVC_DATABASE" -tAc "BEGIN; SELECT set_config('bookmeatoz.tenant_id', '$LOAD_TENANT_ID', true);
    SELECT count(*) FROM bookmeatoz.outbox WHERE processed_at IS NULL; COMMIT;" | sed -n 2p
}
for _ in $(seq 1 240); do
  [[ "$(pending_events)" == 0 ]] && break
  sleep 0.5
done
echo "outbox events still pending: $(pending_events)"

echo "1/5 GET /health/live..."
wrk -t2 -c64 -d"$DURATION" --latency "$BASE/health/live" >"$SVC_TMP/live.txt"

echo "2/5 pgbench on the availability SQL..."
sed -e "s/@TENANT@/$LOAD_TENANT_ID/g" -e "s/@STAFF@/$LOAD_STAFF_IDS/g" \
  -e "s/@FROM@/$LOAD_RANGE_FROM/g" -e "s/@TO@/$LOAD_RANGE_TO/g" "$HERE/availability.sql.template" >"$SVC_TMP/availability.sql"
PGPASSWORD=$SVC_ADMIN_PASSWORD "$PG_BIN/pgbench" -h 127.0.0.1 -p "$SVC_PG_PORT" -U "$SVC_ADMIN_ROLE" -n -c 8 -j 2 \
  -T "${DURATION%s}" -f "$SVC_TMP/availability.sql" "$SVC_DATABASE" >"$SVC_TMP/pgbench.txt" 2>&1
# The plans of the availability read's statements (auto_explain, which only a superuser may load; then the app's
# role, so row-level security applies as in the runs), for when the database ceiling looks low.
svc_psql -d "$SVC_DATABASE" >"$SVC_TMP/explain.txt" 2>&1 <<SQL || true
LOAD 'auto_explain';
SET auto_explain.log_min_duration = 0;
SET auto_explain.log_analyze = on;
SET auto_explain.log_buffers = on;
SET auto_explain.log_nested_statements = on;
SET auto_explain.log_level = notice;
SET ROLE $SVC_ADMIN_ROLE;
BEGIN;
SELECT set_config('bookmeatoz.tenant_id', '$LOAD_TENANT_ID', true);
SELECT count(*) FROM bookmeatoz.busy_ranges_merged('$LOAD_TENANT_ID', '{$LOAD_STAFF_IDS}'::uuid[], '$LOAD_RANGE_FROM', '$LOAD_RANGE_TO');
COMMIT;
SQL
PG_TPS=$(awk '/^tps = / {print $3; exit}' "$SVC_TMP/pgbench.txt")
PG_LAT=$(awk '/^latency average/ {print $4; exit}' "$SVC_TMP/pgbench.txt")

AVAILABILITY_PATH="/api/v1/availability?serviceId=$LOAD_SERVICE_ID&from=$LOAD_FROM&to=$LOAD_TO"
echo "3/5 GET /api/v1/availability..."
wrk -t2 -c16 -d"$DURATION" --latency -H "X-Tenant: $LOAD_SLUG" "$BASE$AVAILABILITY_PATH" >"$SVC_TMP/availability.txt"

echo "4/5 GET /api/v1/availability on a host with the availability cache off (every answer read from PostgreSQL)..."
start_host host-uncached UNCACHED_BASE BookMeAtOz__Cache__AvailabilityExpiration=00:00:00
# Both hosts must give the same answer (the week's slots, with the staff free at each).
curl -fs -H "X-Tenant: $LOAD_SLUG" "$UNCACHED_BASE$AVAILABILITY_PATH" >"$SVC_TMP/answer-uncached.json"
curl -fs -H "X-Tenant: $LOAD_SLUG" "$BASE$AVAILABILITY_PATH" >"$SVC_TMP/answer.json"
SLOTS=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["slots"]))' "$SVC_TMP/answer.json")
if cmp -s "$SVC_TMP/answer.json" "$SVC_TMP/answer-uncached.json"; then SAME=yes; else SAME=NO; fi
wrk -t2 -c16 -d"$DURATION" --latency -H "X-Tenant: $LOAD_SLUG" "$UNCACHED_BASE$AVAILABILITY_PATH" >"$SVC_TMP/availability-uncached.txt"
kill "${HOST_PIDS[1]}"
wait "${HOST_PIDS[1]}" 2>/dev/null || true

echo "5/5 POST /api/v1/bookings at ~$BOOKING_RATE/s..."
# wrk can't hold a rate by itself: each connection pauses between requests, for its share of the rate less
# a typical response time (LOAD_BOOKING_LATENCY_MS). The achieved rate is reported.
CONNECTIONS=${LOAD_BOOKING_CONNECTIONS:-10}
PAUSE_MS=$((CONNECTIONS * 1000 / BOOKING_RATE - ${LOAD_BOOKING_LATENCY_MS:-15}))
((PAUSE_MS > 0)) || PAUSE_MS=1
LOAD_BODIES="$SVC_TMP/bodies.jsonl" LOAD_SLUG=$LOAD_SLUG LOAD_THREADS=2 LOAD_DELAY_MS=$PAUSE_MS \
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$HERE/post-bookings.lua" "$BASE" >"$SVC_TMP/bookings.txt"

LIVE_RPS=$(wrk_field "$SVC_TMP/live.txt" rps)
AV_RPS=$(wrk_field "$SVC_TMP/availability.txt" rps)
AV_P50=$(to_ms "$(wrk_field "$SVC_TMP/availability.txt" p50)")
AV_P99=$(to_ms "$(wrk_field "$SVC_TMP/availability.txt" p99)")
AV_BAD=$(( $(wrk_field "$SVC_TMP/availability.txt" non2xx) + 0 ))
UN_RPS=$(wrk_field "$SVC_TMP/availability-uncached.txt" rps)
UN_P50=$(to_ms "$(wrk_field "$SVC_TMP/availability-uncached.txt" p50)")
UN_P99=$(to_ms "$(wrk_field "$SVC_TMP/availability-uncached.txt" p99)")
UN_BAD=$(( $(wrk_field "$SVC_TMP/availability-uncached.txt" non2xx) + 0 ))
UN_RATIO=$(awk -v a="$UN_RPS" -v b="$PG_TPS" 'BEGIN { printf "%.0f", 100 * a / b }')
BK_RPS=$(wrk_field "$SVC_TMP/bookings.txt" rps)
BK_P50=$(to_ms "$(wrk_field "$SVC_TMP/bookings.txt" p50)")
BK_P99=$(to_ms "$(wrk_field "$SVC_TMP/bookings.txt" p99)")
BK_BAD=$(( $(wrk_field "$SVC_TMP/bookings.txt" non2xx) + 0 + $(wrk_field "$SVC_TMP/bookings.txt" errors) + 0 ))
RATIO=$(awk -v a="$AV_RPS" -v b="$PG_TPS" 'BEGIN { printf "%.0f", 100 * a / b }')
AV_OK=$(awk -v r="$RATIO" -v p="$AV_P99" -v bad="$AV_BAD" -v same="$SAME" 'BEGIN { print (r >= 50 && p < 25 && bad == 0 && same == "yes") ? "met" : "NOT met" }')
BK_OK=$(awk -v rps="$BK_RPS" -v p="$BK_P99" -v bad="$BK_BAD" -v want="$BOOKING_RATE" 'BEGIN { print (rps >= 0.9 * want && p < 50 && bad == 0) ? "met" : "NOT met" }')

RESULTS=${LOAD_RESULTS:-/tmp/bookmeatoz-load-results}
mkdir -p "$RESULTS"
cp "$SVC_TMP"/*.txt "$SVC_TMP"/*.json "$SVC_TMP/availability.sql" "$SVC_TMP"/host*.log "$RESULTS/"

cat <<REPORT

BookMeAtOz load figures ($(nproc) cores shared by wrk, pgbench, PostgreSQL and the host; $DURATION per run)
  GET /health/live                         $(printf '%10.0f' "$LIVE_RPS") req/s                      (framework ceiling)
  pgbench, availability SQL, 8 clients     $(printf '%10.0f' "$PG_TPS") tx/s   avg ${PG_LAT} ms           (database ceiling)
  GET /api/v1/availability (1 week, 5 staff, 10,000 bookings; ${SLOTS} slots; same answer with the cache off: ${SAME})
                                           $(printf '%10.0f' "$AV_RPS") req/s  p50 ${AV_P50} ms  p99 ${AV_P99} ms  non-2xx ${AV_BAD}
                                           = ${RATIO}% of the database ceiling; target >= 50% with p99 < 25 ms: ${AV_OK}
  the same with the availability cache off (a second host; every answer read from PostgreSQL)
                                           $(printf '%10.0f' "$UN_RPS") req/s  p50 ${UN_P50} ms  p99 ${UN_P99} ms  non-2xx ${UN_BAD}
                                           = ${UN_RATIO}% of the database ceiling
  POST /api/v1/bookings (distinct slots, paced to ~${BOOKING_RATE}/s)
                                           $(printf '%10.0f' "$BK_RPS") req/s  p50 ${BK_P50} ms  p99 ${BK_P99} ms  errors ${BK_BAD}
                                           target p99 < 50 ms at ${BOOKING_RATE}/s with zero errors: ${BK_OK}
  (raw wrk/pgbench output, query plans and the host log: $RESULTS)
REPORT

if [[ -n "${LOAD_KEEP:-}" ]]; then
  # For experiments: the seeded host and database stay up until this script is stopped.
  { echo "BASE=$BASE"; cat "$SVC_TMP/seed.env"; echo "PGPORT=$SVC_PG_PORT"; echo "PGUSER=$SVC_ADMIN_ROLE";
    echo "PGPASSWORD=$SVC_ADMIN_PASSWORD"; echo "PGDATABASE=$SVC_DATABASE"; echo "HOST_DIR=$SVC_TMP/host"; } >"$RESULTS/env.sh"
  echo "LOAD_KEEP: host and database stay up ($RESULTS/env.sh); stop this script to clean up"
  wait "$HOST_PID"
fi
