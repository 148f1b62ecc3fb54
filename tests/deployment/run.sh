#!/usr/bin/env bash
# End-to-end test of deploy/ on loopback (called by scripts/test.sh, step 4c):
#   nginx running THE REAL deploy/nginx/bookmeatoz.conf (only listen ports, upstream ports and file
#   paths rewritten; a throwaway self-signed certificate), two instances of the reference host on
#   PostgreSQL (primary through PgBouncer + the streaming standby, multi-host) and Redis, started by
#   scripts/test.sh (BOOKMEATOZ_TEST_* variables). The checks themselves are in e2e.py; static checks
#   (nginx -t, systemd-analyze verify, promtool, shellcheck, dashboard JSON) are here.
#
#   tests/deployment/run.sh OUTDIR      # writes OUTDIR/counts: "passed failed skipped"
#
# Everything listens on 127.0.0.0/8 only; every process started here is stopped by its PID.
set -uo pipefail

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:?usage: run.sh OUTDIR}
# shellcheck source=scripts/services.sh
source "$REPO_ROOT/scripts/services.sh"

: "${BOOKMEATOZ_TEST_PG_PRIMARY_PORT:?run from scripts/test.sh}" "${BOOKMEATOZ_TEST_PG_STANDBY_PORT:?}"
: "${BOOKMEATOZ_TEST_PGBOUNCER_PORT:?}" "${BOOKMEATOZ_TEST_REDIS:?}" "${BOOKMEATOZ_TEST_PG:?}"

rm -rf "$OUT"
mkdir -p "$OUT"
chmod 755 "$OUT"
T=$OUT
PASSED=0 FAILED=0 SKIPPED=0
echo "0 1 0" >"$T/counts" # until the end is reached

pass() { PASSED=$((PASSED + 1)); printf '  PASS  %s\n' "$*"; }
fail() { FAILED=$((FAILED + 1)); printf '  FAIL  %s\n' "$*"; }
skip() { SKIPPED=$((SKIPPED + 1)); printf '  SKIP  %s\n' "$*"; }
check() { # check NAME CMD...
  local name=$1
  shift
  if "$@" >"$T/check.log" 2>&1; then pass "$name"; else fail "$name"; sed 's/^/        /' "$T/check.log" | tail -n 20; fi
}


cleanup() {
  set +e
  for f in "$T"/instance-*.pid; do
    [[ -f $f ]] && kill "$(cat "$f")" 2>/dev/null
  done
  [[ -f $T/nginx/nginx.pid ]] && kill "$(cat "$T/nginx/nginx.pid")" 2>/dev/null
  [[ -f $T/prometheus.pid ]] && kill "$(cat "$T/prometheus.pid")" 2>/dev/null
  sleep 0.5
  for f in "$T"/instance-*.pid; do
    [[ -f $f ]] && kill -9 "$(cat "$f")" 2>/dev/null
  done
}
trap cleanup EXIT

echo "deployment end-to-end test ($T)"

