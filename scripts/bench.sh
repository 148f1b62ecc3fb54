#!/usr/bin/env bash
# The performance regression guard: runs the BenchmarkDotNet suites that have a baseline of their own (short job,
# in process: a busy machine timed out building BenchmarkDotNet's per-job project)
# and the HTTP load script, turns their figures into ratios measured within one run (so that a slower or busier
# machine moves numerator and denominator together), writes them as a markdown table and compares it with the
# committed benchmarks/baseline.md. A ratio more than 20 % worse than its baseline is flagged, and the script then
# exits 1. Every ratio is "higher is better":
#   engine vs oracle        the brute-force oracle's time / the engine's time (1 staff, 31 days, 300 bookings)
#   store vs raw insert     a raw INSERT's time / Store.CreateBookingAsync's time, 8 workers (share of the raw rate)
#   host vs pgbench         uncached GET /api/v1/availability req/s / pgbench tx/s on the very SQL it sends
#   cached vs pgbench       cached GET /api/v1/availability req/s / pgbench tx/s
#   cached vs live          cached GET /api/v1/availability req/s / GET /health/live req/s
#
#   scripts/bench.sh                      # run everything, compare with benchmarks/baseline.md
#   scripts/bench.sh --update-baseline    # run everything and write the table as the new baseline
#   BENCH_SKIP_LOAD=1 / BENCH_SKIP_BDN=1  # one half only (the other half's ratios are reported as not measured)
#   BENCH_TOLERANCE=0.2                   # the share a ratio may fall before it is flagged
# Must run as root (the load script and the PostgreSQL it starts). Results: $BENCH_RESULTS (default
# /tmp/bookmeatoz-bench), the table in $BENCH_RESULTS/ratios.md.
set -euo pipefail

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

UPDATE=0
[[ ${1:-} == --update-baseline ]] && UPDATE=1
RESULTS=${BENCH_RESULTS:-/tmp/bookmeatoz-bench}
BASELINE=$REPO_ROOT/benchmarks/baseline.md
TOLERANCE=${BENCH_TOLERANCE:-0.2}
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

if ((EUID != 0)); then
  echo "scripts/bench.sh must run as root" >&2
  exit 1
fi

# --- BenchmarkDotNet (short job), on a private PostgreSQL for the store suite ----------------------
if [[ -z ${BENCH_SKIP_BDN:-} ]]; then
  (
    # shellcheck source=scripts/services.sh
    source "$REPO_ROOT/scripts/services.sh"
    SVC_TMP=$(mktemp -d /tmp/bookmeatoz-bench-pg.XXXXXX)
    chmod 755 "$SVC_TMP"
    trap 'svc_stop_all' EXIT
    svc_ensure_packages
    svc_start_postgres
    export BOOKMEATOZ_BENCH_PG="Host=127.0.0.1;Port=$SVC_PG_PORT;Username=$SVC_ADMIN_ROLE;Password=$SVC_ADMIN_PASSWORD;Database=$SVC_DATABASE"
    echo "BenchmarkDotNet (short job): AvailabilityBenchmarks, PostgresBookingBenchmarks..."
    dotnet run -c Release --project benchmarks/BookMeAtOz.Benchmarks -- \
      --job short --inProcess --exporters json --artifacts "$RESULTS/bdn" \
      --filter '*.AvailabilityBenchmarks.*' '*.PostgresBookingBenchmarks.RawInsert' '*.PostgresBookingBenchmarks.StoreCreateBooking' \
      >"$RESULTS/bdn.log" 2>&1
  ) || { echo "BenchmarkDotNet failed; see $RESULTS/bdn.log" >&2; tail -n 30 "$RESULTS/bdn.log" >&2; exit 1; }
fi

# --- the HTTP load script ----------------------------------------------------------------------
if [[ -z ${BENCH_SKIP_LOAD:-} ]]; then
  echo "benchmarks/load/run.sh..."
  LOAD_RESULTS="$RESULTS/load" bash benchmarks/load/run.sh >"$RESULTS/load.log" 2>&1 ||
    { echo "the load script failed; see $RESULTS/load.log" >&2; tail -n 30 "$RESULTS/load.log" >&2; exit 1; }
fi

