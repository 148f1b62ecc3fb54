#!/usr/bin/env bash
# HTTP load figures for the reference host on PostgreSQL (issue 4), in one run on this machine:
#   1. GET /health/live with wrk                       - the framework's ceiling
#   2. pgbench on the SQL one availability answer runs - the database's ceiling for an uncached answer
#   3. GET /api/v1/availability (one week, a team of 5, 10,000 existing bookings), req/s with p50/p99
#   4. POST /api/v1/bookings on distinct free slots, paced to ~200 req/s, p50/p99 and errors
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
cleanup() {
  set +e
  [[ -n "$HOST_PID" ]] && kill "$HOST_PID" 2>/dev/null && wait "$HOST_PID" 2>/dev/null
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

svc_pick_port HOST_PORT
BASE="http://127.0.0.1:$HOST_PORT"
CONNECTION="Host=127.0.0.1;Port=$SVC_PG_PORT;Username=$SVC_ADMIN_ROLE;Password=$SVC_ADMIN_PASSWORD;Database=$SVC_DATABASE;Maximum Pool Size=64"
# Request logging at Warning: a JSON line per request to a file would measure the disk, not the API.
env ASPNETCORE_ENVIRONMENT=Production \
ASPNETCORE_URLS="$BASE" \
ConnectionStrings__BookMeAtOz="$CONNECTION" \
BookMeAtOz__Jwt__SigningKey="$(head -c 48 /dev/urandom | base64)" \
BookMeAtOz__RateLimiting__SignIn__PermitLimit=1000000 \
BookMeAtOz__RateLimiting__SignUp__PermitLimit=1000000 \
BookMeAtOz__RateLimiting__Bookings__PermitLimit=1000000 \
Serilog__MinimumLevel__Default=Warning \
Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime=Warning \
  dotnet "$SVC_TMP/host/BookMeAtOz.Host.dll" >"$SVC_TMP/host.log" 2>&1 &
HOST_PID=$!

for _ in $(seq 1 120); do
  curl -fs "$BASE/health/ready" >/dev/null 2>&1 && break
  kill -0 "$HOST_PID" 2>/dev/null || { cat "$SVC_TMP/host.log" >&2; echo "the host exited" >&2; exit 1; }
  sleep 0.5
done
curl -fs "$BASE/health/ready" >/dev/null || { echo "the host never became ready" >&2; exit 1; }

echo "seeding over the API..."
python3 "$HERE/seed.py" --base "$BASE" --out "$SVC_TMP/seed.env" --bodies "$SVC_TMP/bodies.jsonl"
# shellcheck disable=SC1091
source "$SVC_TMP/seed.env"
# As autovacuum would have by now on a live database: fresh statistics for the planner.
svc_psql -d "$SVC_DATABASE" -c "ANALYZE" >/dev/null

wrk_field() { # $1 = file, $2 = what: rps | p50 | p99 | non2xx | errors
  case $2 in
    rps) awk '/^Requests\/sec:/ {print $2}' "$1" ;;
    p50) awk '$1 == "50%" {print $2}' "$1" ;;
    p99) awk '$1 == "99%" {print $2}' "$1" ;;
    non2xx) awk -F': *' '/Non-2xx or 3xx responses/ {print $2} END {}' "$1" | tail -1 ;;
    errors) awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$1" ;;
  esac
}
to_ms() { # wrk latency (e.g. 812.00us, 1.23ms, 1.02s) to milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[^m]s$/) n *= 1000; printf "%.2f", n }'
}

echo "1/4 GET /health/live..."
wrk -t2 -c64 -d"$DURATION" --latency "$BASE/health/live" >"$SVC_TMP/live.txt"

echo "2/4 pgbench on the availability SQL..."
sed -e "s/@TENANT@/$LOAD_TENANT_ID/g" -e "s/@STAFF@/$LOAD_STAFF_IDS/g" \
  -e "s/@FROM@/$LOAD_RANGE_FROM/g" -e "s/@TO@/$LOAD_RANGE_TO/g" "$HERE/availability.sql.template" >"$SVC_TMP/availability.sql"
PGPASSWORD=$SVC_ADMIN_PASSWORD "$PG_BIN/pgbench" -h 127.0.0.1 -p "$SVC_PG_PORT" -U "$SVC_ADMIN_ROLE" -n -c 8 -j 2 \
  -T "${DURATION%s}" -f "$SVC_TMP/availability.sql" "$SVC_DATABASE" >"$SVC_TMP/pgbench.txt" 2>&1
