#!/usr/bin/env bash
# Benchmark: fruits (the Helidon app, started with the exact `web` command of the root Procfile) next to the seed's
# Bun server (bench/bun/server.ts) on the same throw-away PostgreSQL, under the same wrk load on GET /?filter=an;
# then every app with a Procfile (fruits, apps/*/Procfile) started together: total RSS and PostgreSQL connections.
#
#   bench/fruits-vs-bun.sh
#
# Settings (environment): WARMUP=10 (s of wrk before the measured run), DURATION=30 (s measured),
# CONNECTIONS=32, THREADS=2 (wrk), BUILD=1 (0: use the jars already in target/), APPS=1 (0: skip the apps part),
# RATE_SHARE=70 (the equal-load run's rate, in % of Bun's full-load requests/s), LEVERS=FILE (also run fruits once
# per line of FILE, each a JVM lever; bench/fruits-levers.txt lists those docs/performance.md reports).
#
# Runs as root on a Debian machine. It installs what is missing (wrk, hey, curl, PostgreSQL 15 from Debian's packages;
# bun and postgres from the npm registry into bench/.work/bun, pinned by bench/bun/package-lock.json), builds the
# repository with the Maven wrapper, starts its own PostgreSQL 15 on a free port in a temporary folder (never the
# machine's server on 5432), and removes everything it started on exit, Ctrl-C included. The report is printed and
# written to bench/.work/results-<date>.md, for docs/performance.md. Passwords are never printed.
#
# Per server: start it and time it to the first 200 (fruits: /health/ready; Bun has no health route: /?filter=an),
# polled every ~10 ms; after ready, IDLE_WAIT (10) s idle, then RSS (VmRSS of the server process); wrk warm-up; the measured wrk
# run; PostgreSQL connections sampled during it (max) and RSS and connections read as it ends; then the equal-load run:
# hey holding RATE_SHARE % of Bun's full-load rate for DURATION s on the same connections, every request's latency
# kept (p50, p99, p99.9); then the server stops. Bun runs first, so that its rate is known when fruits runs.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

WARMUP=${WARMUP:-10}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
BUILD=${BUILD:-1}
APPS=${APPS:-1}
READY_TIMEOUT=${READY_TIMEOUT:-120}
RATE_SHARE=${RATE_SHARE:-70}
# the load comes from one client (wrk and hey on loopback), which the kit's per-client limit (600 a minute by
# default) would answer with 429s: the limiter stays on, so its cost is measured, at its highest settings, which a
# run of this length never reaches (about 1 million requests per process against a burst of 1 million plus 16,667/s)
RATE_LIMIT_PER_MINUTE=${RATE_LIMIT_PER_MINUTE:-1000000}
RATE_LIMIT_BURST=${RATE_LIMIT_BURST:-1000000}
LEVERS=${LEVERS:-}
# idle RSS is read this long after ready: a JVM hands back its start-up scratch memory (JIT arenas, trimmed native
# heap) within about 5 s, and an app on a server is idle far longer than that
IDLE_WAIT=${IDLE_WAIT:-10}
for setting in WARMUP DURATION CONNECTIONS THREADS READY_TIMEOUT IDLE_WAIT RATE_SHARE; do
    [[ ${!setting} =~ ^[0-9]+$ ]] || { echo "bench: $setting must be a whole number" >&2; exit 2; }
done
command_line="bench/fruits-vs-bun.sh"
for setting in WARMUP DURATION CONNECTIONS THREADS RATE_SHARE LEVERS; do
    case "$setting=${!setting}" in WARMUP=10|DURATION=30|CONNECTIONS=32|THREADS=2|RATE_SHARE=70|LEVERS=) ;; *) command_line="$setting=${!setting} $command_line" ;; esac
done
[ -z "$LEVERS" ] || [ -f "$LEVERS" ] || { echo "bench: LEVERS names $LEVERS, which is not a file" >&2; exit 2; }

# never print a password: postgres://user:SECRET@host -> postgres://user:****@host
mask() { sed -E 's#(postgres(ql)?://[^:/@[:space:]]+:)[^@[:space:]]*@#\1****@#g'; }
say() { printf '%s\n' "$*" | mask >&2; }

# ---------------------------------------------------------------------------------------------- what it needs
bench_need wrk wrk
bench_need hey hey
bench_need curl curl
bench_need npm npm
bench_need ss iproute2
bench_need_pg15
bench_java
export PATH="$JAVA_HOME/bin:$PATH"   # the Procfile says `java`: the JDK >= 21, not an older default java

if [ "$BUILD" != 0 ]; then
    say "== building with the Maven wrapper (./mvnw -B -q -DskipTests package; BUILD=0 skips it)"
    ./mvnw -B -q -DskipTests package
