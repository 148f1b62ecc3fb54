#!/usr/bin/env bash
# The one command that runs every test: installs the servers the tests need (if missing), starts
# private instances of them, builds the solution, runs `dotnet test`, and tears everything down.
#
#   scripts/test.sh                                    # everything
#   scripts/test.sh --filter FullyQualifiedName~Foo    # extra args go to `dotnet test`
#   BOOKMEATOZ_KEEP_SERVICES=1 scripts/test.sh ...     # leave the servers running afterwards and
#                                                      # print their env vars, for reuse
#   BOOKMEATOZ_SKIP_BUILD=1 scripts/test.sh ...        # reuse the last Release build
#   BOOKMEATOZ_SKIP_WEB=1 scripts/test.sh              # leave out the web app's tests (step 4b)
#   BOOKMEATOZ_SKIP_DEPLOY=1 scripts/test.sh           # leave out the deployment e2e (step 4c)
#
# The web app's tests (scripts/web-test.sh: npm ci, vite build, Vitest, end-to-end in headless
# Chromium) run when no extra arguments are given, or with BOOKMEATOZ_WEB=1; their counts are part
# of the closing line.
#
# Must run as root (apt-get; PostgreSQL and PgBouncer are run as the `postgres` user). The last
# line printed is `N passed, N failed, N skipped`; the exit code is non-zero if the build or any
# test failed.
set -euo pipefail

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
# shellcheck source=scripts/services.sh
source "$REPO_ROOT/scripts/services.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

KEEP_SERVICES=${BOOKMEATOZ_KEEP_SERVICES:-0}
# Test assemblies run one at a time by default: they share one database server on a 2-core box.
# (xunit may still run test collections inside one assembly in parallel.)
MAX_CPU=${BOOKMEATOZ_TEST_MAXCPU:-1}

if ((EUID != 0)); then
  echo "scripts/test.sh must run as root (it installs packages and runs PostgreSQL as 'postgres')" >&2
  exit 1
fi

SVC_TMP=
DONE=0
on_exit() {
  local rc=$?
  set +e
  svc_remove_policy_rc
  if [[ $KEEP_SERVICES == 1 && -n "$SVC_TMP" ]]; then
    # (already said before the closing line on a normal finish)
    [[ $DONE == 1 ]] || echo "services kept running; stop them with: bash scripts/services.sh stop $SVC_TMP" >&2
  else
    svc_stop_all
  fi
  exit "$rc"
}
trap on_exit EXIT
# Turn Ctrl-C / kill into a normal exit so the EXIT trap tears the servers down.
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. packages ------------------------------------------------------------------------------
svc_ensure_packages

# --- 2. build (before starting servers: a broken build fails fast) ---------------------------
if [[ ${BOOKMEATOZ_SKIP_BUILD:-0} != 1 ]]; then
  if ! dotnet build BookMeAtOz.sln -c Release --nologo; then
    echo "BUILD FAILED: no tests were run" >&2
    exit 1
  fi
fi

# --- 3. servers -------------------------------------------------------------------------------
# Fixed under /tmp rather than $TMPDIR: the postgres user must be able to traverse the path, and
# unix socket paths must stay short (108 bytes).
SVC_TMP=$(mktemp -d /tmp/bookmeatoz-test.XXXXXX)
chmod 755 "$SVC_TMP"

