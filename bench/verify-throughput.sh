#!/usr/bin/env bash
# Benchmark: petdb's structural verify of a ~1 GiB dokku backup against pg_restore reading the same file, with the JVM
# heap capped at 64 MiB; throughput in MB/s of the .tgz, and peak RSS. `gzip -dc | tar -xO | pg_restore -f /dev/null`
# (every data block read and turned into SQL) is the reader doing the same work as verify; `pg_restore --list` reads
# only the table of contents from a pipe, and `gzip -dc > /dev/null` is one core's gunzip, the outer decompression
# alone. The same backup encrypted the dokku way (gpg --symmetric) is verified too.
#
#   bench/verify-throughput.sh [SIZE_MB]      (default 1024: the dump's size to aim for)
#
# It ends with one line per goal, PASS or MISS, all figures from this run: verify at least 1.5 times as fast as
# the pg_restore pipeline, the heap within 64 MiB, and how far verify is from the one-core gunzip limit.
#
# Runs as root on a Debian machine: it starts a throw-away PostgreSQL of Debian's packages as the postgres user
# (the pg_dump Debian ships dumps servers of its own version), fills it with random text, makes the backup the dokku
# way (pg_dump -Fc --no-acl --no-owner, tar --create --gzip of backup/), and times the readers. Work files go to
# a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-1024}

. bench/lib.sh
bench_need_pg15
bench_need pg_dump postgresql-client
bench_need /usr/bin/time time
bench_need bc bc
bench_need gpg gnupg
bench_java
./mvnw -q -B -pl platform-cli -am -DskipTests package

bench_pg_workdir

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

measure() { # label, command...: prints a line; leaves the figures in mbs, rss_mib and status (its exit code)
    local label=$1; shift
    local start end seconds
    start=$(date +%s.%N)
    status=0
    /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null || status=$?
    end=$(date +%s.%N)
    seconds=$(echo "$end - $start" | bc -l)
    mbs=$(echo "$tgz_bytes / 1048576 / $seconds" | bc -l)
    rss_mib=$(( $(tail -n 1 "$work/rss") / 1024 ))
    printf "%-46s %7.2f s %8.1f MB/s   peak RSS %6d MiB%s\n" "$label" "$seconds" "$mbs" "$rss_mib" \
        "$([ "$status" = 0 ] || echo "   FAILED: exit $status")"
}
petdb=(env JAVA_OPTS= "$JAVA_HOME/bin/java" -Xmx64m -XX:+UseSerialGC -jar platform-cli/target/petdb.jar)

echo "== results (MB/s of the .tgz; load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
measure "petdb backup verify --file (heap <= 64 MiB)" "${petdb[@]}" backup verify --file "$tgz"
petdb_mbs=$mbs petdb_rss=$rss_mib petdb_status=$status
measure "gzip -dc | tar -xO | pg_restore --list" \
    sh -c "gzip -dc '$tgz' | tar -xO backup/export | pg_restore --list"
measure "gzip -dc | tar -xO | pg_restore -f /dev/null" \
    sh -c "gzip -dc '$tgz' | tar -xO backup/export | pg_restore -f /dev/null"
restore_mbs=$mbs restore_status=$status
measure "gzip -dc > /dev/null (decompression alone)" \
    sh -c "gzip -dc '$tgz' > /dev/null"
gunzip_mbs=$mbs

# dokku's encryption: gpg --symmetric with its defaults (its own compression of the .tgz included)
mkdir -m 700 "$work/gnupg"
passphrase=bench-$RANDOM-$RANDOM
gpg --homedir "$work/gnupg" --batch --no-tty --quiet --pinentry-mode loopback --symmetric --cipher-algo AES256 \
    --passphrase "$passphrase" --output "$tgz.gpg" "$tgz"
gpgconf --homedir "$work/gnupg" --kill all >/dev/null 2>&1 || true
measure "petdb backup verify --file, the same .tgz.gpg" \
    env BACKUP_PASSPHRASE="$passphrase" "${petdb[@]}" backup verify --file "$tgz.gpg"
echo "== goals (load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
bench_goal "$petdb_status == 0 && $restore_status == 0 && $petdb_mbs >= 1.5 * $restore_mbs" "$(printf 'verify >= 1.5 x gzip -dc | tar -xO | pg_restore -f /dev/null: %.1f MB/s against 1.5 x %.1f = %.1f' \
    "$petdb_mbs" "$restore_mbs" "$(echo "1.5 * $restore_mbs" | bc -l)")"
# the run above is capped with -Xmx64m: if it verified the backup to the end (exit 0), its heap sufficed
bench_goal "$petdb_status == 0" "heap <= 64 MiB: verify ran to the end with -Xmx64m, exit $petdb_status (peak RSS, JVM included, $petdb_rss MiB)"
printf 'verify reads at %.0f %% of the one-core gunzip limit (%.1f MB/s against gzip -dc > /dev/null: %.1f MB/s)\n' \
    "$(echo "100 * $petdb_mbs / $gunzip_mbs" | bc -l)" "$petdb_mbs" "$gunzip_mbs"
