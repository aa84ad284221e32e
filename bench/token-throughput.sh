#!/usr/bin/env bash
# GET token throughput and latency vs a hello-world endpoint of the same Keyway, in one run.
# Loopback only. Prints requests/s of each, the ratio (target >= 0.8) and p50/p99 latencies.
# Usage: bench/token-throughput.sh [seconds per run, default 10] [connections, default 32]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNS="${2:-32}"
source bench/common.sh
start_bench_server dev.keyway.bench.TokenBenchServer
read -r BASE KEY CONN < <(grep '^BENCH ' "$LOG" | sed -E 's/^BENCH base=([^ ]+) key=([^ ]+) connection=([^ ]+)$/\1 \2 \3/')

run() { # name url -> "rps p50 p99"
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "Authorization: Bearer $KEY" "$2" >"$LOG.$1"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$LOG.$1")
  p50=$(awk '$1=="50%" {print $2}' "$LOG.$1")
  p99=$(awk '$1=="99%" {print $2}' "$LOG.$1")
  if grep -q 'Non-2xx' "$LOG.$1"; then echo "non-2xx answers in $1 run" >&2; cat "$LOG.$1" >&2; exit 1; fi
  echo "$rps $p50 $p99"
}
# warm-up (JIT), then measure baseline and token alternately twice
wrk -t2 -c"$CONNS" -d5s -H "Authorization: Bearer $KEY" "$BASE/api/v1/connections/$CONN/token" >/dev/null
wrk -t2 -c"$CONNS" -d5s "$BASE/hello" >/dev/null
read -r H1 HP50 HP99 < <(run hello "$BASE/hello")
read -r T1 TP50 TP99 < <(run token "$BASE/api/v1/connections/$CONN/token")
read -r H2 _ _ < <(run hello2 "$BASE/hello")
read -r T2 _ _ < <(run token2 "$BASE/api/v1/connections/$CONN/token")
echo "machine: $(nproc) cores; wrk -t2 -c$CONNS -d${DURATION}s on loopback, Keyway and wrk on the same machine"
printf 'hello-world   : %10.0f req/s  (second run %.0f)  p50 %s  p99 %s\n' "$H1" "$H2" "$HP50" "$HP99"
printf 'GET token     : %10.0f req/s  (second run %.0f)  p50 %s  p99 %s\n' "$T1" "$T2" "$TP50" "$TP99"
awk -v t1="$T1" -v t2="$T2" -v h1="$H1" -v h2="$H2" 'BEGIN { printf "ratio token/hello: %.2f (target >= 0.8)\n", (t1+t2)/(h1+h2) }'
