#!/usr/bin/env bash
# Import of a generated YML feed of N offers (default 1,000,000) by Keyway in a 256 MB heap, on loopback:
# the first import, the same feed again (304), and the same feed read in full (every offer unchanged).
# Prints the machine's load, a baseline (the same feed fetched and parsed only, no database), then each
# run's counts, wall time, ratio to the baseline, heap peaks (sampled, and live after GC) and where the
# time went (read+staged / merged). Targets: <= 60 s, <= 256 MB heap (issue 6).
# Usage: [BENCH_DB=postgres] [BENCH_JAVA_OPTS=-XX:StartFlightRecording=filename=x.jfr] bench/feed-import.sh [offers]   (default database: a fresh H2 file)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
"$JAVA_HOME/bin/java" -Xmx256m ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=src/main/resources/logback.xml -DKEYWAY_LOG_LEVEL=INFO -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.keyway.bench.FeedImportBench "${1:-1000000}" 2>&1 | grep -E '^BENCH|staged in'
