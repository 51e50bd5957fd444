package budgetron.db;

import budgetron.db.command.AdoptCommand;
import budgetron.db.command.CheckCommand;
import budgetron.db.command.DevDbCommand;
import budgetron.db.command.DriftCommand;
import budgetron.db.command.GenerateCommand;
import budgetron.db.command.HistoryCommand;
import budgetron.db.command.LintCommand;
import budgetron.db.command.MigrateCommand;
import budgetron.db.command.PatchCommand;
import budgetron.db.command.PushCommand;
import budgetron.db.command.ReviewCommand;
import budgetron.db.command.RollbackCommand;
import budgetron.db.command.StatusCommand;
import budgetron.db.command.StudioCommand;
import budgetron.db.command.TagCommand;
import budgetron.db.command.UpdateSqlCommand;
import budgetron.db.command.ValidateCommand;
import budgetron.db.config.ConfigException;
import budgetron.db.config.Secrets;
import liquibase.exception.ChangeLogParseException;
import liquibase.exception.LiquibaseException;
import liquibase.exception.MigrationFailedException;
import liquibase.exception.ValidationFailedException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "budgetron-db", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Budgetron's database: migrate it with the Liquibase changelog, inspect it, take over a Drizzle-built one.",
                "Exit codes: 0 done, 1 failed, 2 usage error."},
        subcommands = {MigrateCommand.class, StatusCommand.class, HistoryCommand.class, ValidateCommand.class,
                UpdateSqlCommand.class, TagCommand.class, RollbackCommand.class, GenerateCommand.class, PushCommand.class,
                LintCommand.class, ReviewCommand.class, CheckCommand.class, DriftCommand.class, StudioCommand.class,
                AdoptCommand.class, PatchCommand.class,
                DevDbCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Printed by --version, on the root command and on every subcommand. */
    public static final String VERSION = "budgetron-db 0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: migrate, status, history, ... (see --help).");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs one command line and returns its exit code; tests call this directly. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        quietLogging(verbose);
        try {
            // every container start: decided without building the command line when nothing is pending
            Integer fast = budgetron.db.command.FastMigrate.run(args, out, err);
            if (fast != null) {
                out.flush();
                err.flush();
                return fast;
            }
        } catch (Exception e) {
            out.flush();
            return report(e, err, verbose);
        }
        Class<?> single = singleCommand(args);
        CommandLine cmd;
        String[] words = args;
        if (single == null) {
            cmd = new CommandLine(new Main());
        } else {
            cmd = new CommandLine(single);
            cmd.setCommandName("budgetron-db " + args[0]);
            words = Arrays.copyOfRange(args, 1, args.length);
        }
        cmd.setOut(out).setErr(err);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, commandLine.getErr(), verbose));
        int code = cmd.execute(words);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The invoked command's class when the first word names one. Only its model is then built:
     * picocli reflects over every subcommand otherwise, a fifth of a second of each container start.
     * `budgetron-db`, `--help`, `help CMD` and unknown words get the full command line.
     */
    static Class<?> singleCommand(String[] args) {
        if (args.length > 0) {
            for (Class<?> type : Main.class.getAnnotation(Command.class).subcommands()) {
                if (type != CommandLine.HelpCommand.class && type.getAnnotation(Command.class).name().equals(args[0])) {
                    return type;
                }
            }
        }
        return null;
    }

    /** One line saying what went wrong (the trace too with --verbose), never a password; exit code 1. */
    private static int report(Exception ex, PrintWriter err, boolean verbose) {
        err.println("Error: " + Secrets.redact(describe(ex)));
        if (verbose) {
            // a trace quotes exception messages, which may quote a URL: redacted like everything else
            java.io.StringWriter trace = new java.io.StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(Secrets.redact(trace.toString()));
        } else if (!(ex instanceof ConfigException)) {
            err.println("(--verbose shows the details)");
        }
        err.flush();
        return 1;
    }

    /** A short message for an error a user can cause; the cause chain's last words otherwise. */
    public static String describe(Throwable ex) {
        if (ex instanceof ConfigException) {
            return ex.getMessage();
        }
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof ConfigException) {
                return t.getMessage();
            }
            if (t instanceof ChangeLogParseException) {
                return "Cannot read the changelog: " + firstLine(deepest(t).getMessage())
                        + ". Fix the file it names (`budgetron-db validate` checks it).";
            }
            if (t instanceof ValidationFailedException) {
                return "The changelog does not validate: " + t.getMessage().strip().replaceAll("\\s*\n\\s*", " ");
            }
            if (t instanceof MigrationFailedException) {
                return failedChangeset(t);
            }
        }
        if (ex instanceof LiquibaseException) {
            return "Liquibase failed: " + firstLine(deepest(ex).getMessage());
        }
        Throwable root = deepest(ex);
        return root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
    }

    /** Names the changeset and file, and keeps PostgreSQL's reason with the failed SQL. */
    static String failedChangeset(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        Matcher m = Pattern.compile("changeset (\\S+?)::(\\S+?)::(\\S+?):").matcher(message);
        String reason = deepest(t).getMessage();
        reason = reason == null ? message : reason.strip().replaceAll("\\s*\n\\s*", " ");
        if (!m.find()) {
            return "A changeset failed and was rolled back: " + reason;
        }
        return "Changeset " + m.group(2) + " in " + m.group(1) + " failed and was rolled back; the changesets before it stay applied. "
                + "PostgreSQL said: " + reason + ". Fix the changeset (it was never applied, so it may still be edited) and run migrate again.";
    }

    private static Throwable deepest(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        String trimmed = s.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl);
    }

    /** Liquibase, Hibernate and the embedded server log every step; the commands print what matters. */
    private static void quietLogging(boolean verbose) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(verbose ? Level.INFO : Level.OFF);
        if (verbose) {
            java.util.logging.ConsoleHandler handler = new java.util.logging.ConsoleHandler();
            handler.setLevel(Level.INFO);
            root.addHandler(handler);
        }
    }
}
