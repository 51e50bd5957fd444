#!/usr/bin/env bash
# The studio on a table of 1,000,000 rows: what opening a table and a filtered first page cost,
# measured at the HTTP API the page itself calls (server on the same machine), median of RUNS (default 15).
# Opening a table = the page's three requests: the sidebar (/api/tables), the structure and the first page.
# Needs `mvn package` first, psql, curl.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-15}
ROWS=${ROWS:-1000000}
[ -f "$JAR" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
url=$(bench_db budgetron_bench_studio)
java -jar "$JAR" migrate --db-url "$url" --project-dir "$work" >/dev/null 2>&1
psql "$url" -q <<SQL
INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.org');
INSERT INTO bank_accounts (name, type, user_id) SELECT 'Main', 'CHECKING', id FROM users;
INSERT INTO transactions (type, date, amount, currency, description, user_id, bank_account_id)
  SELECT (ARRAY['INCOME','EXPENSE','TRANSFER'])[1 + g % 3]::transaction_type_enum, date '2020-01-01' + (g % 2000), (g % 10000) / 100.0,
         (ARRAY['USD','EUR','INR','GBP','JPY','CHF','AUD','CAD','SEK','NOK'])[1 + g % 10], 'transaction ' || g, u.id, b.id
  FROM generate_series(1, $ROWS) g, users u, bank_accounts b;
VACUUM ANALYZE transactions;
SQL
java -jar "$JAR" studio --db-url "$url" --project-dir "$work" --port 0 > "$work/studio.out" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"; psql "$BENCH_SERVER" -qc "DROP DATABASE IF EXISTS budgetron_bench_studio" >/dev/null' EXIT
for _ in $(seq 50); do grep -q token= "$work/studio.out" 2>/dev/null && break; sleep 0.2; done
address=$(grep -o 'http://[^ ]*' "$work/studio.out")
base=${address%%/?token=*}
token=${address#*token=}

# median of RUNS of the total time of one or more requests made in sequence, in milliseconds
measure() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local total=0
    for path in "$@"; do
      t=$(curl -s -o /dev/null -w '%{time_total}' -H "X-Studio-Token: $token" "$base$path")
      total=$(echo "$total + $t" | bc -l)
    done
    times+=("$(echo "$total * 1000" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.0f\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}
# the same query in psql, one session, median of RUNS (ms): what PostgreSQL alone needs
psql_ms() {
  { echo '\timing on'; for _ in $(seq "$RUNS"); do echo "$1;"; done; } | psql "$url" -o /dev/null 2>&1 \
    | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -n | awk '{a[NR]=$1} END {printf "%.0f\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}
measure /api/tables >/dev/null  # warm-up: JIT, pool, PostgreSQL's caches
echo "studio on transactions with $ROWS rows, median of $RUNS (ms)"
echo "  open the table (sidebar + structure + first page)   $(measure /api/tables /api/tables/transactions '/api/tables/transactions/rows?limit=50')"
echo "    of which the first page                            $(measure '/api/tables/transactions/rows?limit=50')"
echo "  filtered first page: currency = INR (grid order: id) $(measure '/api/tables/transactions/rows?filter=currency:eq:INR&limit=50')"
echo "  filtered first page: currency = INR, by date desc     $(measure '/api/tables/transactions/rows?filter=currency:eq:INR&sort=date:desc&limit=50')"
echo "    psql alone, the same SELECT (no index on either)   $(psql_ms "SELECT * FROM transactions WHERE currency = 'INR' ORDER BY date DESC, id LIMIT 50")"
echo "  selective filter: description = 'transaction 4242'  $(measure '/api/tables/transactions/rows?filter=description:eq:transaction%204242&limit=50')"
echo "    psql alone, the same SELECT                        $(psql_ms "SELECT * FROM transactions WHERE description = 'transaction 4242' ORDER BY id LIMIT 50")"
echo "  page 100 (offset 4950)                               $(measure '/api/tables/transactions/rows?limit=50&offset=4950')"
echo "  exact count on request                               $(measure '/api/tables/transactions/rows?limit=50&exact=true')"
curl -s -H "X-Studio-Token: $token" "$base/api/tables/transactions/rows?filter=currency:eq:INR&sort=date:desc&limit=1" \
  | grep -o '"count":[0-9]*,"countExact":[a-z]*' | sed 's/^/  filtered count as shown: /'
