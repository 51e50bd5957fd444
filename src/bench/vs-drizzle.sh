#!/usr/bin/env bash
# budgetron-db and Drizzle side by side on this machine, alternating A/B runs, medians of RUNS (default 7):
#   up-to-date migrate (every container start) vs drizzle-orm's migrator,
#   fresh database: create + migrate, vs the same with Drizzle,
#   generate with nothing changed vs drizzle-kit generate,
#   mvn liquibase:update (up to date) and mvn liquibase:diff (nothing changed) vs a bare mvn validate
#   (Maven's own start: an empty pom, Maven's stock JVM settings), and mvn validate in this project
#   (its .mvn/jvm.config) vs the bare one,
# fresh and up-to-date against Flyway 13.12.1 tuned as the launcher is (a CDS archive, the same JVM flags; src/bench/flyway),
# and peak memory of the up-to-date migrate. The Drizzle side is built from this project's changelog:
# each changelog/NNNN_*.sql without its Liquibase comment lines becomes a Drizzle migration with a
# meta/_journal.json. Needs `mvn package` first, node and npm, psql, bc, /usr/bin/time.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-7}
[ -f "$JAR" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
side=$(drizzle_side)
fly=$(flyway_side)

empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
JAVA=(java -jar "$JAR")
[ -n "${LAUNCHER:-}" ] && JAVA=("$LAUNCHER")
DRIZZLE=(env MIGRATIONS="$side/migrations" node "$side/migrate.mjs")

median() { sort -n | awk '{a[NR]=$1} END {printf "%.3f", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
# abtest LABEL GOAL -- A... -- B... : alternating runs, prints medians and the ratio
abtest() {
  local label=$1 goal=$2; shift 2; shift
  local a=() b=()
  while [ "$1" != "--" ]; do a+=("$1"); shift; done; shift
  b=("$@")
  local ta=() tb=()
  for _ in $(seq "$RUNS"); do ta+=("$(seconds "${a[@]}")"); tb+=("$(seconds "${b[@]}")"); done
  local ma mb
  ma=$(printf '%s\n' "${ta[@]}" | median); mb=$(printf '%s\n' "${tb[@]}" | median)
  printf '| %-58s | %6s s | %6s s | %5.2fx | %s |\n' "$label" "$ma" "$mb" "$(echo "$ma / $mb" | bc -l)" "$goal"
}
fresh_budgetron() { psql "$BENCH_SERVER" -qc "DROP DATABASE IF EXISTS bench_fresh_a" -c "CREATE DATABASE bench_fresh_a" >/dev/null && "${JAVA[@]}" migrate --db-url "${BENCH_SERVER%/*}/bench_fresh_a" --project-dir "$empty"; }
FLYWAY=(java -XX:SharedArchiveFile="$fly/flyway.jsa" -Xshare:auto -Xlog:cds=off "${FLYWAY_FLAGS[@]}" -cp "$fly/lib/*" FlywayMigrate)
fresh_flyway() { psql "$BENCH_SERVER" -qc "DROP DATABASE IF EXISTS bench_fresh_c" -c "CREATE DATABASE bench_fresh_c" >/dev/null && DB_URL=$(jdbc_url "${BENCH_SERVER%/*}/bench_fresh_c") MIGRATIONS="$fly/migrations" "${FLYWAY[@]}"; }
fresh_drizzle() { psql "$BENCH_SERVER" -qc "DROP DATABASE IF EXISTS bench_fresh_b" -c "CREATE DATABASE bench_fresh_b" >/dev/null && DB_URL="${BENCH_SERVER%/*}/bench_fresh_b" "${DRIZZLE[@]}"; }

ua=$(bench_db bench_uptodate_a); ub=$(bench_db bench_uptodate_b); uc=$(bench_db bench_uptodate_c)
DB_URL=$(jdbc_url "$uc") MIGRATIONS="$fly/migrations" "${FLYWAY[@]}" >/dev/null
"${JAVA[@]}" migrate --db-url "$ua" --project-dir "$empty" >/dev/null 2>&1
DB_URL="$ub" "${DRIZZLE[@]}"
# the timed Maven runs are offline (-o): resolve the plugins and their dependencies once first
for goal in validate liquibase:update liquibase:diff; do env DB_URL="$ua" mvn -q -f "$ROOT/pom.xml" "$goal" >/dev/null 2>&1 || { echo "mvn $goal failed" >&2; exit 1; }; done
echo "Flyway $(basename "$fly"/lib/flyway-core-*.jar .jar | sed 's/flyway-core-//') tuned alike: its own CDS archive trained on a fresh migrate, ${FLYWAY_FLAGS[*]}"
echo "budgetron-db (${JAVA[*]}) vs Drizzle (drizzle-orm $(node -p "require('$side/node_modules/drizzle-orm/package.json').version"), drizzle-kit $(node -p "require('$side/node_modules/drizzle-kit/package.json').version")); $(nproc) cores; PostgreSQL $(psql "$BENCH_SERVER" -Atc 'show server_version'); medians of $RUNS alternating runs"
echo "| path | budgetron-db | other | ratio | goal |"
echo "| --- | --- | --- | --- | --- |"
abtest "up-to-date migrate vs drizzle-orm migrator" "<= 0.8x" -- "${JAVA[@]}" migrate --db-url "$ua" --project-dir "$empty" -- env DB_URL="$ub" "${DRIZZLE[@]}"
abtest "fresh database: create + migrate" "<= 1.0x" -- fresh_budgetron -- fresh_drizzle
abtest "fresh database: create + migrate, vs Flyway tuned alike" "<= 0.8x" -- fresh_budgetron -- fresh_flyway
abtest "up-to-date migrate vs Flyway tuned alike" "-" -- "${JAVA[@]}" migrate --db-url "$ua" --project-dir "$empty" -- env DB_URL="$(jdbc_url "$uc")" MIGRATIONS="$fly/migrations" "${FLYWAY[@]}"
abtest "generate, nothing changed, vs drizzle-kit generate" "<= 0.8x" -- "${JAVA[@]}" generate --db-url "$ua" --project-dir "$ROOT" -- bash -c "cd '$side' && node node_modules/drizzle-kit/bin.cjs generate"
# Maven runs from the project directory, as users run it (.mvn/jvm.config names target/maven-liquibase.jsa relative to it)
mkdir -p "$empty/bare"
echo '<project><modelVersion>4.0.0</modelVersion><groupId>bench</groupId><artifactId>bare</artifactId><version>1</version></project>' > "$empty/bare/pom.xml"
(cd "$empty/bare" && mvn -q validate >/dev/null 2>&1)
in_root() { (cd "$ROOT" && "$@"); }
bare_validate() { (cd "$empty/bare" && mvn -q -o validate); }
abtest "mvn liquibase:update, up to date, vs bare mvn validate" "<= 1.5x" -- env DB_URL="$ua" bash -c "cd '$ROOT' && mvn -q -o liquibase:update" -- bare_validate
abtest "mvn liquibase:diff, nothing changed, vs bare mvn validate" "<= 1.5x" -- env DB_URL="$ua" bash -c "cd '$ROOT' && mvn -q -o liquibase:diff" -- bare_validate
abtest "(mvn validate in this project vs bare mvn validate)" "-" -- in_root mvn -q -o validate -- bare_validate
rss_a=$( (/usr/bin/time -f %M "${JAVA[@]}" migrate --db-url "$ua" --project-dir "$empty" >/dev/null) 2>&1 | tail -1)
rss_b=$( (DB_URL="$ub" /usr/bin/time -f %M "${DRIZZLE[@]}" >/dev/null) 2>&1 | tail -1)
printf '| %-58s | %6s MB | %6s MB | %5.2fx | %s |\n' "peak RSS, up-to-date migrate" "$((rss_a / 1024))" "$((rss_b / 1024))" "$(echo "$rss_a / $rss_b" | bc -l)" "<= 1.5x"
