#!/bin/sh
# The container's start: wait for the database (at most MAX_WAIT seconds), migrate, then either exit
# with migrate's code or, when a command was given, exec it (the app starts only on a migrated database).
# Many containers may start at once: migrate takes a PostgreSQL advisory lock, so each changeset runs once.
set -eu

: "${MAX_WAIT:=30}"
# How to run budgetron-db; tests point this at the build output.
: "${BUDGETRON_DB:=/app/budgetron-db}"

case "$MAX_WAIT" in
  ''|*[!0-9]*) echo "entrypoint: MAX_WAIT must be a whole number of seconds, not '$MAX_WAIT'" >&2; exit 2 ;;
esac

echo "entrypoint: migrating (waiting up to ${MAX_WAIT}s for the database)"
# migrate runs as a child so that a command can follow it; a stop (docker stop's SIGTERM, Ctrl-C) is
# passed on to it, and it ends cleanly: its transaction rolled back, its lock gone with its connection.
# (As PID 1 the shell would otherwise ignore SIGTERM until the engine kills everything.)
# shellcheck disable=SC2086 # BUDGETRON_DB is a command line
$BUDGETRON_DB migrate --wait-seconds "$MAX_WAIT" &
pid=$!
stopped=""
trap 'stopped=1; kill -TERM "$pid" 2>/dev/null || true' TERM INT
status=0
while :; do
  wait "$pid" && status=0 || status=$?
  kill -0 "$pid" 2>/dev/null || break   # a trapped signal ended the wait, not migrate: wait again
done
trap - TERM INT
if [ -n "$stopped" ]; then
  echo "entrypoint: stopped by a signal while migrating (exit code $status); nothing half-applied" >&2
  exit "$status"
fi
if [ "$status" -ne 0 ]; then
  echo "entrypoint: migrate failed with exit code $status; not starting anything" >&2
  exit "$status"
fi

if [ "$#" -gt 0 ]; then
  exec "$@"
fi
