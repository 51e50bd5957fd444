#!/usr/bin/env bash
# How the cost grows with the length of the history: 10 and 1,000 changesets (one small CREATE TABLE
# each, one file each). Up-to-date migrate, status, validate and `mvn liquibase:update` at both sizes
# (goal: 1,000 costs at most 1.2x what 10 cost), peak memory of the up-to-date migrate (goal: flat, <= 1.2x),
# and a fresh database's per-changeset overhead against psql running the same statements in one session
# (goal: <= 1.0 ms; the first fresh run of a new checkout goes through Liquibase and caches the index: it
# is run once untimed). Uses the launcher (target/budgetron-db).
# Needs `mvn package` first, psql, bc.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-3}
RUN=("$ROOT/target/budgetron-db")
[ -x "${RUN[0]}" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

project() { # n -> a project folder with n changesets, able to run the Maven goals too
  local n=$1 dir="$work/p$1"
  mkdir -p "$dir/changelog"
  cp "$ROOT/pom.xml" "$dir/"; cp -r "$ROOT/.mvn" "$dir/"; mkdir -p "$dir/target"; cp -r "$ROOT/target/classes" "$dir/target/"
  [ -f "$ROOT/target/maven-liquibase.jsa" ] && cp "$ROOT/target/maven-liquibase.jsa" "$dir/target/" # Maven's CDS archive, as mvn package leaves it
  echo "changeLogFile=changelog/db.changelog-master.xml" > "$dir/liquibase.properties"
  : > "$dir/all.sql"
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    echo '    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">'
    for i in $(seq -f '%04g' 0 $((n - 1))); do
      printf -- '--liquibase formatted sql\n\n--changeset bench:%s\nCREATE TABLE t%s (id int);\n--rollback DROP TABLE t%s;\n' "$i" "$i" "$i" > "$dir/changelog/${i}_t.sql"
      echo "CREATE TABLE t$i (id int);" >> "$dir/all.sql"
      echo "    <include file=\"${i}_t.sql\" relativeToChangelogFile=\"true\"/>"
    done
    echo '</databaseChangeLog>'
  } > "$dir/changelog/db.changelog-master.xml"
  echo "$dir"
}

declare -A T
for n in 10 1000; do
  dir=$(project "$n")
  url=$(bench_db "bench_history_$n")
  fresh=()
  # untimed: a new checkout's first migrate goes through Liquibase and caches the changelog's index for the next ones
  psql "$BENCH_SERVER" -qc "DROP DATABASE IF EXISTS bench_history_$n" -c "CREATE DATABASE bench_history_$n" >/dev/null
  "${RUN[@]}" migrate --db-url "$url" --project-dir "$dir" >/dev/null 2>&1
  for _ in $(seq "$RUNS"); do
    psql "$BENCH_SERVER" -qc "DROP DATABASE IF EXISTS bench_history_$n" -c "CREATE DATABASE bench_history_$n" >/dev/null
    s=$(date +%s.%N); "${RUN[@]}" migrate --db-url "$url" --project-dir "$dir" >/dev/null 2>&1; e=$(date +%s.%N)
    fresh+=("$(echo "$e - $s" | bc -l)")
  done
  T[fresh$n]=$(printf '%s\n' "${fresh[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  psqls=()
  for _ in $(seq "$RUNS"); do
    psql "$BENCH_SERVER" -qc "DROP DATABASE IF EXISTS bench_history_psql" -c "CREATE DATABASE bench_history_psql" >/dev/null
    s=$(date +%s.%N); psql "${BENCH_SERVER%/*}/bench_history_psql" -q -f "$dir/all.sql" >/dev/null; e=$(date +%s.%N)
    psqls+=("$(echo "$e - $s" | bc -l)")
  done
  T[psql$n]=$(printf '%s\n' "${psqls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  T[migrate$n]=$(median_of "$RUNS" "${RUN[@]}" migrate --db-url "$url" --project-dir "$dir")
  T[status$n]=$(median_of "$RUNS" "${RUN[@]}" status --db-url "$url" --project-dir "$dir")
  T[validate$n]=$(median_of "$RUNS" "${RUN[@]}" validate --db-url "$url" --project-dir "$dir")
  T[mvn$n]=$(cd "$dir" && DB_URL="$url" median_of "$RUNS" mvn -q -o liquibase:update)
  T[rss$n]=$( (/usr/bin/time -f %M "${RUN[@]}" migrate --db-url "$url" --project-dir "$dir" >/dev/null) 2>&1 | tail -1)
done
echo "history length: 10 vs 1,000 changesets, medians of $RUNS ($(nproc) cores, PostgreSQL $(psql "$BENCH_SERVER" -Atc 'show server_version' | cut -d' ' -f1))"
echo "| up to date | 10 | 1,000 | 1,000 / 10 (goal <= 1.2x) |"
echo "| --- | --- | --- | --- |"
for k in migrate status validate mvn; do
  printf '| %s | %.2f s | %.2f s | %.2fx |\n' "$k" "${T[${k}10]}" "${T[${k}1000]}" "$(echo "${T[${k}1000]} / ${T[${k}10]}" | bc -l)"
done
printf '| peak RSS, migrate | %d MB | %d MB | %.2fx |\n' "$((T[rss10] / 1024))" "$((T[rss1000] / 1024))" "$(echo "${T[rss1000]} / ${T[rss10]}" | bc -l)"
per=$(echo "(${T[fresh1000]} - ${T[fresh10]}) / 990 * 1000" | bc -l)
perpsql=$(echo "(${T[psql1000]} - ${T[psql10]}) / 990 * 1000" | bc -l)
printf 'fresh database: 10 changesets %.2f s, 1,000 changesets %.2f s: %.1f ms per changeset; psql, same statements in one session: %.2f ms each; overhead %.1f ms per changeset (goal <= 1.0 ms)\n' \
  "${T[fresh10]}" "${T[fresh1000]}" "$per" "$perpsql" "$(echo "$per - $perpsql" | bc -l)"
