#!/usr/bin/env bash
# End-to-end check of the Dockerfile build path (docs/deploy.md, "Dockerfile builder (amd64 and arm64)"): builds each
# app's image from docker/Dockerfile, then runs it the way Dokku does: the Procfile's `release` (migrations)
# to the end, then `web`, and checks its health, one route, and that it runs as a user other than root.
#
#   bench/docker-build.sh [APP_DIR...]        (default: fruits apps/todos apps/movies)
#
# Not a Maven test: a run takes minutes (two debootstraps, one image build per app), so CI does not run it.
# Runs as root on a Debian machine with Debian's mirror and Maven Central reachable, and no image registry:
# - the Docker engine is Debian's docker.io; when none is running, the script starts one with
#   `dockerd --bridge=none --iptables=false` and stops it at the end, so every container uses --network host and
#   every connection stays on 127.0.0.1;
# - the base images are built here: `debootstrap --variant=minbase trixie` with openjdk-25-jdk-headless (build stage)
#   and openjdk-25-jre-headless (run stage), `docker import`ed as petdb-base/jdk25 and petdb-base/jre25 and passed
#   as BUILD_IMAGE and RUN_IMAGE (kept between runs; REBUILD_BASE=1 builds them again). The host's trust stores are
#   copied into both, because a machine behind an egress proxy with its own CA reaches Maven Central only with it;
# - the image build downloads the Maven wrapper's Maven and every dependency from Maven Central (docker build
#   --network host); the host's ~/.m2 is not used;
# - a throw-away PostgreSQL 15 on a free loopback port; each app gets its role and schema from `petdb schema create`.
# It prints each step's time; secrets in URLs are masked. It keeps the images it built (petdb-base/*, petdb-check/*)
# and the build stages' layers (about 1.8 GB per app); `docker image prune` and `docker rmi` free them.
# This machine is amd64 without emulation, so arm64 images are not built here: the Dockerfile names no architecture,
# so an arm64 Docker host builds arm64 ones.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
apps=("$@")
[ ${#apps[@]} -gt 0 ] || apps=(fruits apps/todos apps/movies)

. bench/lib.sh
mask() { sed -E 's#(postgres(ql)?://[^:/@[:space:]]+:)[^@[:space:]]*@#\1****@#g'; }
say() { printf '%s\n' "$*" | mask >&2; }
fail() { say "docker-build: $*"; exit 1; }
t_start=$EPOCHSECONDS
# step NAME...: print the step and the seconds since the last one
t_last=$EPOCHSECONDS
took() { say "   ($(( EPOCHSECONDS - t_last )) s)"; t_last=$EPOCHSECONDS; }

bench_need dockerd docker.io
bench_need debootstrap debootstrap
bench_need curl curl
bench_need_pg15
bench_java

tmp=$(mktemp -d /tmp/petdb-docker.XXXXXX)
chown postgres "$tmp"
dockerd_pid=
containers=()
cleanup() {
    local c
    for c in "${containers[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done
    bench_pg_stop "$tmp"
    if [ -n "$dockerd_pid" ]; then
        kill "$dockerd_pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.2; done
    fi
    for r in "$tmp"/rootfs-*; do [ -d "$r" ] && rm -rf --one-file-system "$r"; done
    rm -rf "$tmp"
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------- engine
if ! docker info >/dev/null 2>&1; then
    say "== starting dockerd --bridge=none --iptables=false"
    dockerd --bridge=none --iptables=false >"$tmp/dockerd.log" 2>&1 &
    dockerd_pid=$!
    for _ in $(seq 1 100); do docker info >/dev/null 2>&1 && break; sleep 0.2; done
    docker info >/dev/null 2>&1 || { tail -5 "$tmp/dockerd.log" >&2; fail "dockerd did not start"; }
fi
say "== $(docker version --format 'Docker engine {{.Server.Version}} ({{.Server.Os}}/{{.Server.Arch}})')"

# ---------------------------------------------------------------------------------------------- base images
# base IMAGE PACKAGE: a minimal Debian trixie with PACKAGE, imported as IMAGE
base() {
    if [ "${REBUILD_BASE:-0}" != 1 ] && docker image inspect "$1" >/dev/null 2>&1; then
        say "== $1: kept from an earlier run"
        return 0
    fi
    say "== $1: debootstrap trixie + $2"
    local root=$tmp/rootfs-${1##*/}
    debootstrap --variant=minbase --include="$2,ca-certificates" trixie "$root" http://deb.debian.org/debian \
        >"$tmp/debootstrap-${1##*/}.log" 2>&1 || { tail -5 "$tmp/debootstrap-${1##*/}.log" >&2; fail "debootstrap failed"; }
    cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
    [ -f /etc/ssl/certs/java/cacerts ] && cp /etc/ssl/certs/java/cacerts "$root/etc/ssl/certs/java/cacerts"
    tar -C "$root" -c . | docker import - "$1" >/dev/null
    rm -rf --one-file-system "$root"
    took
}
base petdb-base/jdk25 openjdk-25-jdk-headless
base petdb-base/jre25 openjdk-25-jre-headless

# ---------------------------------------------------------------------------------------------- PostgreSQL
pg_port=$(bench_free_port)
pg_password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
say "== a throw-away PostgreSQL 15 on 127.0.0.1:$pg_port"
bench_pg_start "$tmp" "$pg_port" "$pg_password"
PGPASSWORD=$pg_password psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE petdb"
admin_url="postgres://postgres:$pg_password@127.0.0.1:$pg_port/petdb"
./mvnw -q -B -ntp -pl platform-cli -am -DskipTests package

# ---------------------------------------------------------------------------------------------- each app
# route APP_DIR: a path of the app and the status it answers without credentials
route() {
    case "$1" in
        fruits) echo "/?filter=an 200" ;;
        apps/todos) echo "/todos 401" ;;
        apps/movies) echo "/api/v1/movies 200" ;;
        *) echo "/health/live 200" ;;
    esac
}
for app in "${apps[@]}"; do
    name=${app##*/}
    image=petdb-check/$name
    t_last=$EPOCHSECONDS
    say ""
    say "== $name: docker build --build-arg APP=$app"
    docker build --network host --build-arg APP="$app" \
        --build-arg BUILD_IMAGE=petdb-base/jdk25 --build-arg RUN_IMAGE=petdb-base/jre25 \
        -f "$repo/docker/Dockerfile" -t "$image" "$repo" >"$tmp/$name.build.log" 2>&1 \
        || { tail -20 "$tmp/$name.build.log" >&2; fail "the image of $name did not build"; }
    took
    say "   image size: $(docker image inspect --format '{{.Size}}' "$image" | awk '{ printf "%.0f MB", $1 / 1e6 }')"

    out=$(DATABASE_URL=$admin_url platform-cli/petdb schema create "$name" --app-host 127.0.0.1 --app-port "$pg_port" 2>&1) \
        || { printf '%s\n' "$out" | mask >&2; fail "petdb schema create $name failed"; }
    url=$(printf '%s\n' "$out" | sed -n 's/^DATABASE_URL=//p')

    # as Dokku runs a process type: the Procfile line with the app's variables expanded (Dokku's procfile-util does
    # that on the host, then passes the words to docker run; sh -c does both here), in WORKDIR
    release=$(docker run --rm "$image" sed -n 's/^release: //p' Procfile)
    web=$(docker run --rm "$image" sed -n 's/^web: //p' Procfile)
    # JAVA_OPTS=-Xshare:on: the JVM stops unless it maps the image's class-data archive
    say "== $name: release (JAVA_OPTS=-Xshare:on)"
    docker run --rm --network host -e DATABASE_URL="$url" -e JAVA_OPTS=-Xshare:on "$image" sh -c "$release" >"$tmp/$name.release.log" 2>&1 \
        || { mask <"$tmp/$name.release.log" | tail -10 >&2; fail "release of $name failed"; }
    took

    port=$(bench_free_port)
    say "== $name: web on 127.0.0.1:$port"
    docker run -d --name "petdb-check-$name" --network host -e DATABASE_URL="$url" -e PORT="$port" \
        "$image" sh -c "$web" >/dev/null
    containers+=("petdb-check-$name")
    code=000
    for _ in $(seq 1 300); do
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)
        [ "$code" = 200 ] && break
        sleep 0.1
    done
    [ "$code" = 200 ] || { docker logs "petdb-check-$name" 2>&1 | mask | tail -10 >&2; fail "$name: /health/ready answered $code"; }
    took
    read -r path want < <(route "$app")
    code=$(curl -s -o "$tmp/$name.body" -w '%{http_code}' "http://127.0.0.1:$port$path")
    [ "$code" = "$want" ] || fail "$name: GET $path answered $code, not $want"
    say "   GET /health/ready 200; GET $path $code: $(head -c 120 "$tmp/$name.body")"
    user=$(docker top "petdb-check-$name" -o pid,uid,args | awk 'NR > 1 && /java/ { print $2; exit }')
    [ -n "$user" ] && [ "$user" != 0 ] || fail "$name: java runs as uid '${user:-?}'"
    say "   java runs as uid $user"
    if docker logs "petdb-check-$name" 2>&1 | grep -q '\[cds\]'; then
        say "   class-data archive NOT used: $(docker logs "petdb-check-$name" 2>&1 | grep '\[cds\]' | head -1)"
    else
        say "   class-data archive: no [cds] error line"
    fi
    docker rm -f "petdb-check-$name" >/dev/null
done
say ""
say "== all checks passed in $(( EPOCHSECONDS - t_start )) s"
