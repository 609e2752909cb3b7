#!/usr/bin/env bash
# Benchmark: the README's run command (./run, fruits on an embedded PostgreSQL) started twice from this checkout.
#
#   bench/start.sh [--clean]
#
# 1. ./run once: the first start after a build (it builds first when a source changed since the last one; --clean
#    removes the target/ folders of fruits and the modules it is built from before, so that it builds from scratch on
#    the ~/.m2 there is), timed to the first 200 on GET /?filter=an, then stopped with SIGTERM, as Ctrl-C stops it.
# 2. ./run again, which must skip Maven: timed from its start to the first 200 on GET /?filter=an, polled every
#    ~10 ms, and fruits' own ready time: Helidon's "... milliseconds since JVM startup" line, logged when its server
#    listens, right before fruits logs "listening".
# After each stop, no PostgreSQL may be left running on the bench's data folder.
#
# Settings (environment): READY_TIMEOUT=900 (s for the first start, which may build). MAVEN_ARGS passes options to
# the build (e.g. MAVEN_ARGS=-o for offline). The embedded data lives in a temporary folder (PETDB_DATA_DIR) and the
# app on a free port (PORT), so a local run on .petdb/ and 8080 is not disturbed. Needs curl (installed from Debian's
# packages when missing, which needs root); root is not needed otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

clean=0
case "${1:-}" in
    '') ;;
    --clean) clean=1 ;;
    *) echo "usage: bench/start.sh [--clean]" >&2; exit 2 ;;
esac
READY_TIMEOUT=${READY_TIMEOUT:-900}
[[ $READY_TIMEOUT =~ ^[0-9]+$ ]] || { echo "bench: READY_TIMEOUT must be a whole number" >&2; exit 2; }

bench_need curl curl
bench_need ss iproute2
bench_java

work=$(mktemp -d)
export PETDB_DATA_DIR=$work/data
PORT=$(bench_free_port)
export PORT
pid=
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start_and_time LOG: starts ./run in the background (pid in $pid) and sets $elapsed to the ms from the start to the
# first 200 on GET /?filter=an; fails when ./run exits first or READY_TIMEOUT passes
start_and_time() {
    local log=$1 started deadline
    started=$(now_ms)
    ./run > "$log" 2>&1 &
    pid=$!
    deadline=$(( started + READY_TIMEOUT * 1000 ))
    until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/?filter=an"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "bench: ./run exited before answering; its output:" >&2
            cat "$log" >&2
            exit 1
        fi
        if [ "$(now_ms)" -gt "$deadline" ]; then
            echo "bench: no answer within ${READY_TIMEOUT} s; its output:" >&2
            cat "$log" >&2
            exit 1
        fi
        sleep 0.01
    done
    elapsed=$(( $(now_ms) - started ))
}

# stop: SIGTERM to the app (./run has become the JVM), then whether a PostgreSQL is left on the data folder
stop() {
    kill -TERM "$pid"
    wait "$pid" || true
    pid=
    if pgrep -f -- "$PETDB_DATA_DIR/postgres" >/dev/null; then
        leftover="a PostgreSQL on $PETDB_DATA_DIR is still running"
    else
        leftover=
    fi
}

if [ "$clean" = 1 ]; then
    echo "== removing the target/ folders of fruits, the app parent, the kit, database-url and the test kit"
    rm -rf fruits/target apps/parent/target apps/kit/target database-url/target apps/testkit/target target
fi

echo "== first start: ./run on port $PORT, data in a temporary folder"
start_and_time "$work/first.log"
first=$elapsed
if grep -q '^run: .*building fruits' "$work/first.log"; then built="with a build"; else built="no build needed"; fi
stop
first_leftover=$leftover

echo "== second start"
start_and_time "$work/second.log"
second=$elapsed
# the kit's log handler writes its buffer every 200 ms: the line may land just after the first answer
for _ in $(seq 1 30); do grep -q 'milliseconds since JVM startup' "$work/second.log" && break; sleep 0.1; done
ready=$(sed -n 's/.* \([0-9][0-9]*\) milliseconds since JVM startup.*/\1/p' "$work/second.log" | head -n 1)
if grep -q '^run: .*building fruits' "$work/second.log"; then second_built=1; else second_built=0; fi
stop

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo "first start ($built) to first answer: $first ms"
bench_goal "$second_built == 0" "second start skipped Maven"
bench_goal "$second <= 5000" "second start to first answer <= 5 s: $second ms"
if [ -n "$ready" ]; then
    bench_goal "$ready <= 1000" "fruits ready within 1.0 s of process start: $ready ms"
else
    echo "MISS fruits ready within 1.0 s of process start: no 'since JVM startup' line in its log"
fi
bench_goal "${#first_leftover} + ${#leftover} == 0" "Ctrl-C/SIGTERM leaves no PostgreSQL running${leftover:+: $leftover}${first_leftover:+: $first_leftover}"