fi
for jar in fruits/target/fruits.jar platform-cli/target/petdb.jar; do
    [ -f "$jar" ] || { echo "bench: $jar is missing; run without BUILD=0" >&2; exit 1; }
done

work=bench/.work
bun_dir=$work/bun
mkdir -p "$bun_dir"
if ! cmp -s bench/bun/package-lock.json "$bun_dir/package-lock.json" || ! [ -x "$bun_dir/node_modules/.bin/bun" ]; then
    say "== installing bun and postgres from the npm registry into $bun_dir (npm ci)"
    cp bench/bun/package.json bench/bun/package-lock.json "$bun_dir/"
    (cd "$bun_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
cp bench/bun/server.ts "$bun_dir/server.ts"
# the bun package puts its binary in place in a postinstall script; if npm skipped it, run it
"$bun_dir/node_modules/.bin/bun" --version >/dev/null 2>&1 || (cd "$bun_dir/node_modules/bun" && node install.js >/dev/null)
bun_version=$("$bun_dir/node_modules/.bin/bun" --version)

# ---------------------------------------------------------------------------------------------- clean-up
tmp=$(mktemp -d /tmp/petdb-fruits-bench.XXXXXX)
chown postgres "$tmp"
started=()   # PIDs of the servers and helpers this script started
cleanup() {
    local pid
    trap - INT TERM
    for pid in "${started[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 100); do
        local alive=0
        for pid in "${started[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ "$alive" = 0 ] && break
        sleep 0.1
    done
    for pid in "${started[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    bench_pg_stop "$tmp"
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'echo "bench: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM

# stop_pid PID: SIGTERM (as Dokku stops a container), SIGKILL after 20 s
stop_pid() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    forget "$pid"
}
# forget PID: a process that has ended and been waited for, so clean-up never signals a reused PID
forget() {
    local keep=() p
    for p in "${started[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
    started=("${keep[@]}")
}

# ---------------------------------------------------------------------------------------------- PostgreSQL
pg_port=$(bench_free_port)
pg_password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
say "== a throw-away PostgreSQL 15 on 127.0.0.1:$pg_port (SCRAM passwords, data in $tmp)"
bench_pg_start "$tmp" "$pg_port" "$pg_password"
export PGPASSWORD=$pg_password
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -v ON_ERROR_STOP=1 -q -At "$@"; }
psql_ -c "CREATE DATABASE petdb"
admin_url="postgres://postgres:$pg_password@127.0.0.1:$pg_port/petdb"
pg_version=$(psql_ -d petdb -c "SHOW server_version")

declare -A app_url
# provision NAME: role and schema NAME made by petdb schema create; its printed DATABASE_URL in app_url[NAME]
provision() {
    local out
    out=$(DATABASE_URL=$admin_url platform-cli/petdb schema create "$1" --app-host 127.0.0.1 --app-port "$pg_port" 2> >(mask >&2))
    app_url[$1]=$(printf '%s\n' "$out" | sed -n 's/^DATABASE_URL=//p')
    [ -n "${app_url[$1]}" ] || { echo "bench: petdb schema create $1 printed no DATABASE_URL" >&2; exit 1; }
}
# connections FILTER: PostgreSQL connections matching a pg_stat_activity condition
connections() { psql_ -d petdb -c "SELECT count(*) FROM pg_stat_activity WHERE $1"; }

# ---------------------------------------------------------------------------------------------- processes
# procfile_web FILE: the command of the web: line
procfile_web() { sed -n 's/^web:[[:space:]]*//p' "$1"; }

# run_release NAME PROCFILE: the Procfile's release command (migrations), run to the end as Dokku runs it before it
# starts web; its time in RELEASE_MS
run_release() {
    local cmd t0
    cmd=$(sed -n 's/^release:[[:space:]]*//p' "$2")
    [ -n "$cmd" ] || { RELEASE_MS=0; return 0; }
    t0=$EPOCHREALTIME
    DATABASE_URL=${app_url[$1]} PETDB_JAVA_OPTS=${PETDB_JAVA_OPTS:-} sh -c "exec $cmd" >"$tmp/$1.release.log" 2>&1 \
        || { echo "bench: the release command of $1 failed:" >&2; tail -5 "$tmp/$1.release.log" | mask >&2; exit 1; }
    RELEASE_MS=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%d", (b - a) * 1000 }')
}

