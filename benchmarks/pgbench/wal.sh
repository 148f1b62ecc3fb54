#!/usr/bin/env bash
# WAL written per operation (bytes), per variant: a deterministic complement to decompose.sh's rates, which a loaded
# machine makes noisy. It counts what each write stores (rows, index entries, the audit entry, outbox events), not CPU.
# Usage: wal.sh TEMPLATE_DB OPERATIONS VARIANT_NAME[=SQL_FILE]...  (as decompose.sh; one client, after a warm-up)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
template=$1 ops=$2; shift 2
app=${BENCH_APP_ROLE:-h4app} owner=${BENCH_OWNER_ROLE:-bookmeatoz_admin}
lsn() { psql -Atqd postgres -c "SELECT pg_current_wal_insert_lsn()"; }
echo "| variant | raw INSERT | booking | hold + book |"
echo "|---|---:|---:|---:|"
for variant in "$@"; do
  name=${variant%%=*} sql=${variant#*=}
  db="h4w_${name//[^a-z0-9_]/_}"
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db TEMPLATE $template OWNER $owner" >/dev/null 2>&1
  book=book holdbook=holdbook
  if [[ $sql != "$variant" ]]; then
    psql -q -U "$owner" -d "$db" -v ON_ERROR_STOP=1 -f "$sql" >/dev/null
    if line=$(grep -m1 '^-- scripts:' "$sql"); then read -r _ _ book holdbook <<<"$line"; fi
  fi
  row="| $name |" off=0
  for script in raw "$book" "$holdbook"; do
    user=$app; [[ $script == raw ]] && user=$owner
    off=$((off + 100000000))
    pgbench -n -M extended -U "$user" -d "$db" -c 1 -t 50 -D n=0 -D off=$off -f "$here/$script.sql" >/dev/null 2>&1
    off=$((off + 100000000))
    a=$(lsn)
    pgbench -n -M extended -U "$user" -d "$db" -c 1 -t "$ops" -D n=0 -D off=$off -f "$here/$script.sql" >/dev/null 2>&1
    b=$(lsn)
    row+=" $(psql -Atqd postgres -c "SELECT round(pg_wal_lsn_diff('$b', '$a') / $ops)") B |"
  done
  echo "$row"
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
done