# --- static checks ---------------------------------------------------------------------------
# promtool (Debian package prometheus) and shellcheck: scripts/bootstrap.sh (scripts/test.sh's first
# stage) installs them; without it they are installed here when missing, and skipped if apt fails.
want=()
command -v promtool >/dev/null || want+=(prometheus)
command -v shellcheck >/dev/null || want+=(shellcheck)
if ((${#want[@]})); then
  echo "installing ${want[*]} for the static checks"
  policy_created=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy_created=1
  fi
  DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq --no-install-recommends "${want[@]}" >"$T/apt.log" 2>&1 ||
    echo "apt-get install ${want[*]} failed; see $T/apt.log"
  ((policy_created)) && rm -f /usr/sbin/policy-rc.d
fi
# ---------------------------------------------------------------------------
unit_dir=$T/systemd
mkdir -p "$unit_dir"
cp "$REPO_ROOT/deploy/systemd/bookmeatoz@.service" "$unit_dir/bookmeatoz@8083.service"
if command -v systemd-analyze >/dev/null; then
  check "systemd-analyze verify bookmeatoz@8083.service" \
    bash -c "out=\$(systemd-analyze verify '$unit_dir/bookmeatoz@8083.service' 2>&1); rc=\$?; echo \"\$out\"; ((rc == 0)) && ! grep -qi 'unknown\|invalid\|failed to parse' <<<\"\$out\""
else
  skip "systemd-analyze not installed"
fi
if command -v promtool >/dev/null; then
  check "promtool check config deploy/prometheus/prometheus.yml" promtool check config "$REPO_ROOT/deploy/prometheus/prometheus.yml"
  check "promtool test rules deploy/prometheus/alerts.test.yml" bash -c "cd '$REPO_ROOT/deploy/prometheus' && promtool test rules alerts.test.yml"
else
  skip "promtool not installed (apt-get install prometheus)"
fi
for unit in pgbackrest-backup@.service pgbackrest-full.timer pgbackrest-incr.timer; do
  if command -v systemd-analyze >/dev/null; then
    inst=${unit/@./@full.}
    cp "$REPO_ROOT/deploy/pgbackrest/$unit" "$unit_dir/$inst"
    check "systemd-analyze verify deploy/pgbackrest/$unit" \
      bash -c "cd '$unit_dir' && out=\$(systemd-analyze verify '$unit_dir/$inst' 2>&1); rc=\$?; echo \"\$out\"; ((rc == 0)) && ! grep -qi 'unknown\|invalid\|failed to parse' <<<\"\$out\""
  fi
done
check "migrations follow expand/contract (static check, and its self-test)" \
  bash -c "python3 -B '$REPO_ROOT/tests/deployment/migrations_check.py' --self-test && python3 -B '$REPO_ROOT/tests/deployment/migrations_check.py' '$REPO_ROOT/src/BookMeAtOz.PostgreSql/Migrations'"
if command -v shellcheck >/dev/null; then
  check "shellcheck deploy/deploy.sh tests/deployment/*.sh and the VPS's systemctl" shellcheck -x "$REPO_ROOT/deploy/deploy.sh" \
    "$REPO_ROOT/tests/deployment/run.sh" "$REPO_ROOT/tests/deployment/vps.sh" "$REPO_ROOT/tests/deployment/pitr.sh" \
    "$REPO_ROOT/benchmarks/scale/scale.sh" "$REPO_ROOT/benchmarks/load/run.sh" "$REPO_ROOT/benchmarks/soak/soak.sh" \
    "$REPO_ROOT/tests/ha/patroni-pitr.sh" "$REPO_ROOT/scripts/ha.sh" \
    "$REPO_ROOT/tests/deployment/vps/systemctl"
else
  skip "shellcheck not installed"
fi
check "grafana dashboard and provisioning parse" python3 - "$REPO_ROOT/deploy/grafana" <<'PY'
import json, sys, pathlib
root = pathlib.Path(sys.argv[1])
d = json.loads((root / "dashboards/bookmeatoz.json").read_text())
assert d["uid"] and d["panels"], "dashboard without uid/panels"
titles = " ".join(p.get("title", "") for p in d["panels"]).lower()
for want in ["requests", "latency", "error", "bookings", "conflicts", "pool", "gc", "outbox"]:
    assert want in titles, f"no panel about {want}"
for p in d["panels"]:
    for t in p.get("targets", []):
        assert t.get("expr"), f"panel {p.get('title')} has a target without expr"
for f in ["provisioning/dashboards/bookmeatoz.yml", "provisioning/datasources/prometheus.yml"]:
    assert (root / f).is_file(), f
print("ok", len(d["panels"]), "panels")
PY

# --- TLS certificate, web root ---------------------------------------------------------------
DOMAIN=bookmeatoz.online
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$DOMAIN" \
  -addext "subjectAltName=DNS:$DOMAIN,DNS:*.$DOMAIN" \
  -keyout "$T/tls.key" -out "$T/tls.crt" >/dev/null 2>&1
chmod 644 "$T/tls.crt" "$T/tls.key"

WEB=$T/www
mkdir -p "$WEB" "$T/acme/.well-known/acme-challenge"
web_src=$REPO_ROOT/samples/BookMeAtOz.Web
if [[ ! -f $web_src/dist/index.html && -f $web_src/package.json ]]; then
  echo "building the web app (npm ci && npm run build)"
  (cd "$web_src" && npm ci --no-audit --no-fund >/dev/null && npm run build >/dev/null) || echo "web app build failed; using a placeholder"
fi
if [[ -f $web_src/dist/index.html ]]; then
  cp -a "$web_src/dist/." "$WEB/"
  echo "SPA: samples/BookMeAtOz.Web/dist"
else
  mkdir -p "$WEB/assets"
  printf '<!doctype html><html><head><script type="module" src="/assets/index-e2e0123.js"></script></head><body><div id="root"></div></body></html>\n' >"$WEB/index.html"
  printf 'console.log("BookMeAtOz")\n' >"$WEB/assets/index-e2e0123.js"
  echo "SPA: placeholder (samples/BookMeAtOz.Web/dist not built)"
fi
echo "acme-token-e2e" >"$T/acme/.well-known/acme-challenge/e2e-token"
chmod -R a+rX "$WEB" "$T/acme"

# --- ports -----------------------------------------------------------------------------------
svc_pick_port HTTP_PORT
svc_pick_port HTTPS_PORT
svc_pick_port API1
svc_pick_port API2

# --- nginx: the real site config, templated ---------------------------------------------------
N=$T/nginx
mkdir -p "$N/bookmeatoz/snippets" "$N/logs"
cp "$REPO_ROOT/deploy/nginx/snippets/"*.conf "$N/bookmeatoz/snippets/"
cp "$REPO_ROOT/deploy/nginx/cloudflare-real-ip.conf" "$N/bookmeatoz/"
# A stand-in for Cloudflare: connections from 127.0.0.3 are believed about CF-Connecting-IP.
echo "set_real_ip_from 127.0.0.3; # e2e: stand-in for a Cloudflare edge" >>"$N/bookmeatoz/cloudflare-real-ip.conf"
sed -e "s#listen 80; #listen 127.0.0.1:$HTTP_PORT; #" \
    -e "s#listen 443 ssl http2#listen 127.0.0.1:$HTTPS_PORT ssl http2#" \
    -e '/listen \[::\]/d' \
    -e "s#server 127.0.0.1:8083 #server 127.0.0.1:$API1 #" \
    -e "s#server 127.0.0.1:8084 #server 127.0.0.1:$API2 #" \
    -e "s#/etc/nginx/bookmeatoz/#$N/bookmeatoz/#" \
    -e "s#/etc/letsencrypt/live/bookmeatoz.online/fullchain.pem#$T/tls.crt#" \
    -e "s#/etc/letsencrypt/live/bookmeatoz.online/privkey.pem#$T/tls.key#" \
    -e "s#root /var/www/letsencrypt;#root $T/acme;#" \
    -e "s#root /var/www/bookmeatoz;#root $WEB;#" \
    "$REPO_ROOT/deploy/nginx/bookmeatoz.conf" >"$N/bookmeatoz.conf"
# Every line marked "templated in tests" must have been rewritten (or dropped).
if grep -n 'templated in tests' "$N/bookmeatoz.conf" | grep -E ':(80|443|8083|8084)[ ;]|/etc/|/var/www' ; then
  fail "a templated line of deploy/nginx/bookmeatoz.conf was not rewritten"
fi
cat >"$N/nginx.conf" <<CONF
# e2e wrapper: what Debian's /etc/nginx/nginx.conf provides around sites-enabled/*.
pid $N/nginx.pid;
worker_processes 2;
error_log $N/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path $N/client_body;
    proxy_temp_path $N/proxy;
    fastcgi_temp_path $N/fastcgi;
    uwsgi_temp_path $N/uwsgi;
    scgi_temp_path $N/scgi;
    log_format e2e '\$remote_addr "\$request" \$status up=\$upstream_addr ups=\$upstream_status';
    access_log $N/access.log e2e;
    include $N/bookmeatoz.conf;
}
CONF
check "nginx -t on deploy/nginx/bookmeatoz.conf" nginx -t -p "$N" -c "$N/nginx.conf" -e "$N/error.log"
nginx -p "$N" -c "$N/nginx.conf" -e "$N/error.log" || { fail "nginx did not start"; cat "$N/error.log"; }

# --- database and the two instances ---------------------------------------------------------
DB=bookmeatoz_deploy_$RANDOM$RANDOM
APP_ROLE=bookmeatoz_deploy_app
APP_PASSWORD=$(svc_random_password)
ADMIN_PG="postgresql://$SVC_ADMIN_ROLE:$SVC_ADMIN_PASSWORD@127.0.0.1:$BOOKMEATOZ_TEST_PG_PRIMARY_PORT"
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$ADMIN_PG/$SVC_DATABASE" <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_ROLE') THEN
    CREATE ROLE $APP_ROLE LOGIN PASSWORD '$APP_PASSWORD';
  ELSE
    ALTER ROLE $APP_ROLE PASSWORD '$APP_PASSWORD';
  END IF;
END \$\$;
CREATE DATABASE $DB OWNER $SVC_ADMIN_ROLE;
SQL

# Values in double quotes: valid for systemd's EnvironmentFile and for `set -a; . FILE`.
cat >"$T/instance.env" <<ENV
ASPNETCORE_ENVIRONMENT="Production"
ConnectionStrings__BookMeAtOz="Host=127.0.0.1:$BOOKMEATOZ_TEST_PGBOUNCER_PORT,127.0.0.1:$BOOKMEATOZ_TEST_PG_STANDBY_PORT;Database=$DB;Username=$APP_ROLE;Password=$APP_PASSWORD"
BookMeAtOz__Postgres__MigrationConnectionString="Host=127.0.0.1;Port=$BOOKMEATOZ_TEST_PG_PRIMARY_PORT;Database=$DB;Username=$SVC_ADMIN_ROLE;Password=$SVC_ADMIN_PASSWORD"
BookMeAtOz__Postgres__ApplicationRole="$APP_ROLE"
ConnectionStrings__Redis="$BOOKMEATOZ_TEST_REDIS"
BookMeAtOz__Jwt__SigningKey="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)"
BookMeAtOz__ManageTokens__Secret="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)"
BookMeAtOz__Webhooks__SecretKey="$(head -c 32 /dev/urandom | base64 -w0)"
BookMeAtOz__Tenancy__RootDomains="$DOMAIN"
BookMeAtOz__ForwardedHeaders__KnownProxies="127.0.0.1"
BookMeAtOz__RateLimiting__SignUp__PermitLimit="1000"
BookMeAtOz__RateLimiting__SignIn__PermitLimit="1000"
BookMeAtOz__RateLimiting__Bookings__PermitLimit="100000"
ENV

HOST_DLL=${BOOKMEATOZ_DEPLOY_HOST_DLL:-$REPO_ROOT/samples/BookMeAtOz.Host/bin/Release/net10.0/BookMeAtOz.Host.dll}
# instance.sh start|stop|restart PORT — what systemd does for bookmeatoz@PORT (SIGTERM stop).
cat >"$T/instance.sh" <<SH
#!/usr/bin/env bash
set -euo pipefail
port=\$2
pidf=$T/instance-\$port.pid
stop() {
  if [[ -f \$pidf ]]; then
    pid=\$(cat "\$pidf")
    kill -TERM "\$pid" 2>/dev/null || true
    for _ in \$(seq 1 150); do kill -0 "\$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "\$pid" 2>/dev/null || true
    rm -f "\$pidf"
  fi
}
start() {
  set -a; . "$T/instance.env"; set +a
  export ASPNETCORE_URLS=http://127.0.0.1:\$port
  cd "$REPO_ROOT/samples/BookMeAtOz.Host"
  dotnet "$HOST_DLL" >>"$T/instance-\$port.log" 2>&1 </dev/null &
  echo \$! >"\$pidf"
}
case \$1 in start) start ;; stop) stop ;; restart) stop; start ;; esac
SH
chmod +x "$T/instance.sh"

