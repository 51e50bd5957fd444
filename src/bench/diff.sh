#!/usr/bin/env bash
# Wall time of an entity diff on an up-to-date database, median of 5:
# `mvn liquibase:diff` and `budgetron-db generate`. Needs `mvn package` first and psql.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ -f "$JAR" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
url=$(bench_db budgetron_bench_diff)
java -jar "$JAR" migrate --db-url "$url" --project-dir "$ROOT" >/dev/null 2>&1
cd "$ROOT"
mvn_s=$(DB_URL=$url median_of 5 mvn -B -q -o liquibase:diff)
gen_s=$(median_of 5 java -jar "$JAR" generate --db-url "$url" --project-dir "$ROOT")
git -C "$ROOT" status --porcelain changelog | grep -q . && { echo "a diff wrote a file: not up to date?" >&2; exit 1; }
echo "no-op diff, median of 5 (drizzle-kit generate: 0.89 s)"
echo "  mvn liquibase:diff        ${mvn_s} s"
echo "  budgetron-db generate     ${gen_s} s"
