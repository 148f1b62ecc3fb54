#!/usr/bin/env bash
# Soak test (docs/scaling.md, "Soak"): do two host instances stay flat under hours-like mixed traffic? In one run:
#   1. a private PostgreSQL 15 and Redis on loopback (scripts/services.sh), two instances of the published reference
#      host on them (Redis as the SignalR backplane and cache), like the scale and HA setups
#   2. benchmarks/soak/soak.py: a tenant seeded over the API, then availability reads, bookings (409
#      slot_unavailable expected when a slot is taken), cancels and SignalR hub connections receiving
#      availabilityChanged, spread over both instances, for SOAK_DURATION seconds after SOAK_WARMUP
#   3. every SOAK_SAMPLE seconds: each instance's RSS, GC heap size (information) and thread count, and PostgreSQL's
#      connections; and each instance's live heap (dotnet-gcdump: an induced full blocking collection) at the end of
#      the first minute and at the end. The rule: for RSS, threads and connections the last-minute average < 10 %
#      above the first-minute average; each live heap at the end < 10 % above the first; and zero errors
# Defaults: 15 minutes after a 60-second warm-up. scripts/test.sh runs a 2-minute variant in the ha stage. As root:
#
#   bash benchmarks/soak/soak.sh                         # 15 minutes
#   SOAK_DURATION=120 bash benchmarks/soak/soak.sh       # the CI variant
#   SOAK_HOST_DIR=samples/BookMeAtOz.Host/bin/Release/net10.0 ...   # use a build instead of publishing
# Prints the start/end values and the first/last-minute averages; exits non-zero if the rule is broken.
set -euo pipefail

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO_ROOT"
# shellcheck source=scripts/services.sh
source "$REPO_ROOT/scripts/services.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

DURATION=${SOAK_DURATION:-900}
WARMUP=${SOAK_WARMUP:-60}
SAMPLE=${SOAK_SAMPLE:-5}
MAX_GROWTH=${SOAK_MAX_GROWTH:-0.10}
HUBS=${SOAK_HUBS:-3}

if ((EUID != 0)); then
  echo "benchmarks/soak/soak.sh must run as root" >&2
  exit 1
fi

SVC_TMP=
HOST_PIDS=()
# shellcheck disable=SC2317 # (run by the EXIT trap)
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
SVC_TMP=$(mktemp -d /tmp/bookmeatoz-soak.XXXXXX)
chmod 755 "$SVC_TMP"
svc_start_postgres
svc_start_redis

if [[ -n "${SOAK_HOST_DIR:-}" ]]; then
  cp -r "$SOAK_HOST_DIR" "$SVC_TMP/host"
else
  echo "publishing the host (Release)..."
  dotnet publish samples/BookMeAtOz.Host -c Release -o "$SVC_TMP/host" --nologo -v quiet >/dev/null
fi

# Pool of 32: the default 100 per instance would let the connection count wander with the load's bursts.
CONNECTION="Host=127.0.0.1;Port=$SVC_PG_PORT;Username=$SVC_ADMIN_ROLE;Password=$SVC_ADMIN_PASSWORD;Database=$SVC_DATABASE;Maximum Pool Size=32"
SIGNING_KEY=$(head -c 48 /dev/urandom | base64)
MANAGE_SECRET=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)
# shellcheck source=benchmarks/load/lib.sh
source "$REPO_ROOT/benchmarks/load/lib.sh"

# Both instances: the same keys (a manage token from one is valid on the other), Redis as backplane and cache. One
# after the other, so that only the first migrates.
shared=(ConnectionStrings__Redis="127.0.0.1:$SVC_REDIS_PORT" BookMeAtOz__ManageTokens__Secret="$MANAGE_SECRET")
BASE1="" BASE2=""
start_host host1 BASE1 "${shared[@]}"
start_host host2 BASE2 "${shared[@]}"
echo "soak: instances $BASE1 (pid ${HOST_PIDS[0]}) and $BASE2 (pid ${HOST_PIDS[1]}), PostgreSQL $SVC_PG_PORT, Redis $SVC_REDIS_PORT"

# dotnet-gcdump (the live heap: it induces a full blocking collection), into the run's temporary directory.
GCDUMP_DIR="$SVC_TMP/tools"
if [[ ! -x "$GCDUMP_DIR/dotnet-gcdump" ]]; then
  dotnet tool install dotnet-gcdump --version 10.0.750501 --tool-path "$GCDUMP_DIR" >/dev/null
fi

RESULTS=${SOAK_RESULTS:-/tmp/bookmeatoz-soak-results}
mkdir -p "$RESULTS"
rc=0
SOAK_PSQL="$PG_BIN/psql -h $SVC_PG_SOCKET_DIR -p $SVC_PG_PORT -U postgres -d $SVC_DATABASE" \
  python3 -B "$REPO_ROOT/benchmarks/soak/soak.py" --hosts "$BASE1,$BASE2" --pids "${HOST_PIDS[0]},${HOST_PIDS[1]}" \
  --duration "$DURATION" --warmup "$WARMUP" --sample "$SAMPLE" --max-growth "$MAX_GROWTH" --hubs "$HUBS" \
  --out "$RESULTS" --gcdump "$GCDUMP_DIR/dotnet-gcdump" || rc=$?
cp "$SVC_TMP"/host*.log "$RESULTS/" 2>/dev/null || true
echo "soak: samples and host logs in $RESULTS"
exit "$rc"