t0=$EPOCHREALTIME
svc_start_postgres
svc_start_standby
svc_start_pgbouncer
svc_start_redis
t1=$EPOCHREALTIME
startup_ms=$(( (10#${t1//[.,]/} - 10#${t0//[.,]/}) / 1000 ))

export BOOKMEATOZ_TEST_PG="Host=127.0.0.1;Port=$SVC_PG_PORT;Username=$SVC_ADMIN_ROLE;Password=$SVC_ADMIN_PASSWORD;Database=$SVC_DATABASE"
export BOOKMEATOZ_TEST_PG_PRIMARY_PORT=$SVC_PG_PORT
export BOOKMEATOZ_TEST_PG_STANDBY_PORT=$SVC_PG_STANDBY_PORT
export BOOKMEATOZ_TEST_PGBOUNCER_PORT=$SVC_PGBOUNCER_PORT
export BOOKMEATOZ_TEST_PG_DATA=$SVC_PG_DATA
export BOOKMEATOZ_TEST_PG_STANDBY_DATA=$SVC_PG_STANDBY_DATA
export BOOKMEATOZ_TEST_PG_BIN=$PG_BIN
# Give this to `pg_ctl restart -l`: without -l the restarted server keeps the caller's
# stdout/stderr open (a test reading pg_ctl's output to the end would hang).
export BOOKMEATOZ_TEST_PG_LOG=$SVC_PG_LOG
export BOOKMEATOZ_TEST_PG_SOCKET_DIR=$SVC_PG_SOCKET_DIR
export BOOKMEATOZ_TEST_REDIS=127.0.0.1:$SVC_REDIS_PORT
export BOOKMEATOZ_TEST_TMP=$SVC_TMP

for v in "${!BOOKMEATOZ_TEST_@}"; do printf 'export %s=%q\n' "$v" "${!v}"; done >"$SVC_TMP/env.sh"
printf 'services ready in %d.%03d s: primary %s, standby %s, pgbouncer %s, redis %s\n' \
  $((startup_ms / 1000)) $((startup_ms % 1000)) \
  "$SVC_PG_PORT" "$SVC_PG_STANDBY_PORT" "$SVC_PGBOUNCER_PORT" "$SVC_REDIS_PORT"
if [[ $KEEP_SERVICES == 1 ]]; then
  echo "BOOKMEATOZ_KEEP_SERVICES=1: these stay valid after the run (also in $SVC_TMP/env.sh):"
  cat "$SVC_TMP/env.sh"
fi

# --- 4. tests ---------------------------------------------------------------------------------
results=$SVC_TMP/test-results
test_args=(test BookMeAtOz.sln -c Release --no-build --nologo
  # -m:1 makes MSBuild run the test projects one after another; MaxCpuCount below does the same
  # for the assemblies inside one vstest run.
  -m:1
  --results-directory "$results"
  --logger "trx;LogFilePrefix=results")
runsettings_sep=(--)
for a in "$@"; do
  [[ $a == -- ]] && runsettings_sep=()
done
test_args+=("$@" "${runsettings_sep[@]}" "RunConfiguration.MaxCpuCount=$MAX_CPU")

test_rc=0
dotnet "${test_args[@]}" 2>&1 | tee "$SVC_TMP/dotnet-test.log" || test_rc=$?

# --- 4b. web app ------------------------------------------------------------------------------
# samples/BookMeAtOz.Web: unit tests and end-to-end tests in headless Chromium against the Release
# build of the reference host (scripts/web-test.sh). Filtered runs (extra arguments) leave it out.
web_passed=0 web_failed=0 web_skipped=0 web_rc=0
if [[ ${BOOKMEATOZ_SKIP_WEB:-0} != 1 && ($# -eq 0 || ${BOOKMEATOZ_WEB:-0} == 1) ]]; then
  bash "$REPO_ROOT/scripts/web-test.sh" "$SVC_TMP/web" || web_rc=$?
  read -r web_passed web_failed web_skipped <"$SVC_TMP/web/counts" || web_failed=1
fi

# --- 4c. deployment ----------------------------------------------------------------------------
# deploy/ end to end (tests/deployment/run.sh): nginx with the real deploy/nginx/bookmeatoz.conf and
# TLS in front of two host instances on the primary (via PgBouncer) + standby and Redis above; static
# checks of the systemd unit, Prometheus rules, deploy.sh. Same selection rule as 4b; BOOKMEATOZ_DEPLOY=1
# forces it.
deploy_passed=0 deploy_failed=0 deploy_skipped=0 deploy_rc=0
if [[ ${BOOKMEATOZ_SKIP_DEPLOY:-0} != 1 && ($# -eq 0 || ${BOOKMEATOZ_DEPLOY:-0} == 1) ]]; then
  bash "$REPO_ROOT/tests/deployment/run.sh" "$SVC_TMP/deployment" || deploy_rc=$?
  read -r deploy_passed deploy_failed deploy_skipped <"$SVC_TMP/deployment/counts" || deploy_failed=1
fi

# Figures the tests measured (latencies, throughput), which test output shows only for failures.
if [[ -s "$SVC_TMP/figures.txt" ]]; then
  echo "--- measured figures ---"
  cat "$SVC_TMP/figures.txt"
fi

# --- 5. totals --------------------------------------------------------------------------------
# Summed over the TRX files (one per test assembly). The per-assembly console lines
#   "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, ..."
# are the fallback for when there are fewer TRX files than assemblies: TRX names only carry a
# timestamp to the second, so two assemblies finishing in the same second share one file.
console_counts() {
  awk '
    match($0, /(Passed|Failed)! *- *Failed: *[0-9]+, *Passed: *[0-9]+, *Skipped: *[0-9]+/) {
      s = substr($0, RSTART, RLENGTH); gsub(/[^0-9]+/, " ", s); split(s, n, " ")
      f += n[1]; p += n[2]; k += n[3]; a++
    }
    END { printf "%d %d %d %d\n", p, f, k, a }
  ' "$SVC_TMP/dotnet-test.log"
}
trx_counts() {
  awk '
    {
      line = $0
      while (match(line, /<Counters [^>]*>/)) {
        c = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
        n = split(c, kv, /[ \t]+/)
        for (i = 1; i <= n; i++)
          if (kv[i] ~ /^[A-Za-z]+="[0-9]+"$/) {
            split(kv[i], p, "="); gsub(/"/, "", p[2]); v[p[1]] += p[2]
          }
      }
    }
    # xunit skips are not counted in notExecuted, only left out of executed.
    END { printf "%d %d %d\n", v["passed"], v["failed"] + v["error"] + v["timeout"] + v["aborted"], v["total"] - v["executed"] }
  ' "$@"
}
shopt -s nullglob
trx_files=("$results"/*.trx)
shopt -u nullglob
read -r passed failed skipped console_assemblies < <(console_counts)
if ((${#trx_files[@]} > 0 && ${#trx_files[@]} >= console_assemblies)); then
  read -r passed failed skipped < <(trx_counts "${trx_files[@]}")
fi

passed=$((passed + web_passed)) failed=$((failed + web_failed)) skipped=$((skipped + web_skipped))
if ((web_rc != 0 && web_failed == 0)); then
  failed=$((failed + 1))
fi
passed=$((passed + deploy_passed)) failed=$((failed + deploy_failed)) skipped=$((skipped + deploy_skipped))
if ((deploy_rc != 0 && deploy_failed == 0)); then
  failed=$((failed + 1))
fi

# Tear down before the closing line so that it really is the last line printed.
if [[ $KEEP_SERVICES != 1 ]]; then
  svc_stop_all
fi
if ((test_rc != 0 && failed == 0)); then
  echo "dotnet test exited with $test_rc (no failed test counted: a crash or an invalid argument?)" >&2
fi
if [[ $KEEP_SERVICES == 1 ]]; then
  echo "services kept running; stop them with: bash scripts/services.sh stop $SVC_TMP"
fi
DONE=1
echo "$passed passed, $failed failed, $skipped skipped"
if ((test_rc != 0 || failed != 0)); then
  exit 1
fi
