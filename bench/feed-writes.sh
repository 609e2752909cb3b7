#!/usr/bin/env bash
# Benchmark: what the kit's changes feed costs a write. Every change of a tracked table takes the next number from
# one counter row per schema at its commit (so numbers follow commit order), so concurrent writers take turns there
# for a moment. This measures inserts and updates per second into a table with the feed and into the same table
# without it, with pgbench at 1 and at CLIENTS concurrent clients, and the feed's read (the query ChangesFeed runs
# for one user's page of 100) per second.
#
#   bench/feed-writes.sh [CLIENTS] [SECONDS]      (defaults 8 and 15)
#
# It ends with one line per goal, PASS or MISS, from this run, at CLIENTS clients: at least 1,000 inserts and 1,000
# updates a second with the feed (a pet project's API sees a small fraction of that), and 1,000 feed reads a second.
# The writes lose most of their rate at many clients: each commit holds the counter row's lock through its own WAL
# flush, so tracked writes of one schema commit one at a time. That is the price of numbers in commit order; the
# figures say how much it is.
#
# Runs as root on a Debian machine: a throw-away PostgreSQL 15 of Debian's packages (synchronous_commit on, as
# dokku-postgres runs it) in a temporary folder, removed at the end; the feed's functions are the kit's own
# (apps/kit/src/main/resources/dev/petdb/kit/feed/feed-functions.sql).
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-8}
seconds=${2:-15}

. bench/lib.sh
bench_need_pg15

bench_pg_workdir

bench_pg_start "$work" "$port"
psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

echo "== PostgreSQL 15 on port $port; $(nproc) cores; two schemas with the same table, one with the feed"
for schema in plain synced; do
    psql_ -c "CREATE SCHEMA $schema;
        CREATE TABLE $schema.notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, owner bigint NOT NULL,
                                    body text NOT NULL);
        CREATE INDEX ON $schema.notes (owner, id);
        INSERT INTO $schema.notes (owner, body) SELECT g % 100 + 1, 'note ' || g FROM generate_series(1, 10000) g;"
done
sed -e 's/SCHEMA\.petdb_/synced.petdb_/g' -e "s/SCHEMA_NAME/'synced'/g" \
    apps/kit/src/main/resources/dev/petdb/kit/feed/feed-functions.sql | psql_ >/dev/null
psql_ -c "SELECT synced.petdb_feed_track('synced.notes', 'owner')" >/dev/null
psql_ -c "VACUUM ANALYZE"

for schema in plain synced; do
    cat > "$work/insert-$schema.sql" <<SQL
\set owner random(1, 100)
INSERT INTO $schema.notes (owner, body) VALUES (:owner, 'a new note');
SQL
    cat > "$work/update-$schema.sql" <<SQL
\set id random(1, 10000)
UPDATE $schema.notes SET body = 'edited' WHERE id = :id;
SQL
done
cat > "$work/read-synced.sql" <<'SQL'
\set owner random(1, 100)
SELECT s.last_change, c.change, c.row_id, n.id IS NULL, n.id, n.owner, n.body, n.version
FROM (SELECT last_change FROM synced.petdb_feed_state) s
LEFT JOIN LATERAL (SELECT change, row_id, deleted FROM synced.petdb_changes
                   WHERE table_name = 'notes' AND scope = :owner AND change > 0 ORDER BY change LIMIT 101) c ON true
LEFT JOIN synced.notes n ON n.id = c.row_id AND NOT c.deleted
ORDER BY c.change;
SQL

tps() { # SCRIPT CLIENTS
    runuser -u postgres -- "$pg_bin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -n -M prepared -c "$2" \
        -j "$(( $2 < 2 ? 1 : 2 ))" -T "$seconds" -f "$work/$1.sql" postgres 2>/dev/null \
        | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | cut -d. -f1
}

declare -A rate
for what in insert update; do
    for c in 1 "$clients"; do
        for schema in plain synced; do
            rate[$what-$schema-$c]=$(tps "$what-$schema" "$c")
        done
        printf '%-7s %2d client(s): without the feed %6d/s, with it %6d/s (%s%%)\n' "$what" "$c" \
            "${rate[$what-plain-$c]}" "${rate[$what-synced-$c]}" \
            "$(( 100 * ${rate[$what-synced-$c]} / ${rate[$what-plain-$c]} ))"
    done
done
read_tps=$(tps read-synced "$clients")
echo "feed reads (a page of 100 of one of 100 users, $clients clients): $read_tps/s"
echo "changes recorded: $(psql_ -c 'SELECT last_change FROM synced.petdb_feed_state')"

for what in insert update; do
    bench_goal "${rate[$what-synced-$clients]} >= 1000" \
        "${what}s with the feed at $clients clients: ${rate[$what-synced-$clients]}/s, at least 1000/s"
done
bench_goal "$read_tps >= 1000" "feed reads at $clients clients: $read_tps/s, at least 1000/s"
