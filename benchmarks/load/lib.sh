# shellcheck shell=bash
# Shared by benchmarks/load/run.sh and benchmarks/scale/scale.sh (sourced after scripts/services.sh, with SVC_TMP,
# CONNECTION and SIGNING_KEY set): starting published hosts, and reading wrk's output.

HOST_PIDS=()
# Production needs the key that encrypts webhook secrets; one per run, shared by every host started here.
WEBHOOK_KEY=${WEBHOOK_KEY:-$(head -c 32 /dev/urandom | base64 -w0)}
start_host() { # $1 = name (log file), $2 = variable to receive the base address; then extra VAR=value settings
  local name=$1 out=$2 host_port base pid
  shift 2
  svc_pick_port host_port
  base="http://127.0.0.1:$host_port"
  # Request logging at Warning: a JSON line per request to a file would measure the disk, not the API.
  env ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS="$base" \
    ConnectionStrings__BookMeAtOz="$CONNECTION" \
    BookMeAtOz__Jwt__SigningKey="$SIGNING_KEY" \
    BookMeAtOz__Webhooks__SecretKey="$WEBHOOK_KEY" \
    BookMeAtOz__RateLimiting__SignIn__PermitLimit=1000000 \
    BookMeAtOz__RateLimiting__SignUp__PermitLimit=1000000 \
    BookMeAtOz__RateLimiting__Bookings__PermitLimit=1000000 \
    BookMeAtOz__RateLimiting__PublicBookingsPerTenantPerDay=1000000 \
    Serilog__MinimumLevel__Default=Warning \
    Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime=Warning \
    "$@" dotnet "$SVC_TMP/host/BookMeAtOz.Host.dll" >"$SVC_TMP/$name.log" 2>&1 &
  pid=$!
  HOST_PIDS+=("$pid")
  for _ in $(seq 1 120); do
    curl -fs "$base/health/ready" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { cat "$SVC_TMP/$name.log" >&2; echo "the host ($name) exited" >&2; exit 1; }
    sleep 0.5
  done
  curl -fs "$base/health/ready" >/dev/null || { echo "the host ($name) never became ready" >&2; exit 1; }
  printf -v "$out" '%s' "$base"
}

wrk_field() { # $1 = file, $2 = what: rps | p50 | p99 | non2xx | errors
  case $2 in
    rps) awk '/^Requests\/sec:/ {print $2}' "$1" ;;
    p50) awk '$1 == "50%" {print $2}' "$1" ;;
    p99) awk '$1 == "99%" {print $2}' "$1" ;;
    non2xx) awk -F': *' '/Non-2xx or 3xx responses/ {print $2} END {}' "$1" | tail -1 ;;
    errors) awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$1" ;;
  esac
}
to_ms() { # wrk latency (e.g. 812.00us, 1.23ms, 1.02s) to milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[^m]s$/) n *= 1000; printf "%.2f", n }'
}

