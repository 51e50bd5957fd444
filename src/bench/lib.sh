# Shared by the benchmark scripts: a scratch database on BENCH_SERVER, and a median timer.
# BENCH_SERVER: a PostgreSQL admin URL (default: the local server, user postgres).
BENCH_SERVER=${BENCH_SERVER:-postgres://postgres@127.0.0.1:5432/postgres}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
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
