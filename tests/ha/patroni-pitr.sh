#!/usr/bin/env bash
# Restore drill with pgBackRest on the Patroni cluster (the ha stage of scripts/test.sh): the three-node cluster of
# scripts/ha.sh with WAL archiving (HA_PGBACKREST=1: archive_command in each node's Patroni parameters, one stanza in
# a local repository, deploy/pgbackrest/pgbackrest.conf with the paths rewritten); stanza-create, check, a full
# backup; the BookMeAtOz schema and a tenant through the reference host (multi-host connection string,
# Target Session Attributes=primary); an incremental backup; a switchover (archiving must go on from the new
# primary, on a new timeline); booking A, the time noted, booking B; then a point-in-time restore to that time into
# a NEW data directory, started on its own port outside Patroni: A is there, B is not.
#
#   tests/ha/patroni-pitr.sh OUTDIR    # writes OUTDIR/counts: "passed failed skipped"
set -uo pipefail

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:?usage: patroni-pitr.sh OUTDIR}
# shellcheck source=scripts/services.sh
source "$REPO_ROOT/scripts/services.sh"

rm -rf "$OUT"
mkdir -p "$OUT"
chmod 755 "$OUT"
T=$OUT
C=$T/cluster
PASSED=0 FAILED=0 SKIPPED=0
echo "0 1 0" >"$T/counts"
pass() { PASSED=$((PASSED + 1)); printf '  PASS  %s\n' "$*"; }
fail() { FAILED=$((FAILED + 1)); printf '  FAIL  %s\n' "$*"; }
finish() {
  cleanup
  trap - EXIT
  echo "$PASSED $FAILED $SKIPPED" >"$T/counts"
  echo "ha (pgBackRest on Patroni): $PASSED passed, $FAILED failed, $SKIPPED skipped"
  exit $((FAILED > 0))
}
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
as_pg() { runuser -u postgres -- "$@"; }

HOST_DLL=${BOOKMEATOZ_DEPLOY_HOST_DLL:-$REPO_ROOT/samples/BookMeAtOz.Host/bin/Release/net10.0/BookMeAtOz.Host.dll}
HOST_PID=
cleanup() {
  set +e
  [[ -n $HOST_PID ]] && kill "$HOST_PID" 2>/dev/null && wait "$HOST_PID" 2>/dev/null
  HOST_PID=
  [[ -f $T/restored/postmaster.pid ]] && as_pg "$PG_BIN/pg_ctl" -D "$T/restored" -m immediate stop >/dev/null 2>&1
  [[ -d $C ]] && bash "$REPO_ROOT/scripts/ha.sh" stop "$C" >/dev/null 2>&1
}
trap cleanup EXIT

echo "pgBackRest restore drill on the Patroni cluster ($T)"
command -v pgbackrest >/dev/null || { fail "pgbackrest not installed (bash scripts/bootstrap.sh deployment)"; finish; }
[[ -f $HOST_DLL ]] || { fail "no host build at $HOST_DLL"; finish; }

t0=$(now)
if ! HA_PGBACKREST=1 bash "$REPO_ROOT/scripts/ha.sh" postgres "$C" >"$T/ha.log" 2>&1; then
  fail "the Patroni cluster with archiving did not come up"; tail -n 30 "$T/ha.log"; finish
fi
# shellcheck disable=SC1091
source "$C/ha.env"
echo "        cluster up in $(secs "$t0") s"
leader() { # the node whose Patroni answers 200 on /primary
  local i port
  for i in 1 2 3; do
    port=HA_NODE${i}_REST_PORT
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:${!port}/primary")" == 200 ]] && { echo "$i"; return 0; }
  done
  return 1
}
br() { # br NODE ARGS...: pgBackRest with node NODE's config, as postgres
  local n=$1
  shift
  as_pg pgbackrest "--config=$C/node$n/pgbackrest.conf" --stanza=bookmeatoz "$@"
}
psql_node() { # psql_node NODE DB SQL, as the superuser over the node's socket
  local port=HA_NODE${1}_PG_PORT
  "$PG_BIN/psql" -X -At -v ON_ERROR_STOP=1 -h "$C/node$1" -p "${!port}" -U postgres -d "$2" -c "$3"
}
L=$(leader) || { fail "no leader"; finish; }
setting=$(psql_node "$L" postgres "SELECT current_setting('archive_mode') || ' ' || current_setting('archive_command')")
if [[ $setting == "on pgbackrest --config=$C/node$L/pgbackrest.conf --stanza=bookmeatoz archive-push %p" ]]; then
  pass "Patroni runs the leader (node$L) with archive_mode on and pgBackRest's archive_command"