# --- ratios, the table, the comparison ---------------------------------------------------------
python3 - "$RESULTS" "$BASELINE" "$UPDATE" "$TOLERANCE" <<'PY'
import glob, json, os, re, sys

results, baseline_path, update, tolerance = sys.argv[1], sys.argv[2], sys.argv[3] == "1", float(sys.argv[4])

means = {}
for path in glob.glob(os.path.join(results, "bdn", "**", "*.json"), recursive=True):
    for b in json.load(open(path)).get("Benchmarks", []):
        if b.get("Statistics"):
            means[b["Method"]] = b["Statistics"]["Mean"]

load = {}
log = os.path.join(results, "load.log")
if os.path.exists(log):
    text = open(log).read()
    def rate(pattern):
        m = re.search(pattern, text, re.S)
        return float(m.group(1)) if m else None
    load["live"] = rate(r"GET /health/live\s+([\d.]+) req/s")
    load["pgbench"] = rate(r"pgbench, availability SQL, 8 clients\s+([\d.]+) tx/s")
    load["cached"] = rate(r"GET /api/v1/availability \(1 week.*?\n\s+([\d.]+) req/s")
    load["uncached"] = rate(r"the same with the availability cache off.*?\n\s+([\d.]+) req/s")


def ratio(a, b):
    return a / b if a and b else None


rows = [
    ("engine vs oracle", ratio(means.get("OracleOneStaff"), means.get("EngineOneStaff")), "oracle time / engine time, 1 staff, 31 days"),
    ("store vs raw insert", ratio(means.get("RawInsert"), means.get("StoreCreateBooking")), "raw INSERT time / Store.CreateBookingAsync time, 8 workers"),
    ("host vs pgbench", ratio(load.get("uncached"), load.get("pgbench")), "uncached availability req/s / pgbench tx/s, same SQL"),
    ("cached vs pgbench", ratio(load.get("cached"), load.get("pgbench")), "cached availability req/s / pgbench tx/s"),
    ("cached vs live", ratio(load.get("cached"), load.get("live")), "cached availability req/s / /health/live req/s"),
]

baseline = {}
if os.path.exists(baseline_path):
    for line in open(baseline_path):
        m = re.match(r"\|\s*([a-z][a-z ]+?)\s*\|\s*([\d.]+)\s*\|", line)
        if m:
            baseline[m.group(1)] = float(m.group(2))

lines = ["| ratio (higher is better) | value | baseline | change | what |", "|---|---:|---:|---:|---|"]
flagged = []
for name, value, what in rows:
    base = baseline.get(name)
    if value is None:
        lines.append(f"| {name} | not measured | {base if base is not None else '-'} | | {what} |")
        continue
    change = ""
    if base:
        delta = value / base - 1
        change = f"{delta:+.0%}"
        if delta < -tolerance:
            change += " **WORSE**"
            flagged.append(name)
    lines.append(f"| {name} | {value:.3f} | {f'{base:.3f}' if base else '-'} | {change} | {what} |")

raw = ["", "Figures: " + ", ".join(f"{k} {v:.0f}/s" for k, v in load.items() if v) if load else "",
       "BenchmarkDotNet means (ns): " + ", ".join(f"{k} {v:,.0f}" for k, v in sorted(means.items())) if means else ""]
table = "\n".join(lines + [l for l in raw if l]) + "\n"
open(os.path.join(results, "ratios.md"), "w").write(table)
print(table)

if update:
    with open(baseline_path, "w") as f:
        f.write("# Performance baseline\n\nWritten by `scripts/bench.sh --update-baseline`; `scripts/bench.sh` flags a ratio more than "
                "20 % below its value here. Ratios are measured within one run (see docs/performance.md).\n\n")
        f.write("| ratio | value | what |\n|---|---:|---|\n")
        for name, value, what in rows:
            if value is not None:
                f.write(f"| {name} | {value:.3f} | {what} |\n")
        f.write("\n" + "\n".join(l for l in raw if l) + "\n")
    print(f"baseline written: {baseline_path}")
elif flagged:
    print(f"REGRESSION: {', '.join(flagged)} more than {tolerance:.0%} worse than benchmarks/baseline.md")
    sys.exit(1)
else:
    print("no ratio is more than {:.0%} worse than benchmarks/baseline.md".format(tolerance))
PY
