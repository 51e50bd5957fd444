# Shared by the benchmark scripts: a scratch database on BENCH_SERVER, and a median timer.
# BENCH_SERVER: a PostgreSQL admin URL (default: the local server, user postgres).
BENCH_SERVER=${BENCH_SERVER:-postgres://postgres@127.0.0.1:5432/postgres}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR="$ROOT/target/budgetron-db-cli.jar"

bench_db() { # name -> prints the URL of a new, empty database of that name
  local name=$1
  psql "$BENCH_SERVER" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
  echo "${BENCH_SERVER%/*}/$name"
}

# median_of N cmd... -> prints the median wall time in seconds of N runs of cmd
median_of() {
  local n=$1; shift
  local times=()
  for _ in $(seq "$n"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}

# drizzle_side -> prints target/bench-drizzle, made ready: drizzle-orm, pg and drizzle-kit installed with npm,
# and a Drizzle migrations folder built from this project's changelog (each changelog/NNNN_*.sql without its
# Liquibase comment lines, with a meta/_journal.json), plus drizzle-kit's own snapshot
drizzle_side() {
  local side="$ROOT/target/bench-drizzle" entries i f tag
  {
    mkdir -p "$side"
    cp "$ROOT"/src/bench/drizzle/{package.json,schema.ts,drizzle.config.ts,migrate.mjs} "$side/"
    [ -d "$side/node_modules/drizzle-orm" ] || (cd "$side" && npm install --no-audit --no-fund --silent >/dev/null 2>&1)

    # Drizzle's migrations folder from the changelog
    rm -rf "$side/migrations" && mkdir -p "$side/migrations/meta"
    entries=()
    i=0
    for f in "$ROOT"/changelog/[0-9][0-9][0-9][0-9]_*.sql; do
      tag=$(basename "$f" .sql)
      grep -v '^\s*--' "$f" > "$side/migrations/$tag.sql"
      entries+=("{\"idx\":$i,\"version\":\"7\",\"when\":$((1700000000000 + i)),\"tag\":\"$tag\",\"breakpoints\":true}")
      i=$((i + 1))
    done
    (IFS=,; echo "{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":[${entries[*]}]}") > "$side/migrations/meta/_journal.json"
    # drizzle-kit's own snapshot, so that its next generate has nothing to do
    (cd "$side" && rm -rf kit && node node_modules/drizzle-kit/bin.cjs generate >/dev/null 2>&1)
  } >&2
  echo "$side"
}