else
  fail "archive settings on node$L: '$setting'"
fi

t0=$(now)
if br "$L" stanza-create >"$T/br.log" 2>&1 && br "$L" check >>"$T/br.log" 2>&1 &&
   br "$L" --type=full backup >>"$T/br.log" 2>&1; then
  pass "stanza-create, check (WAL archiving works), full backup from the leader node$L in $(secs "$t0") s"
else
  fail "pgBackRest stanza/full backup"; tail -n 20 "$T/br.log"; finish
fi

# --- BookMeAtOz on the cluster (the host migrates at start, as the admin role) -------------------------------------
svc_pick_port API
hosts=$(for i in 1 2 3; do p=HA_NODE${i}_PG_PORT; printf '127.0.0.1:%s,' "${!p}"; done)
cat >"$T/host.env" <<ENV
ASPNETCORE_ENVIRONMENT="Production"
ConnectionStrings__BookMeAtOz="Host=${hosts%,};Target Session Attributes=primary;Username=$HA_ADMIN_ROLE;Password=$HA_ADMIN_PASSWORD;Database=$HA_DATABASE;Timeout=15"
BookMeAtOz__Jwt__SigningKey="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)"
BookMeAtOz__ManageTokens__Secret="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)"
BookMeAtOz__Webhooks__SecretKey="$(head -c 32 /dev/urandom | base64 -w0)"
BookMeAtOz__Tenancy__RootDomains="bookmeatoz.test"
ENV
start_host() {
  # shellcheck disable=SC1091
  (set -a; . "$T/host.env"; set +a; export ASPNETCORE_URLS=http://127.0.0.1:$API; cd "$(dirname "$HOST_DLL")" && exec dotnet "$HOST_DLL") >>"$T/host.log" 2>&1 &
  HOST_PID=$!
  for _ in $(seq 1 480); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$API/health/ready")" == 200 ]] && return 0
    kill -0 "$HOST_PID" 2>/dev/null || return 1
    sleep 0.25
  done
  return 1
}
start_host || { fail "the host on the Patroni cluster did not become ready"; tail -n 20 "$T/host.log"; finish; }
export VPS_DOMAIN=bookmeatoz.test VPS_DIRECT_PORT=$API
LOAD=(python3 -B "$REPO_ROOT/tests/deployment/vps_load.py")
"${LOAD[@]}" setup "$T/state.json" >"$T/setup.log" 2>&1 || { fail "tenant setup through the host"; tail "$T/setup.log" "$T/host.log"; finish; }
if br "$L" --type=incr backup >>"$T/br.log" 2>&1; then
  pass "incremental backup after the schema and the tenant"
else
  fail "incremental backup"; tail -n 20 "$T/br.log"; finish
fi

# --- a switchover: the new primary archives (timeline 2) -----------------------------------------------------------
# With synchronous_mode, Patroni switches over only to the synchronous standby (its REST API answers 200 on /sync).
candidate=
for i in 1 2 3; do
  port=HA_NODE${i}_REST_PORT
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:${!port}/sync")" == 200 ]] && candidate=$i
done
[[ -n $candidate ]] || { fail "no synchronous standby"; finish; }
t0=$(now)
as_pg patronictl -c "$C/node$L/patroni.yml" switchover --leader "node$L" --candidate "node$candidate" --force >"$T/switchover.log" 2>&1
for _ in $(seq 1 120); do
  [[ "$(leader)" == "$candidate" ]] && break
  sleep 0.25
done
L2=$(leader) || L2=
if [[ $L2 == "$candidate" ]]; then
  pass "switchover node$L -> node$L2 in $(secs "$t0") s"
else
  fail "switchover to node$candidate (leader now: ${L2:-none})"; cat "$T/switchover.log"; finish
fi
# Bookings go to the new primary (the host's pool finds it); wait until one succeeds.
A=
for _ in $(seq 1 60); do
  A=$("${LOAD[@]}" book "$T/state.json" 2>>"$T/book.log") && break
  A=
  sleep 0.5
