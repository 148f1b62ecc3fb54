#!/usr/bin/env bash
# The one command that runs every test (CI runs exactly this, via .ci/run). Its stages:
#
#   bootstrap    scripts/bootstrap.sh: apt-installs the Debian packages the stages below need, if
#                missing (PostgreSQL 15, PgBouncer, Redis, nginx; Chromium for web; prometheus,
#                ShellCheck, ... for deployment)
#   build        dotnet build BookMeAtOz.sln -c Release (before the servers: a broken build fails
#                fast, with no closing line)
#   services     private instances on loopback, under a temp dir (scripts/services.sh): a PostgreSQL
#                primary with a streaming standby, PgBouncer in transaction mode, Redis
#   dotnet test  every test project, one assembly at a time
#   web          the web app's tests (scripts/web-test.sh: npm ci, vite build, Vitest, end-to-end in
#                headless Chromium against the Release build of the reference host)
#   deployment   deploy/ end to end (tests/deployment/run.sh: nginx with the real site config in
#                front of two host instances on the servers above; static checks; deploy.sh over ssh
#                to a loopback VPS with certbot from Pebble and a rolling upgrade from the previous
#                release; the pgBackRest restore drill)
#   ha           tests/BookMeAtOz.Ha.Tests: a Patroni cluster (three etcd, three PostgreSQL 15 nodes)
#                and Redis with three Sentinels that the tests start for themselves (scripts/ha.sh),
#                failovers under load; left out of the dotnet test stage, run on their own here
#   ha backup    pgBackRest on a Patroni cluster: archiving, full + incremental backup, switchover,
#                point-in-time restore between two bookings (tests/ha/patroni-pitr.sh)
#   soak         two host instances under mixed traffic and hub connections for 2 minutes: RSS, GC
#                heap, threads, PostgreSQL connections flat, zero errors (benchmarks/soak/soak.sh)
#
# then tears down everything it started. Each stage prints its wall time when it ends
# ("[stage] build: 85.1 s"), and a table of them comes just before the closing line.
#
#   scripts/test.sh                                    # everything
#   scripts/test.sh --filter FullyQualifiedName~Foo    # extra args go to `dotnet test`; such a
#                                                      # filtered run leaves out web and deployment
#   BOOKMEATOZ_KEEP_SERVICES=1 scripts/test.sh ...     # leave the servers running afterwards and
#                                                      # print their env vars, for reuse
#   BOOKMEATOZ_SKIP_BUILD=1 scripts/test.sh ...        # reuse the last Release build
#   BOOKMEATOZ_SKIP_WEB=1 scripts/test.sh              # leave out the web stage
#   BOOKMEATOZ_WEB=1 scripts/test.sh --filter ...      # run it even in a filtered run
#   BOOKMEATOZ_SKIP_DEPLOY=1 scripts/test.sh           # leave out the deployment stage
#   BOOKMEATOZ_DEPLOY=1 scripts/test.sh --filter ...   # run it even in a filtered run
#   BOOKMEATOZ_SKIP_HA=1 scripts/test.sh               # leave out the ha stage
#   BOOKMEATOZ_HA=1 scripts/test.sh --filter ...       # run it even in a filtered run (with the filter)
#   BOOKMEATOZ_HA_SCRIPTS=1 ...                        # and ha backup + soak in a filtered run
#   BOOKMEATOZ_SKIP_SOAK=1 scripts/test.sh             # leave out the soak
#   BOOKMEATOZ_TEST_MAXCPU=2 scripts/test.sh           # test assemblies run at once (default 1)
#
# Counting: dotnet test's counts are the sums of the summary line vstest prints for each test
# assembly ("Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, ..."). The
# console logger is pinned to the verbosity that prints them (so they survive e.g. `-v n`); a
# `--logger "console;..."` of your own replaces them and leaves dotnet test's tests uncounted. A
# test run that was aborted (a crashed test host prints no summary line for it) counts as one
# failure, and so does dotnet test exiting non-zero with no failure counted (e.g. an invalid
# argument). The web and deployment stages write their own counts (a step that could not run counts
# as one failure).
#
# Must run as root (apt-get; PostgreSQL and PgBouncer are run as the `postgres` user). The last
# line printed is `N passed, N failed, N skipped`; the exit code is non-zero if the bootstrap of the
# servers' packages, the build or any test failed.
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

