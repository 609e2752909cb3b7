#!/bin/sh
# Run by hand, not by the build; see README.md.
# makes every fixture dump of the database "shopdb" on 127.0.0.1:55491
set -e
P="-h 127.0.0.1 -p 55491 -U postgres"
dump() { # dump VERSION COMPRESSION-NAME pg_dump-command...
  v=$1; c=$2; shift 2
  "$@" $P -Fc --no-acl --no-owner $Z -f pg$v-$c-f.dump shopdb
  "$@" $P -Fc --no-acl --no-owner $Z shopdb > pg$v-$c-redirect.dump
}
Z=-Z0; dump 15 none pg_dump
Z=;    dump 15 gzip pg_dump
for v in 17 18; do
  for c in none gzip lz4 zstd; do Z="-Z $c"; dump $v $c /tmp/dumpwt/run $v pg_dump; done
done
# one more: the data as INSERT statements instead of COPY
/tmp/dumpwt/run 18 pg_dump $P -Fc --no-acl --no-owner --inserts -Z zstd shopdb > pg18-zstd-inserts-redirect.dump
