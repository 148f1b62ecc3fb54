#!/usr/bin/env bash
# Restore drill with pgBackRest (called by tests/deployment/run.sh): a private PostgreSQL 15 that
# archives its WAL with deploy/pgbackrest/pgbackrest.conf (paths and port rewritten) and
# deploy/pgbackrest/postgresql-archiving.conf into a local repository; a full backup, the
# BookMeAtOz schema (the host's `migrate`), an incremental backup; through the reference host:
# booking A, the time noted, booking B; then a point-in-time restore to that time into a NEW data
# directory, started on its own port: A is there, B is not.
#
#   tests/deployment/pitr.sh OUTDIR    # writes OUTDIR/counts: "passed failed skipped"
set -uo pipefail

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:?usage: pitr.sh OUTDIR}
# shellcheck source=scripts/services.sh
source "$REPO_ROOT/scripts/services.sh"
: "${BOOKMEATOZ_TEST_REDIS:?run from scripts/test.sh}"

rm -rf "$OUT"
mkdir -p "$OUT"
chmod 755 "$OUT"
chown postgres:postgres "$OUT" # PostgreSQL and pgBackRest run as postgres and write here
T=$OUT
PASSED=0 FAILED=0 SKIPPED=0
echo "0 1 0" >"$T/counts"
pass() { PASSED=$((PASSED + 1)); printf '  PASS  %s\n' "$*"; }
fail() { FAILED=$((FAILED + 1)); printf '  FAIL  %s\n' "$*"; }
finish() {
  echo "$PASSED $FAILED $SKIPPED" >"$T/counts"
  echo "deployment (restore drill): $PASSED passed, $FAILED failed, $SKIPPED skipped"
  exit $((FAILED > 0))
}
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
as_pg() { runuser -u postgres -- "$@"; }

HOST_DLL=${BOOKMEATOZ_DEPLOY_HOST_DLL:-$REPO_ROOT/samples/BookMeAtOz.Host/bin/Release/net10.0/BookMeAtOz.Host.dll}
HOST_PID=
cleanup() {
  set +e
  [[ -n $HOST_PID ]] && kill "$HOST_PID" 2>/dev/null
  for d in "$T/pg" "$T/pg-restored"; do
    [[ -f $d/postmaster.pid ]] && as_pg "$PG_BIN/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1
  done
  [[ -n $HOST_PID ]] && wait "$HOST_PID" 2>/dev/null
}
trap cleanup EXIT

echo "pgBackRest restore drill ($T)"
command -v pgbackrest >/dev/null || { fail "pgbackrest not installed (sudo bash scripts/bootstrap.sh deployment)"; finish; }
[[ -f $HOST_DLL ]] || { fail "no host build at $HOST_DLL"; finish; }
svc_pick_port PGP
svc_pick_port PGR
svc_pick_port API
mkdir -p "$T/sock" "$T/repo" "$T/spool" "$T/log" "$T/lock"
chown postgres:postgres "$T/sock" "$T/repo" "$T/spool" "$T/log" "$T/lock"
CONF=$T/pgbackrest.conf
sed -e "s#^repo1-path=.*#repo1-path=$T/repo#" -e "s#^spool-path=.*#spool-path=$T/spool#" \
    -e "s#^log-path=.*#log-path=$T/log#" -e "s#^lock-path=.*#lock-path=$T/lock#" \
    -e "s#^pg1-path=.*#pg1-path=$T/pg#" -e "s#^pg1-port=.*#pg1-port=$PGP#" -e "s#^pg1-socket-path=.*#pg1-socket-path=$T/sock#" \
    "$REPO_ROOT/deploy/pgbackrest/pgbackrest.conf" >"$CONF"
chmod 644 "$CONF"
BR=(pgbackrest "--config=$CONF" --stanza=bookmeatoz)