done
[[ -n $A ]] || { fail "booking A after the switchover"; tail "$T/book.log"; finish; }
TARGET=$(psql_node "$L2" postgres "SELECT clock_timestamp()")
B=$("${LOAD[@]}" book "$T/state.json" 2>>"$T/book.log") || { fail "booking B"; tail "$T/book.log"; finish; }
echo "        booking A $A; target time $TARGET; booking B $B"
count_in() { # count_in SOCKETDIR PORT ID: bookings with that id (as the superuser: row-level security does not filter)
  "$PG_BIN/psql" -X -At -h "$1" -p "$2" -U postgres -d "$HA_DATABASE" -c "SELECT count(*) FROM bookmeatoz.bookings WHERE booking_id = '$3'"
}
p2=HA_NODE${L2}_PG_PORT
if [[ "$(count_in "$C/node$L2" "${!p2}" "$A") $(count_in "$C/node$L2" "${!p2}" "$B")" == "1 1" ]]; then
  pass "bookings A and B are in the new primary (node$L2)"
else
  fail "bookings A and B not both in the new primary"
fi
# `check` on the new primary switches to a new WAL segment and waits until it is in the repository: B's commit is
# archived, by node$L2's archive_command.
if br "$L2" check >>"$T/br.log" 2>&1; then
  pass "pgbackrest check on the new primary: its WAL (timeline $(psql_node "$L2" postgres "SELECT timeline_id FROM pg_control_checkpoint()")) reaches the repository"
else
  fail "pgbackrest check on the new primary"; tail -n 20 "$T/br.log"
fi
kill "$HOST_PID" 2>/dev/null; wait "$HOST_PID" 2>/dev/null; HOST_PID=
br "$L2" info >"$T/info.txt" 2>&1
if grep -q 'full backup' "$T/info.txt" && grep -q 'incr backup' "$T/info.txt"; then
  pass "pgbackrest info lists the full and the incremental backup"
else
  fail "pgbackrest info"; cat "$T/info.txt"
fi
sed -n 's/^ *\(full\|incr\) backup: /        \1 backup: /p' "$T/info.txt"

# --- the drill: restore to the noted time into a new data directory, outside Patroni -----------------------------------
t0=$(now)
install -d -o postgres -g postgres -m 700 "$T/restored"
install -d -o postgres -g postgres -m 755 "$T/restored-run"
if br "$L2" --pg1-path="$T/restored" --type=time "--target=$TARGET" --target-action=promote restore >"$T/restore.log" 2>&1; then
  pass "pgbackrest restore --type=time --target='$TARGET' into a new data directory in $(secs "$t0") s"
else
  fail "pgbackrest restore"; tail -n 20 "$T/restore.log"; finish
fi
svc_pick_port PGR
# Its own port and socket; no archiving into the cluster's stanza, no synchronous standby to wait for (the settings
# Patroni wrote into the copied postgresql.conf are overridden).
if ! as_pg "$PG_BIN/pg_ctl" -D "$T/restored" -l "$T/restored-run/postgresql.log" -w -t 180 \
  -o "-p $PGR -c listen_addresses=127.0.0.1 -c unix_socket_directories=$T/restored-run -c archive_mode=off -c synchronous_standby_names=" \
  start >/dev/null; then
  fail "restored PostgreSQL did not start"; tail -n 20 "$T/restored-run/postgresql.log"; finish
fi
for _ in $(seq 1 240); do
  [[ "$("$PG_BIN/psql" -X -At -h "$T/restored-run" -p "$PGR" -U postgres -d postgres -c "SELECT pg_is_in_recovery()" 2>/dev/null)" == f ]] && break
  sleep 0.25
done
a=$(count_in "$T/restored-run" "$PGR" "$A") b=$(count_in "$T/restored-run" "$PGR" "$B")
if [[ "$a $b" == "1 0" ]]; then
  pass "restored to the point between them (across the switchover's timeline): booking A present, booking B absent ($(secs "$t0") s in all)"
else
  fail "restored copy: booking A count ${a:-?}, booking B count ${b:-?} (want 1 and 0)"; tail -n 20 "$T/restored-run/postgresql.log"
fi
grep -h 'recovery stopping before commit\|selected new timeline' "$T/restored-run/postgresql.log" "$T/restored/log/"* 2>/dev/null | sed 's/^/        /' | head -n 3
finish
