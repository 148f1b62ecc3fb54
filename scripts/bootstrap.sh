#!/usr/bin/env bash
# Installs, with apt, the Debian packages the test stages need, and only those that are missing:
#
#   sudo bash scripts/bootstrap.sh                        # everything scripts/test.sh can run
#   sudo bash scripts/bootstrap.sh services web           # only some groups (see below)
#
#   services    PostgreSQL 15 (+ contrib), PgBouncer, Redis, nginx: the private servers that
#               scripts/services.sh starts for `dotnet test` and the deployment e2e
#   web         Chromium and a font, for the web app's end-to-end tests (scripts/web-test.sh)
#   deployment  nginx, promtool (prometheus), shellcheck, openssl, curl, python3
#               (tests/deployment/run.sh; systemd-analyze is used when present, never installed);
#               sshd + ssh + rsync (the loopback VPS deploy.sh deploys to), pebble + certbot (ACME
#               issuance and renewal), pgbackrest (the restore drill): tests/deployment/vps.sh, pitr.sh
#   ha          Patroni, etcd (server and etcdctl), Redis Sentinel, curl: the high-availability
#               servers the HA tests start for themselves (scripts/ha.sh, tests/BookMeAtOz.Ha.Tests);
#               pgbackrest (the restore drill on the Patroni cluster: tests/ha/patroni-pitr.sh)
#
# Runs `apt-get update` once, and only when something is missing. Prints what it installs; exits
# non-zero when a package could not be installed (or when it would have to install something and is
# not root). Package daemons are kept from starting while installing (a temporary
# /usr/sbin/policy-rc.d): the tests start their own private instances.
#
# Not installed here: the .NET 10 SDK, and Node.js >= 20.19 with npm for the web app (Debian 12's
# nodejs is too old).
#
# Run by scripts/test.sh as its first stage. Also sourced, for the package lists and
# bootstrap_install, by scripts/services.sh (svc_ensure_packages) and scripts/web-test.sh: sourcing
# only defines the names below.

BOOTSTRAP_SERVICES_PACKAGES=(postgresql postgresql-contrib pgbouncer redis-server nginx radicale)
BOOTSTRAP_WEB_PACKAGES=(chromium fonts-dejavu-core)
BOOTSTRAP_DEPLOYMENT_PACKAGES=(nginx prometheus shellcheck openssl curl python3 wrk
  openssh-server openssh-client rsync pebble certbot pgbackrest)
BOOTSTRAP_HA_PACKAGES=(patroni etcd-server etcd-client redis-sentinel curl pgbackrest)

bootstrap_log() { printf '[bootstrap] %s\n' "$*" >&2; }

# bootstrap_missing PKG...: prints, one per line, those of PKG... that are not installed. The
# 'postgresql' metapackage could point at another major version than the 15 the tests need
# (PG_BIN, as in scripts/services.sh), so asking for it also asks for postgresql-15 when PG_BIN has
# no server binary.
bootstrap_missing() {
  local p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      echo "$p"
    fi
    if [[ $p == postgresql && ! -x "${PG_BIN:-/usr/lib/postgresql/15/bin}/postgres" ]]; then
      echo postgresql-15
    fi
  done | awk '!seen[$0]++'
}

# Without a policy-rc.d, Debian's maintainer scripts start the system-wide postgres, redis,
# pgbouncer, nginx and prometheus services, which we don't want (they grab the default ports and
# keep running). Only remove the file if we created it: some images ship one on purpose.
BOOTSTRAP_POLICY_RC_CREATED=0
bootstrap_create_policy_rc() {
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d &&
      BOOTSTRAP_POLICY_RC_CREATED=1
  fi
}
bootstrap_remove_policy_rc() {
  if [[ $BOOTSTRAP_POLICY_RC_CREATED == 1 ]]; then
    rm -f /usr/sbin/policy-rc.d
    BOOTSTRAP_POLICY_RC_CREATED=0
  fi
}