# Migrate once (deploy.sh's step), then start both instances.
# shellcheck disable=SC1091 # generated above
if (set -a; . "$T/instance.env"; set +a; cd "$REPO_ROOT/samples/BookMeAtOz.Host" && dotnet "$HOST_DLL" migrate) >"$T/migrate.log" 2>&1; then
  pass "migrate command against the primary"
else
  fail "migrate command"; tail -n 20 "$T/migrate.log"
fi
"$T/instance.sh" start "$API1"
"$T/instance.sh" start "$API2"
ready=1
for port in "$API1" "$API2"; do
  for _ in $(seq 1 120); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" == 200 ]] && break
    sleep 0.5
  done
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" == 200 ]] || { ready=0; tail -n 30 "$T/instance-$port.log"; }
done
if ((ready)); then pass "both instances ready ($API1, $API2)"; else fail "instances not ready"; fi

# --- Prometheus: the real config (its targets and intervals templated), scraping both instances, so
# that e2e.py evaluates the dashboard's and alerts' queries against a real server ----------------
PROM_URL=
if command -v prometheus >/dev/null; then
  svc_pick_port PROM_PORT
  P=$T/prometheus
  mkdir -p "$P/data"
  cp "$REPO_ROOT/deploy/prometheus/alerts.yml" "$P/"
  sed -e 's#scrape_interval: 15s#scrape_interval: 1s#' -e 's#evaluation_interval: 15s#evaluation_interval: 1s#' \
      -e "s#\"127.0.0.1:8083\", \"127.0.0.1:8084\"#\"127.0.0.1:$API1\", \"127.0.0.1:$API2\"#" \
      -e "s#127.0.0.1:9090#127.0.0.1:$PROM_PORT#" \
      "$REPO_ROOT/deploy/prometheus/prometheus.yml" >"$P/prometheus.yml"
  if grep -q "127.0.0.1:$API1" "$P/prometheus.yml"; then
    prometheus --config.file="$P/prometheus.yml" --storage.tsdb.path="$P/data" \
      --web.listen-address="127.0.0.1:$PROM_PORT" >"$P/prometheus.log" 2>&1 &
    echo $! >"$T/prometheus.pid"
    PROM_URL=http://127.0.0.1:$PROM_PORT
    echo "prometheus: $PROM_URL"
  else
    fail "the instance targets of deploy/prometheus/prometheus.yml were not templated"
  fi
