#!/usr/bin/env bash
# Action hooks: events/s ingested and delivered end to end to a local sink (batch size 100) by a Keyway
# process on a fresh H2 file, against the sink's own accept rate in the same run; then a kill -9 run that
# counts acknowledged events lost after a restart (target 0). Loopback only.
# Usage: bench/hooks-throughput.sh [seconds per run, default 10]
# BENCH_DB=postgres: the local PostgreSQL instead of H2; BENCH_EVENTS_PER_POST=N (default 100): fewer per post
# means batches joined from several requests; BENCH_SKIP_KILL=1: no kill -9 run.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$BENCH_CP" dev.keyway.bench.HookThroughputBench "${1:-10}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
