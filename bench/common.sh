# Sourced by the bench scripts: JDK, wrk, compiled classes and the test classpath, and a way to
# start a bench server main that prints one "BENCH …" line when ready.
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
BENCH_CP="target/classes:target/test-classes:$(cat target/bench.classpath)"

# start_bench_server MAIN_CLASS: runs it in the background (PID, LOG set) and waits for its BENCH line.
start_bench_server() {
  LOG=$(mktemp)
  "$JAVA_HOME/bin/java" -Xmx1g -cp "$BENCH_CP" "$1" >"$LOG" 2>&1 &
  PID=$!
  trap 'kill $PID 2>/dev/null || true; rm -f "$LOG" "$LOG".*' EXIT
  for _ in $(seq 1 120); do grep -q '^BENCH ' "$LOG" && return 0; kill -0 $PID || { cat "$LOG"; exit 1; }; sleep 0.5; done
  echo "bench server did not start" >&2; cat "$LOG" >&2; exit 1
}
