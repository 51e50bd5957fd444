#!/bin/sh
# Build step (mvn package, after the jar is shaded): puts the launcher next to the jar and records a
# class-data-sharing archive of one training run. The run points at a closed port, so it needs no
# database: it loads the command line, the configuration and the JDBC driver, most of what an
# up-to-date migrate loads.
set -e
target=$1
cp "$(dirname "$0")/budgetron-db" "$target/budgetron-db"
chmod +x "$target/budgetron-db"
rm -f "$target/budgetron-db.jsa"
java -XX:ArchiveClassesAtExit="$target/budgetron-db.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$target/budgetron-db.jar" \
  migrate --db-url postgres://127.0.0.1:9/cds_training --project-dir "$target" >/dev/null 2>&1 || true
[ -f "$target/budgetron-db.jsa" ] && echo "[budgetron] launcher: $target/budgetron-db (class-data-sharing archive $(du -k "$target/budgetron-db.jsa" | cut -f1) KB)"