# bootstrap_install PKG...: installs those of PKG... that are missing (nothing to do costs a few
# dpkg-query calls). Returns non-zero if any of them is still missing afterwards.
bootstrap_install() {
  local missing=() still=() rc=0
  mapfile -t missing < <(bootstrap_missing "$@")
  ((${#missing[@]} == 0)) && return 0

  if ((EUID != 0)); then
    bootstrap_log "ERROR: missing ${missing[*]}; installing needs root: sudo bash scripts/bootstrap.sh"
    return 1
  fi
  bootstrap_log "installing: ${missing[*]}"
  bootstrap_create_policy_rc
  # BOOTSTRAP_APT_UPDATE=0: the package lists were just updated (bootstrap_main's retry).
  if [[ ${BOOTSTRAP_APT_UPDATE:-1} != 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq || rc=$?
  fi
  if ((rc == 0)); then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
      >/dev/null || rc=$?
  fi
  bootstrap_remove_policy_rc
  if ((rc != 0)); then
    bootstrap_log "ERROR: apt-get failed (exit $rc) installing ${missing[*]}"
    return "$rc"
  fi
  mapfile -t still < <(bootstrap_missing "${missing[@]}")
  if ((${#still[@]} > 0)); then
    bootstrap_log "ERROR: still missing after apt-get install: ${still[*]}"
    return 1
  fi
  bootstrap_log "installed: ${missing[*]}"
}

# bootstrap_group GROUP: prints GROUP's packages, one per line (nothing, and status 1, if unknown).
bootstrap_group() {
  case $1 in
    services) printf '%s\n' "${BOOTSTRAP_SERVICES_PACKAGES[@]}" ;;
    web) printf '%s\n' "${BOOTSTRAP_WEB_PACKAGES[@]}" ;;
    deployment) printf '%s\n' "${BOOTSTRAP_DEPLOYMENT_PACKAGES[@]}" ;;
    ha) printf '%s\n' "${BOOTSTRAP_HA_PACKAGES[@]}" ;;
    *) return 1 ;;
  esac
}

bootstrap_main() {
  local groups=("$@") g pkgs=() group_pkgs=() failed_groups=()
  if [[ " $* " == *" -h "* || " $* " == *" --help "* ]]; then
    sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
    return 0
  fi
  ((${#groups[@]} > 0)) || groups=(services web deployment ha)
  for g in "${groups[@]}"; do
    mapfile -t group_pkgs < <(bootstrap_group "$g")
    if ((${#group_pkgs[@]} == 0)); then
      bootstrap_log "ERROR: unknown group '$g' (services, web, deployment, ha)"
      return 2
    fi
    pkgs+=("${group_pkgs[@]}")
  done
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    bootstrap_log "ERROR: needs a Debian-based system (dpkg-query, apt-get)"
    return 1
  fi

  if bootstrap_install "${pkgs[@]}"; then
    bootstrap_log "packages ready (${groups[*]})"
    return 0
  fi
  # One package apt can't find makes `apt-get install` install none of them: try again group by
  # group (the package lists are fresh now), so that e.g. a missing Chromium doesn't keep the
  # servers from being installed, and say which groups failed.
  if ((EUID == 0 && ${#groups[@]} > 1)); then
    for g in "${groups[@]}"; do
      mapfile -t group_pkgs < <(bootstrap_group "$g")
      BOOTSTRAP_APT_UPDATE=0 bootstrap_install "${group_pkgs[@]}" || failed_groups+=("$g")
    done
    ((${#failed_groups[@]} > 0)) || { bootstrap_log "packages ready (${groups[*]})"; return 0; }
    bootstrap_log "ERROR: packages missing for: ${failed_groups[*]}"
  fi
  return 1
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -uo pipefail
  # Interrupted mid-install: don't leave our policy-rc.d behind.
  trap bootstrap_remove_policy_rc EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  bootstrap_main "$@"
  exit $?
fi
