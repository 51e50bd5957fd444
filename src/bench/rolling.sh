#!/usr/bin/env bash
# Release N's Hibernate-shaped load while release N+1's generated changeset is applied, per change kind:
# zero-downtime (expand + backfill; the contract waits for N) beside the same change in place (plain Liquibase).
# Prints a Markdown table: N's failed statements, p99 and slowest statement during migrate, migrate time,
# backfill rate, N's throughput with the copying trigger in place (as % of before).
# Usage: src/bench/rolling.sh [ROWS (default 1000000)] [KIND substring]; BENCH_SERVER as in lib.sh.
# Needs: mvn -B -DskipTests package (or verify) first, for target/classes and target/test-classes.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROWS=${1:-1000000}
cd "$ROOT"
[ -f target/bench-classpath.txt ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
ADMIN="jdbc:postgresql://${BENCH_SERVER#*@}"
ADMIN_USER=${BENCH_SERVER#*://}; ADMIN_USER=${ADMIN_USER%%@*}
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" budgetron.db.generate.RollingBench \
  "postgres://${ADMIN_USER}@${BENCH_SERVER#*@}" "$ROWS" "${2:-}" 2> >(grep -v "^WARN\|^INFO\|HHH\|^[A-Z][a-z][a-z] [0-9]" >&2)
