#!/usr/bin/env bash
# Benchmark: petdb's structural verify of a ~1 GiB dokku backup, next to `gzip -dc | pg_restore --list` on the same
# file; throughput (MB/s of the .tgz) and peak RSS, with the JVM heap capped at 64 MiB. From a pipe, pg_restore
# --list reads only the table of contents, so `pg_restore -f /dev/null` (every data block read and turned into SQL)
# is timed too: that is the reader doing the same work as verify.
#
#   bench/verify-throughput.sh [SIZE_MB]      (default 1024: the dump's size to aim for)
#
# Runs as root on a Debian machine: it starts a throw-away PostgreSQL of Debian's packages as the postgres user
# (the pg_dump Debian ships dumps servers of its own version), fills it with random text, makes the backup the dokku
# way (pg_dump -Fc --no-acl --no-owner, tar --create --gzip of backup/), and times both readers. Work files go to
# a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-1024}

. bench/lib.sh
bench_need_pg15
bench_need pg_dump postgresql-client
bench_need /usr/bin/time time
bench_need bc bc
bench_java
./mvnw -q -B -pl platform-cli -am -DskipTests package

work=$(mktemp -d /tmp/petdb-bench.XXXXXX)
chown postgres "$work"
port=$(bench_free_port)
cleanup() {
    bench_pg_stop "$work"
    rm -rf "$work"
}
trap cleanup EXIT

echo "== a throw-away PostgreSQL 15 on port $port, filled to about ${size_mb} MB of dump"
bench_pg_start "$work" "$port"
psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_ -c "CREATE DATABASE petdb"
# md5 text compresses to about half: twice the target in raw text
rows=$(( size_mb * 1024 * 1024 * 2 / 100 ))
psql_ -d petdb -c "CREATE SCHEMA shop; CREATE TABLE shop.items (id bigint, a text, b text, c text)"
psql_ -d petdb -c "INSERT INTO shop.items SELECT g, md5(g::text), md5((g * 7)::text), md5(random()::text) FROM generate_series(1, $rows) g"

echo "== the backup, the dokku way"
mkdir -p "$work/b/backup"
pg_dump -h 127.0.0.1 -p "$port" -U postgres -Fc --no-acl --no-owner -f "$work/b/backup/export" petdb
(cd "$work/b" && tar --create --gzip --file "$work/postgres-petdb-2026-01-01-03-00-00.tgz" backup/)
tgz="$work/postgres-petdb-2026-01-01-03-00-00.tgz"
tgz_bytes=$(stat -c %s "$tgz")
dump_bytes=$(stat -c %s "$work/b/backup/export")
rm -rf "$work/b"
echo "backup: $((tgz_bytes / 1048576)) MiB (.tgz), dump $((dump_bytes / 1048576)) MiB"

measure() { # label, command...
    local label=$1; shift
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null
    end=$(date +%s.%N)
    local seconds rss
    seconds=$(echo "$end - $start" | bc -l)
    rss=$(cat "$work/rss")
    printf "%-46s %7.2f s %8.1f MB/s   peak RSS %6d MiB\n" "$label" "$seconds" \
        "$(echo "$tgz_bytes / 1048576 / $seconds" | bc -l)" "$((rss / 1024))"
}

echo "== results (MB/s of the .tgz)"
measure "petdb backup verify --file (heap <= 64 MiB)" \
    env JAVA_OPTS= "$JAVA_HOME/bin/java" -Xmx64m -XX:+UseSerialGC -jar platform-cli/target/petdb.jar backup verify --file "$tgz"
measure "gzip -dc | tar -xO | pg_restore --list" \
    sh -c "gzip -dc '$tgz' | tar -xO backup/export | pg_restore --list"
measure "gzip -dc | tar -xO | pg_restore -f /dev/null" \
    sh -c "gzip -dc '$tgz' | tar -xO backup/export | pg_restore -f /dev/null"
measure "gzip -dc > /dev/null (decompression alone)" \
    sh -c "gzip -dc '$tgz' > /dev/null"
