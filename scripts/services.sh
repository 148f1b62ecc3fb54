#!/usr/bin/env bash
# Private, throw-away service instances for the test suite: PostgreSQL 15 primary + streaming hot
# standby, PgBouncer (transaction pooling) in front of the primary, Redis, Radicale (CalDAV).
#
# Sourced by scripts/test.sh. Can also be run directly to stop a set of services that a run with
# BOOKMEATOZ_KEEP_SERVICES=1 left behind:
#     bash scripts/services.sh stop /tmp/bookmeatoz-test.XXXXXX
#
# Everything lives in one temp dir (SVC_TMP) and listens on 127.0.0.1 only, on ports picked at run
# time, so a run never touches (or collides with) a system-wide PostgreSQL/Redis, nor with another
# run of this script on the same machine. Only processes whose pid files live in SVC_TMP are stopped.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PGBOUNCER_BIN=${PGBOUNCER_BIN:-/usr/sbin/pgbouncer}
REDIS_BIN=${REDIS_BIN:-/usr/bin/redis-server}
REDIS_CLI=${REDIS_CLI:-/usr/bin/redis-cli}
RADICALE_BIN=${RADICALE_BIN:-/usr/bin/radicale}

# Names the tests rely on (see the exports in scripts/test.sh).
SVC_ADMIN_ROLE=bookmeatoz_admin
SVC_ADMIN_PASSWORD=bookmeatoz
SVC_DATABASE=bookmeatoz
SVC_REPL_ROLE=replicator
SVC_REPL_SLOT=bookmeatoz_standby

svc_log() { printf '[services] %s\n' "$*" >&2; }
svc_die() { printf '[services] ERROR: %s\n' "$*" >&2; return 1; }

# PostgreSQL and PgBouncer refuse to run as root.
as_postgres() { runuser -u postgres -- "$@"; }

# Throw-away secrets for roles the tests never log in as (superuser, replication).
svc_random_password() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }

# psql as the superuser over the primary's private unix socket (trust auth: local only, and the
# socket dir lives in our temp dir). -X: ignore any ~/.psqlrc of whoever runs the tests.
svc_psql() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SVC_PG_SOCKET_DIR" -p "$SVC_PG_PORT" -U postgres "$@"
}

# ---------------------------------------------------------------------------------------------
# Packages
# ---------------------------------------------------------------------------------------------

# The package lists and the installer live in scripts/bootstrap.sh (which scripts/test.sh runs as
# its first stage); sourcing it only defines them.
# shellcheck source=scripts/bootstrap.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/bootstrap.sh"

# Installs those of the servers' packages (PostgreSQL 15, PgBouncer, Redis, nginx) that are missing:
# the common (already installed) case costs a few dpkg-query calls. Kept for callers that don't run
# scripts/bootstrap.sh first.
svc_ensure_packages() {
  bootstrap_install "${BOOTSTRAP_SERVICES_PACKAGES[@]}" || svc_die "installing the servers' packages failed"
}

# Removes the policy-rc.d a package install created, if one was interrupted.
svc_remove_policy_rc() {
  bootstrap_remove_policy_rc
}

# ---------------------------------------------------------------------------------------------
# Ports
# ---------------------------------------------------------------------------------------------

# A port counts as taken if any TCP socket uses it locally (listening or not), so we also avoid
# ports in TIME_WAIT from a previous run. Falls back to a connect probe where `ss` is missing.
svc_port_is_free() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    [[ -z "$(ss -Htan "sport = :$port" 2>/dev/null)" ]]
  else
    ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

