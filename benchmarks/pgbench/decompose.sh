#!/usr/bin/env bash
# Decomposes the booking write with pgbench. Each variant is a scratch copy of a migrated and seeded database with one
# trigger or index removed, or a candidate change applied. Every round runs, one after the other, the raw INSERT, then a
# plain booking and a hold + book on each variant (8 clients, a few seconds each), so that a change in the machine's load
# lands on all of them. Reported per variant: the median, over the rounds, of its rate relative to the same round's raw
# INSERT, and of the server CPU per operation (the CPU time of the server's backends, read from the postmaster's reaped
# children, so run it on a server of its own, divided by the operations done). See docs/performance.md.
# Usage: decompose.sh PGDATA TEMPLATE_DB ROUNDS SECONDS VARIANT_NAME[=SQL_FILE]...
# libpq's PG* variables name the server; the template holds the schema (all migrations), the seed of
# PostgresBookingBenchmarks and bench.raw_bookings. A variant's SQL file may name other scripts than book.sql and
# holdbook.sql for it in a comment line `-- scripts: BOOK HOLDBOOK`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pgdata=$1 template=$2 rounds=$3 seconds=$4; shift 4
app=${BENCH_APP_ROLE:-h4app} owner=${BENCH_OWNER_ROLE:-bookmeatoz_admin}
postmaster=$(head -1 "$pgdata/postmaster.pid")
reaped() { awk '{print $16 + $17}' "/proc/$postmaster/stat"; }  # children's CPU, in clock ticks
tick=$(getconf CLK_TCK)
results=$(mktemp)
names=() dbs=() books=() holdbooks=()
for variant in "$@"; do
  name=${variant%%=*} sql=${variant#*=}
  db="h4_${name//[^a-z0-9_]/_}"
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db TEMPLATE $template OWNER $owner" >/dev/null 2>&1
  book=book holdbook=holdbook
  if [[ $sql != "$variant" ]]; then
    psql -q -U "$owner" -d "$db" -v ON_ERROR_STOP=1 -f "$sql" >/dev/null
    if line=$(grep -m1 '^-- scripts:' "$sql"); then read -r _ _ book holdbook <<<"$line"; fi
  fi
  names+=("$name") dbs+=("$db") books+=("$book") holdbooks+=("$holdbook")
done
off=0
run() {  # run ROUND LABEL DB USER SCRIPT
  off=$((off + 100000000))
  local before after out tps n
  before=$(reaped)
  out=$(pgbench -n -M extended -U "$4" -d "$3" -c 8 -j 2 -T "$seconds" -D n=0 -D off=$off -f "$here/$5.sql" 2>&1)
  sleep 0.3
  after=$(reaped)
  tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<<"$out")
  n=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$out")
  [[ -n $tps && -n $n && $n -gt 0 ]] || { echo "$2 failed: $out" >&2; exit 1; }
  echo "$1 $2 $tps $(python3 -c "print(($after - $before) / $tick / $n * 1e6)")" >>"$results"
}
for ((r = 0; r < rounds; r++)); do
  run "$r" raw "${dbs[0]}" "$owner" raw
  for i in "${!names[@]}"; do
    run "$r" "${names[$i]}/book" "${dbs[$i]}" "$app" "${books[$i]}"
    run "$r" "${names[$i]}/holdbook" "${dbs[$i]}" "$app" "${holdbooks[$i]}"
  done
done
python3 - "$results" "${names[@]}" <<'PY'
import statistics, sys
from collections import defaultdict
rows = [l.split() for l in open(sys.argv[1])]
m = statistics.median
raw = {r: (float(t), float(c)) for r, k, t, c in rows if k == "raw"}
by = defaultdict(list)
for r, k, t, c in rows:
    if k != "raw":
        by[k].append((float(t) / raw[r][0], float(c), float(t)))
print(f"raw INSERT: {m(v[0] for v in raw.values()):.0f}/s, {m(v[1] for v in raw.values()):.0f} us server CPU/op (medians of {len(raw)} rounds)")
print(f"| variant | booking: rate of raw | booking: server CPU/op | hold + book: rate of raw | hold + book: server CPU/op |")
print(f"|---|---:|---:|---:|---:|")
for name in sys.argv[2:]:
    b, h = by[name + "/book"], by[name + "/holdbook"]
    print(f"| {name} | {m(x[0] for x in b):.0%} | {m(x[1] for x in b):.0f} µs | {m(x[0] for x in h):.0%} | {m(x[1] for x in h):.0f} µs |")
PY
for db in "${dbs[@]}"; do psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; done
rm -f "$results"
