#!/bin/sh
# Build step (mvn package, after the jar is shaded; the Docker image runs it too, without PROJECT_DIR):
#   make-launcher.sh TARGET_DIR [PROJECT_DIR [SHADED_JAR]]
# SHADED_JAR, the runnable jar as the build names it (budgetron-db-VERSION-cli.jar), is copied to
# TARGET_DIR/budgetron-db-cli.jar, the name the launcher runs.
# puts the launcher next to the jar and records three class-data-sharing archives, each from a
# training run (budgetron.db.cli.launcher.Training) against a throw-away embedded PostgreSQL:
# budgetron-db-migrate.jsa for migrate (a fresh and an up-to-date database: every container start;
# without Liquibase's classes, which would cost each start 19 MB and a tenth of its time),
# budgetron-db.jsa for the other commands and Liquibase's own update and rollback,
# budgetron-db-entities.jsa for the commands that boot Hibernate. If the embedded database cannot
# start here, the core archive is trained without one (a closed port: it then holds the command
# line, the configuration and the JDBC driver) and the entities archive is left out. With
# PROJECT_DIR and Maven on the PATH it also records target/maven-liquibase.jsa, the archive that
# .mvn/jvm.config names for `mvn liquibase:update` and `mvn liquibase:diff` (MavenTraining).
set -e
target=$1
jar="$target/budgetron-db-cli.jar"
if [ -n "${3:-}" ]; then
  cp "$3" "$jar"
fi
# the Docker image runs this script where the launcher already is; elsewhere it is copied next to the
# jar too, so that moved files can be re-trained where they now are: sh make-launcher.sh DIR
if [ "$(cd "$(dirname "$0")" && pwd)" != "$(cd "$target" && pwd)" ]; then
  cp "$(dirname "$0")/budgetron-db" "$target/budgetron-db"
  cp "$0" "$target/make-launcher.sh"
fi
[ -x "$target/budgetron-db" ] || chmod +x "$target/budgetron-db"   # the image made it executable already, as root
rm -f "$target/budgetron-db.jsa" "$target/budgetron-db-migrate.jsa" "$target/budgetron-db-entities.jsa"
train() { # archive, then the command after the JVM options
  archive=$1; shift
  java -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "$@"
}
# what a training command said when it failed, for the build's log (the launcher then runs without that archive: slower, not wrong)
why() { grep '^\[budgetron\] training: ' "$target/training.log" | sed 's/^\[budgetron\] training: /[budgetron] launcher: WARNING: /'; }
if ! train "$target/budgetron-db.jsa" -cp "$jar" budgetron.db.cli.launcher.Training core >"$target/training.log" 2>&1; then
  why
  if [ -n "${BUDGETRON_TRAINING_STRICT:-}" ]; then
    # the image: every container would start without the archive; say why and fail the build instead
    echo "[budgetron] launcher: ERROR: the class-data-sharing training failed, so the image would start slowly:" >&2
    tail -20 "$target/training.log" >&2
    exit 1
  fi
  echo "[budgetron] launcher: WARNING: training with an embedded database failed (see $target/training.log); training without one"
  rm -f "$target/budgetron-db.jsa"
  train "$target/budgetron-db.jsa" -jar "$jar" migrate --db-url postgres://127.0.0.1:9/cds_training --project-dir "$target" >/dev/null 2>&1 || true
  trained_core=no
elif ! train "$target/budgetron-db-migrate.jsa" -cp "$jar" budgetron.db.cli.launcher.Training migrate >>"$target/training.log" 2>&1; then
  why
  if [ -n "${BUDGETRON_TRAINING_STRICT:-}" ]; then
    echo "[budgetron] launcher: ERROR: the training of migrate failed:" >&2
    tail -20 "$target/training.log" >&2
    exit 1
  fi
  echo "[budgetron] launcher: WARNING: the archive of migrate was not trained (see $target/training.log): migrate uses the core archive"
  rm -f "$target/budgetron-db-migrate.jsa"
fi
if [ "${trained_core:-yes}" = yes ] && ! train "$target/budgetron-db-entities.jsa" -cp "$jar" budgetron.db.cli.launcher.Training entities >>"$target/training.log" 2>&1; then
  why
  if [ -n "${BUDGETRON_TRAINING_STRICT:-}" ]; then
    echo "[budgetron] launcher: ERROR: the training of generate, push and drift failed:" >&2
    tail -20 "$target/training.log" >&2
    exit 1
  fi
  echo "[budgetron] launcher: WARNING: the archive of generate, push and drift was not trained (see $target/training.log): they run slower"
  rm -f "$target/budgetron-db-entities.jsa"
fi
for a in "$target/budgetron-db-migrate.jsa" "$target/budgetron-db.jsa" "$target/budgetron-db-entities.jsa"; do
  [ -f "$a" ] && echo "[budgetron] launcher: $target/budgetron-db uses $(basename "$a") ($(du -k "$a" | cut -f1) KB)"
done
if [ -n "$2" ] && command -v mvn >/dev/null 2>&1; then
  if java -cp "$jar" budgetron.db.cli.launcher.MavenTraining "$2" "$target/maven-liquibase.jsa" >>"$target/training.log" 2>&1; then
    echo "[budgetron] maven: .mvn/jvm.config uses $target/maven-liquibase.jsa ($(du -k "$target/maven-liquibase.jsa" | cut -f1) KB)"
  else
    echo "[budgetron] maven: the archive for the Liquibase goals was not trained (see $target/training.log); they run without it"
  fi
fi
true
