#!/usr/bin/env bash
# The high-availability servers the HA tests (tests/BookMeAtOz.Ha.Tests) start for themselves, on
# loopback ports under one temp dir, apart from the single primary + standby of scripts/services.sh:
#
#   bash scripts/ha.sh postgres DIR        three etcd members and three Patroni nodes (PostgreSQL 15,
#                                          synchronous_mode), a database and the admin role the hosts
#                                          use; writes DIR/ha.env (ports, passwords) when the cluster
#                                          has a leader and two streaming replicas
#   HA_PGBACKREST=1 bash scripts/ha.sh postgres DIR
#                                          the same, archiving its WAL with pgBackRest: a local repository
#                                          DIR/pgbackrest/repo, one config per node (DIR/nodeN/pgbackrest.conf,
#                                          deploy/pgbackrest/pgbackrest.conf with the paths rewritten), and
#                                          archive_mode/archive_command in each node's Patroni parameters
#                                          (tests/ha/patroni-pitr.sh creates the stanza and backs up)
#   bash scripts/ha.sh start-node DIR N    starts Patroni node N (1-3) again (after a test killed it)
#   bash scripts/ha.sh redis DIR           a Redis primary, a replica and three Sentinels (service
#                                          name bookmeatoz); writes DIR/redis.env
#   bash scripts/ha.sh stop DIR            stops everything started under DIR (by the pids in DIR)
#
# Must run as root (PostgreSQL and Patroni run as `postgres`). Settings are chosen for a short test:
# Patroni TTL 10 s, loop_wait 2 s, retry_timeout 3 s; Sentinel down-after 1 s. The production
# configuration is deploy/patroni/ (and docs/deployment.md).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
HA_TTL=${HA_TTL:-10}
HA_LOOP_WAIT=${HA_LOOP_WAIT:-2}
HA_RETRY_TIMEOUT=${HA_RETRY_TIMEOUT:-3}
HA_ADMIN_ROLE=bookmeatoz_admin
HA_DATABASE=bookmeatoz
HA_PGBACKREST=${HA_PGBACKREST:-0}
HA_REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)

ha_log() { printf '[ha] %s\n' "$*" >&2; }
ha_die() { printf '[ha] ERROR: %s\n' "$*" >&2; exit 1; }
ha_password() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }

# Free loopback ports, one per call, from a random start (as scripts/services.sh does).
HA_NEXT_PORT=$((20000 + (RANDOM % 2000) * 10))
ha_port() {
  local -n _out=$1
  while [[ -n "$(ss -Htan "sport = :$HA_NEXT_PORT" 2>/dev/null)" ]]; do HA_NEXT_PORT=$((HA_NEXT_PORT + 1)); done
  _out=$HA_NEXT_PORT
  HA_NEXT_PORT=$((HA_NEXT_PORT + 1))
}

