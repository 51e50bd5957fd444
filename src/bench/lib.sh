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

# flyway_side -> prints target/bench-flyway, made ready: Flyway 13.12.1 and pgjdbc (mvn dependency:copy-dependencies
# of src/bench/flyway/pom.xml), FlywayMigrate compiled, the ten changelog files without their Liquibase comment lines
# as V1__…V10__, and a class-data-sharing archive trained on a fresh migrate with the launcher's JVM flags
# (Flyway tuned as target/budgetron-db is: the comparison the issue asks for is JVM against JVM, tuned alike)
jdbc_url() { local u=${1#postgres://}; echo "jdbc:postgresql://${u#*@}?user=${u%%@*}"; }   # postgres://user@host:port/db -> JDBC
FLYWAY_FLAGS=(-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -XX:-UsePerfData)
flyway_side() {
  local side="$ROOT/target/bench-flyway" i f t
  {
    mkdir -p "$side/classes"
    cp "$ROOT/src/bench/flyway/pom.xml" "$side/"
    [ -d "$side/lib" ] || (cd "$side" && mvn -q -B dependency:copy-dependencies -DoutputDirectory=lib >/dev/null)
    javac -d "$side/classes" -cp "$side/lib/*" "$ROOT/src/bench/flyway/FlywayMigrate.java"
    jar cf "$side/lib/flyway-migrate.jar" -C "$side/classes" .   # an archive takes jars only, no class folders
    rm -rf "$side/migrations" && mkdir -p "$side/migrations"
    i=1
    for f in "$ROOT"/changelog/[0-9][0-9][0-9][0-9]_*.sql; do
      t=$(basename "$f" .sql)
      grep -v '^\s*--' "$f" > "$side/migrations/V${i}__${t#*_}.sql"
      i=$((i + 1))
    done
    rm -f "$side/flyway.jsa"
    DB_URL=$(jdbc_url "$(bench_db bench_flyway_train)") MIGRATIONS="$side/migrations" \
      java -XX:ArchiveClassesAtExit="$side/flyway.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off "${FLYWAY_FLAGS[@]}" \
      -cp "$side/lib/*" FlywayMigrate >/dev/null 2>&1
    psql "$BENCH_SERVER" -qc "DROP DATABASE IF EXISTS bench_flyway_train" >/dev/null
  } >&2
  echo "$side"
}
