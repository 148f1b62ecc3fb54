#!/usr/bin/env bash
# deploy/deploy.sh for real, against a "VPS" made on this machine (called by tests/deployment/run.sh):
#
#   - the VPS: a private sshd on a loopback port with its own host key, a dedicated user made for
#     this run (removed at the end) whose key pair is generated here, and a target root directory
#     (TARGET_ROOT) owned by that user, where deploy.sh puts /opt, /etc, /var. systemd does not run
#     on this machine, so the VPS has a `systemctl` shim (tests/deployment/vps/systemctl) that starts
#     bookmeatoz@PORT from the unit file deploy.sh installed (WorkingDirectory, EnvironmentFile,
#     Environment, ExecStart, SIGTERM stop) and drives nginx; the user owns TARGET_ROOT, so SUDO="".
#   - Pebble (Debian `pebble`, a local ACME server) with pebble-challtestsrv as its DNS server
#     (every name → 127.0.0.1): certbot on the VPS gets a certificate by REAL HTTP-01 validation —
#     Pebble fetches the token from the VPS's nginx, through deploy/nginx's ACME location.
#   - first install: deploy.sh deploy of the PREVIOUS release (see previous_release below), then the
#     upgrade to this checkout under traffic (vps_load.py: one attempt per request, no retry):
#     `deploy.sh ship` (migrations applied while the previous release serves — N-1 compatibility,
#     probed straight on each old instance), then `deploy.sh activate` (rolling restart).
#   - renewal: `certbot renew --force-renewal` on the VPS; its saved deploy hook reloads nginx, and
#     the certificate nginx serves changes serial.
#
#   tests/deployment/vps.sh OUTDIR    # writes OUTDIR/counts: "passed failed skipped"
#
# The previous release: BOOKMEATOZ_PREVIOUS_RELEASE (any commit-ish) or, by default, the newest
# first-parent ancestor of HEAD whose src/BookMeAtOz.PostgreSql/Migrations are a proper prefix of HEAD's —
# the last release that must run on a schema it does not know (docs/deployment.md, expand/contract).
# Its published host is cached in $BOOKMEATOZ_RELEASE_CACHE (~/.cache/bookmeatoz/releases) by commit.
set -uo pipefail

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:?usage: vps.sh OUTDIR}
# shellcheck source=scripts/services.sh
source "$REPO_ROOT/scripts/services.sh"
: "${BOOKMEATOZ_TEST_PG_PRIMARY_PORT:?run from scripts/test.sh}" "${BOOKMEATOZ_TEST_PGBOUNCER_PORT:?}" "${BOOKMEATOZ_TEST_REDIS:?}"

rm -rf "$OUT"
mkdir -p "$OUT"
chmod 755 "$OUT"
T=$OUT
PASSED=0 FAILED=0 SKIPPED=0
echo "0 1 0" >"$T/counts"
pass() { PASSED=$((PASSED + 1)); printf '  PASS  %s\n' "$*"; }
fail() { FAILED=$((FAILED + 1)); printf '  FAIL  %s\n' "$*"; }
skip() { SKIPPED=$((SKIPPED + 1)); printf '  SKIP  %s\n' "$*"; }
finish() {
  echo "$PASSED $FAILED $SKIPPED" >"$T/counts"
  echo "deployment (VPS): $PASSED passed, $FAILED failed, $SKIPPED skipped"
  exit $((FAILED > 0))
}
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