# svc_pick_port VAR: stores the next free port in VAR. Scanning starts at a random offset from
# 55432 so that two runs started at the same moment rarely race for the same port.
svc_pick_port() {
  local -n _out=$1
  : "${SVC_NEXT_PORT:=$((55432 + (RANDOM % 400) * 10))}"
  local port=$SVC_NEXT_PORT limit=$((SVC_NEXT_PORT + 2000))
  while ((port < limit)); do
    if svc_port_is_free "$port"; then
      _out=$port
      SVC_NEXT_PORT=$((port + 1))
      return 0
    fi
    port=$((port + 1))
  done
  svc_die "no free TCP port in $SVC_NEXT_PORT..$limit"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL primary
# ---------------------------------------------------------------------------------------------

svc_start_postgres() {
  SVC_PG_DATA=$SVC_TMP/pg-primary
  SVC_PG_SOCKET_DIR=$SVC_TMP/pg-socket
  SVC_PG_LOG=$SVC_TMP/pg-primary.log
  svc_pick_port SVC_PG_PORT

  install -d -o postgres -g postgres -m 700 "$SVC_PG_DATA"
  install -d -o postgres -g postgres -m 755 "$SVC_PG_SOCKET_DIR"
  install -o postgres -g postgres -m 644 /dev/null "$SVC_PG_LOG"

  # trust only on the private unix socket (used by this script and by pg_ctl -w); TCP always
  # needs a SCRAM password, as in production. initdb's pg_hba also allows replication connections
  # from 127.0.0.1 with scram, which the standby uses.
  as_postgres "$PG_BIN/initdb" -D "$SVC_PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync --no-instructions \
    >"$SVC_TMP/initdb.log" 2>&1 || { cat "$SVC_TMP/initdb.log" >&2; return 1; }

  # Everything the server needs is in postgresql.conf (not on the pg_ctl command line), so a test
  # can `pg_ctl restart` the primary and get the same port/socket/settings back.
  cat >>"$SVC_PG_DATA/postgresql.conf" <<CONF

# ---- BookMeAtOz test instance (scripts/services.sh) ----
listen_addresses = '127.0.0.1'
port = $SVC_PG_PORT
unix_socket_directories = '$SVC_PG_SOCKET_DIR'
max_connections = 300
password_encryption = 'scram-sha-256'
timezone = 'UTC'
# Durability is worthless for a throw-away cluster; speed is not. synchronous_commit stays on:
# turning it off delays what the standby sees by hundreds of ms.
fsync = off
full_page_writes = off
synchronous_commit = on
# Streaming replication to the hot standby.
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
hot_standby = on
# Used only once this file is copied to the standby: reconnect quickly after a primary restart.
wal_retrieve_retry_interval = '500ms'
hot_standby_feedback = on
CONF

  as_postgres "$PG_BIN/pg_ctl" -D "$SVC_PG_DATA" -l "$SVC_PG_LOG" -w -t 60 start >/dev/null ||
    { tail -n 30 "$SVC_PG_LOG" >&2; svc_die "primary did not start"; }
  svc_save_state

  SVC_PG_SUPERUSER_PASSWORD=$(svc_random_password)
  SVC_REPL_PASSWORD=$(svc_random_password)
  # bookmeatoz_admin is deliberately not a superuser: the tests create their own databases and
  # application roles with it, as the deployment tooling would. pg_monitor lets it read
  # pg_stat_replication lag columns; pg_signal_backend lets it end sessions (DROP DATABASE .. FORCE).
  svc_psql -d postgres >/dev/null <<SQL
ALTER ROLE postgres PASSWORD '$SVC_PG_SUPERUSER_PASSWORD';
CREATE ROLE $SVC_REPL_ROLE WITH REPLICATION LOGIN PASSWORD '$SVC_REPL_PASSWORD';
SELECT FROM pg_create_physical_replication_slot('$SVC_REPL_SLOT');
CREATE ROLE $SVC_ADMIN_ROLE WITH LOGIN CREATEDB CREATEROLE PASSWORD '$SVC_ADMIN_PASSWORD';
GRANT pg_monitor, pg_signal_backend TO $SVC_ADMIN_ROLE;
CREATE DATABASE $SVC_DATABASE OWNER $SVC_ADMIN_ROLE;
SQL
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL hot standby
# ---------------------------------------------------------------------------------------------

svc_start_standby() {
  SVC_PG_STANDBY_DATA=$SVC_TMP/pg-standby
  SVC_PG_STANDBY_LOG=$SVC_TMP/pg-standby.log
  svc_pick_port SVC_PG_STANDBY_PORT

  install -d -o postgres -g postgres -m 700 "$SVC_PG_STANDBY_DATA"
  install -o postgres -g postgres -m 644 /dev/null "$SVC_PG_STANDBY_LOG"

  # -R writes primary_conninfo (including this password) and standby.signal; the slot keeps the
  # primary from recycling WAL the standby still needs, e.g. while it reconnects after a restart.
  as_postgres env PGPASSWORD="$SVC_REPL_PASSWORD" "$PG_BIN/pg_basebackup" \
    -h 127.0.0.1 -p "$SVC_PG_PORT" -U "$SVC_REPL_ROLE" -D "$SVC_PG_STANDBY_DATA" \
    -R -X stream -S "$SVC_REPL_SLOT" -c fast --no-sync \
    >"$SVC_TMP/pg_basebackup.log" 2>&1 || { cat "$SVC_TMP/pg_basebackup.log" >&2; return 1; }

  # The copied postgresql.conf is the primary's; the last setting wins.
  printf '\n# ---- standby overrides ----\nport = %s\n' "$SVC_PG_STANDBY_PORT" \
    >>"$SVC_PG_STANDBY_DATA/postgresql.conf"

  as_postgres "$PG_BIN/pg_ctl" -D "$SVC_PG_STANDBY_DATA" -l "$SVC_PG_STANDBY_LOG" -w -t 60 start \
    >/dev/null || { tail -n 30 "$SVC_PG_STANDBY_LOG" >&2; svc_die "standby did not start"; }
  svc_save_state

  # pg_ctl -w returns once the standby accepts connections; tests that read from it also need
  # the WAL stream up, so wait for the primary to report it.
  local i
  for ((i = 0; i < 150; i++)); do
    if [[ "$(svc_psql -d postgres -Atc \
      "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" == 1 ]]; then
      return 0
    fi
    sleep 0.2
  done
  tail -n 30 "$SVC_PG_STANDBY_LOG" >&2
  svc_die "standby did not start streaming within 30 s"
}

# ---------------------------------------------------------------------------------------------
# PgBouncer
# ---------------------------------------------------------------------------------------------

svc_start_pgbouncer() {
  local dir=$SVC_TMP/pgbouncer
  SVC_PGBOUNCER_CONF=$dir/pgbouncer.ini
  SVC_PGBOUNCER_PIDFILE=$dir/pgbouncer.pid
  SVC_PGBOUNCER_LOG=$dir/pgbouncer.log
  svc_pick_port SVC_PGBOUNCER_PORT
  install -d -o postgres -g postgres -m 755 "$dir"

  # A static auth_file only knows the roles that existed when PgBouncer started, but the tests
  # create their own roles (e.g. bookmeatoz_app) later. So the auth_file holds only the auth_user,
  # and every other login is checked with auth_query against pg_shadow. pg_shadow is a shared
  # catalog, so this works in databases the tests create later, from any template — which a
  # SECURITY DEFINER lookup function (per database) would not. Reading pg_shadow needs a
  # superuser, hence auth_user = postgres (fine on a private loopback test instance).
  # The auth_user's entry must be its plain password: PgBouncer logs in to the server as the
  # auth_user on its own, with no client SCRAM exchange to borrow keys from, and a SCRAM secret
  # alone can't answer the server's challenge. (Clients found via auth_query do get their SCRAM
  # keys passed through to the server.)
  printf '"postgres" "%s"\n' "$SVC_PG_SUPERUSER_PASSWORD" >"$dir/userlist.txt"
  chown postgres:postgres "$dir/userlist.txt"
  chmod 600 "$dir/userlist.txt"

  cat >"$SVC_PGBOUNCER_CONF" <<CONF
[databases]
; any database name is forwarded to the primary (the tests create databases at run time)
* = host=127.0.0.1 port=$SVC_PG_PORT

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $SVC_PGBOUNCER_PORT
unix_socket_dir = $dir
logfile = $SVC_PGBOUNCER_LOG
pidfile = $SVC_PGBOUNCER_PIDFILE

auth_type = scram-sha-256
auth_file = $dir/userlist.txt
auth_user = postgres
auth_query = SELECT usename, passwd FROM pg_catalog.pg_shadow WHERE usename = \$1
admin_users = postgres

pool_mode = transaction
max_client_conn = 1000
default_pool_size = 40
; Transaction pooling: no session state survives anyway, and a reset query would only cost time.
server_reset_query =
ignore_startup_parameters = extra_float_digits
; Tests restart the primary; the default 15 s back-off after a failed server login would outlast
; the restart by far.
server_login_retry = 1
CONF
  chown postgres:postgres "$SVC_PGBOUNCER_CONF"

  # runuser's PAM session (pam_limits) resets the soft fd limit to 1024, so raise it inside.
  # max_client_conn = 1000 plus server connections need ~2k descriptors.
  as_postgres bash -c 'h=$(ulimit -Hn); [[ $h == unlimited ]] && h=65536; ulimit -n "$h"
                       exec "$0" -q -d "$1"' "$PGBOUNCER_BIN" "$SVC_PGBOUNCER_CONF" ||
    { cat "$SVC_PGBOUNCER_LOG" >&2 2>/dev/null; svc_die "pgbouncer did not start"; }
  svc_save_state

  # Ready = a SCRAM login through PgBouncer for a role that is *not* in the auth_file works,
  # which exercises the auth_query path end to end.
  local i
  for ((i = 0; i < 100; i++)); do
    if PGPASSWORD=$SVC_ADMIN_PASSWORD PGCONNECT_TIMEOUT=2 "$PG_BIN/psql" -X -At \
      -h 127.0.0.1 -p "$SVC_PGBOUNCER_PORT" -U "$SVC_ADMIN_ROLE" -d "$SVC_DATABASE" \
      -c 'SELECT 1' >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  tail -n 30 "$SVC_PGBOUNCER_LOG" >&2
  svc_die "pgbouncer did not accept a login within 10 s"
}

# ---------------------------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------------------------

svc_start_redis() {
  local dir=$SVC_TMP/redis
  SVC_REDIS_PIDFILE=$dir/redis.pid
  svc_pick_port SVC_REDIS_PORT
  mkdir -p "$dir"
  # No persistence: the tests want a clean, fast, throw-away cache/backplane.
  cat >"$dir/redis.conf" <<CONF
bind 127.0.0.1
port $SVC_REDIS_PORT
daemonize yes
pidfile $SVC_REDIS_PIDFILE
logfile $dir/redis.log
dir $dir
save ""
appendonly no
CONF
  "$REDIS_BIN" "$dir/redis.conf" || svc_die "redis-server did not start"
  svc_save_state
  local i
  for ((i = 0; i < 100; i++)); do
    [[ "$("$REDIS_CLI" -h 127.0.0.1 -p "$SVC_REDIS_PORT" ping 2>/dev/null)" == PONG ]] && return 0
    sleep 0.1
  done
  tail -n 30 "$dir/redis.log" >&2
  svc_die "redis did not answer PING within 10 s"
}

# ---------------------------------------------------------------------------------------------
# Radicale (CalDAV)
# ---------------------------------------------------------------------------------------------

# A CalDAV server for the calendar sync tests: htpasswd auth (one user, a random password, stored
# plain: a throw-away instance on loopback), its own collections folder. Radicale 3 does not
# daemonize, so it runs in the background with its pid in a file; the tests stop and restart it
# with the same config (svc_start_radicale_process).
svc_start_radicale() {
  local dir=$SVC_TMP/radicale
  SVC_RADICALE_PIDFILE=$dir/radicale.pid
  SVC_RADICALE_CONFIG=$dir/config
  SVC_RADICALE_USER=bookmeatoz
  SVC_RADICALE_PASSWORD=$(svc_random_password)
  svc_pick_port SVC_RADICALE_PORT
  mkdir -p "$dir/collections"
  printf '%s:%s\n' "$SVC_RADICALE_USER" "$SVC_RADICALE_PASSWORD" >"$dir/users"
  chmod 600 "$dir/users"
  cat >"$SVC_RADICALE_CONFIG" <<CONF
[server]
hosts = 127.0.0.1:$SVC_RADICALE_PORT
# The default (8) refuses what the parallel tests and sync workers send at once.
max_connections = 64
[auth]
type = htpasswd
htpasswd_filename = $dir/users
htpasswd_encryption = plain
[rights]
type = owner_only
[storage]
filesystem_folder = $dir/collections
[logging]
level = warning
CONF
  svc_start_radicale_process "$SVC_RADICALE_CONFIG" "$SVC_RADICALE_PIDFILE" "$SVC_RADICALE_PORT" || return 1
  svc_save_state
}

# svc_start_radicale_process CONFIG PIDFILE PORT: starts Radicale and waits until it answers.
svc_start_radicale_process() {
  local config=$1 pidfile=$2 port=$3 i
  [[ -x "$RADICALE_BIN" ]] || { svc_die "radicale is not installed (apt package radicale)"; return 1; }
  "$RADICALE_BIN" --config "$config" >>"$(dirname -- "$config")/radicale.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  for ((i = 0; i < 100; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  tail -n 30 "$(dirname -- "$config")/radicale.log" >&2
  svc_die "radicale did not listen on $port within 10 s"
}

# ---------------------------------------------------------------------------------------------
# State and teardown
# ---------------------------------------------------------------------------------------------

# What stop needs, in the temp dir, so `services.sh stop DIR` works from another shell.
svc_save_state() {
  {
    printf 'SVC_TMP=%q\n' "$SVC_TMP"
    printf 'SVC_PG_DATA=%q\n' "${SVC_PG_DATA:-}"
    printf 'SVC_PG_STANDBY_DATA=%q\n' "${SVC_PG_STANDBY_DATA:-}"
    printf 'SVC_PGBOUNCER_PIDFILE=%q\n' "${SVC_PGBOUNCER_PIDFILE:-}"
    printf 'SVC_REDIS_PIDFILE=%q\n' "${SVC_REDIS_PIDFILE:-}"
    printf 'SVC_RADICALE_PIDFILE=%q\n' "${SVC_RADICALE_PIDFILE:-}"
  } >"$SVC_TMP/services.state"
}

# Kill the process in PIDFILE, but only if it still is the program we started (pids get reused).
svc_stop_pidfile() {
  local pidfile=$1 expect=$2 pid i
  [[ -n "$pidfile" && -s "$pidfile" ]] || return 0
  pid=$(<"$pidfile")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  grep -qa -- "$expect" "/proc/$pid/cmdline" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# A test may have stopped or restarted a server, so look at postmaster.pid rather than a pid we
# remembered. The data is thrown away afterwards, so an immediate stop is enough.
svc_stop_postgres_dir() {
  local data=$1 pid i
  [[ -n "$data" && -f "$data/postmaster.pid" ]] || return 0
  as_postgres "$PG_BIN/pg_ctl" -D "$data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
  [[ -f "$data/postmaster.pid" ]] || return 0
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
  if [[ "$pid" =~ ^[0-9]+$ ]] && grep -qa postgres "/proc/$pid/cmdline" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
}

# Idempotent; safe to call with only some services started.
svc_stop_all() {
  [[ -n "${SVC_TMP:-}" && -d "$SVC_TMP" ]] || return 0
  svc_stop_pidfile "${SVC_REDIS_PIDFILE:-}" redis-server
  svc_stop_pidfile "${SVC_RADICALE_PIDFILE:-}" radicale
  svc_stop_pidfile "${SVC_PGBOUNCER_PIDFILE:-}" pgbouncer
  svc_stop_postgres_dir "${SVC_PG_STANDBY_DATA:-}"
  svc_stop_postgres_dir "${SVC_PG_DATA:-}"
  rm -rf -- "$SVC_TMP"
  SVC_TMP=
}

# Direct use: bash scripts/services.sh stop DIR
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    stop)
      dir=${2:?usage: $0 stop TEMP_DIR}
      [[ -f "$dir/services.state" ]] || { echo "no services.state in $dir" >&2; exit 1; }
      # shellcheck disable=SC1091
      source "$dir/services.state"
      svc_stop_all
      ;;
    *)
      echo "usage: $0 stop TEMP_DIR   (normally this file is sourced by scripts/test.sh)" >&2
      exit 2
      ;;
  esac
fi