fi

# --- the end-to-end checks --------------------------------------------------------------------
export E2E_HTTPS_PORT=$HTTPS_PORT E2E_HTTP_PORT=$HTTP_PORT E2E_API1=$API1 E2E_API2=$API2 E2E_DOMAIN=$DOMAIN
export E2E_CA=$T/tls.crt E2E_ACCESS_LOG=$N/access.log E2E_DIR=$T E2E_WEB=$WEB
export E2E_ADMIN_PG="$ADMIN_PG/$DB" E2E_DEPLOY_SH=$REPO_ROOT/deploy/deploy.sh
export E2E_PROM_URL=$PROM_URL
export E2E_PROM_DIR=$REPO_ROOT/deploy/prometheus E2E_GRAFANA=$REPO_ROOT/deploy/grafana/dashboards/bookmeatoz.json
python3 -B "$REPO_ROOT/tests/deployment/e2e.py" >"$T/e2e.out" 2>&1
e2e_rc=$?
cat "$T/e2e.out"
read -r p f s < <(sed -n 's/^E2E-COUNTS //p' "$T/e2e.out" | tail -n 1)
PASSED=$((PASSED + ${p:-0})) FAILED=$((FAILED + ${f:-0})) SKIPPED=$((SKIPPED + ${s:-0}))
if ((e2e_rc != 0 && ${f:-0} == 0)); then fail "e2e.py exited with $e2e_rc"; fi

