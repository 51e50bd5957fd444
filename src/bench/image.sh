#!/usr/bin/env bash
# The container start, measured from outside: `buildah run` of the image's entrypoint until it exits,
# against PostgreSQL on BENCH_SERVER, paired with (1) the same image without its trained class-data
# archive (BUDGETRON_DB runs the jar with -Xshare:off) and (2) a Node image running Drizzle's migrator
# on the same ten migrations (Budgetron's container today). Up to date (every start) and a fresh
# database (created in each run, on both sides). Prints the image sizes.
#   bash src/bench/image.sh [RUNS]      (root; .ci/image.sh build and .ci/image.sh node first; farm-bench)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${1:-9}
B=(buildah --storage-driver vfs)
IMAGE=localhost/budgetron-db:ci
NODE=localhost/budgetron-drizzle:ci
c=$("${B[@]}" from --pull-never "$IMAGE" | tail -1)
n=$("${B[@]}" from --pull-never "$NODE" | tail -1)
trap '"${B[@]}" rm "$c" "$n" >/dev/null' EXIT
db=$(bench_db bench_image)
ndb=$(bench_db bench_image_drizzle)
run="${B[*]} run --isolation chroot"
"${B[@]}" run --isolation chroot --env DB_URL="$db" "$c" -- /app/entrypoint.sh >/dev/null
"${B[@]}" run --isolation chroot --env DB_URL="$ndb" "$n" -- node /app/migrate.mjs >/dev/null

echo "image sizes: $IMAGE $("${B[@]}" images --format '{{.Size}}' "$IMAGE" | head -1), $NODE $("${B[@]}" images --format '{{.Size}}' "$NODE" | head -1)"
echo
echo "== up to date: the trained image against Drizzle's migrator in Node"
farm-bench -n "$runs" --timeout 600 --vs "$run --env DB_URL=$ndb $n -- node /app/migrate.mjs" -- $run --env DB_URL="$db" "$c" -- /app/entrypoint.sh
echo
echo "== up to date: the trained image against the same image without its archive"
farm-bench -n "$runs" --timeout 600 --vs "$run --env DB_URL=$db --env BUDGETRON_DB='java -Xshare:off -jar /app/budgetron-db-cli.jar' $c -- /app/entrypoint.sh" \
  -- $run --env DB_URL="$db" "$c" -- /app/entrypoint.sh
echo
echo "== a fresh database (created in the run): the trained image against Drizzle's migrator"
fresh=${BENCH_SERVER%/*}/bench_image_fresh
cat > /tmp/bench-image-fresh.sh <<EOF
set -e
psql "$BENCH_SERVER" -qc "DROP DATABASE IF EXISTS bench_image_fresh" -c "CREATE DATABASE bench_image_fresh" >/dev/null
exec "\$@"
EOF
farm-bench -n "$runs" --timeout 900 --vs "sh /tmp/bench-image-fresh.sh $run --env DB_URL=$fresh $n -- node /app/migrate.mjs" \
  -- sh /tmp/bench-image-fresh.sh $run --env DB_URL="$fresh" "$c" -- /app/entrypoint.sh
psql "$BENCH_SERVER" -qc "DROP DATABASE IF EXISTS bench_image" -c "DROP DATABASE IF EXISTS bench_image_drizzle" -c "DROP DATABASE IF EXISTS bench_image_fresh" >/dev/null
