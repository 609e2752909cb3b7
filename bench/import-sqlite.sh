#!/usr/bin/env bash
# Benchmark: `petdb import sqlite` (the shaded jar, through the platform-cli/petdb launcher) of one SQLite table of
# SIZES rows each (default 100,000 and 1,000,000), into an app made by `petdb schema create` on a throw-away
# PostgreSQL 15. For each size: wall time and rows per second end to end (JVM start, plan and value scan, COPY,
# validation read-back, commit), the COPY phase's own rows per second as the command reports it, and peak RSS
# (/usr/bin/time -v). Two sizes show whether memory grows with the table.
#
#   bench/import-sqlite.sh
#
# Settings (environment): SIZES="100000 1000000", BUILD=1 (0: use platform-cli/target/petdb.jar as it is).
#
# Runs as root on a Debian machine. It installs what is missing (sqlite3, PostgreSQL 15, GNU time from Debian's
# packages), builds the CLI with the Maven wrapper, starts its own PostgreSQL 15 on a free port in a temporary folder
# (never the machine's server on 5432), and removes everything it started on exit, Ctrl-C included. Passwords are
# never printed.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

SIZES=${SIZES:-"100000 1000000"}
BUILD=${BUILD:-1}
for rows in $SIZES; do
    [[ $rows =~ ^[0-9]+$ ]] || { echo "bench: SIZES must be whole numbers" >&2; exit 2; }
done
say() { printf '%s\n' "$*" >&2; }

bench_need sqlite3 sqlite3
bench_need ss iproute2
[ -x /usr/bin/time ] || bench_need /usr/bin/time time
bench_need_pg15
bench_java

if [ "$BUILD" != 0 ]; then
    say "== building the CLI (./mvnw -B -q -pl platform-cli -am -DskipTests package; BUILD=0 skips it)"
    ./mvnw -B -q -pl platform-cli -am -DskipTests package
fi
[ -f platform-cli/target/petdb.jar ] || { echo "bench: platform-cli/target/petdb.jar is missing; run without BUILD=0" >&2; exit 1; }

tmp=$(mktemp -d /tmp/petdb-import-bench.XXXXXX)
chown postgres "$tmp"
cleanup() {
    bench_pg_stop "$tmp"
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(bench_free_port)
password=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
say "== PostgreSQL 15 on 127.0.0.1:$port (data in $tmp)"
bench_pg_start "$tmp" "$port" "$password"
export DATABASE_URL="postgres://postgres:$password@127.0.0.1:$port/postgres"
platform-cli/petdb schema create bench_import --app-host 127.0.0.1 --app-port "$port" >/dev/null 2>&1

cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)
java_version=$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)
printf '\n| rows | SQLite file | wall time | rows/s end to end | COPY rows/s | peak RSS |\n'
printf '| ---: | ---: | ---: | ---: | ---: | ---: |\n'
for rows in $SIZES; do
    db=$tmp/app-$rows.db
    # a typical app table: identity, foreign-key-like integer, short text, real, timestamp text, small blob
    sqlite3 "$db" "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL,
        kind TEXT NOT NULL, amount REAL, created DATETIME, payload BLOB);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
        INSERT INTO events (user_id, kind, amount, created, payload)
        SELECT i % 1000, 'kind ' || (i % 17), i / 7.0,
               datetime(1700000000 + i, 'unixepoch'), randomblob(8) FROM n;"
    size=$(du -m "$db" | cut -f1)
    /usr/bin/time -v -o "$tmp/time-$rows" platform-cli/petdb import sqlite "$db" --schema bench_import --replace --yes \
        >"$tmp/out-$rows" 2>"$tmp/err-$rows" || { cat "$tmp/err-$rows" >&2; exit 1; }
    grep -q "validated \"events\": rows $rows / $rows" "$tmp/out-$rows" || { echo "bench: validation line missing" >&2; exit 1; }
    wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$tmp/time-$rows")
    seconds=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$wall")
    rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time-$rows")
    copy_rate=$(sed -n 's/^copied "events": .*(\([0-9]*\) rows\/s)$/\1/p' "$tmp/err-$rows")
    printf '| %s | %s MiB | %.2f s | %.0f | %s | %d MiB |\n' "$rows" "$size" "$seconds" \
        "$(awk -v r="$rows" -v s="$seconds" 'BEGIN { print r / s }')" "$copy_rate" "$((rss_kb / 1024))"
    rm -f "$db"
done
printf '\n%s, %s cores, %s\n' "$cpu" "$(nproc)" "$java_version"
