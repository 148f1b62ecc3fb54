#!/usr/bin/env bash
# BookMeAtOz — build, copy to a VPS over ssh/rsync, migrate once, rolling restart gated on
# /health/ready, and a Let's Encrypt certificate with certbot through nginx's ACME location.
#
#   deploy/deploy.sh deploy            # build, then `ship` and `activate` (the whole thing; the first
#                                      # install and every upgrade alike)
#   deploy/deploy.sh build             # only build: .NET publish to $BUILD_DIR/app, web app to $BUILD_DIR/web
#   deploy/deploy.sh ship              # copy $BUILD_DIR as a new release, install the nginx/systemd/
#                                      # logrotate files, start or reload nginx, obtain the certificate
#                                      # if there is none, migrate (expand only: the running instances
#                                      # keep serving on the new schema), no restart
#   deploy/deploy.sh activate          # point current at the newest release, rolling restart
#   deploy/deploy.sh rolling-restart   # on the VPS itself (or anywhere $RESTART_CMD works): restart
#                                      # the instances one at a time, each gated on /health/ready
#
# Settings (environment; defaults in brackets):
#   DEPLOY_HOST            ssh target, e.g. deploy@bookmeatoz.online             [required for ship/activate]
#   DEPLOY_SSH_OPTS        extra ssh options (port, key, known_hosts)             []
#   DOMAIN                 the site's domain                                      [bookmeatoz.online]
#   INSTANCES              instance ports, one systemd unit bookmeatoz@PORT each; [8083 8084]
#                          nginx's upstreams are written from this list
#   APP_DIR                where the releases live on the VPS                     [/opt/bookmeatoz]
#   WEB_ROOT               where nginx serves the web app from                    [/var/www/bookmeatoz]
#   ENV_FILE               the instances' EnvironmentFile on the VPS              [/etc/bookmeatoz/bookmeatoz.env]
#   APP_USER               the instances' user (runs `migrate`)                   [bookmeatoz]
#   SOURCE_DIR             the checkout to build                                  [this repository]
#   BUILD_DIR              local build output                                     [artifacts/deploy]
#   DEPLOY_WEB             1: build and ship the web app (samples/BookMeAtOz.Web)  [1]
#   SKIP_BUILD             1: `deploy` ships $BUILD_DIR as it is                   [0]
#   HTTP_LISTEN            nginx's `listen` for HTTP (ACME + redirect)            [80]
#   HTTPS_LISTEN           nginx's `listen` for HTTPS                             [443]
#   NGINX_IPV6             1: also listen on [::]                                 [1]
#   CERTBOT                1: obtain a certificate when the VPS has none           [1]
#   CERTBOT_DOMAINS        names on the certificate (HTTP-01: no wildcard)         [$DOMAIN www.$DOMAIN]
#   CERTBOT_EMAIL          ACME account e-mail                                    [none: --register-unsafely-without-email]
#   CERTBOT_OPTS           more certbot options (e.g. --staging, --server URL)    []
#   CERTBOT_ENV            environment for certbot on the VPS (e.g. REQUESTS_CA_BUNDLE=…) []
#   TARGET_ROOT            prefix of every path on the VPS                         []
#                          (empty on a real VPS; the deployment test emulates a VPS in a directory)
#   SUDO                   privilege prefix on the VPS ("" when the deploy user    [sudo]
#                          owns TARGET_ROOT, as in the test)
#   SYSTEMCTL              systemctl on the VPS (the test's VPS has a shim)         [systemctl]
#   NGINX                  nginx on the VPS                                        [nginx]
#   RESTART_CMD            restart one instance; {port} is replaced                [$SUDO $SYSTEMCTL restart bookmeatoz@{port}]
#   READY_URL              readiness URL of one instance; {port} is replaced      [http://127.0.0.1:{port}/health/ready]
#   READY_TIMEOUT          seconds to wait for one instance to become ready        [90]
#   SETTLE_SECONDS         pause after an instance is ready, before the next one   [5]
#                          (longer than nginx's fail_timeout=3s: nginx must take the
#                          restarted instance back before the next one goes down)
#
# Rolling restart: nginx sends each request to a live instance (proxy_next_upstream on connect
# errors / 502 / 503), so restarting one instance at a time, and waiting until it answers
# /health/ready before touching the next, keeps the site up. systemd stops an instance with
# SIGTERM; Kestrel stops accepting, finishes in-flight requests (TimeoutStopSec), then exits.
# Migrations run before the restart, while the previous release serves: they must follow the
# expand/contract rule (docs/deployment.md), which the deployment test enforces.
set -euo pipefail

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]:-$0}")/.." && pwd)