# --- stage timing -----------------------------------------------------------------------------
RUN_T0=${EPOCHREALTIME//[.,]/}
STAGE_T0=$RUN_T0
STAGE_NAMES=() STAGE_TIMES=() STAGE_NOTES=()
# Milliseconds since the microsecond timestamp $1 (an EPOCHREALTIME without its separator).
ms_since() { echo $(((10#${EPOCHREALTIME//[.,]/} - 10#$1) / 1000)); }
secs() { printf '%d.%d s' $(($1 / 1000)) $(($1 % 1000 / 100)); }
stage_begin() { STAGE_T0=${EPOCHREALTIME//[.,]/}; }
# stage_end NAME [NOTE]: prints and records the wall time of the stage begun last.
stage_end() {
  STAGE_NAMES+=("$1") STAGE_TIMES+=("$(secs "$(ms_since "$STAGE_T0")")") STAGE_NOTES+=("${2:-}")
  echo "[stage] $1: ${STAGE_TIMES[-1]}${2:+ ($2)}"
}
# stage_skipped NAME WHY
stage_skipped() {
  STAGE_NAMES+=("$1") STAGE_TIMES+=(skipped) STAGE_NOTES+=("$2")
  echo "[stage] $1: skipped ($2)"
}
rc_note() { ((${1:-0} == 0)) || echo "exit $1"; }

# Which of the optional stages run: not in a filtered run (extra arguments), unless forced.
run_web=0 web_why=
if [[ ${BOOKMEATOZ_SKIP_WEB:-0} == 1 ]]; then
  web_why="BOOKMEATOZ_SKIP_WEB=1"
elif (($# == 0)) || [[ ${BOOKMEATOZ_WEB:-0} == 1 ]]; then
  run_web=1
else
  web_why="filtered run; BOOKMEATOZ_WEB=1 forces it"
fi
run_deploy=0 deploy_why=
if [[ ${BOOKMEATOZ_SKIP_DEPLOY:-0} == 1 ]]; then
  deploy_why="BOOKMEATOZ_SKIP_DEPLOY=1"
elif (($# == 0)) || [[ ${BOOKMEATOZ_DEPLOY:-0} == 1 ]]; then
  run_deploy=1
else
  deploy_why="filtered run; BOOKMEATOZ_DEPLOY=1 forces it"
fi

run_ha=0 ha_why=
if [[ ${BOOKMEATOZ_SKIP_HA:-0} == 1 ]]; then
  ha_why="BOOKMEATOZ_SKIP_HA=1"
elif (($# == 0)) || [[ ${BOOKMEATOZ_HA:-0} == 1 ]]; then
  run_ha=1
else
  ha_why="filtered run; BOOKMEATOZ_HA=1 forces it"
fi

# --- 1. bootstrap -----------------------------------------------------------------------------
# Only the packages of the stages that run. The servers' packages are a must; when only web's or
# deployment's could not be installed, those stages report it themselves (as one failure, or as
# skipped static checks) and the rest still runs.
stage_begin
bootstrap_groups=(services)
((run_web)) && bootstrap_groups+=(web)
((run_deploy)) && bootstrap_groups+=(deployment)
((run_ha)) && bootstrap_groups+=(ha)
if bash "$REPO_ROOT/scripts/bootstrap.sh" "${bootstrap_groups[@]}"; then
  stage_end bootstrap
elif [[ -z "$(bootstrap_missing "${BOOTSTRAP_SERVICES_PACKAGES[@]}")" ]]; then
  stage_end bootstrap "incomplete: see above"
else
  stage_end bootstrap FAILED
  echo "BOOTSTRAP FAILED: the servers' packages are missing; no tests were run" >&2
  exit 1
fi

# --- 2. build (before starting servers: a broken build fails fast) ---------------------------
if [[ ${BOOKMEATOZ_SKIP_BUILD:-0} != 1 ]]; then
  stage_begin
  if ! dotnet build BookMeAtOz.sln -c Release --nologo; then
    stage_end build FAILED
    echo "BUILD FAILED: no tests were run" >&2
    exit 1
  fi
  stage_end build
else
  stage_skipped build "BOOKMEATOZ_SKIP_BUILD=1"
fi

# --- 3. servers -------------------------------------------------------------------------------
# Fixed under /tmp rather than $TMPDIR: the postgres user must be able to traverse the path, and
# unix socket paths must stay short (108 bytes).
stage_begin
SVC_TMP=$(mktemp -d /tmp/bookmeatoz-test.XXXXXX)
chmod 755 "$SVC_TMP"

svc_start_postgres
svc_start_standby
svc_start_pgbouncer
svc_start_redis
svc_start_radicale

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
export BOOKMEATOZ_TEST_RADICALE_URL=http://127.0.0.1:$SVC_RADICALE_PORT/
export BOOKMEATOZ_TEST_RADICALE_USER=$SVC_RADICALE_USER
export BOOKMEATOZ_TEST_RADICALE_PASSWORD=$SVC_RADICALE_PASSWORD
# A test stops Radicale (the pid in this file) and starts it again: radicale --config CONFIG.
export BOOKMEATOZ_TEST_RADICALE_CONFIG=$SVC_RADICALE_CONFIG
export BOOKMEATOZ_TEST_RADICALE_PIDFILE=$SVC_RADICALE_PIDFILE
export BOOKMEATOZ_TEST_RADICALE_BIN=$RADICALE_BIN
export BOOKMEATOZ_TEST_TMP=$SVC_TMP

for v in "${!BOOKMEATOZ_TEST_@}"; do printf 'export %s=%q\n' "$v" "${!v}"; done >"$SVC_TMP/env.sh"
printf 'services ready: primary %s, standby %s, pgbouncer %s, redis %s, radicale %s\n' \
  "$SVC_PG_PORT" "$SVC_PG_STANDBY_PORT" "$SVC_PGBOUNCER_PORT" "$SVC_REDIS_PORT" "$SVC_RADICALE_PORT"
stage_end services
if [[ $KEEP_SERVICES == 1 ]]; then
  echo "BOOKMEATOZ_KEEP_SERVICES=1: these stay valid after the run (also in $SVC_TMP/env.sh):"
  cat "$SVC_TMP/env.sh"
fi

# --- 4. dotnet test ---------------------------------------------------------------------------
results=$SVC_TMP/test-results
test_args=(test BookMeAtOz.sln -c Release --no-build --nologo
  # -m:1 makes MSBuild run the test projects one after another; MaxCpuCount below does the same
  # for the assemblies inside one vstest run.
  -m:1
  --results-directory "$results"
  # The per-assembly summary lines that the counts come from (see the header); pinned so that
  # `-v n` and the like don't turn them into a differently shaped summary.
  --logger "console;verbosity=minimal")
runsettings_sep=(--)
for a in "$@"; do
  [[ $a == -- ]] && runsettings_sep=()
done
# The HA tests have a stage of their own (below): leave them out here, whatever filter was given.
no_ha='FullyQualifiedName!~BookMeAtOz.Ha.Tests'
user_args=() filtered=0 next_is_filter=0
for a in "$@"; do
  if ((next_is_filter)); then
    user_args+=("($a)&$no_ha") next_is_filter=0 filtered=1
  elif [[ $a == --filter ]]; then
    user_args+=("$a") next_is_filter=1
  elif [[ $a == --filter=* ]]; then
    user_args+=("--filter=(${a#--filter=})&$no_ha") filtered=1
  else
    user_args+=("$a")
  fi
done
((filtered)) || user_args=(--filter "$no_ha" "${user_args[@]}")
test_args+=("${user_args[@]}" "${runsettings_sep[@]}" "RunConfiguration.MaxCpuCount=$MAX_CPU")

stage_begin
test_rc=0
dotnet "${test_args[@]}" 2>&1 | tee "$SVC_TMP/dotnet-test.log" || test_rc=$?
stage_end "dotnet test" "$(rc_note "$test_rc")"

# --- 5. web app -------------------------------------------------------------------------------
# samples/BookMeAtOz.Web: unit tests and end-to-end tests in headless Chromium against the Release
# build of the reference host (scripts/web-test.sh).
web_passed=0 web_failed=0 web_skipped=0 web_rc=0
if ((run_web)); then
  stage_begin
  bash "$REPO_ROOT/scripts/web-test.sh" "$SVC_TMP/web" || web_rc=$?
  read -r web_passed web_failed web_skipped <"$SVC_TMP/web/counts" || web_failed=1
  stage_end web "$(rc_note "$web_rc")"
else
  stage_skipped web "$web_why"
fi

# --- 6. deployment ----------------------------------------------------------------------------
# deploy/ end to end (tests/deployment/run.sh): nginx with the real deploy/nginx/bookmeatoz.conf and
# TLS in front of two host instances on the primary (via PgBouncer) + standby and Redis above; static
# checks of the systemd unit, Prometheus rules, deploy.sh.
deploy_passed=0 deploy_failed=0 deploy_skipped=0 deploy_rc=0
if ((run_deploy)); then
  stage_begin
  bash "$REPO_ROOT/tests/deployment/run.sh" "$SVC_TMP/deployment" || deploy_rc=$?
  read -r deploy_passed deploy_failed deploy_skipped <"$SVC_TMP/deployment/counts" || deploy_failed=1
  stage_end deployment "$(rc_note "$deploy_rc")"
else
  stage_skipped deployment "$deploy_why"
fi

# --- 7. high availability --------------------------------------------------------------------
# tests/BookMeAtOz.Ha.Tests start their own servers (scripts/ha.sh) under $SVC_TMP: a Patroni cluster
# and Redis with Sentinels; they stop them themselves. Counted with dotnet test's counts.
ha_rc=0
if ((run_ha)); then
  stage_begin
  dotnet test tests/BookMeAtOz.Ha.Tests/BookMeAtOz.Ha.Tests.csproj -c Release --no-build --nologo \
    --results-directory "$results" --logger "console;verbosity=minimal" "$@" 2>&1 |
    tee -a "$SVC_TMP/dotnet-test.log" || ha_rc=$?
  stage_end ha "$(rc_note "$ha_rc")"
  ((ha_rc == 0)) || test_rc=$ha_rc
else
  stage_skipped ha "$ha_why"
fi

# --- 8. backups on the Patroni cluster, and the soak ----------------------------------------------
# Scripts of their own, each a stage (timed): tests/ha/patroni-pitr.sh, pgBackRest on a Patroni cluster of
# scripts/ha.sh (WAL archiving, full and incremental backup, a switchover, a point-in-time restore between two
# bookings); benchmarks/soak/soak.sh, its 2-minute variant (two instances, mixed traffic and hub connections; RSS,
# GC heap, threads and PostgreSQL connections flat, zero errors). They run with the ha stage, but not in a filtered
# run unless BOOKMEATOZ_HA_SCRIPTS=1; BOOKMEATOZ_SKIP_SOAK=1 leaves out the soak.
ha_scripts_passed=0 ha_scripts_failed=0 ha_scripts_skipped=0
if ((run_ha)) && { (($# == 0)) || [[ ${BOOKMEATOZ_HA_SCRIPTS:-0} == 1 ]]; }; then
  stage_begin
  pitr_rc=0
  bash "$REPO_ROOT/tests/ha/patroni-pitr.sh" "$SVC_TMP/ha-pitr" || pitr_rc=$?
  read -r p f s <"$SVC_TMP/ha-pitr/counts" || { p=0 f=1 s=0; }
  ha_scripts_passed=$((ha_scripts_passed + p)) ha_scripts_failed=$((ha_scripts_failed + f))
  ha_scripts_skipped=$((ha_scripts_skipped + s))
  ((pitr_rc == 0 || f > 0)) || ha_scripts_failed=$((ha_scripts_failed + 1))
  stage_end "ha backup" "$(rc_note "$pitr_rc")"
  if [[ ${BOOKMEATOZ_SKIP_SOAK:-0} == 1 ]]; then
    stage_skipped soak "BOOKMEATOZ_SKIP_SOAK=1"
  else
    stage_begin
    soak_rc=0
    SOAK_DURATION=120 SOAK_WARMUP=45 SOAK_RESULTS="$SVC_TMP/soak" \
      SOAK_HOST_DIR="$REPO_ROOT/samples/BookMeAtOz.Host/bin/Release/net10.0" \
      bash "$REPO_ROOT/benchmarks/soak/soak.sh" 2>&1 | tee "$SVC_TMP/soak.log" || soak_rc=$?
    if ((soak_rc == 0)); then
      ha_scripts_passed=$((ha_scripts_passed + 1))
      grep -A12 '^soak figures' "$SVC_TMP/soak.log" >>"$SVC_TMP/figures.txt" || true
    else
      ha_scripts_failed=$((ha_scripts_failed + 1))
    fi
    stage_end soak "$(rc_note "$soak_rc")"
  fi
elif ((run_ha)); then
  stage_skipped "ha backup" "filtered run; BOOKMEATOZ_HA_SCRIPTS=1 forces it"
  stage_skipped soak "filtered run; BOOKMEATOZ_HA_SCRIPTS=1 forces it"
else
  stage_skipped "ha backup" "$ha_why"
  stage_skipped soak "$ha_why"
fi

# Figures the tests measured (latencies, throughput), which test output shows only for failures.
if [[ -s "$SVC_TMP/figures.txt" ]]; then
  echo "--- measured figures ---"
  cat "$SVC_TMP/figures.txt"
fi

# --- totals -----------------------------------------------------------------------------------
# dotnet_counts LOG: "passed failed skipped assemblies aborted" from dotnet test's console output:
# the sums of the summary line vstest prints once per test assembly, whatever its outcome
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 3 s - A.Tests.dll (net10.0)
#   Failed!  - Failed:     1, Passed:    11, Skipped:     0, Total:    12, Duration: 3 s - B.Tests.dll (net10.0)
#   Skipped! - Failed:     0, Passed:     0, Skipped:     2, Total:     2, Duration: 9 ms - C.Tests.dll (net10.0)
# at the start of a line (test output is indented), and the number of "Test Run Aborted." lines (a
# test host that crashed, which prints no summary line for the tests it lost). Colour codes and CRs
# are ignored.
dotnet_counts() {
  awk '
    { sub(/\r$/, ""); gsub(/\033\[[0-9;]*[A-Za-z]/, "") }
    /^[A-Za-z]+!? +- Failed: *[0-9]+, Passed: *[0-9]+, Skipped: *[0-9]+, Total: *[0-9]+/ {
      s = $0; sub(/^[A-Za-z]+!? +- /, "", s); sub(/, Total:.*/, "", s)
      gsub(/[^0-9]+/, " ", s); split(s, n, " ")
      f += n[1]; p += n[2]; k += n[3]; assemblies++
      next
    }
    /^ ?Test Run Aborted/ { aborted++ }
    END { printf "%d %d %d %d %d\n", p, f, k, assemblies, aborted }
  ' "$1"
}
read -r passed failed skipped assemblies aborted < <(dotnet_counts "$SVC_TMP/dotnet-test.log")
if ((aborted > 0)); then
  echo "dotnet test: $aborted test run(s) aborted (a crashed test host?), counted as $aborted failure(s)" >&2
  failed=$((failed + aborted))
fi
if ((test_rc != 0 && failed == 0)); then
  echo "dotnet test exited with $test_rc and no failed test counted (a crash or an invalid argument?): counted as one failure" >&2
  failed=1
elif ((test_rc == 0 && assemblies == 0)); then
  echo "dotnet test printed no per-assembly summary line: no test matched, or a --logger console;... of your own hid them" >&2
fi

passed=$((passed + web_passed)) failed=$((failed + web_failed)) skipped=$((skipped + web_skipped))
if ((web_rc != 0 && web_failed == 0)); then
  failed=$((failed + 1))
fi
passed=$((passed + deploy_passed)) failed=$((failed + deploy_failed)) skipped=$((skipped + deploy_skipped))
if ((deploy_rc != 0 && deploy_failed == 0)); then
  failed=$((failed + 1))
fi
passed=$((passed + ha_scripts_passed)) failed=$((failed + ha_scripts_failed)) skipped=$((skipped + ha_scripts_skipped))

# Tear down before the closing line so that it really is the last line printed.
if [[ $KEEP_SERVICES != 1 ]]; then
  svc_stop_all
else
  echo "services kept running; stop them with: bash scripts/services.sh stop $SVC_TMP"
fi

echo "--- stage times ---"
for i in "${!STAGE_NAMES[@]}"; do
  printf '%-12s %10s%s\n' "${STAGE_NAMES[i]}" "${STAGE_TIMES[i]}" "${STAGE_NOTES[i]:+  ${STAGE_NOTES[i]}}"
done
printf '%-12s %10s\n' total "$(secs "$(ms_since "$RUN_T0")")"
DONE=1
echo "$passed passed, $failed failed, $skipped skipped"
if ((test_rc != 0 || failed != 0)); then
  exit 1
fi
