#!/usr/bin/env bash
# Rehearsal and backups at a real size: a Budgetron database whose transactions table holds ROWS
# rows (default 10,000,000), on BENCH_SERVER.
#   bash src/bench/rehearse.sh [ROWS]        (needs target/budgetron-db-cli.jar: mvn package; psql, pg_dump; farm-bench)
# 1. The copy: `rehearse` with nothing pending (copy, indexes, ANALYZE, drop) against
#    createdb + pg_dump | psql + dropdb of the same database, paired runs (farm-bench).
# 2. Peak memory of rehearse at ROWS and at ROWS/10: flat when the rows are streamed.
# 3. What a backup adds to migrate: a changeset dropping transactions.description, applied with
#    backups on and off (each run rolled back before the next), and the rollback that restores it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
rows=${1:-10000000}
command -v farm-bench >/dev/null || { echo "needs farm-bench" >&2; exit 2; }
[ -f "$JAR" ] || { echo "needs $JAR: mvn -DskipTests package" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cli() { java -jar "$JAR" "$@"; }

fill_fast() { # db url, rows: 1,000 users with an account each, the transactions spread over them
  local db=$1 n=$2
  cli migrate --db-url "$db" >/dev/null
  psql "$db" -q <<SQL
INSERT INTO users (name, email) SELECT 'user ' || g, 'user' || g || '@example.org' FROM generate_series(1, 1000) g;
INSERT INTO bank_accounts (name, type, user_id, currency) SELECT 'Main', 'SAVINGS', id, 'INR' FROM users;
CREATE TEMP TABLE owners AS SELECT row_number() OVER (ORDER BY b.id) - 1 AS n, b.id, b.user_id FROM bank_accounts b;
INSERT INTO transactions (type, date, amount, currency, description, user_id, bank_account_id, tags)
  SELECT 'EXPENSE', date '2020-01-01' + (g % 2000), (g % 100000) / 100.0, 'INR', 'transaction number ' || g, o.user_id, o.id, '{food}'
  FROM generate_series(1, $n) g JOIN owners o ON o.n = g % 1000;
VACUUM ANALYZE;
SQL
}

db=$(bench_db bench_rehearse)
echo "filling: $rows transactions…"
start=$(date +%s)
fill_fast "$db" "$rows"
echo "filled in $(( $(date +%s) - start )) s; size $(psql "$db" -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))")"

echo
echo "== 1. the copy: rehearse (nothing pending) vs pg_dump | psql, same server, 3 paired runs"
cat > "$work/dump.sh" <<EOF
set -e
psql "$BENCH_SERVER" -qc "DROP DATABASE IF EXISTS bench_rehearse_dump" -c "CREATE DATABASE bench_rehearse_dump" >/dev/null
pg_dump "$db" | psql -q "${BENCH_SERVER%/*}/bench_rehearse_dump" >/dev/null
psql "$BENCH_SERVER" -qc "DROP DATABASE bench_rehearse_dump" >/dev/null
EOF
farm-bench -n 3 --warmup 0 --timeout 3600 --vs "sh $work/dump.sh" -- java -jar "$JAR" rehearse --db-url "$db"
cli rehearse --db-url "$db" --json | grep -E '"(rows|millis|bytes)"' | head -3

echo
echo "== 2. peak memory of rehearse: $rows rows, then a tenth"
farm-bench -n 1 --warmup 0 --timeout 3600 -- java -jar "$JAR" rehearse --db-url "$db" | grep -iE "peak|wall"
small=$(bench_db bench_rehearse_small)
fill_fast "$small" $((rows / 10))
farm-bench -n 1 --warmup 0 --timeout 3600 -- java -jar "$JAR" rehearse --db-url "$small" | grep -iE "peak|wall"

echo
echo "== 3. what a backup adds to a DROP COLUMN migrate of transactions ($rows rows)"
cp -r "$ROOT/changelog" "$work/"
cat > "$work/changelog/0010_drop-description.sql" <<'EOF'
--liquibase formatted sql

--changeset bench:0010_drop-description
ALTER TABLE transactions DROP COLUMN description;
--rollback ALTER TABLE transactions ADD COLUMN description text;
EOF
sed -i 's|</databaseChangeLog>|    <include file="0010_drop-description.sql" relativeToChangelogFile="true"/>\n</databaseChangeLog>|' "$work/changelog/db.changelog-master.xml"
timed() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); printf '%.2f' "$(echo "$e - $s" | bc -l)"; }
for i in 1 2; do
  echo "backups=on" > "$work/liquibase.properties"
  on=$(timed cli migrate --db-url "$db" --project-dir "$work")
  back=$(timed cli rollback --count 1 --yes --db-url "$db" --project-dir "$work")
  echo "backups=off" > "$work/liquibase.properties"
  off=$(timed cli migrate --db-url "$db" --project-dir "$work")
  cli rollback --count 1 --yes --db-url "$db" --project-dir "$work" >/dev/null 2>&1
  echo "run $i: migrate with backup ${on} s, without ${off} s; rollback restoring $rows values ${back} s"
  # the rollback without a backup re-adds the column empty: refill it for the next run
  psql "$db" -qc "UPDATE transactions SET description = 'transaction ' || id" >/dev/null
  psql "$db" -qc "DROP SCHEMA IF EXISTS budgetron_backup CASCADE" -c "VACUUM transactions" >/dev/null 2>&1
done
psql "$BENCH_SERVER" -qc "DROP DATABASE IF EXISTS bench_rehearse" -c "DROP DATABASE IF EXISTS bench_rehearse_small" >/dev/null