DOMAIN=${DOMAIN:-bookmeatoz.online}
INSTANCES=${INSTANCES:-"8083 8084"}
TARGET_ROOT=${TARGET_ROOT:-}
APP_DIR=${APP_DIR:-$TARGET_ROOT/opt/bookmeatoz}
WEB_ROOT=${WEB_ROOT:-$TARGET_ROOT/var/www/bookmeatoz}
ENV_FILE=${ENV_FILE:-$TARGET_ROOT/etc/bookmeatoz/bookmeatoz.env}
APP_USER=${APP_USER:-bookmeatoz}
SOURCE_DIR=${SOURCE_DIR:-$REPO_ROOT}
BUILD_DIR=${BUILD_DIR:-$REPO_ROOT/artifacts/deploy}
DEPLOY_WEB=${DEPLOY_WEB:-1}
SKIP_BUILD=${SKIP_BUILD:-0}
HTTP_LISTEN=${HTTP_LISTEN:-80}
HTTPS_LISTEN=${HTTPS_LISTEN:-443}
NGINX_IPV6=${NGINX_IPV6:-1}
CERTBOT=${CERTBOT:-1}
CERTBOT_DOMAINS=${CERTBOT_DOMAINS:-"$DOMAIN www.$DOMAIN"}
CERTBOT_EMAIL=${CERTBOT_EMAIL:-}
CERTBOT_OPTS=${CERTBOT_OPTS:-}
CERTBOT_ENV=${CERTBOT_ENV:-}
SUDO=${SUDO-sudo}
SYSTEMCTL=${SYSTEMCTL:-systemctl}
NGINX=${NGINX:-nginx}
RESTART_CMD=${RESTART_CMD:-"$SUDO $SYSTEMCTL restart bookmeatoz@{port}"}
READY_URL=${READY_URL:-"http://127.0.0.1:{port}/health/ready"}
READY_TIMEOUT=${READY_TIMEOUT:-90}
SETTLE_SECONDS=${SETTLE_SECONDS:-5}
DEPLOY_SSH_OPTS=${DEPLOY_SSH_OPTS:-}

# Paths on the VPS.
T_ETC=$TARGET_ROOT/etc
LE_DIR=$T_ETC/letsencrypt
ACME_ROOT=$TARGET_ROOT/var/www/letsencrypt
STAGE=$TARGET_ROOT/var/lib/bookmeatoz/incoming

log() { printf '[deploy] %s\n' "$*" >&2; }
die() { printf '[deploy] ERROR: %s\n' "$*" >&2; exit 1; }

# wait_ready PORT: polls the instance's readiness URL until it answers 200, or fails.
wait_ready() {
  local port=$1 url deadline
  url=${READY_URL//\{port\}/$port}
  deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    if [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" || true)" == 200 ]]; then
      return 0
    fi
    sleep 0.5
  done
  return 1
}

