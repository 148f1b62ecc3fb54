#!/usr/bin/env bash
# BookMeAtOz — build, copy to a VPS, migrate once, rolling restart gated on /health/ready.
#
#   deploy/deploy.sh deploy            # build + publish + web build, rsync to $DEPLOY_HOST, migrate,
#                                      # install nginx/systemd/logrotate files, rolling restart
#   deploy/deploy.sh build             # only build: .NET publish to $BUILD_DIR/app, web app to
#                                      # $BUILD_DIR/web
#   deploy/deploy.sh rolling-restart   # on the VPS itself (or anywhere $RESTART_CMD works): restart
#                                      # the instances one at a time, each gated on /health/ready
#
# Settings (environment; defaults in brackets):
#   DEPLOY_HOST            ssh target, e.g. deploy@bookmeatoz.online             [required for deploy]
#   DEPLOY_SSH_OPTS        extra ssh options                                       []
#   INSTANCES              instance ports, one systemd unit bookmeatoz@PORT each   [8083 8084]
#   APP_DIR                where the published host lives on the VPS               [/opt/bookmeatoz]
#   WEB_ROOT               where nginx serves the web app from                     [/var/www/bookmeatoz]
#   ENV_FILE               the instances' EnvironmentFile on the VPS               [/etc/bookmeatoz/bookmeatoz.env]
#   BUILD_DIR              local build output                                      [artifacts/deploy]
#   RESTART_CMD            command to restart one instance; {port} is replaced     [sudo systemctl restart bookmeatoz@{port}]
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
set -euo pipefail

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)

INSTANCES=${INSTANCES:-"8083 8084"}
APP_DIR=${APP_DIR:-/opt/bookmeatoz}
WEB_ROOT=${WEB_ROOT:-/var/www/bookmeatoz}
ENV_FILE=${ENV_FILE:-/etc/bookmeatoz/bookmeatoz.env}
BUILD_DIR=${BUILD_DIR:-$REPO_ROOT/artifacts/deploy}
RESTART_CMD=${RESTART_CMD:-"sudo systemctl restart bookmeatoz@{port}"}
READY_URL=${READY_URL:-"http://127.0.0.1:{port}/health/ready"}
READY_TIMEOUT=${READY_TIMEOUT:-90}
SETTLE_SECONDS=${SETTLE_SECONDS:-5}
DEPLOY_SSH_OPTS=${DEPLOY_SSH_OPTS:-}

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
  log "publishing the reference host to $BUILD_DIR/app"
  rm -rf "$BUILD_DIR"
  mkdir -p "$BUILD_DIR"
  dotnet publish "$REPO_ROOT/samples/BookMeAtOz.Host/BookMeAtOz.Host.csproj" -c Release \
    -o "$BUILD_DIR/app" --nologo
  local web=$REPO_ROOT/samples/BookMeAtOz.Web
  if [[ -f $web/package.json ]]; then
    log "building the web app"
    (cd "$web" && npm ci --no-audit --no-fund && npm run build)
    cp -a "$web/dist" "$BUILD_DIR/web"
  else
    log "no web app in samples/BookMeAtOz.Web; skipping"
  fi
}

remote() {
  # shellcheck disable=SC2086,SC2029 # DEPLOY_SSH_OPTS is a list of options; "$@" is meant for the remote shell
  ssh $DEPLOY_SSH_OPTS "$DEPLOY_HOST" "$@"
}

deploy() {
  [[ -n ${DEPLOY_HOST:-} ]] || die "DEPLOY_HOST is not set (e.g. deploy@bookmeatoz.online)"
  build
  local release
  release=$(date -u +%Y%m%d%H%M%S)
  log "copying release $release to $DEPLOY_HOST"
  remote "sudo mkdir -p $APP_DIR/releases/$release $WEB_ROOT /etc/nginx/bookmeatoz/snippets && sudo chown -R \$(id -un) $APP_DIR/releases/$release"
  rsync -az --delete -e "ssh $DEPLOY_SSH_OPTS" "$BUILD_DIR/app/" "$DEPLOY_HOST:$APP_DIR/releases/$release/"
  rsync -az -e "ssh $DEPLOY_SSH_OPTS" "$REPO_ROOT/deploy/" "$DEPLOY_HOST:/tmp/bookmeatoz-deploy/"
  remote "set -e
    sudo install -m 644 /tmp/bookmeatoz-deploy/systemd/bookmeatoz@.service /etc/systemd/system/
    sudo install -m 644 /tmp/bookmeatoz-deploy/logrotate/bookmeatoz /etc/logrotate.d/bookmeatoz
    sudo install -m 644 /tmp/bookmeatoz-deploy/nginx/bookmeatoz.conf /etc/nginx/sites-available/bookmeatoz.conf
    sudo install -m 644 /tmp/bookmeatoz-deploy/nginx/cloudflare-real-ip.conf /etc/nginx/bookmeatoz/
    sudo install -m 644 /tmp/bookmeatoz-deploy/nginx/snippets/*.conf /etc/nginx/bookmeatoz/snippets/
    sudo ln -sfn /etc/nginx/sites-available/bookmeatoz.conf /etc/nginx/sites-enabled/bookmeatoz.conf
    sudo systemctl daemon-reload
    sudo nginx -t"
  if [[ -d $BUILD_DIR/web ]]; then
    rsync -az --delete --rsync-path="sudo rsync" -e "ssh $DEPLOY_SSH_OPTS" "$BUILD_DIR/web/" "$DEPLOY_HOST:$WEB_ROOT/"
  fi
  log "migrating once (as the schema owner, against the primary)"
  remote "set -e
    sudo -u bookmeatoz bash -c 'set -a; . $ENV_FILE; set +a; exec dotnet $APP_DIR/releases/$release/BookMeAtOz.Host.dll migrate'
    sudo ln -sfn $APP_DIR/releases/$release $APP_DIR/current"
  log "rolling restart on $DEPLOY_HOST"
  remote "INSTANCES='$INSTANCES' RESTART_CMD='$RESTART_CMD' READY_URL='$READY_URL' \
    READY_TIMEOUT=$READY_TIMEOUT SETTLE_SECONDS=$SETTLE_SECONDS bash -s rolling-restart" <"$0"
  remote "sudo systemctl reload nginx"
  log "deployed release $release"
}

case ${1:-} in
  build) build ;;
  deploy) deploy ;;
  rolling-restart) rolling_restart ;;
  *)
    sed -n '2,12p' "$0" >&2
    exit 2
    ;;
esac
