#!/usr/bin/env bash
# Webhook delivery figures (issue 16): one host instance on PostgreSQL against a loopback HTTP receiver, in one run —
#   1. the receiver's own ceiling (16 concurrent POSTs straight at it),
#   2. one instance's delivery throughput (as many queued events as the receiver takes in 20 s, at most 4,000, claimed,
#      signed, POSTed and recorded; target >= 50 % of 1),
#   3. commit-to-receipt latency at 50 bookings/s for 10 s (target p99 < 1 s).
# Needs the test services: run scripts/test.sh once with BOOKMEATOZ_KEEP_SERVICES=1 and pass its directory:
#   bash benchmarks/webhooks.sh /tmp/bookmeatoz-test.XXXX
# Measured 2026-12-07 on the shared 2-core machine (load average ~40 from other builds; expect better when idle):
#   see the report printed at the end (the figures are also in docs/integrations.md#performance).
set -euo pipefail
cd "$(dirname "$0")/.."
services=${1:?the directory of the running test services (scripts/test.sh with BOOKMEATOZ_KEEP_SERVICES=1)}
# shellcheck source=/dev/null
source "$services/env.sh"
export BOOKMEATOZ_BENCH_WEBHOOKS=1
dotnet test tests/BookMeAtOz.AspNetCore.Tests -c Release --no-build \
  --filter "FullyQualifiedName~WebhookDeliveryBenchmark" --logger "console;verbosity=detailed" 2>&1 |
  grep -E "receiver ceiling|one instance|commit to receipt|Passed|Failed" || true