# rolling_restart: one instance at a time; stops at the first instance that does not come back
# ready, leaving the others (still on the old or already on the new build) serving.
rolling_restart() {
  local port cmd
  for port in $INSTANCES; do
    cmd=${RESTART_CMD//\{port\}/$port}
    log "restarting instance $port: $cmd"
    bash -c "$cmd" || die "restart of instance $port failed"
    if ! wait_ready "$port"; then
      die "instance $port not ready within ${READY_TIMEOUT}s; the remaining instances were not restarted"
    fi
    log "instance $port ready"
    sleep "$SETTLE_SECONDS"
  done
  log "rolling restart done: $INSTANCES"
}

build() {
  log "publishing the reference host of $SOURCE_DIR to $BUILD_DIR/app"
  rm -rf "$BUILD_DIR"
  mkdir -p "$BUILD_DIR"
  dotnet publish "$SOURCE_DIR/samples/BookMeAtOz.Host/BookMeAtOz.Host.csproj" -c Release \
    -o "$BUILD_DIR/app" --nologo -v q
  local web=$SOURCE_DIR/samples/BookMeAtOz.Web
  if [[ $DEPLOY_WEB != 1 ]]; then
    log "DEPLOY_WEB=$DEPLOY_WEB: web app not built"
  elif [[ -f $web/package.json ]]; then
    log "building the web app"
    (cd "$web" && npm ci --no-audit --no-fund && npm run build)
    cp -a "$web/dist" "$BUILD_DIR/web"
  else
    log "no web app in samples/BookMeAtOz.Web; skipping"
  fi
}

# render_nginx CERT KEY: deploy/nginx/bookmeatoz.conf for this VPS on stdout — the domain, listen
# ports, one upstream `server` per instance in $INSTANCES, the certificate and the paths under
# TARGET_ROOT. Only the lines marked "templated in tests" carry any of these.
render_nginx() {
  local cert=$1 key=$2 servers='' port
  for port in $INSTANCES; do
    servers+="    server 127.0.0.1:$port max_fails=1 fail_timeout=3s;\\n"
  done
  sed -e "s#listen 80; #listen $HTTP_LISTEN; #" \
      -e "s#listen 443 ssl http2#listen $HTTPS_LISTEN ssl http2#" \
      -e "$([[ $NGINX_IPV6 == 1 ]] && echo ':' || echo '/listen \[::\]/d')" \
      -e '/server 127.0.0.1:8084 .*templated in tests/d' \
      -e "s#^    server 127.0.0.1:8083 .*templated in tests\$#${servers%\\n}#" \
      -e "s#/etc/nginx/bookmeatoz/#$T_ETC/nginx/bookmeatoz/#" \
      -e "s#/etc/letsencrypt/live/bookmeatoz.online/fullchain.pem#$cert#" \
      -e "s#/etc/letsencrypt/live/bookmeatoz.online/privkey.pem#$key#" \
      -e "s#root /var/www/letsencrypt;#root $ACME_ROOT;#" \
      -e "s#root /var/www/bookmeatoz;#root $WEB_ROOT;#" \
      -e "s#bookmeatoz\\.online#$DOMAIN#g" \
      "$REPO_ROOT/deploy/nginx/bookmeatoz.conf"
}

remote() {
  # shellcheck disable=SC2086,SC2029 # DEPLOY_SSH_OPTS is a list of options; "$@" is meant for the remote shell
  ssh $DEPLOY_SSH_OPTS "$DEPLOY_HOST" "$@"
}

rsync_to() { # rsync_to SRC DEST [rsync options…]
  local src=$1 dest=$2 opts=()
  shift 2
  [[ -n $SUDO ]] && opts+=(--rsync-path="$SUDO rsync")
  rsync -az "$@" "${opts[@]}" -e "ssh $DEPLOY_SSH_OPTS" "$src" "$DEPLOY_HOST:$dest"
}

# ship: a new release next to the running one; the running instances are not touched.
ship() {
  [[ -n ${DEPLOY_HOST:-} ]] || die "DEPLOY_HOST is not set (e.g. deploy@bookmeatoz.online)"
  [[ -f $BUILD_DIR/app/BookMeAtOz.Host.dll ]] || die "no build in $BUILD_DIR (deploy/deploy.sh build)"
  local release live_cert=$LE_DIR/live/$DOMAIN/fullchain.pem live_key=$LE_DIR/live/$DOMAIN/privkey.pem
  local boot_dir=$T_ETC/bookmeatoz/tls-bootstrap have_cert
  release=$(date -u +%Y%m%d%H%M%S)
  log "shipping release $release to $DEPLOY_HOST${TARGET_ROOT:+ (target root $TARGET_ROOT)}"
  remote "set -e
    $SUDO test -f $ENV_FILE || { echo 'no $ENV_FILE on the VPS (see docs/deployment.md, Settings)' >&2; exit 1; }
    $SUDO mkdir -p $APP_DIR/releases/$release $WEB_ROOT $ACME_ROOT $STAGE $T_ETC/nginx/bookmeatoz/snippets \
      $T_ETC/nginx/sites-available $T_ETC/nginx/sites-enabled $T_ETC/systemd/system $T_ETC/logrotate.d
    $SUDO chown -R \$(id -un) $APP_DIR/releases/$release $STAGE"
  # /etc/letsencrypt/live is root's alone (700): look with sudo.
  have_cert=$(remote "$SUDO test -f $live_cert && echo yes || echo no")

  local stage_local
  stage_local=$(mktemp -d)
  # shellcheck disable=SC2064 # expand now
  trap "rm -rf '$stage_local'" EXIT
  cp -a "$REPO_ROOT/deploy/." "$stage_local/"
  render_nginx "$live_cert" "$live_key" >"$stage_local/site.conf"
  render_nginx "$boot_dir/fullchain.pem" "$boot_dir/privkey.pem" >"$stage_local/site-bootstrap.conf"

  rsync_to "$BUILD_DIR/app/" "$APP_DIR/releases/$release/" --delete
  rsync_to "$stage_local/" "$STAGE/" --delete
  if [[ $have_cert != yes ]]; then
    # nginx cannot start on a certificate that does not exist yet: until certbot has one, a
    # throwaway self-signed certificate stands in (HTTP, where ACME validates, does not need it).
    log "no certificate for $DOMAIN yet: nginx starts on a self-signed stand-in"
    remote "set -e
      $SUDO mkdir -p $boot_dir
      test -f $boot_dir/fullchain.pem || $SUDO openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj /CN=$DOMAIN \
        -keyout $boot_dir/privkey.pem -out $boot_dir/fullchain.pem 2>/dev/null
      $SUDO install -m 644 $STAGE/site-bootstrap.conf $T_ETC/nginx/sites-available/bookmeatoz.conf"
  else
    remote "$SUDO install -m 644 $STAGE/site.conf $T_ETC/nginx/sites-available/bookmeatoz.conf"
  fi
  remote "set -e
    $SUDO install -m 644 $STAGE/systemd/bookmeatoz@.service $T_ETC/systemd/system/
    $SUDO install -m 644 $STAGE/logrotate/bookmeatoz $T_ETC/logrotate.d/bookmeatoz
    $SUDO install -m 644 $STAGE/nginx/cloudflare-real-ip.conf $T_ETC/nginx/bookmeatoz/
    $SUDO install -m 644 $STAGE/nginx/snippets/*.conf $T_ETC/nginx/bookmeatoz/snippets/
    $SUDO ln -sfn $T_ETC/nginx/sites-available/bookmeatoz.conf $T_ETC/nginx/sites-enabled/bookmeatoz.conf
    $SUDO $SYSTEMCTL daemon-reload
    $SUDO $NGINX -t -q
    if $SYSTEMCTL is-active --quiet nginx; then $SUDO $SYSTEMCTL reload nginx; else $SUDO $SYSTEMCTL start nginx; fi"

  if [[ $have_cert != yes && $CERTBOT == 1 ]]; then
    certificate
    remote "set -e
      $SUDO install -m 644 $STAGE/site.conf $T_ETC/nginx/sites-available/bookmeatoz.conf
      $SUDO $NGINX -t -q
      $SUDO $SYSTEMCTL reload nginx"
  fi

  if [[ $DEPLOY_WEB == 1 && -d $BUILD_DIR/web ]]; then
    rsync_to "$BUILD_DIR/web/" "$WEB_ROOT/" --delete
  fi

  log "migrating once (as $APP_USER, against the primary) with release $release; the running instances keep serving"
  local as_app=''
  [[ -n $SUDO ]] && as_app="$SUDO -u $APP_USER"
  remote "set -e
    cd $APP_DIR/releases/$release
    $as_app bash -c 'set -a; . $ENV_FILE; set +a; exec dotnet $APP_DIR/releases/$release/BookMeAtOz.Host.dll migrate'"
  log "shipped release $release"
}

# certificate: certbot on the VPS, HTTP-01 through nginx's /.well-known/acme-challenge/ location
# (webroot). The deploy hook is kept in the renewal configuration, so every renewal (Debian's
# certbot.timer runs `certbot renew` twice a day) reloads nginx onto the new certificate.
certificate() {
  local email_opt="--register-unsafely-without-email" names='' d
  [[ -n $CERTBOT_EMAIL ]] && email_opt="--email $CERTBOT_EMAIL"
  for d in $CERTBOT_DOMAINS; do names+=" -d $d"; done
  log "obtaining a certificate for $CERTBOT_DOMAINS with certbot (webroot $ACME_ROOT)"
  remote "set -e
    $SUDO env $CERTBOT_ENV certbot certonly --non-interactive --agree-tos $email_opt $CERTBOT_OPTS \
      --config-dir $LE_DIR --work-dir $TARGET_ROOT/var/lib/letsencrypt --logs-dir $TARGET_ROOT/var/log/letsencrypt \
      --webroot -w $ACME_ROOT --cert-name $DOMAIN$names \
      --deploy-hook '$SUDO $SYSTEMCTL reload nginx'"
}

# activate: current → the newest release, then the rolling restart (the first install starts the
# instances the same way: restarting a stopped unit starts it).
activate() {
  [[ -n ${DEPLOY_HOST:-} ]] || die "DEPLOY_HOST is not set (e.g. deploy@bookmeatoz.online)"
  local release
  release=$(remote "ls -1 $APP_DIR/releases | sort | tail -n 1")
  [[ -n $release ]] || die "no release on the VPS (deploy/deploy.sh ship)"
  log "activating release $release"
  remote "set -e
    $SUDO ln -sfn $APP_DIR/releases/$release $APP_DIR/current.new && $SUDO mv -T $APP_DIR/current.new $APP_DIR/current
    for port in $INSTANCES; do $SUDO $SYSTEMCTL enable bookmeatoz@\$port >/dev/null; done"
  log "rolling restart on $DEPLOY_HOST"
  remote "INSTANCES='$INSTANCES' RESTART_CMD='$RESTART_CMD' READY_URL='$READY_URL' \
    READY_TIMEOUT=$READY_TIMEOUT SETTLE_SECONDS=$SETTLE_SECONDS bash -s rolling-restart" <"$0"
  # Keep the newest five releases (the previous one is the rollback).
  remote "cd $APP_DIR/releases && ls -1 | sort | head -n -5 | xargs -r $SUDO rm -rf"
  log "release $release is live"
}

case ${1:-} in
  build) build ;;
  ship) ship ;;
  activate) activate ;;
  deploy)
    [[ $SKIP_BUILD == 1 ]] || build
    ship
    activate
    ;;
  rolling-restart) rolling_restart ;;
  *)
    sed -n '2,15p' "$0" >&2
    exit 2
    ;;
esac
