#!/usr/bin/env bash
# The container-start path: `budgetron-db migrate` on an up-to-date database, median of RUNS (default 9),
# against one `psql -c 'select 1'` round trip measured in the same run; then how the no-op cost grows
# with the length of the history (10, 100, 1,000 generated changesets, one file each).
# Runs the jar as the Docker entrypoint does: with a class-data-sharing archive made by one training run.
# Needs `mvn package` first, psql, and bc.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-9}
[ -f "$JAR" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
JSA="$work/budgetron-db.jsa"
java -XX:ArchiveClassesAtExit="$JSA" -jar "$JAR" migrate --db-url "${BENCH_SERVER%/*}/postgres" --project-dir "$work" >/dev/null 2>&1 || true
RUN=(java -XX:SharedArchiveFile="$JSA" -XX:TieredStopAtLevel=1 -jar "$JAR")

url=$(bench_db budgetron_bench_noop)
"${RUN[@]}" migrate --db-url "$url" --project-dir "$work" >/dev/null 2>&1
migrate_s=$(median_of "$RUNS" "${RUN[@]}" migrate --db-url "$url" --project-dir "$work")
psql_s=$(median_of "$RUNS" psql "$url" -Atc 'select 1')
echo "no-op migrate, Budgetron's changelog (packed in the jar), median of $RUNS"
echo "  budgetron-db migrate      ${migrate_s} s"
echo "  psql -c 'select 1'        ${psql_s} s"
echo "  ratio                     $(echo "$migrate_s / $psql_s" | bc -l | xargs printf '%.1f')x   (goal: 6x; Drizzle's migrator 0.24 s)"

echo "no-op migrate by history length (a checkout's changelog, index cached after the first run), median of $RUNS"
for n in 10 100 1000; do
  dir="$work/p$n"
  mkdir -p "$dir/changelog"
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    echo '    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">'
    for i in $(seq -f '%04g' 0 $((n - 1))); do
      printf -- '--liquibase formatted sql\n\n--changeset bench:%s\nCREATE TABLE t%s (id int);\n--rollback DROP TABLE t%s;\n' "$i" "$i" "$i" > "$dir/changelog/${i}_t.sql"
      echo "    <include file=\"${i}_t.sql\" relativeToChangelogFile=\"true\"/>"
    done
    echo '</databaseChangeLog>'
  } > "$dir/changelog/db.changelog-master.xml"
  u=$(bench_db "budgetron_bench_h$n")
  "${RUN[@]}" migrate --db-url "$u" --project-dir "$dir" >/dev/null 2>&1
  t=$(median_of "$RUNS" "${RUN[@]}" migrate --db-url "$u" --project-dir "$dir")
  eval "t$n=$t"
  printf "  %-25s %s s\n" "$n changesets" "$t"
done
echo "  1000 / 10                 $(echo "$t1000 / $t10" | bc -l | xargs printf '%.2f')x   (goal: 1.5x)"
