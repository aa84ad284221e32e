#!/usr/bin/env bash
# Throughput and latency of GET through Keyway's proxy vs directly to the same local upstream, in one run.
# Loopback only. Prints requests/s of each and their ratio (target >= 0.5), and the added median
# latency measured with one connection (target <= 1 ms). Also the CPU time the server JVM (Keyway and the
# upstream share it) spends per request either way: their difference is what Keyway adds, a figure that
# does not depend on what else the machine is doing.
# Usage: [UPSTREAM_MS=n] bench/proxy-throughput.sh [seconds per run, default 10] [connections, default 32]
# UPSTREAM_MS gives the upstream a service time of n ms per answer (default 0: a hello-world upstream).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNS="${2:-32}"
source bench/common.sh
start_bench_server dev.keyway.bench.ProxyBenchServer
read -r BASE KEY CONN UP JPID < <(grep '^BENCH ' "$LOG" | sed -E 's/^BENCH base=([^ ]+) key=([^ ]+) connection=([^ ]+) upstream=([^ ]+) pid=([0-9]+)$/\1 \2 \3 \4 \5/')
TICK=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$TICK" '{printf "%d\n", ($14 + $15) * 1000 / t}' "/proc/$JPID/stat"; }
PROXY="$BASE/api/v1/proxy/$CONN/items"
DIRECT="$UP/v1/items"

run() { # name conns url -> "rps p50(ms) p99(ms) cpu-us-per-request"
  local c0 c1
  c0=$(cpu_ms)
  wrk -t"$([ "$2" -gt 1 ] && echo 2 || echo 1)" -c"$2" -d"${DURATION}s" --latency -H "X-API-Key: $KEY" "$3" >"$LOG.$1"
  c1=$(cpu_ms)
  if grep -q 'Non-2xx\|Socket errors' "$LOG.$1"; then echo "errors in $1 run" >&2; cat "$LOG.$1" >&2; exit 1; fi
  awk -v cpu=$((c1 - c0)) 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
       /requests in/ {n=$1} /Requests\/sec/ {rps=$2} $1=="50%" {p50=ms($2)} $1=="99%" {p99=ms($2)}
       END {printf "%s %.3f %.3f %.1f\n", rps, p50, p99, cpu * 1000 / n}' "$LOG.$1"
}
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
# warm-up (JIT) of both paths, then throughput (CONNS connections) and latency (1 connection), alternating
wrk -t2 -c"$CONNS" -d15s -H "X-API-Key: $KEY" "$PROXY" >/dev/null
wrk -t2 -c"$CONNS" -d5s "$DIRECT" >/dev/null
read -r D1 DP50 DP99 DC1 < <(run direct "$CONNS" "$DIRECT")
read -r P1 PP50 PP99 PC1 < <(run proxy "$CONNS" "$PROXY")
read -r D2 _ _ DC2 < <(run direct2 "$CONNS" "$DIRECT")
read -r P2 _ _ PC2 < <(run proxy2 "$CONNS" "$PROXY")
read -r _ DL50 DL99 _ < <(run directlat 1 "$DIRECT")
read -r _ PL50 PL99 _ < <(run proxylat 1 "$PROXY")
echo "machine: $(nproc) cores; wrk -c$CONNS -d${DURATION}s on loopback; upstream, Keyway and wrk on the same machine; 1 KiB JSON answer"
printf 'direct        : %10.0f req/s  (second run %.0f)  p50 %.3f ms  p99 %.3f ms\n' "$D1" "$D2" "$DP50" "$DP99"
printf 'through proxy : %10.0f req/s  (second run %.0f)  p50 %.3f ms  p99 %.3f ms\n' "$P1" "$P2" "$PP50" "$PP99"
printf 'one connection: direct p50 %.3f ms p99 %.3f ms; proxy p50 %.3f ms p99 %.3f ms\n' "$DL50" "$DL99" "$PL50" "$PL99"
echo "load average before/after: $LOAD0 / $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v p1="$P1" -v p2="$P2" -v d1="$D1" -v d2="$D2" -v pl="$PL50" -v dl="$DL50" \
    -v dc1="$DC1" -v dc2="$DC2" -v pc1="$PC1" -v pc2="$PC2" 'BEGIN {
  printf "server JVM CPU per request: direct %.1f us, through proxy %.1f us (Keyway adds %.1f us)\n", (dc1+dc2)/2, (pc1+pc2)/2, (pc1+pc2-dc1-dc2)/2
  printf "ratio proxy/direct: %.2f (target >= 0.5)\n", (p1+p2)/(d1+d2)
  printf "added median latency (1 connection): %.3f ms (target <= 1 ms)\n", pl-dl }'