VPS=$T/vps
VPS_USER=bmzvps$$
PIDS=()
cleanup() {
  set +e
  [[ -n ${LOAD_PID:-} ]] && kill "$LOAD_PID" 2>/dev/null
  for f in "$VPS"/run/*.pid; do [[ -f $f ]] && kill -TERM "$(cat "$f")" 2>/dev/null; done
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  sleep 1
  for f in "$VPS"/run/*.pid; do [[ -f $f ]] && kill -KILL "$(cat "$f")" 2>/dev/null; done
  # Anything else the run's own user still runs (by PID; the user exists only for this run).
  for p in $(pgrep -u "$VPS_USER" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
  id "$VPS_USER" >/dev/null 2>&1 && userdel "$VPS_USER" 2>/dev/null
  [[ -n ${DB:-} ]] && "$PG_BIN/psql" -X -q "$ADMIN_PG/$SVC_DATABASE" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
}
trap cleanup EXIT

echo "deploy.sh against a VPS on loopback ($T)"
for tool in sshd rsync pebble pebble-challtestsrv certbot nginx openssl; do
  if ! command -v "$tool" >/dev/null && [[ ! -x /usr/sbin/$tool ]]; then
    fail "$tool not installed (sudo bash scripts/bootstrap.sh deployment)"
    finish
  fi
done

# --- the two releases -------------------------------------------------------------------------
previous_release() {
  # A release's migrations are a proper prefix of HEAD's: the same files (same contents), in version order, and fewer.
  # A commit whose set is not (a branch merged with a later-numbered migration before an earlier one, or a migration
  # edited before it was released) was never a state that could be deployed and upgraded, so it is passed over.
  local dir=src/BookMeAtOz.PostgreSql/Migrations cur cand c
  cur=$(git -C "$REPO_ROOT" ls-tree HEAD "$dir/" 2>/dev/null | sort -k4) || return 1
  [[ -n $cur ]] || return 1
  for c in $(git -C "$REPO_ROOT" rev-list --first-parent --max-count=500 HEAD~1 2>/dev/null); do
    cand=$(git -C "$REPO_ROOT" ls-tree "$c" "$dir/" 2>/dev/null | sort -k4)
    if [[ -n $cand && $cand != "$cur" && $cur == "$cand"$'\n'* ]]; then
      echo "$c"
      return 0
    fi
  done
  return 1
}
PREV=${BOOKMEATOZ_PREVIOUS_RELEASE:-$(previous_release || true)}
if [[ -n $PREV ]]; then PREV=$(git -C "$REPO_ROOT" rev-parse --verify "$PREV^{commit}" 2>/dev/null || true); fi
if [[ -z $PREV ]]; then
  skip "no previous release in this clone (shallow? set BOOKMEATOZ_PREVIOUS_RELEASE): first install is this checkout, N-1 not checked"
fi
CACHE=${BOOKMEATOZ_RELEASE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bookmeatoz/releases}
build_start=$(now)
if [[ -n $PREV ]]; then
  echo "previous release: $(git -C "$REPO_ROOT" log -1 --format='%h %s' "$PREV" | cut -c1-100)"
  PREV_BUILD=$CACHE/$PREV
  if [[ ! -f $PREV_BUILD/app/BookMeAtOz.Host.dll ]]; then
    src=$T/prev-src
    mkdir -p "$src"
    git -C "$REPO_ROOT" archive "$PREV" | tar -x -C "$src"
    if SOURCE_DIR=$src BUILD_DIR=$T/prev-build DEPLOY_WEB=0 bash "$REPO_ROOT/deploy/deploy.sh" build >"$T/build-prev.log" 2>&1; then
      mkdir -p "$CACHE" && rm -rf "$PREV_BUILD" && cp -a "$T/prev-build" "$PREV_BUILD"
    else
      fail "deploy.sh build of the previous release $PREV"; tail -n 20 "$T/build-prev.log"; finish
    fi
    rm -rf "$src"
  fi
fi
if BUILD_DIR=$T/build-new DEPLOY_WEB=0 bash "$REPO_ROOT/deploy/deploy.sh" build >"$T/build-new.log" 2>&1; then
  pass "deploy.sh build (this checkout${PREV:+ and the previous release}) in $(secs "$build_start") s"
else
  fail "deploy.sh build of this checkout"; tail -n 20 "$T/build-new.log"; finish
fi
FIRST_BUILD=${PREV_BUILD:-$T/build-new}

# --- ports ------------------------------------------------------------------------------------
for v in SSH_PORT HTTP_PORT HTTPS_PORT API1 API2 ACME_PORT ACME_MGMT DNS_PORT DNS_MGMT; do svc_pick_port "$v"; done

# --- the VPS: user, keys, sshd, root ----------------------------------------------------------
mkdir -p "$T/keys" "$VPS/home" "$VPS/usr/local/bin" "$VPS/etc/nginx" "$VPS/etc/bookmeatoz" "$VPS/run" "$VPS/var/log/nginx"
# '*': no password, but not locked ('!'), which sshd would refuse even for a key.
if ! { useradd -M -d "$VPS/home" -s /bin/bash -U "$VPS_USER" && usermod -p '*' "$VPS_USER"; }; then
  fail "useradd $VPS_USER"; finish
fi
ssh-keygen -q -t ed25519 -N '' -C "sshd of the e2e VPS" -f "$T/keys/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C "deploy key of the e2e run" -f "$T/keys/deploy"
mkdir -p "$VPS/home/.ssh"
cp "$T/keys/deploy.pub" "$VPS/home/.ssh/authorized_keys"
echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$T/keys/host_ed25519.pub")" >"$T/keys/known_hosts"
cat >"$T/keys/sshd_config" <<CONF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $T/keys/host_ed25519
PidFile $T/keys/sshd.pid
AllowUsers $VPS_USER
AuthorizedKeysFile $VPS/home/.ssh/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin no
# The VPS's home lies under a temporary directory (/tmp is group/world-writable).
StrictModes no
Subsystem sftp internal-sftp
CONF
install -m 755 "$REPO_ROOT/tests/deployment/vps/systemctl" "$VPS/usr/local/bin/systemctl"
cat >"$VPS/usr/local/bin/nginx" <<SH
#!/bin/sh
# nginx of the VPS: Debian's binary, the VPS's prefix and nginx.conf.
exec /usr/sbin/nginx -p $VPS/etc/nginx/ -c $VPS/etc/nginx/nginx.conf -e $VPS/var/log/nginx/error.log "\$@"
SH
chmod 755 "$VPS/usr/local/bin/nginx"
cat >"$VPS/etc/nginx/nginx.conf" <<CONF
# What Debian's /etc/nginx/nginx.conf provides around sites-enabled/* (no \`user\`: the master runs
# as the VPS's user, on unprivileged ports).
pid $VPS/run/nginx.pid;
worker_processes 2;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path $VPS/var/lib/nginx/body;
    proxy_temp_path $VPS/var/lib/nginx/proxy;
    fastcgi_temp_path $VPS/var/lib/nginx/fastcgi;
    uwsgi_temp_path $VPS/var/lib/nginx/uwsgi;
    scgi_temp_path $VPS/var/lib/nginx/scgi;
    log_format e2e '\$time_iso8601 "\$request" \$status up=\$upstream_addr ups=\$upstream_status';
    access_log $VPS/var/log/nginx/access.log e2e;
    include $VPS/etc/nginx/sites-enabled/*;
}
CONF
mkdir -p "$VPS/var/lib/nginx"

# --- database and the instances' settings (what the operator puts in place once, before deploying)
DB=bookmeatoz_vps_$RANDOM$RANDOM
APP_ROLE=bookmeatoz_vps_app
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
DOMAIN=bookmeatoz.test
cat >"$VPS/etc/bookmeatoz/bookmeatoz.env" <<ENV
ConnectionStrings__BookMeAtOz="Host=127.0.0.1;Port=$BOOKMEATOZ_TEST_PGBOUNCER_PORT;Database=$DB;Username=$APP_ROLE;Password=$APP_PASSWORD"
BookMeAtOz__Postgres__MigrationConnectionString="Host=127.0.0.1;Port=$BOOKMEATOZ_TEST_PG_PRIMARY_PORT;Database=$DB;Username=$SVC_ADMIN_ROLE;Password=$SVC_ADMIN_PASSWORD"
BookMeAtOz__Postgres__ApplicationRole="$APP_ROLE"
ConnectionStrings__Redis="$BOOKMEATOZ_TEST_REDIS"
BookMeAtOz__Jwt__SigningKey="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)"
BookMeAtOz__ManageTokens__Secret="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)"
BookMeAtOz__Webhooks__SecretKey="$(head -c 32 /dev/urandom | base64 -w0)"
BookMeAtOz__Tenancy__RootDomains="$DOMAIN"
BookMeAtOz__ForwardedHeaders__KnownProxies="127.0.0.1"
BookMeAtOz__RateLimiting__SignUp__PermitLimit="1000"
BookMeAtOz__RateLimiting__Bookings__PermitLimit="100000"
HOME="$VPS/home"
DOTNET_CLI_HOME="$VPS/home"
ENV
chmod 600 "$VPS/etc/bookmeatoz/bookmeatoz.env"
chown -R "$VPS_USER:$VPS_USER" "$VPS"

mkdir -p /run/sshd # sshd's privilege-separation directory (the Debian package's tmpfiles.d creates it)
/usr/sbin/sshd -t -f "$T/keys/sshd_config" >"$T/sshd.log" 2>&1 || { fail "sshd -t"; cat "$T/sshd.log"; finish; }
/usr/sbin/sshd -D -e -f "$T/keys/sshd_config" >>"$T/sshd.log" 2>&1 &
PIDS+=($!)
SSH_OPTS="-p $SSH_PORT -i $T/keys/deploy -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$T/keys/known_hosts -o LogLevel=ERROR"
for _ in $(seq 1 100); do
  # shellcheck disable=SC2086
  ssh $SSH_OPTS "$VPS_USER@127.0.0.1" true 2>/dev/null && break
  sleep 0.1
done
# shellcheck disable=SC2086
if [[ "$(ssh $SSH_OPTS "$VPS_USER@127.0.0.1" 'id -un')" == "$VPS_USER" ]]; then
  pass "ssh to the VPS as $VPS_USER (key auth, host key pinned in known_hosts)"
else
  fail "ssh to the VPS"; cat "$T/sshd.log"; finish
fi

# --- Pebble: ACME server with its own DNS (pebble-challtestsrv: every name → 127.0.0.1) --------
P=$T/pebble
mkdir -p "$P"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=e2e Pebble listener CA" -keyout "$P/ca.key" -out "$P/ca.pem" >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$P/key.pem" -out "$P/csr.pem" >/dev/null 2>&1
openssl x509 -req -in "$P/csr.pem" -CA "$P/ca.pem" -CAkey "$P/ca.key" -CAcreateserial -days 2 \
  -extfile <(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n') -out "$P/cert.pem" >/dev/null 2>&1
cat >"$P/pebble.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$ACME_PORT", "managementListenAddress": "127.0.0.1:$ACME_MGMT",
  "certificate": "$P/cert.pem", "privateKey": "$P/key.pem",
  "httpPort": $HTTP_PORT, "tlsPort": $HTTPS_PORT, "ocspResponderURL": "", "externalAccountBindingRequired": false}}
JSON
chmod -R a+rX "$P"
chmod 600 "$P/ca.key" "$P/key.pem"
pebble-challtestsrv -dns01 "127.0.0.1:$DNS_PORT" -http01 "" -https01 "" -tlsalpn01 "" \
  -management "127.0.0.1:$DNS_MGMT" -defaultIPv4 127.0.0.1 -defaultIPv6 "" >"$P/dns.log" 2>&1 &
PIDS+=($!)
PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 pebble -config "$P/pebble.json" -dnsserver "127.0.0.1:$DNS_PORT" >"$P/pebble.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do curl -s --cacert "$P/ca.pem" -o /dev/null "https://127.0.0.1:$ACME_PORT/dir" && break; sleep 0.1; done
curl -s --cacert "$P/ca.pem" -o /dev/null "https://127.0.0.1:$ACME_PORT/dir" || { fail "Pebble did not start"; tail "$P/pebble.log" "$P/dns.log"; finish; }

# --- deploy.sh's settings for this VPS --------------------------------------------------------
export DEPLOY_HOST="$VPS_USER@127.0.0.1" DEPLOY_SSH_OPTS="$SSH_OPTS" DOMAIN INSTANCES="$API1 $API2"
export TARGET_ROOT=$VPS SUDO="" SYSTEMCTL=$VPS/usr/local/bin/systemctl NGINX=$VPS/usr/local/bin/nginx
export HTTP_LISTEN=127.0.0.1:$HTTP_PORT HTTPS_LISTEN=127.0.0.1:$HTTPS_PORT NGINX_IPV6=0 DEPLOY_WEB=0
export CERTBOT_OPTS="--server https://127.0.0.1:$ACME_PORT/dir" CERTBOT_ENV="REQUESTS_CA_BUNDLE=$P/ca.pem"
# HTTP-01 cannot give a wildcard (production gets *.DOMAIN by DNS-01, docs/deployment.md): the one
# tenant of this test is named on the certificate instead. (A slug of its own per run: the Redis of
# scripts/test.sh is shared, and caches slugs.)
SLUG=shop$RANDOM$RANDOM
export CERTBOT_EMAIL="ops@$DOMAIN" CERTBOT_DOMAINS="$DOMAIN www.$DOMAIN $SLUG.$DOMAIN"

served_cert() { # the certificate nginx serves for DOMAIN, PEM
  openssl s_client -connect "127.0.0.1:$HTTPS_PORT" -servername "$DOMAIN" </dev/null 2>/dev/null | openssl x509 2>/dev/null
}
pebble_roots() { # Pebble's current root (and intermediate) for verifying what nginx serves
  : >"$P/roots.pem"
  curl -s --cacert "$P/ca.pem" "https://127.0.0.1:$ACME_MGMT/roots/0" >>"$P/roots.pem"
  curl -s --cacert "$P/ca.pem" "https://127.0.0.1:$ACME_MGMT/intermediates/0" >>"$P/roots.pem"
}

# --- first install: the previous release ------------------------------------------------------
t0=$(now)
if SKIP_BUILD=1 BUILD_DIR=$FIRST_BUILD bash "$REPO_ROOT/deploy/deploy.sh" deploy >"$T/deploy-1.log" 2>&1; then
  pass "first install: deploy.sh deploy over ssh/rsync of ${PREV:+the previous release }$(basename "$FIRST_BUILD") in $(secs "$t0") s (nginx, certbot, migrate, both instances)"
else
  fail "first install: deploy.sh deploy"; tail -n 30 "$T/deploy-1.log"; finish
fi
sed 's/^/        /' "$T/deploy-1.log" | grep '\[deploy\]'
pebble_roots
served_cert >"$T/cert-1.pem"
serial1=$(openssl x509 -in "$T/cert-1.pem" -noout -serial 2>/dev/null)
issuer1=$(openssl x509 -in "$T/cert-1.pem" -noout -issuer 2>/dev/null)
if grep -q 'Pebble' <<<"$issuer1" && openssl verify -CAfile "$P/roots.pem" "$T/cert-1.pem" >/dev/null 2>&1 &&
   openssl x509 -in "$T/cert-1.pem" -noout -ext subjectAltName 2>/dev/null | grep -q "DNS:$SLUG.$DOMAIN"; then
  pass "certbot got a certificate from Pebble by HTTP-01 through nginx's ACME location; nginx serves it ($serial1, $issuer1)"
else
  fail "served certificate is not Pebble's: $issuer1"; tail -n 20 "$VPS/var/log/letsencrypt/letsencrypt.log" 2>/dev/null
fi
if grep -q 'GET /.well-known/acme-challenge/' "$VPS/var/log/nginx/access.log" 2>/dev/null; then
  pass "Pebble's validation request reached nginx's /.well-known/acme-challenge/ ($(grep -c 'GET /.well-known/acme-challenge/' "$VPS/var/log/nginx/access.log") requests, $(grep 'acme-challenge' "$VPS/var/log/nginx/access.log" | awk '{print $(NF-2)}' | sort -u | tr '\n' ' '))"
else
  fail "no ACME challenge request in the VPS's nginx access log"
fi
if [[ "$("$SYSTEMCTL" is-active "bookmeatoz@$API1") $("$SYSTEMCTL" is-active "bookmeatoz@$API2")" == "active active" ]] &&
   [[ "$(readlink "$VPS/opt/bookmeatoz/current")" == */releases/* ]]; then
  pass "both instances running from $VPS/opt/bookmeatoz/current → $(basename "$(readlink "$VPS/opt/bookmeatoz/current")")"
else
  fail "instances not running after the first install"
fi

export VPS_HTTPS=$HTTPS_PORT VPS_DOMAIN=$DOMAIN VPS_CA=$P/roots.pem VPS_SLUG=$SLUG
if python3 -B "$REPO_ROOT/tests/deployment/vps_load.py" setup "$T/load-state.json" >"$T/load-setup.log" 2>&1; then
  pass "sign-up, staff, schedule, service through the VPS's nginx over HTTPS (Pebble's certificate verified)"
else
  fail "setup through the VPS's nginx"; cat "$T/load-setup.log"; finish
fi

# --- the upgrade under traffic ----------------------------------------------------------------
rm -f "$T/load.stop"
python3 -B "$REPO_ROOT/tests/deployment/vps_load.py" run "$T/load-state.json" "$T/load.stop" >"$T/load.out" 2>&1 &
LOAD_PID=$!
sleep 2 # traffic flowing before the upgrade starts (not an assertion)
t0=$(now)
old_pids="$(cat "$VPS/run/bookmeatoz@$API1.pid") $(cat "$VPS/run/bookmeatoz@$API2.pid")"
if SKIP_BUILD=1 BUILD_DIR=$T/build-new bash "$REPO_ROOT/deploy/deploy.sh" ship >"$T/deploy-2.log" 2>&1; then
  pass "upgrade, ship: this checkout copied and migrated while the previous release serves"
else
  fail "upgrade: deploy.sh ship"; tail -n 30 "$T/deploy-2.log"
fi
if [[ -n $PREV ]]; then
  for port in $API1 $API2; do
    out=$(python3 -B "$REPO_ROOT/tests/deployment/vps_load.py" probe "$T/load-state.json" "$port" 2>&1 | tail -n 3)
    if [[ $out == "PROBE ok" ]]; then
      pass "N-1: the previous release on instance $port serves availability and a booking on the migrated schema"
    else
      fail "N-1: the previous release on instance $port on the migrated schema: $out"
    fi
  done
fi
if SKIP_BUILD=1 BUILD_DIR=$T/build-new bash "$REPO_ROOT/deploy/deploy.sh" activate >>"$T/deploy-2.log" 2>&1; then
  pass "upgrade, activate: rolling restart onto this checkout in $(secs "$t0") s (ship + activate)"
else
  fail "upgrade: deploy.sh activate"; tail -n 30 "$T/deploy-2.log"
fi
sed 's/^/        /' "$T/deploy-2.log" | grep '\[deploy\]'
sleep 2 # traffic after the upgrade too
touch "$T/load.stop"
wait "$LOAD_PID"
LOAD_PID=
sed 's/^/        /' "$T/load.out"
read -r _ total failed < <(grep '^LOAD ' "$T/load.out")
read -r _ acked _ missing _ dups < <(grep '^ACKED ' "$T/load.out")
new_pids="$(cat "$VPS/run/bookmeatoz@$API1.pid") $(cat "$VPS/run/bookmeatoz@$API2.pid")"
# Requests nginx moved to the other instance (the first one refused the connection: never sent, so
# safe for a POST too) — what keeps the count of failed requests at zero.
moved=$(grep -c 'ups=[0-9]*, ' "$VPS/var/log/nginx/access.log" 2>/dev/null)
if [[ -n ${total:-} && $total -gt 0 && $failed == 0 ]]; then
  pass "zero failed requests during the upgrade: $total requests through nginx, one attempt each, 0 failed ($moved moved by nginx to the other instance)"
else
  fail "requests failed during the upgrade: ${failed:-?} of ${total:-?}"
fi
if [[ ${missing:-1} == 0 && ${dups:-1} == 0 && ${acked:-0} -gt 0 ]]; then
  pass "every one of the $acked bookings acknowledged during the upgrade is listed exactly once"
else
  fail "bookings acknowledged during the upgrade: missing ${missing:-?}, duplicates ${dups:-?}"
fi
if [[ $old_pids != "$new_pids" ]] && for p in $old_pids; do ! kill -0 "$p" 2>/dev/null || exit 1; done; then
  pass "both instances replaced (pids $old_pids → $new_pids), running $(basename "$(readlink "$VPS/opt/bookmeatoz/current")")"
else
  fail "instances not replaced: $old_pids → $new_pids"
fi

# --- renewal: certbot renew --force-renewal, the deploy hook reloads nginx -------------------------
# shellcheck disable=SC2086,SC2029 # the paths are this side's, on purpose
if ssh $SSH_OPTS "$DEPLOY_HOST" "env REQUESTS_CA_BUNDLE=$P/ca.pem certbot renew --force-renewal --non-interactive --no-random-sleep-on-renew \
     --config-dir $VPS/etc/letsencrypt --work-dir $VPS/var/lib/letsencrypt --logs-dir $VPS/var/log/letsencrypt" >"$T/renew.log" 2>&1; then
  serial2=
  for _ in $(seq 1 50); do # nginx's workers pick the new certificate up on reload
    served_cert >"$T/cert-2.pem"
    serial2=$(openssl x509 -in "$T/cert-2.pem" -noout -serial 2>/dev/null)
    [[ -n $serial2 && $serial2 != "$serial1" ]] && break
    sleep 0.2
  done
  hook=$(grep -o 'Running deploy-hook command: .*' "$VPS/var/log/letsencrypt/letsencrypt.log" | tail -n 1)
  if [[ -n $serial2 && $serial2 != "$serial1" && $hook == *"reload nginx"* ]] && openssl verify -CAfile "$P/roots.pem" "$T/cert-2.pem" >/dev/null 2>&1; then
    pass "certbot renew --force-renewal: the deploy hook saved at issuance ran (… reload nginx), nginx serves the new certificate ($serial1 → $serial2)"
  else
    fail "renewal: served serial $serial1 → ${serial2:-none}; hook: ${hook:-not run}"; tail -n 15 "$T/renew.log"
  fi
else
  fail "certbot renew --force-renewal"; tail -n 20 "$T/renew.log"
fi

cleanup
trap - EXIT
DB=
finish
