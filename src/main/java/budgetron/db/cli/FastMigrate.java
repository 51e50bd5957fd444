package budgetron.db.cli;

import budgetron.db.cli.command.MigrateCommand;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The container-start path without building the command line: `migrate` with only --env,
 * --db-url, --project-dir and --wait-seconds is read here directly into the same options and handed
 * to what the migrate command runs. Anything else (--verbose, --help, an unknown word) returns
 * null: picocli handles it as usual.
 */
public final class FastMigrate {
    private FastMigrate() {
    }

    /** The exit code, or null when this path does not apply. Errors are thrown as the full command would throw them. */
    public static Integer run(String[] args, PrintWriter out, PrintWriter err) {
        DatabaseOptions db = parse(args);
        if (db == null) {
            return null;
        }
        return MigrateCommand.run(db, out, err);
    }

    static DatabaseOptions parse(String[] args) {
        if (args.length == 0 || !args[0].equals("migrate")) {
            return null;
        }
        DatabaseOptions db = new DatabaseOptions();
        db.projectDir = Path.of(".");
        for (int i = 1; i < args.length; i++) {
            String word = args[i];
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            String value;
            if (word.contains("=")) {
                value = word.substring(word.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            switch (name) {
                case "--env" -> db.env = value;
                case "--db-url" -> db.dbUrl = value;
                case "--project-dir" -> db.projectDir = Path.of(value);
                case "--wait-seconds" -> {
                    if (!value.matches("\\d{1,6}")) {
                        return null; // picocli says what is wrong with it
                    }
                    db.waitSeconds = Integer.parseInt(value);
                }
                default -> {
                    return null;
                }
            }
        }
        return db;
    }
}