# The plan of the same statements, for when the database ceiling looks low.
{ sed -n '/^BEGIN;/,/^COMMIT;/p' "$SVC_TMP/availability.sql" | sed -e 's/^SELECT st\./EXPLAIN (ANALYZE, BUFFERS) SELECT st./' \
    -e 's/^SELECT b\./EXPLAIN (ANALYZE, BUFFERS) SELECT b./' -e 's/^SELECT t\./EXPLAIN (ANALYZE, BUFFERS) SELECT t./'; } |
  PGPASSWORD=$SVC_ADMIN_PASSWORD "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$SVC_PG_PORT" -U "$SVC_ADMIN_ROLE" "$SVC_DATABASE" >"$SVC_TMP/explain.txt" 2>&1 || true
PG_TPS=$(awk '/^tps = / {print $3; exit}' "$SVC_TMP/pgbench.txt")
PG_LAT=$(awk '/^latency average/ {print $4; exit}' "$SVC_TMP/pgbench.txt")

echo "3/4 GET /api/v1/availability..."
wrk -t2 -c16 -d"$DURATION" --latency -H "X-Tenant: $LOAD_SLUG" \
  "$BASE/api/v1/availability?serviceId=$LOAD_SERVICE_ID&from=$LOAD_FROM&to=$LOAD_TO" >"$SVC_TMP/availability.txt"

echo "4/4 POST /api/v1/bookings at ~$BOOKING_RATE/s..."
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
BK_RPS=$(wrk_field "$SVC_TMP/bookings.txt" rps)
BK_P50=$(to_ms "$(wrk_field "$SVC_TMP/bookings.txt" p50)")
BK_P99=$(to_ms "$(wrk_field "$SVC_TMP/bookings.txt" p99)")
BK_BAD=$(( $(wrk_field "$SVC_TMP/bookings.txt" non2xx) + 0 + $(wrk_field "$SVC_TMP/bookings.txt" errors) + 0 ))
RATIO=$(awk -v a="$AV_RPS" -v b="$PG_TPS" 'BEGIN { printf "%.0f", 100 * a / b }')
AV_OK=$(awk -v r="$RATIO" -v p="$AV_P99" -v bad="$AV_BAD" 'BEGIN { print (r >= 50 && p < 25 && bad == 0) ? "met" : "NOT met" }')
BK_OK=$(awk -v rps="$BK_RPS" -v p="$BK_P99" -v bad="$BK_BAD" -v want="$BOOKING_RATE" 'BEGIN { print (rps >= 0.9 * want && p < 50 && bad == 0) ? "met" : "NOT met" }')

RESULTS=${LOAD_RESULTS:-/tmp/bookmeatoz-load-results}
mkdir -p "$RESULTS"
cp "$SVC_TMP"/*.txt "$SVC_TMP/availability.sql" "$SVC_TMP/host.log" "$RESULTS/"

cat <<REPORT

BookMeAtOz load figures ($(nproc) cores shared by wrk, pgbench, PostgreSQL and the host; $DURATION per run)
  GET /health/live                         $(printf '%10.0f' "$LIVE_RPS") req/s                      (framework ceiling)
  pgbench, availability SQL, 8 clients     $(printf '%10.0f' "$PG_TPS") tx/s   avg ${PG_LAT} ms           (database ceiling)
  GET /api/v1/availability (1 week, 5 staff, 10,000 bookings)
                                           $(printf '%10.0f' "$AV_RPS") req/s  p50 ${AV_P50} ms  p99 ${AV_P99} ms  non-2xx ${AV_BAD}
                                           = ${RATIO}% of the database ceiling; target >= 50% with p99 < 25 ms: ${AV_OK}
  POST /api/v1/bookings (distinct slots, paced to ~${BOOKING_RATE}/s)
                                           $(printf '%10.0f' "$BK_RPS") req/s  p50 ${BK_P50} ms  p99 ${BK_P99} ms  errors ${BK_BAD}
                                           target p99 < 50 ms at ${BOOKING_RATE}/s with zero errors: ${BK_OK}
  (raw wrk/pgbench output, query plans and the host log: $RESULTS)
REPORT