# ha_wait SECONDS WHAT COMMAND...: runs COMMAND every 0.2 s until it succeeds.
ha_wait() {
  local seconds=$1 what=$2 i
  shift 2
  for ((i = 0; i < seconds * 5; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  ha_die "$what: not within $seconds s"
}

# Starts a program in the background as USER with its pid (the program's own, not a wrapper's: setsid
# and setpriv exec) in PIDFILE and its output in LOG.
ha_spawn() {
  local user=$1 pidfile=$2 log=$3
  shift 3
  if [[ $user != root ]]; then
    # setpriv execs (runuser would stay the parent, and stop itself whenever the program is stopped,
    # which the failover test does on purpose).
    set -- setpriv --reuid "$user" --regid "$user" --init-groups env HOME="$(getent passwd "$user" | cut -d: -f6)" "$@"
  fi
  setsid "$@" >>"$log" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

# ---------------------------------------------------------------------------------------------
# etcd + Patroni
# ---------------------------------------------------------------------------------------------

ha_postgres() {
  local dir=$1 i cluster="" hosts=""
  install -d -m 755 "$dir"
  local etcd_client=() etcd_peer=()
  for i in 1 2 3; do
    ha_port "etcd_client[$i]"
    ha_port "etcd_peer[$i]"
    cluster+="${cluster:+,}etcd$i=http://127.0.0.1:${etcd_peer[i]}"
    hosts+="${hosts:+,}127.0.0.1:${etcd_client[i]}"
  done
  for i in 1 2 3; do
    install -d -m 700 "$dir/etcd$i"
    ha_spawn root "$dir/etcd$i.pid" "$dir/etcd$i.log" /usr/bin/etcd --name "etcd$i" \
      --data-dir "$dir/etcd$i/data" \
      --listen-client-urls "http://127.0.0.1:${etcd_client[i]}" \
      --advertise-client-urls "http://127.0.0.1:${etcd_client[i]}" \
      --listen-peer-urls "http://127.0.0.1:${etcd_peer[i]}" \
      --initial-advertise-peer-urls "http://127.0.0.1:${etcd_peer[i]}" \
      --initial-cluster "$cluster" --initial-cluster-state new \
      --initial-cluster-token "bookmeatoz-$(basename "$dir")" \
      --heartbeat-interval 100 --election-timeout 1000 --enable-v2=true
  done
  ha_wait 30 "etcd cluster healthy" env ETCDCTL_API=3 /usr/bin/etcdctl --endpoints "$hosts" endpoint health

  local superuser_password replication_password rewind_password admin_password
  superuser_password=$(ha_password) replication_password=$(ha_password)
  rewind_password=$(ha_password) admin_password=$(ha_password)
  local pg_port rest_port
  for i in 1 2 3; do
    ha_port pg_port
    ha_port rest_port
    install -d -o postgres -g postgres -m 755 "$dir/node$i"
    local archiving=""
    if [[ $HA_PGBACKREST == 1 ]]; then
      ha_pgbackrest_conf "$dir" "$i" "$pg_port"
      # As in deploy/patroni/patroni.yml, but per node: three nodes on one machine need three configs (in
      # production every machine has its own /etc/pgbackrest.conf and the command is the same everywhere).
      archiving="
    archive_mode: 'on'
    archive_command: 'pgbackrest --config=$dir/node$i/pgbackrest.conf --stanza=bookmeatoz archive-push %p'
    archive_timeout: 60"
    fi
    cat >"$dir/node$i/patroni.yml" <<YAML
# Patroni node $i of the HA tests (scripts/ha.sh); production: deploy/patroni/patroni.yml
scope: bookmeatoz-test
name: node$i
log:
  level: INFO
restapi:
  listen: 127.0.0.1:$rest_port
  connect_address: 127.0.0.1:$rest_port
# The etcd v2 API, not etcd3: Debian 12's Patroni 3.0.2 has a bug in its etcd3 client (fixed upstream
# in 3.0.3, patroni/patroni#2689): a leader whose session expired while it hung creates a new leader
# key over the one another node took meanwhile, and takes the cluster back from the new primary
# (split brain, acknowledged writes rewound). The v2 client renews with compare-and-swap on the
# existing key, so a hung leader that wakes up finds it gone and demotes.
etcd:
  hosts: $hosts
bootstrap:
  dcs:
    ttl: $HA_TTL
    loop_wait: $HA_LOOP_WAIT
    retry_timeout: $HA_RETRY_TIMEOUT
    maximum_lag_on_failover: 1048576
    # A commit returns only when the synchronous standby has it, and Patroni promotes only that
    # standby: no acknowledged write is lost in a failover.
    synchronous_mode: true
    synchronous_mode_strict: false
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        max_connections: 200
        max_wal_senders: 10
        max_replication_slots: 10
        wal_level: replica
        wal_log_hints: 'on'
        hot_standby: 'on'
        hot_standby_feedback: 'on'
        wal_keep_size: 256MB
        password_encryption: scram-sha-256
        timezone: UTC
  initdb:
  - encoding: UTF8
  - locale: C.UTF-8
  - auth-local: trust
  - auth-host: scram-sha-256
postgresql:
  listen: 127.0.0.1:$pg_port
  connect_address: 127.0.0.1:$pg_port
  data_dir: $dir/node$i/data
  bin_dir: $PG_BIN
  pgpass: $dir/node$i/pgpass
  # A replica clones the leader at once instead of waiting for a spread checkpoint.
  basebackup:
  - checkpoint: fast
  authentication:
    superuser:
      username: postgres
      password: $superuser_password
    replication:
      username: replicator
      password: $replication_password
    rewind:
      username: rewinder
      password: $rewind_password
  parameters:
    unix_socket_directories: $dir/node$i$archiving
  pg_hba:
  - local all all trust
  - host replication replicator 127.0.0.1/32 scram-sha-256
  - host all all 127.0.0.1/32 scram-sha-256
tags:
  nofailover: false
  noloadbalance: false
  clonefrom: false
  nosync: false
YAML
    chown postgres:postgres "$dir/node$i/patroni.yml"
    chmod 600 "$dir/node$i/patroni.yml"
    printf 'HA_NODE%d_PG_PORT=%s\nHA_NODE%d_REST_PORT=%s\n' "$i" "$pg_port" "$i" "$rest_port" >>"$dir/nodes.env"
  done
  for i in 1 2 3; do
    ha_start_node "$dir" "$i"
    # The first node bootstraps the cluster; the others clone from it once it leads.
    ((i > 1)) || ha_wait 60 "node1 leads" ha_rest_is "$dir" 1 primary
  done
  # shellcheck disable=SC1091
  source "$dir/nodes.env"
  local leader_socket=$dir/node1 leader_port=$HA_NODE1_PG_PORT
  # Everything is cluster-wide or in the catalog, so it reaches the replicas through replication.
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$leader_socket" -p "$leader_port" -U postgres -d postgres <<SQL
CREATE ROLE $HA_ADMIN_ROLE WITH LOGIN CREATEDB CREATEROLE PASSWORD '$admin_password';
GRANT pg_monitor, pg_signal_backend TO $HA_ADMIN_ROLE;
CREATE DATABASE $HA_DATABASE OWNER $HA_ADMIN_ROLE;
SQL
  if ! (ha_wait 90 "node2 and node3 streaming, one of them synchronous" ha_replicas_ready "$leader_socket" "$leader_port"); then
    for i in 1 2 3; do
      printf -- '--- node%s, last lines of patroni.log ---\n' "$i" >&2
      tail -n 15 "$dir/node$i/patroni.log" >&2
    done
    ha_die "the replicas did not come up"
  fi
  {
    cat "$dir/nodes.env"
    printf 'HA_ETCD_HOSTS=%s\n' "$hosts"
    printf 'HA_TTL=%s\nHA_LOOP_WAIT=%s\n' "$HA_TTL" "$HA_LOOP_WAIT"
    printf 'HA_ADMIN_ROLE=%s\nHA_ADMIN_PASSWORD=%s\nHA_DATABASE=%s\n' "$HA_ADMIN_ROLE" "$admin_password" "$HA_DATABASE"
    printf 'HA_SUPERUSER_PASSWORD=%s\n' "$superuser_password"
  } >"$dir/ha.env"
  chmod 600 "$dir/ha.env"
  ha_log "Patroni cluster ready under $dir"
}

# ha_pgbackrest_conf DIR N PORT: node N's pgBackRest config, deploy/pgbackrest/pgbackrest.conf with the paths
# rewritten (the repository is shared by the nodes: one stanza for the cluster; spool, log and lock per node).
ha_pgbackrest_conf() {
  local dir=$1 i=$2 port=$3
  install -d -o postgres -g postgres -m 750 "$dir/pgbackrest" "$dir/pgbackrest/repo"
  install -d -o postgres -g postgres -m 750 "$dir/node$i/pgbackrest" "$dir/node$i/pgbackrest/spool" \
    "$dir/node$i/pgbackrest/log" "$dir/node$i/pgbackrest/lock"
  sed -e "s#^repo1-path=.*#repo1-path=$dir/pgbackrest/repo#" \
    -e "s#^spool-path=.*#spool-path=$dir/node$i/pgbackrest/spool#" \
    -e "s#^log-path=.*#log-path=$dir/node$i/pgbackrest/log#" \
    -e "s#^lock-path=.*#lock-path=$dir/node$i/pgbackrest/lock#" \
    -e "s#^pg1-path=.*#pg1-path=$dir/node$i/data#" -e "s#^pg1-port=.*#pg1-port=$port#" \
    -e "s#^pg1-socket-path=.*#pg1-socket-path=$dir/node$i#" \
    "$HA_REPO_ROOT/deploy/pgbackrest/pgbackrest.conf" >"$dir/node$i/pgbackrest.conf"
  chown postgres:postgres "$dir/node$i/pgbackrest.conf"
  chmod 640 "$dir/node$i/pgbackrest.conf"
}

ha_replicas_ready() {
  [[ "$("$PG_BIN/psql" -X -At -h "$1" -p "$2" -U postgres -d postgres -c \
    "SELECT count(*) FILTER (WHERE state = 'streaming') || '/' || count(*) FILTER (WHERE sync_state = 'sync') FROM pg_stat_replication")" == 2/1 ]]
}

# ha_rest_is DIR N ROLE: Patroni's REST API of node N answers 200 on /ROLE (primary, replica).
ha_rest_is() {
  local port
  port=$(sed -n "s/^HA_NODE$2_REST_PORT=//p" "$1/nodes.env")
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/$3")" == 200 ]]
}

ha_start_node() {
  local dir=$1 i=$2
  touch "$dir/node$i/patroni.log"
  chown postgres:postgres "$dir/node$i/patroni.log"
  rm -f "$dir/node$i/patroni.pid"
  ha_spawn postgres "$dir/node$i/patroni.pid" "$dir/node$i/patroni.log" /usr/bin/patroni "$dir/node$i/patroni.yml"
}

# ---------------------------------------------------------------------------------------------
# Redis primary + replica + three Sentinels
# ---------------------------------------------------------------------------------------------

ha_redis() {
  local dir=$1 i primary replica sentinels=() sentinel_hosts=""
  install -d -m 755 "$dir"
  ha_port primary
  ha_port replica
  for i in 1 2 3; do
    ha_port "sentinels[$i]"
    sentinel_hosts+="${sentinel_hosts:+,}127.0.0.1:${sentinels[i]}"
  done
  local name port
  for name in primary replica; do
    port=${!name}
    install -d -m 755 "$dir/redis-$name"
    cat >"$dir/redis-$name/redis.conf" <<CONF
bind 127.0.0.1
port $port
daemonize no
dir $dir/redis-$name
save ""
appendonly no
CONF
    [[ $name == replica ]] && echo "replicaof 127.0.0.1 $primary" >>"$dir/redis-$name/redis.conf"
    ha_spawn root "$dir/redis-$name.pid" "$dir/redis-$name.log" /usr/bin/redis-server "$dir/redis-$name/redis.conf"
    ha_wait 10 "redis $name answers" ha_redis_ping "$port"
  done
  ha_wait 20 "replica in sync" ha_redis_replica_up "$replica"
  for i in 1 2 3; do
    install -d -m 755 "$dir/sentinel$i"
    # Sentinel rewrites its config file (known replicas, epochs), so each has its own.
    cat >"$dir/sentinel$i/sentinel.conf" <<CONF
bind 127.0.0.1
port ${sentinels[i]}
daemonize no
dir $dir/sentinel$i
sentinel monitor bookmeatoz 127.0.0.1 $primary 2
sentinel down-after-milliseconds bookmeatoz 1000
sentinel failover-timeout bookmeatoz 10000
sentinel parallel-syncs bookmeatoz 1
CONF
    ha_spawn root "$dir/sentinel$i.pid" "$dir/sentinel$i.log" /usr/bin/redis-sentinel "$dir/sentinel$i/sentinel.conf"
  done
  for i in 1 2 3; do
    ha_wait 20 "sentinel $i sees the replica and the other sentinels" ha_sentinel_ready "${sentinels[i]}"
  done
  {
    printf 'HA_REDIS_PRIMARY_PORT=%s\nHA_REDIS_REPLICA_PORT=%s\n' "$primary" "$replica"
    printf 'HA_REDIS_SENTINELS=%s\nHA_REDIS_SERVICE=bookmeatoz\n' "$sentinel_hosts"
  } >"$dir/redis.env"
  ha_log "Redis with Sentinel ready under $dir"
}

ha_redis_ping() { [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" == PONG ]]; }
ha_redis_replica_up() { redis-cli -h 127.0.0.1 -p "$1" info replication | grep -q 'master_link_status:up'; }
ha_sentinel_ready() {
  local info
  info=$(redis-cli -h 127.0.0.1 -p "$1" sentinel master bookmeatoz 2>/dev/null | tr -d '\r') || return 1
  [[ "$(grep -A1 -x 'num-slaves' <<<"$info" | tail -n 1)" == 1 &&
    "$(grep -A1 -x 'num-other-sentinels' <<<"$info" | tail -n 1)" == 2 ]]
}

# ---------------------------------------------------------------------------------------------
# Stop: only processes whose pid files are under DIR, and only if they still are what we started
# ---------------------------------------------------------------------------------------------

ha_stop_pid() {
  local pidfile=$1 expect=$2 pid i
  [[ -s "$pidfile" ]] || return 0
  pid=$(<"$pidfile")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  grep -qa -- "$expect" "/proc/$pid/cmdline" 2>/dev/null || return 0
  kill -CONT "$pid" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

ha_stop() {
  local dir=$1 i pid
  [[ -d "$dir" ]] || return 0
  for f in "$dir"/sentinel?.pid "$dir"/redis-*.pid; do
    [[ -e $f ]] && ha_stop_pid "$f" redis
  done
  for i in 1 2 3; do
    # SIGTERM to Patroni stops its PostgreSQL too; a postmaster left over (its Patroni was killed
    # by a test) is stopped by its own pid file.
    ha_stop_pid "$dir/node$i/patroni.pid" patroni
    if [[ -f "$dir/node$i/data/postmaster.pid" ]]; then
      pid=$(head -n 1 "$dir/node$i/data/postmaster.pid")
      if [[ "$pid" =~ ^[0-9]+$ ]] && grep -qa postgres "/proc/$pid/cmdline" 2>/dev/null; then
        kill -CONT "$pid" 2>/dev/null || true
        kill -QUIT "$pid" 2>/dev/null || true
        for ((j = 0; j < 100; j++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
  done
  for i in 1 2 3; do
    ha_stop_pid "$dir/etcd$i.pid" etcd
  done
  # The logs outlive the servers (a failed test names them): DIR.logs/
  mkdir -p "$dir.logs"
  for f in "$dir"/*.log "$dir"/node?/patroni.log; do
    [[ -e $f ]] && cp -- "$f" "$dir.logs/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  rm -rf -- "$dir"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  ((EUID == 0)) || ha_die "must run as root (PostgreSQL and Patroni run as postgres)"
  cmd=${1:-}
  dir=${2:-}
  [[ -n "$dir" && "$dir" == /* ]] || ha_die "usage: $0 postgres|redis|stop DIR | start-node DIR N (DIR absolute)"
  case $cmd in
    postgres) ha_postgres "$dir" ;;
    redis) ha_redis "$dir" ;;
    start-node) ha_start_node "$dir" "${3:?node number}" ;;
    stop) ha_stop "$dir" ;;
    *) ha_die "unknown command '$cmd'" ;;
  esac
fi
