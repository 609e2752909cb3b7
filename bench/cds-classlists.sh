#!/usr/bin/env bash
# Writes each app's class list for class-data sharing (src/main/cds/classes.lst): the classes the app loads when it
# starts from its Procfile's web command, after its release command has migrated the schema, and serves its routes. The build turns the list into target/NAME.jsa
# (apps/parent/pom.xml), and the Procfile maps that archive at start-up, so the classes are not loaded and verified
# again on every start. Run it again after changing dependencies or the JDK; a stale list still works, it only
# shares fewer classes.
#
#   bench/cds-classlists.sh            # fruits and every apps/*/Procfile
#   bench/cds-classlists.sh todos      # one app
#
# Runs as root on a Debian machine, like the other bench scripts: a throw-away PostgreSQL 15 in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

bench_need curl curl
bench_need ss iproute2
bench_need_pg15
bench_java
export PATH="$JAVA_HOME/bin:$PATH"

apps=("$@")
if [ ${#apps[@]} = 0 ]; then
    apps=(fruits)
    for procfile in apps/*/Procfile; do apps+=("$(basename "$(dirname "$procfile")")"); done
fi

./mvnw -B -q -DskipTests package

tmp=$(mktemp -d /tmp/petdb-cds.XXXXXX)
chown postgres "$tmp"
app_pid=
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
    bench_pg_stop "$tmp"
    rm -rf "$tmp"
}
trap cleanup EXIT
pg_port=$(bench_free_port)
bench_pg_start "$tmp" "$pg_port"

# exercise APP PORT: the requests that load what a running app loads (routes, JSON both ways, problems)
exercise() {
    local base="http://127.0.0.1:$2" json='Content-Type: application/json' token
    curl -s "$base/health/live" "$base/health/ready" "$base/no/such/path" >/dev/null
    curl -s -X DELETE "$base/health/ready" >/dev/null
    case "$1" in
        fruits)
            curl -s "$base/?filter=an" "$base/items/1" "$base/items/999999" >/dev/null
            curl -s -H "$json" -d '{"name":"kiwi"}' "$base/items" -H "$json" -d '{"name":""}' "$base/items" >/dev/null
            curl -s -H "$json" -d '{not json' "$base/items" >/dev/null ;;
        todos)
            curl -s -H "$json" -d '{"email":"cds@example.com","password":"long enough"}' "$base/users" >/dev/null
            token=$(curl -s -H "$json" -d '{"email":"cds@example.com","password":"long enough"}' "$base/auth/token" \
                | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
            curl -s -H "Authorization: Bearer $token" -H "$json" -d '{"title":"train"}' "$base/todos" >/dev/null
            curl -s -H "Authorization: Bearer $token" "$base/todos?state=todo&title=tr" "$base/todos/1" >/dev/null
            curl -s -X PATCH -H "Authorization: Bearer $token" -H "$json" -d '{"state":"done"}' "$base/todos/1" >/dev/null
            curl -s "$base/todos" >/dev/null ;;
        movies)
            curl -s "$base/api/v1/movies?page=2&page_size=10" "$base/api/v1/movies/search?query=lantern" >/dev/null
            curl -s "$base/api/v1/movies?page=0" "$base/api/v1/movies/not-a-uuid" >/dev/null ;;
    esac
}

for app in "${apps[@]}"; do
    dir=apps/$app
    [ "$app" = fruits ] && dir=fruits
    procfile=$dir/Procfile
    [ "$app" = fruits ] && procfile=Procfile
    command=$(sed -n 's/^web: //p' "$procfile")
    [ -n "$command" ] || { echo "cds: $procfile has no web command" >&2; exit 1; }
    release=$(sed -n 's/^release: //p' "$procfile")
    "$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "CREATE DATABASE cds_$app"
    port=$(bench_free_port)
    list=$tmp/$app.lst
    # the release command first, as Dokku runs it before web: a web process started on an empty database would run
    # the migrations itself, and Flyway (with the Jackson databind it uses) would end up in the archive every web
    # process maps: about 9 MiB of fruits' RSS
    if [ -n "$release" ]; then
        release=${release//-XX:SharedArchiveFile=$dir\/target\/$app.jsa/}
        DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/cds_$app" sh -c "exec $release" > "$tmp/$app.release.log" 2>&1 \
            || { echo "cds: the release command of $app failed:" >&2; tail -5 "$tmp/$app.release.log" >&2; exit 1; }
    fi
    # the web command as deployed, minus the archive it maps (the list is what builds it); PETDB_JAVA_OPTS comes last
    command=${command//-XX:SharedArchiveFile=$dir\/target\/$app.jsa/}
    PORT=$port DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/cds_$app" \
        PETDB_JAVA_OPTS="-XX:DumpLoadedClassList=$list" sh -c "exec $command" > "$tmp/$app.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 600); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && break
        sleep 0.1
    done
    exercise "$app" "$port"
    kill "$app_pid"
    wait "$app_pid" || true
    app_pid=
    if grep -q '^org/flywaydb/core/Flyway ' "$list"; then
        echo "cds: $app's web start loaded Flyway although its release had migrated (its up-to-date check could not" \
            "reach PostgreSQL in time?); the list is not written. The end of its log:" >&2
        tail -5 "$tmp/$app.log" >&2
        exit 1
    fi
    mkdir -p "$dir/src/main/cds"
    cp "$list" "$dir/src/main/cds/classes.lst"
    echo "$dir/src/main/cds/classes.lst: $(grep -vc '^[@#]' "$list") classes"
done
