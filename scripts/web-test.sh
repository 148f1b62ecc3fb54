#!/usr/bin/env bash
# The booking web app's tests (samples/BookMeAtOz.Web): installs Debian's Chromium (and a font) if
# missing (scripts/bootstrap.sh normally has), `npm ci`, `npm run build` (type check + vite build),
# the Vitest unit tests, and the end-to-end tests in headless Chromium against the reference host
# (built beforehand: the Release build of samples/BookMeAtOz.Host, or BOOKMEATOZ_HOST_DLL).
#
#   scripts/web-test.sh OUT_DIR
#
# Writes "passed failed skipped" to OUT_DIR/counts (a step that could not run counts as one failure)
# and exits non-zero when anything failed. Screenshots and the host's log go to
# samples/BookMeAtOz.Web/test-results/ (or BOOKMEATOZ_WEB_ARTIFACTS). Run by scripts/test.sh.
set -uo pipefail

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
WEB=$REPO_ROOT/samples/BookMeAtOz.Web
OUT=${1:?usage: scripts/web-test.sh OUT_DIR}
mkdir -p "$OUT"
passed=0 failed=0 skipped=0

log() { printf '[web] %s\n' "$*" >&2; }
finish() {
  echo "$passed $failed $skipped" >"$OUT/counts"
  log "totals: passed $passed, failed $failed, skipped $skipped"
  ((failed == 0))
  exit $?
}
step_failed() {
  log "FAILED: $*"
  failed=$((failed + 1))
}

# --- Chromium (Debian's: no browser download is possible or needed) ----------------------------
# scripts/bootstrap.sh (scripts/test.sh's first stage) has installed it already; this only installs
# what is missing when the script runs on its own.
# shellcheck source=scripts/bootstrap.sh
source "$REPO_ROOT/scripts/bootstrap.sh"
trap bootstrap_remove_policy_rc EXIT # only if an install was interrupted
if ! bootstrap_install "${BOOTSTRAP_WEB_PACKAGES[@]}"; then
  step_failed "installing ${BOOTSTRAP_WEB_PACKAGES[*]}"
  finish
fi

# --- install and build ------------------------------------------------------------------------
cd "$WEB" || { step_failed "no $WEB"; finish; }
if ! npm ci --no-audit --no-fund --loglevel=error; then
  step_failed "npm ci"
  finish
fi
if ! npm run build --silent; then
  step_failed "npm run build (tsc + vite build)"
  finish
fi

# Adds the totals of a Vitest JSON report; a run that wrote none counts as one failure.
count() {
  local report=$1 name=$2 rc=$3 numbers
  if ! numbers=$(node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const failedSuites = (r.testResults ?? []).filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0).length;
      console.log(r.numPassedTests, r.numFailedTests + failedSuites, r.numPendingTests + r.numTodoTests);
    ' "$report" 2>/dev/null); then
    step_failed "$name wrote no report (exit $rc)"
    return
  fi
  read -r p f s <<<"$numbers"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  if ((rc != 0 && f == 0)); then step_failed "$name exited with $rc"; fi
}

# --- unit tests -------------------------------------------------------------------------------
rc=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$OUT/unit.json" || rc=$?
count "$OUT/unit.json" "vitest (unit)" "$rc"

# --- end-to-end tests -------------------------------------------------------------------------
host_dll=${BOOKMEATOZ_HOST_DLL:-$REPO_ROOT/samples/BookMeAtOz.Host/bin/Release/net10.0/BookMeAtOz.Host.dll}
if [[ ! -f $host_dll ]]; then
  step_failed "no host build at $host_dll (dotnet build BookMeAtOz.sln -c Release)"
  finish
fi
rc=0
BOOKMEATOZ_HOST_DLL=$host_dll npx vitest run --config vitest.e2e.config.ts \
  --reporter=default --reporter=json --outputFile.json="$OUT/e2e.json" || rc=$?
count "$OUT/e2e.json" "vitest (e2e)" "$rc"
log "screenshots: ${BOOKMEATOZ_WEB_ARTIFACTS:-$WEB/test-results}"
finish
