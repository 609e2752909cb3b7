# Shared pieces of the bench/ scripts; source it (`. "$(dirname "$0")/lib.sh"`), don't run it.
# The scripts run as root on a Debian machine: missing tools come from Debian's packages, and a throw-away
# PostgreSQL 15 of Debian's packages runs as the postgres user in a temporary folder.

bench_apt_updated=0
# bench_need COMMAND PACKAGE: install PACKAGE from Debian's packages when COMMAND is missing
bench_need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$bench_apt_updated" = 0 ]; then apt-get update -qq; bench_apt_updated=1; fi
    apt-get install -y -qq "$2" >/dev/null
}

pg_bin=/usr/lib/postgresql/15/bin
# bench_need_pg15: PostgreSQL 15's server binaries in $pg_bin, and psql
bench_need_pg15() {
    bench_need psql postgresql-client
    [ -x "$pg_bin/postgres" ] && return 0
    if [ "$bench_apt_updated" = 0 ]; then apt-get update -qq; bench_apt_updated=1; fi
    apt-get install -y -qq postgresql-15 >/dev/null
}

# bench_java: export JAVA_HOME as a JDK of version 21 or newer ($JAVA_HOME first, then /usr/lib/jvm/*)
bench_java() {
    local candidate version
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
        if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
            export JAVA_HOME=$candidate
            return 0
        fi
    done
    echo "bench: no JDK 21 or newer found (set JAVA_HOME)" >&2
    return 1
}

# bench_free_port: a TCP port nothing listens on, from 20000 to 59999
bench_free_port() {
    local port
    while :; do
        port=$(( 20000 + RANDOM % 40000 ))
        ss -Htln "sport = :$port" 2>/dev/null | grep -q . || { echo "$port"; return 0; }
    done
}

# bench_pg_start DIR PORT [PASSWORD]: initdb in DIR/pg and start it on 127.0.0.1:PORT, its socket in DIR (which
# the postgres user must be able to write). Without PASSWORD every local login is trusted; with one, logins
# need SCRAM passwords (as in production) and the superuser postgres gets PASSWORD. Log: DIR/pg.log.
bench_pg_start() {
    local dir=$1 port=$2 password=${3:-}
    if [ -n "$password" ]; then
        (umask 077 && printf '%s\n' "$password" > "$dir/pg.pw")
        chown postgres "$dir/pg.pw"
        runuser -u postgres -- "$pg_bin/initdb" -D "$dir/pg" -U postgres --auth=scram-sha-256 --pwfile="$dir/pg.pw" >/dev/null
        rm -f "$dir/pg.pw"
    else
        runuser -u postgres -- "$pg_bin/initdb" -D "$dir/pg" -A trust -U postgres >/dev/null
    fi
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$dir/pg" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" \
        -l "$dir/pg.log" -w start >/dev/null
}

# bench_pg_workdir: sets work, a temporary folder the postgres user may write, and port, a free one, for
# bench_pg_start "$work" "$port"; at exit the server is stopped and the folder removed
bench_pg_workdir() {
    work=$(mktemp -d /tmp/petdb-bench.XXXXXX)
    chown postgres "$work"
    port=$(bench_free_port)
    trap 'bench_pg_stop "$work"; rm -rf "$work"' EXIT
}

# bench_pg_stop DIR: stop the server bench_pg_start started (no-op when it isn't running)
bench_pg_stop() {
    [ -d "$1/pg" ] || return 0
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$1/pg" -m immediate stop >/dev/null 2>&1 || true
}

# bench_goal CONDITION TEXT: "PASS TEXT" when the awk expression CONDITION holds, else "MISS TEXT"
bench_goal() {
    if awk "BEGIN { exit !($1) }"; then echo "PASS $2"; else echo "MISS $2"; fi
}