cleanup
trap - EXIT
"$PG_BIN/psql" -X -q "$ADMIN_PG/$SVC_DATABASE" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true

# --- deploy.sh against a VPS (ssh, rsync, certbot from Pebble, rolling upgrade from the previous
# release), and the pgBackRest restore drill: scripts of their own, each timed ---------------------
for part in vps pitr; do
  part_start=$SECONDS
  bash "$REPO_ROOT/tests/deployment/$part.sh" "$T/$part"
  read -r p f s <"$T/$part/counts" || { p=0 f=1 s=0; }
  PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
  echo "deployment: $part.sh took $((SECONDS - part_start)) s"
done
# --- the scale test's small variant (benchmarks/scale/scale.sh; the full 10,000-tenant run is outside CI): a
# tenant's latencies with 100 more tenants' bookings generated beside its own, on a private PostgreSQL. Its ratio
# bound is loose here (3x: 3-second runs on a shared machine); the full run reports against 1.5x. ------------------
part_start=$SECONDS
check "scale test, small variant (10,000 bookings, then 100 more tenants x 1,000)" env SCALE_HOST_DIR="$(dirname "$HOST_DLL")" \
  SCALE_TENANTS=100 SCALE_DURATION=3s SCALE_ROUNDS=2 SCALE_MAX_RATIO=3 SCALE_RESULTS="$T/scale" bash "$REPO_ROOT/benchmarks/scale/scale.sh"
grep -A10 '^BookMeAtOz scale figures' "$T/check.log" || true
echo "deployment: the scale test took $((SECONDS - part_start)) s"

echo "$PASSED $FAILED $SKIPPED" >"$T/counts"
echo "deployment: $PASSED passed, $FAILED failed, $SKIPPED skipped"
((FAILED == 0))