# --- the primary, archiving ---------------------------------------------------------------------
PW=$(svc_random_password)
echo "$PW" >"$T/pw" && chown postgres "$T/pw" && chmod 600 "$T/pw"
mkdir -p "$T/pg" && chown postgres:postgres "$T/pg" && chmod 700 "$T/pg"
as_pg "$PG_BIN/initdb" -D "$T/pg" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 \
  --pwfile="$T/pw" >"$T/initdb.log" 2>&1 || { fail "initdb"; tail "$T/initdb.log"; finish; }
{
  echo "listen_addresses = '127.0.0.1'"
  echo "port = $PGP"
  echo "unix_socket_directories = '$T/sock'"
  echo "fsync = off" # a test's throwaway cluster; the archive and the restore are what is tested
  sed "s#pgbackrest --stanza=bookmeatoz#pgbackrest --config=$CONF --stanza=bookmeatoz#" "$REPO_ROOT/deploy/pgbackrest/postgresql-archiving.conf"
} >>"$T/pg/postgresql.conf"
as_pg "$PG_BIN/pg_ctl" -D "$T/pg" -l "$T/pg.log" -w start >/dev/null || { fail "PostgreSQL did not start"; tail "$T/pg.log"; finish; }
psql_p() { "$PG_BIN/psql" -X -At -v ON_ERROR_STOP=1 -h "$T/sock" -p "$1" -U postgres -d "${2:-postgres}" -c "$3"; }

t0=$(now)
if as_pg "${BR[@]}" stanza-create >"$T/br.log" 2>&1 && as_pg "${BR[@]}" check >>"$T/br.log" 2>&1 &&
   as_pg "${BR[@]}" --type=full backup >>"$T/br.log" 2>&1; then
  pass "pgBackRest stanza-create, check (WAL archiving works), full backup in $(secs "$t0") s"
else
  fail "pgBackRest stanza/full backup"; tail -n 20 "$T/br.log"; finish
fi

# --- BookMeAtOz on it ---------------------------------------------------------------------------
APP_PW=$(svc_random_password)
psql_p "$PGP" postgres "CREATE ROLE bookmeatoz_app LOGIN PASSWORD '$APP_PW'" >/dev/null
psql_p "$PGP" postgres "CREATE DATABASE bookmeatoz" >/dev/null
cat >"$T/host.env" <<ENV
ASPNETCORE_ENVIRONMENT="Production"
ConnectionStrings__BookMeAtOz="Host=127.0.0.1;Port=$PGP;Database=bookmeatoz;Username=bookmeatoz_app;Password=$APP_PW"
BookMeAtOz__Postgres__MigrationConnectionString="Host=127.0.0.1;Port=$PGP;Database=bookmeatoz;Username=postgres;Password=$PW"
BookMeAtOz__Postgres__ApplicationRole="bookmeatoz_app"
ConnectionStrings__Redis="$BOOKMEATOZ_TEST_REDIS"
BookMeAtOz__Jwt__SigningKey="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)"
BookMeAtOz__ManageTokens__Secret="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)"
BookMeAtOz__Webhooks__SecretKey="$(head -c 32 /dev/urandom | base64 -w0)"
BookMeAtOz__Tenancy__RootDomains="bookmeatoz.test"
ENV
# shellcheck disable=SC1091
if ! (set -a; . "$T/host.env"; set +a; cd "$(dirname "$HOST_DLL")" && dotnet "$HOST_DLL" migrate) >"$T/migrate.log" 2>&1; then
  fail "migrate"; tail -n 20 "$T/migrate.log"; finish
fi
# shellcheck disable=SC1091
(set -a; . "$T/host.env"; set +a; export ASPNETCORE_URLS=http://127.0.0.1:$API; cd "$(dirname "$HOST_DLL")" && exec dotnet "$HOST_DLL") >"$T/host.log" 2>&1 &
HOST_PID=$!
# Up to 150 s (a loaded CI machine has needed more than a minute), unless the host has exited.
for _ in $(seq 1 600); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$API/health/ready")" == 200 ]] && break
  kill -0 "$HOST_PID" 2>/dev/null || break
  sleep 0.25