# http_code PORT PATH: sets CODE to the HTTP status of GET PATH (000 when nothing answers); no fork, so a poll
# every 10 ms costs the starting server next to nothing
http_code() {
    local fd line
    CODE=000
    { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 0
    printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&"$fd" 2>/dev/null || true
    if IFS= read -r -t 5 line <&"$fd"; then
        line=${line#HTTP/* }
        CODE=${line%% *}
    fi
    exec {fd}>&-
}

# ms_since T0: milliseconds from $EPOCHREALTIME T0 to now
ms_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%d", (b - a) * 1000 + 0.5 }'; }

# real_pid PID EXE: PID, or the descendant of PID, whose executable's name is EXE
real_pid() {
    local queue=("$1") pid
    while [ ${#queue[@]} -gt 0 ]; do
        pid=${queue[0]}; queue=("${queue[@]:1}")
        case "$(basename "$(readlink "/proc/$pid/exe" 2>/dev/null)")" in "$2"|"$2".exe) echo "$pid"; return 0 ;; esac
        # shellcheck disable=SC2207
        queue+=($(ps -o pid= --ppid "$pid" 2>/dev/null))
    done
    echo "bench: no $2 process under PID $1" >&2
    return 1
}

# rss_kb PID [FIELD]: VmRSS (or RssAnon, RssFile, RssShmem) in KiB from /proc/PID/status
rss_kb() { awk -v f="${2:-VmRSS}:" '$1 == f { print $2 }' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# wait_ready NAME PID PORT PATH T0: poll every ~10 ms until GET PATH answers 200; sets READY_MS
wait_ready() {
    local name=$1 pid=$2 port=$3 path=$4 t0=$5
    while :; do
        http_code "$port" "$path"
        if [ "$CODE" = 200 ]; then READY_MS=$(ms_since "$t0"); return 0; fi
        if ! kill -0 "$pid" 2>/dev/null; then
            say "bench: $name exited before it was ready; the end of $tmp/$name.log:"; tail -n 30 "$tmp/$name.log" | mask >&2; exit 1
        fi
        if [ "$(ms_since "$t0")" -gt $(( READY_TIMEOUT * 1000 )) ]; then
            say "bench: $name not ready after ${READY_TIMEOUT} s; the end of $tmp/$name.log:"; tail -n 30 "$tmp/$name.log" | mask >&2; exit 1
        fi
        sleep 0.01
    done
}

# start_web NAME PROCFILE PORT: the Procfile's web command, run the way Dokku runs it (a shell, from the repository
# root, with PORT and DATABASE_URL); `exec` makes the java the shell's own PID. Sets PID and T0.
# WEB_CMD, when set, replaces the Procfile's command (a lever run).
start_web() {
    local cmd
    cmd=${WEB_CMD:-$(procfile_web "$2")}
    [ -n "$cmd" ] || { echo "bench: no web: line in $2" >&2; exit 1; }
    T0=$EPOCHREALTIME
    PORT=$3 DATABASE_URL=${app_url[$1]} PETDB_JAVA_OPTS=${PETDB_JAVA_OPTS:-} \
        RATE_LIMIT_PER_MINUTE=$RATE_LIMIT_PER_MINUTE RATE_LIMIT_BURST=$RATE_LIMIT_BURST sh -c "exec $cmd" >"$tmp/$1.log" 2>&1 &
    PID=$!
    started+=("$PID")
}
start_bun() {
    T0=$EPOCHREALTIME
    (cd "$bun_dir" && PORT=$1 DATABASE_URL=${app_url[bun]} exec ./node_modules/.bin/bun server.ts) >"$tmp/bun.log" 2>&1 &
    PID=$!
    started+=("$PID")
}

# wrk_figures FILE: "req/s p50_ms p99_ms non2xx socket_errors" from wrk's output: the exact numbers that
# bench/wrk-report.lua prints when wrk is done, else wrk's own text (latency in us/ms/s/m, normalised to ms)
wrk_figures() {
    awk '
        function ms(v) {
            if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
            if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
            if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
            if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
            if (v ~ /h$/)  return substr(v, 1, length(v) - 1) * 3600000
            return v + 0
        }
        $1 == "BENCH" { lua[$2] = $3; next }
        /^Requests\/sec:/ { rps = $2 }
        /^ +50% / { p50 = ms($2) }
        /^ +99% / { p99 = ms($2) }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        /Socket errors:/ { gsub(/,/, ""); sock = $4 + $6 + $8 + $10 }
        END {
            if ("requests" in lua) {
                rps = lua["requests"] / (lua["duration_us"] / 1e6); p50 = lua["p50_us"] / 1000; p99 = lua["p99_us"] / 1000
                non2xx = lua["status_errors"]; sock = lua["connect_errors"] + lua["read_errors"] + lua["write_errors"] + lua["timeout_errors"]
            }
            if (rps == "") { print "bench: no Requests/sec in wrk output" > "/dev/stderr"; exit 1 }
            printf "%.1f %.3f %.3f %d %d\n", rps, p50, p99, non2xx, sock
        }' "$1"
}

# hey_figures CSV SECONDS: "req/s p50_ms p99_ms p999_ms non200 count" from `hey -o csv` (one row per request: its
# latency in seconds first, its status seventh); percentiles by rank over every request
hey_figures() {
    awk -F, -v seconds="$2" '
        NR == 1 { next }
        { n++; if ($7 != 200) bad++; print $1 * 1000 }
        END { printf "%d %d\n", bad, n > "/dev/stderr" }' "$1" 2>"$1.counts" | sort -g >"$1.sorted"
    local bad n
    read -r bad n <"$1.counts"
    [ "$n" -gt 0 ] || { echo "bench: hey answered no request" >&2; exit 1; }
    awk -v n="$n" -v bad="$bad" -v seconds="$2" '
        function rank(q) { r = int(q * n + 0.999999); if (r < 1) r = 1; return r }
        BEGIN { a = rank(0.50); b = rank(0.99); c = rank(0.999) }
        NR == a { p50 = $1 } NR == b { p99 = $1 } NR == c { p999 = $1 }
        END { printf "%.1f %.3f %.3f %.3f %d %d\n", n / seconds, p50, p99, p999, bad, n }' "$1.sorted"
}

# equal_load NAME PORT: hey at $equal_rate requests/s in all ($CONNECTIONS workers, each held to its share) for
# DURATION s; figures in fig[NAME.eq_*]
equal_load() {
    local name=$1 port=$2 per_worker
    per_worker=$(( (equal_rate + CONNECTIONS / 2) / CONNECTIONS ))
    [ "$per_worker" -ge 1 ] || per_worker=1
    say "equal load: hey -z ${DURATION}s -c $CONNECTIONS -q $per_worker ($(( per_worker * CONNECTIONS )) requests/s offered)"
    hey -z "${DURATION}s" -c "$CONNECTIONS" -q "$per_worker" -o csv "http://127.0.0.1:$port$url_path" >"$tmp/$name.hey.csv"
    read -r "fig[$name.eq_rps]" "fig[$name.eq_p50]" "fig[$name.eq_p99]" "fig[$name.eq_p999]" "fig[$name.eq_bad]" "fig[$name.eq_n]" \
        < <(hey_figures "$tmp/$name.hey.csv" "$DURATION")
    fig[$name.eq_offered]=$(( per_worker * CONNECTIONS ))
    say "equal load: ${fig[$name.eq_rps]} requests/s answered, p50 ${fig[$name.eq_p50]} ms, p99 ${fig[$name.eq_p99]} ms, p99.9 ${fig[$name.eq_p999]} ms, ${fig[$name.eq_bad]} not 200"
    rm -f "$tmp/$name.hey.csv" "$tmp/$name.hey.csv.sorted"
}

url_path='/?filter=an'
expected_body='[{"name":"banana"}]'

# measure NAME READY_PATH CONNECTION_FILTER EXE: start, time to ready, idle RSS, warm-up, measured load, then the
# equal-load run (its rate set by the first server measured); the figures land in fig[NAME.*]
declare -A fig
equal_rate=
measure() {
    local name=$1 ready_path=$2 filter=$3 exe=$4 port pid body sampler n
    port=$(bench_free_port)
    say ""
    say "== $name on port $port"
    if [ "$name" = bun ]; then
        start_bun "$port"
    else
        run_release "$name" Procfile
        fig[$name.release]=$RELEASE_MS
        say "release (migrations) took ${RELEASE_MS} ms"
        start_web "$name" Procfile "$port"
    fi
    wait_ready "$name" "$PID" "$port" "$ready_path" "$T0"
    pid=$(real_pid "$PID" "$exe")
    fig[$name.ready]=$READY_MS
    say "ready after ${READY_MS} ms (first 200 on $ready_path); started as PID $PID, server process PID $pid ($(readlink "/proc/$pid/exe"))"
    sleep "$IDLE_WAIT"
    fig[$name.rss_idle]=$(rss_kb "$pid")
    fig[$name.conn_idle]=$(connections "$filter")
    body=$(curl -fsS "http://127.0.0.1:$port$url_path")
    say "idle: RSS $(mib "${fig[$name.rss_idle]}") MiB, ${fig[$name.conn_idle]} PostgreSQL connections; GET $url_path -> $body"
    [ "$body" = "$expected_body" ] || say "WARNING: $name answered $body, not $expected_body"
    if [ "$WARMUP" -gt 0 ]; then
        say "warm-up: wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s"
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$port$url_path" >"$tmp/$name.warmup.txt"
    fi
    say "load: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/wrk-report.lua \
        "http://127.0.0.1:$port$url_path" >"$tmp/$name.wrk.txt" &
    local wrk_pid=$!
    started+=("$wrk_pid")
    # samples of connections and RSS while the load runs: about 8 of them, at least 1 s apart
    local every=$(( DURATION / 8 )); [ "$every" -ge 1 ] || every=1
    : >"$tmp/$name.samples"
    (while sleep "$every"; do echo "$(connections "$filter") $(rss_kb "$pid")" >>"$tmp/$name.samples"; done) &
    sampler=$!
    started+=("$sampler")
    wait "$wrk_pid"
    forget "$wrk_pid"
    fig[$name.rss_end]=$(rss_kb "$pid")
    fig[$name.conn_end]=$(connections "$filter")
    kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
    forget "$sampler"
    fig[$name.breakdown]="anon $(mib "$(rss_kb "$pid" RssAnon)") + file $(mib "$(rss_kb "$pid" RssFile)") + shmem $(mib "$(rss_kb "$pid" RssShmem)") MiB"
    n=$(wc -l <"$tmp/$name.samples")
    fig[$name.samples]=$n
    fig[$name.conn_load]=$(awk -v end="${fig[$name.conn_end]}" 'BEGIN { m = end } $1 > m { m = $1 } END { print m }' "$tmp/$name.samples")
    fig[$name.rss_peak]=$(awk -v end="${fig[$name.rss_end]}" 'BEGIN { m = end } $2 > m { m = $2 } END { print m }' "$tmp/$name.samples")
    sed -n '/^Running/,/^Transfer/p' "$tmp/$name.wrk.txt" | grep -v '^BENCH' >&2 || true
    read -r "fig[$name.rps]" "fig[$name.p50]" "fig[$name.p99]" "fig[$name.non2xx]" "fig[$name.sock]" \
        < <(wrk_figures "$tmp/$name.wrk.txt")
    fig[$name.errors]=$(( ${fig[$name.non2xx]} + ${fig[$name.sock]} ))
    say "end of load: RSS $(mib "${fig[$name.rss_end]}") MiB (${fig[$name.breakdown]}), ${fig[$name.conn_end]} connections; max under load ${fig[$name.conn_load]} (of $n samples)"
    if [ -z "$equal_rate" ]; then
        equal_rate=$(awk -v r="${fig[$name.rps]}" -v s="$RATE_SHARE" 'BEGIN { printf "%d", r * s / 100 }')
        say "equal-load rate for every server: $RATE_SHARE % of $name's ${fig[$name.rps]} requests/s = $equal_rate"
    fi
    equal_load "$name" "$port"
    stop_pid "$pid"
}

# ---------------------------------------------------------------------------------------------- the run
say ""
say "== roles and schemas: petdb schema create fruits / bun"
provision fruits
provision bun
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# Bun first: the equal-load rate, for both servers, is a share of its full-load rate
measure bun "$url_path" "usename = 'bun' AND datname = 'petdb'" bun
measure fruits /health/ready "application_name = 'fruits' AND datname = 'petdb'" java
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------- JVM levers
# train_aot FILE: a training run of fruits with the Procfile's web flags, the CDS archive swapped for
# -XX:AOTCacheOutput=FILE (JEP 514): ready, a warm-up's worth of wrk load, then SIGTERM; the JVM writes the cache as
# it exits
train_aot() {
    local file=$1 port pid
    port=$(bench_free_port)
    say "training the AOT cache: $WARMUP s of wrk load, then SIGTERM"
    WEB_CMD=$(procfile_web Procfile | sed -E "s#-XX:SharedArchiveFile=[^ ]+#-XX:AOTCacheOutput=$file#")
    start_web fruits Procfile "$port"
    WEB_CMD=
    wait_ready aot-training "$PID" "$port" /health/ready "$T0"
    pid=$(real_pid "$PID" java)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$port$url_path" >/dev/null
    kill -TERM "$pid"
    for _ in $(seq 1 1200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    wait "$pid" 2>/dev/null || true
    forget "$pid"
    [ -s "$file" ] || { say "bench: the training run wrote no AOT cache; the end of $tmp/fruits.log:"; tail -n 20 "$tmp/fruits.log" | mask >&2; exit 1; }
    say "AOT cache: $(( $(stat -c %s "$file") / 1048576 )) MiB"
}

lever_names=()
declare -A lever_opts
if [ -n "$LEVERS" ]; then
    i=0
    while IFS= read -r line; do
        case "$line" in ''|'#'*) continue ;; esac
        i=$((i + 1))
        name="lever$i"
        lever_names+=("$name")
        fig[$name.label]=$(printf '%s' "${line%%|*}" | sed 's/[[:space:]]*$//')
        lever_opts[$name]=$(printf '%s' "${line#*|}" | sed 's/^[[:space:]]*//')
        app_url[$name]=${app_url[fruits]}
        say ""
        say "== lever ${fig[$name.label]}: ${lever_opts[$name]}"
        if [ "${lever_opts[$name]}" = aot-cache ]; then
            train_aot "$tmp/fruits.aot"
            WEB_CMD=$(procfile_web Procfile | sed -E "s#-XX:SharedArchiveFile=[^ ]+#-XX:AOTCache=$tmp/fruits.aot#")
            measure "$name" /health/ready "application_name = 'fruits' AND datname = 'petdb'" java
            WEB_CMD=
        else
            PETDB_JAVA_OPTS=${lever_opts[$name]} measure "$name" /health/ready "application_name = 'fruits' AND datname = 'petdb'" java
        fi
    done <"$LEVERS"
fi

# ---------------------------------------------------------------------------------------------- the apps together
apps=(fruits)
declare -A app_procfile=([fruits]=Procfile)
declare -A app_request=([fruits]="GET $url_path" [todos]="POST /users" [movies]="GET /api/v1/movies?page_size=2")
for procfile in apps/*/Procfile; do
    [ -f "$procfile" ] || continue
    app=$(basename "$(dirname "$procfile")")
    apps+=("$app"); app_procfile[$app]=$procfile
done
declare -A app_pid app_port app_ready app_rss app_pss app_conn app_code
if [ "$APPS" != 0 ]; then
    say ""
    say "== ${#apps[@]} apps started together: ${apps[*]}"
    for app in "${apps[@]}"; do
        [ "$app" = fruits ] || [ -f "$(dirname "${app_procfile[$app]}")/target/$app.jar" ] || \
            { echo "bench: $(dirname "${app_procfile[$app]}")/target/$app.jar is missing; run without BUILD=0" >&2; exit 1; }
        [ -n "${app_url[$app]:-}" ] || provision "$app"
    done
    # as Dokku deploys: each app's release (its migrations) first, then the web processes
    for app in "${apps[@]}"; do run_release "$app" "${app_procfile[$app]}"; done
    declare -A app_t0 app_shell
    for app in "${apps[@]}"; do
        app_port[$app]=$(bench_free_port)
        start_web "$app" "${app_procfile[$app]}" "${app_port[$app]}"
        app_shell[$app]=$PID; app_t0[$app]=$T0
    done
    for app in "${apps[@]}"; do
        wait_ready "$app" "${app_shell[$app]}" "${app_port[$app]}" /health/ready "${app_t0[$app]}"
        app_ready[$app]=$READY_MS
        app_pid[$app]=$(real_pid "${app_shell[$app]}" java)
    done
    # one request each that reaches the app's tables
    for app in "${apps[@]}"; do
        request=${app_request[$app]:-GET /health/ready}
        if [ "${request%% *}" = POST ]; then
            app_code[$app]=$(curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
                -d "{\"email\":\"bench-$RANDOM@example.com\",\"password\":\"correct horse battery\"}" \
                "http://127.0.0.1:${app_port[$app]}${request#* }")
        else
            app_code[$app]=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:${app_port[$app]}${request#* }")
        fi
    done
    sleep "$IDLE_WAIT"
    for app in "${apps[@]}"; do
        app_rss[$app]=$(rss_kb "${app_pid[$app]}")
        # PSS: each shared page (libjvm.so, the JDK's modules) counted once across the processes mapping it
        app_pss[$app]=$(awk '$1 == "Pss:" { print $2 }' "/proc/${app_pid[$app]}/smaps_rollup")
        app_conn[$app]=$(connections "application_name = '$app' AND datname = 'petdb'")
    done
    for app in "${apps[@]}"; do stop_pid "${app_pid[$app]}"; done
fi

# ---------------------------------------------------------------------------------------------- the report
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }
results=$work/results-$(date -u +%Y-%m-%d-%H%M).md
: >"$results"
out() { printf '%s\n' "$*" | mask | tee -a "$results"; }

mem_gib=$(awk '/^MemTotal:/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
java_version=$(java -version 2>&1 | sed -n '2p')
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain -- fruits apps Procfile pom.xml 2>/dev/null | wc -l)

say ""
out "## fruits against the seed's Bun server: GET $url_path"
out ""
out "\`$command_line\` (as root; its own PostgreSQL, wrk -t$THREADS -c$CONNECTIONS, ${WARMUP} s warm-up, ${DURATION} s measured; then hey -c$CONNECTIONS at $equal_rate requests/s, $RATE_SHARE % of Bun's full-load rate, for ${DURATION} s)."
out "Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($cpu), $mem_gib GiB, $(uname -sr);"
out "$java_version (production: java.runtime.version=$(sed -n 's/^java.runtime.version=//p' system.properties) from system.properties); Bun $bun_version (postgres.js $(node -p "require('./$bun_dir/node_modules/postgres/package.json').version")); PostgreSQL $pg_version; $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); hey $(dpkg-query -W -f '${Version}' hey 2>/dev/null || echo '(version unknown)')."
out "Commit $commit$([ "$dirty" -gt 0 ] && echo " with $dirty uncommitted change(s) under fruits/, apps/ or the Procfile")."
out "fruits: the root Procfile's web command, PETDB_JAVA_OPTS=${PETDB_JAVA_OPTS:-(empty)}${DB_POOL_SIZE:+, DB_POOL_SIZE=$DB_POOL_SIZE}, RATE_LIMIT_PER_MINUTE=$RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST=$RATE_LIMIT_BURST (the limiter on, never reached). Load average (1/5/15 min) before: $load_start, after: $load_end."
out ""
out "| figure | fruits | bun | fruits/bun |"
out "| --- | ---: | ---: | ---: |"
row() { out "| $1 | $2 | $3 | $(ratio "$2" "$3") |"; }
row "requests/s" "${fig[fruits.rps]}" "${fig[bun.rps]}"
row "latency p50 (ms)" "${fig[fruits.p50]}" "${fig[bun.p50]}"
row "latency p99 (ms)" "${fig[fruits.p99]}" "${fig[bun.p99]}"
row "equal load: requests/s answered (offered ${fig[fruits.eq_offered]})" "${fig[fruits.eq_rps]}" "${fig[bun.eq_rps]}"
row "equal load: latency p50 (ms)" "${fig[fruits.eq_p50]}" "${fig[bun.eq_p50]}"
row "equal load: latency p99 (ms)" "${fig[fruits.eq_p99]}" "${fig[bun.eq_p99]}"
row "equal load: latency p99.9 (ms)" "${fig[fruits.eq_p999]}" "${fig[bun.eq_p999]}"
out "| equal load: not 200 | ${fig[fruits.eq_bad]} of ${fig[fruits.eq_n]} | ${fig[bun.eq_bad]} of ${fig[bun.eq_n]} | |"
out "| errors (non-2xx/3xx + socket) | ${fig[fruits.errors]} (${fig[fruits.non2xx]} + ${fig[fruits.sock]}) | ${fig[bun.errors]} (${fig[bun.non2xx]} + ${fig[bun.sock]}) | |"
row "RSS idle (MiB)" "$(mib "${fig[fruits.rss_idle]}")" "$(mib "${fig[bun.rss_idle]}")"
row "RSS at the end of the load (MiB)" "$(mib "${fig[fruits.rss_end]}")" "$(mib "${fig[bun.rss_end]}")"
row "RSS peak of the samples under load (MiB)" "$(mib "${fig[fruits.rss_peak]}")" "$(mib "${fig[bun.rss_peak]}")"
row "PostgreSQL connections idle" "${fig[fruits.conn_idle]}" "${fig[bun.conn_idle]}"
row "PostgreSQL connections under load (max)" "${fig[fruits.conn_load]}" "${fig[bun.conn_load]}"
row "PostgreSQL connections at the end of the load" "${fig[fruits.conn_end]}" "${fig[bun.conn_end]}"
row "start to first 200 (ms)" "${fig[fruits.ready]}" "${fig[bun.ready]}"
out ""
out "- RSS is VmRSS of the server process (fruits: the java that \`sh -c 'exec ...'\` became; bun: the bun binary), at the"
out "  end of the load: fruits ${fig[fruits.breakdown]}; bun ${fig[bun.breakdown]}."
out "- Connections: pg_stat_activity rows with application_name 'fruits' (fruits) or usename 'bun' (bun), max of the"
out "  ${fig[fruits.samples]}/${fig[bun.samples]} samples taken during the load and the reading at its end."
out "- Ready: fruits to the first 200 on /health/ready of its web process, started after its release command had"
out "  migrated the schema (${fig[fruits.release]} ms), as Dokku deploys it; bun (no health route) to the first 200 on"
out "  $url_path, which also creates and seeds its table on that first request. Polled every ~10 ms."
out ""
goal() { out "- $(bench_goal "$@")"; }
out "Goals:"
goal "${fig[fruits.rps]} >= 1.4 * ${fig[bun.rps]}" \
    "fruits req/s >= 1.4 x Bun's: ${fig[fruits.rps]} against 1.4 x ${fig[bun.rps]} = $(awk -v b="${fig[bun.rps]}" 'BEGIN { printf "%.1f", 1.4 * b }') (ratio $(ratio "${fig[fruits.rps]}" "${fig[bun.rps]}"))"
goal "${fig[fruits.errors]} == 0" "no errors: fruits ${fig[fruits.non2xx]} non-2xx/3xx, ${fig[fruits.sock]} socket errors (bun: ${fig[bun.non2xx]}, ${fig[bun.sock]})"
goal "${fig[fruits.eq_p99]} <= ${fig[bun.eq_p99]}" "fruits p99 <= Bun's at equal load ($equal_rate requests/s): ${fig[fruits.eq_p99]} ms against ${fig[bun.eq_p99]} ms"
goal "${fig[fruits.eq_p999]} <= ${fig[bun.eq_p999]}" "fruits p99.9 <= Bun's at equal load: ${fig[fruits.eq_p999]} ms against ${fig[bun.eq_p999]} ms"
goal "${fig[fruits.eq_bad]} == 0 && ${fig[fruits.eq_rps]} >= 0.95 * ${fig[fruits.eq_offered]}" "fruits answers the equal load in full: ${fig[fruits.eq_rps]} of ${fig[fruits.eq_offered]} requests/s offered, ${fig[fruits.eq_bad]} not 200"
goal "${fig[fruits.rss_idle]} <= 72 * 1024" "fruits RSS idle <= 72 MiB: $(mib "${fig[fruits.rss_idle]}") MiB"
goal "${fig[fruits.rss_end]} <= 100 * 1024" "fruits RSS at the end of the load <= 100 MiB: $(mib "${fig[fruits.rss_end]}") MiB"
goal "${fig[fruits.conn_load]} <= 4" "fruits holds <= 4 PostgreSQL connections under load: ${fig[fruits.conn_load]} (max of samples and end)"
goal "${fig[fruits.ready]} <= 1000" "fruits ready within 1.0 s of process start: ${fig[fruits.ready]} ms"

if [ "$APPS" != 0 ]; then
    total_rss=0; total_conn=0
    out ""
    out "## ${#apps[@]} apps started together, each from its own Procfile"
    out ""
    if [ "${#apps[@]}" -lt 4 ]; then
        out "A 4th app does not exist yet (only ${#apps[@]} have a Procfile: ${apps[*]}); the figures are for ${#apps[@]}."
        out ""
    fi
    out "| app | start to first 200 on /health/ready (ms) | one request | RSS (MiB) | PSS (MiB) | PostgreSQL connections |"
    out "| --- | ---: | --- | ---: | ---: | ---: |"
    total_pss=0
    for app in "${apps[@]}"; do
        out "| $app | ${app_ready[$app]} | ${app_request[$app]:-GET /health/ready} -> ${app_code[$app]} | $(mib "${app_rss[$app]}") | $(mib "${app_pss[$app]}") | ${app_conn[$app]} |"
        total_rss=$(( total_rss + app_rss[$app] )); total_pss=$(( total_pss + app_pss[$app] )); total_conn=$(( total_conn + app_conn[$app] ))
    done
    out "| **total** | | | **$(mib "$total_rss")** | **$(mib "$total_pss")** | **$total_conn** |"
    out ""
    out "All started at once on the same $(nproc) cores and PostgreSQL, after each app's release command had migrated its"
    out "schema, as Dokku runs it. RSS (VmRSS of each java) and connections (by application_name) $IDLE_WAIT s after"
    out "each app answered its one request. PSS shares each page mapped by several of them (libjvm.so and the JDK's"
    out "files) among them: their sum is what the apps take from the machine together; the goal is held to the RSS sum."
    out ""
    goal "$total_rss <= 200 * 1024" "${#apps[@]} apps together <= 200 MiB RSS: $(mib "$total_rss") MiB (PSS $(mib "$total_pss") MiB)"
fi

if [ ${#lever_names[@]} -gt 0 ]; then
    out ""
    out "## JVM levers: fruits with the Procfile's web command and one change each (\`LEVERS=$LEVERS\`)"
    out ""
    out "Same PostgreSQL, load and equal-load rate ($equal_rate requests/s) as above; one run each, in this order."
    out ""
    out "| lever | ready (ms) | RSS idle (MiB) | requests/s | p99 full load (ms) | RSS end of load (MiB) | p99 equal load (ms) | p99.9 equal load (ms) |"
    out "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    lever_row() { # NAME LABEL
        out "| $2 | ${fig[$1.ready]} | $(mib "${fig[$1.rss_idle]}") | ${fig[$1.rps]} | ${fig[$1.p99]} | $(mib "${fig[$1.rss_end]}") | ${fig[$1.eq_p99]} | ${fig[$1.eq_p999]} |"
    }
    lever_row fruits "the Procfile as it is"
    for name in "${lever_names[@]}"; do
        opts=${lever_opts[$name]}
        [ "$opts" = aot-cache ] && opts="-XX:AOTCache instead of the CDS archive, trained with the Procfile's flags"
        lever_row "$name" "${fig[$name.label]} (\`$opts\`)"
    done
fi
say ""
say "written to $results"
