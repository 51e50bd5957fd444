#!/usr/bin/env bash
# What one `generate` does besides comparing: connections opened to the server, reads of the
# settings files and of the changelog, and wall time, with nothing changed (the entity schema
# from its cache) and after one entity change (cache miss: Hibernate and a scratch database).
#   bash src/bench/generate-io.sh [LAUNCHER]      (default: target/budgetron-db; needs strace)
# Counts come from strace: connect() calls to the server's port, openat() of the files.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
launcher=${1:-$ROOT/target/budgetron-db}
command -v strace >/dev/null || { echo "needs strace (apt-get install strace)" >&2; exit 2; }
port=$(echo "$BENCH_SERVER" | sed -E 's|.*:([0-9]+)/.*|\1|')
db=$(bench_db bench_generate_io)
project=$(mktemp -d)
trap 'rm -rf "$project"' EXIT
cp -r "$ROOT/changelog" "$ROOT/liquibase.properties" "$ROOT/liquibase.development.properties" "$project/"
"$launcher" migrate --db-url "$db" --project-dir "$project" >/dev/null 2>&1

count() { # label, then the command
  local label=$1; shift
  strace -f -qq -e trace=connect,openat -o "$project/strace" "$@" >/dev/null 2>&1
  printf '%-28s connections %s, properties files read %s, .env files read %s, changelog master read %s, changelog files read %s\n' "$label" \
    "$(grep -c "port=htons($port)" "$project/strace")" \
    "$(grep -cE 'openat\(.*liquibase(\.development)?\.properties"' "$project/strace")" \
    "$(grep -cE 'openat\(.*/\.env(\.development)?"' "$project/strace")" \
    "$(grep -c 'openat(.*db.changelog-master.xml"' "$project/strace")" \
    "$(grep -cE 'openat\(.*changelog/[0-9]{4}_[^"]*\.sql"' "$project/strace")"
}
gen() { "$launcher" generate --db-url "$db" --project-dir "$project"; }
rm -f "$project/.budgetron/entity-schema.ser"
count "generate, cache miss:" "$launcher" generate --db-url "$db" --project-dir "$project"
count "generate, nothing changed:" "$launcher" generate --db-url "$db" --project-dir "$project"
echo "wall time, nothing changed (median of 7): $(median_of 7 gen) s"
miss() { rm -f "$project/.budgetron/entity-schema.ser"; gen; }
echo "wall time, cache miss (median of 5): $(median_of 5 miss) s"