done
export VPS_DOMAIN=bookmeatoz.test VPS_DIRECT_PORT=$API
LOAD=(python3 -B "$REPO_ROOT/tests/deployment/vps_load.py")
"${LOAD[@]}" setup "$T/state.json" >"$T/setup.log" 2>&1 || { fail "tenant setup through the host"; tail "$T/setup.log" "$T/host.log"; finish; }
as_pg "${BR[@]}" --type=incr backup >>"$T/br.log" 2>&1 || { fail "incremental backup"; tail -n 20 "$T/br.log"; finish; }
A=$("${LOAD[@]}" book "$T/state.json" 2>"$T/book.log") || { fail "booking A"; cat "$T/book.log"; finish; }
TARGET=$(psql_p "$PGP" postgres "SELECT clock_timestamp()")
B=$("${LOAD[@]}" book "$T/state.json" 2>>"$T/book.log") || { fail "booking B"; cat "$T/book.log"; finish; }
echo "        booking A $A; target time $TARGET; booking B $B"
count_in() { # count_in PORT ID: bookings with that id (as the superuser, which row-level security does not filter)
  psql_p "$1" bookmeatoz "SELECT count(*) FROM bookmeatoz.bookings WHERE booking_id = '$2'"
}
if [[ "$(count_in "$PGP" "$A") $(count_in "$PGP" "$B")" == "1 1" ]]; then
  pass "bookings A and B are in the primary"
else
  fail "bookings A and B not both in the primary"
fi
# `check` switches to a new WAL segment and waits until it is in the repository: B's commit is archived.
as_pg "${BR[@]}" check >>"$T/br.log" 2>&1 || { fail "pgbackrest check after B"; tail -n 20 "$T/br.log"; }
kill "$HOST_PID" 2>/dev/null; wait "$HOST_PID" 2>/dev/null; HOST_PID=

# --- the drill: restore to the noted time into a new data directory ---------------------------------
t0=$(now)
mkdir -p "$T/pg-restored" && chown postgres:postgres "$T/pg-restored" && chmod 700 "$T/pg-restored"
if as_pg "${BR[@]}" --pg1-path="$T/pg-restored" --type=time "--target=$TARGET" --target-action=promote restore >"$T/restore.log" 2>&1; then
  pass "pgbackrest restore --type=time --target='$TARGET' into a new data directory in $(secs "$t0") s"
else
  fail "pgbackrest restore"; tail -n 20 "$T/restore.log"; finish
fi
# Its own port, and no archiving from the copy into the production stanza.
as_pg "$PG_BIN/pg_ctl" -D "$T/pg-restored" -l "$T/pg-restored.log" -w -t 120 \
  -o "-p $PGR -c archive_mode=off" start >/dev/null || { fail "restored PostgreSQL did not start"; tail "$T/pg-restored.log"; finish; }
for _ in $(seq 1 240); do
  [[ "$(psql_p "$PGR" postgres "SELECT pg_is_in_recovery()" 2>/dev/null)" == f ]] && break
  sleep 0.25
done
a=$(count_in "$PGR" "$A") b=$(count_in "$PGR" "$B")
if [[ "$a $b" == "1 0" ]]; then
  pass "restored to the point between them: booking A present, booking B absent (recovery took $(secs "$t0") s in all)"
else
  fail "restored copy: booking A count ${a:-?}, booking B count ${b:-?} (want 1 and 0)"; tail -n 20 "$T/pg-restored.log"
fi
grep -h 'recovery stopping before commit\|selected new timeline' "$T/pg-restored.log" "$T/pg-restored/log/"* 2>/dev/null | sed 's/^/        /' | head -n 3

cleanup
trap - EXIT
finish
