package budgetron.db.cli;

import budgetron.db.cli.command.AdoptCommand;
import budgetron.db.cli.command.BackupsCommand;
import budgetron.db.cli.command.CheckCommand;
import budgetron.db.cli.command.ContractCommand;
import budgetron.db.cli.command.DevDbCommand;
import budgetron.db.cli.command.DriftCommand;
import budgetron.db.cli.command.GenerateCommand;
import budgetron.db.cli.command.HistoryCommand;
import budgetron.db.cli.command.LintCommand;
import budgetron.db.cli.command.MigrateCommand;
import budgetron.db.cli.command.PatchCommand;
import budgetron.db.cli.command.PushCommand;
import budgetron.db.cli.command.RehearseCommand;
import budgetron.db.cli.command.ReviewCommand;
import budgetron.db.cli.command.RollbackCommand;
import budgetron.db.cli.command.StatusCommand;
import budgetron.db.cli.command.StudioCommand;
import budgetron.db.cli.command.TagCommand;
import budgetron.db.cli.command.UpdateSqlCommand;
import budgetron.db.cli.command.ValidateCommand;
import budgetron.db.config.ConfigException;
import budgetron.db.config.Errors;
import budgetron.db.config.Secrets;
import budgetron.db.config.UsageException;
import budgetron.db.config.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

@Command(name = "budgetron-db", mixinStandardHelpOptions = true, version = Version.VERSION,
        description = {"Budgetron's database: migrate it with the Liquibase changelog, inspect it, take over a Drizzle-built one.",
                "Exit codes: 0 done, 1 failed, 2 usage error."},
        subcommands = {MigrateCommand.class, ContractCommand.class, StatusCommand.class, HistoryCommand.class, ValidateCommand.class,
                UpdateSqlCommand.class, TagCommand.class, RollbackCommand.class, GenerateCommand.class, PushCommand.class,
                LintCommand.class, ReviewCommand.class, CheckCommand.class, DriftCommand.class, StudioCommand.class,
                AdoptCommand.class, PatchCommand.class, BackupsCommand.class, RehearseCommand.class,
                DevDbCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
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
            Integer fast = FastMigrate.run(args, out, err);
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

    /**
     * One line saying what went wrong (the trace too with --verbose), never a password; exit code 2
     * for a usage error (an unknown environment), 1 otherwise.
     */
    private static int report(Exception ex, PrintWriter err, boolean verbose) {
        err.println("Error: " + Errors.describe(ex));
        if (verbose) {
            // a trace quotes exception messages, which may quote a URL: redacted like everything else
            java.io.StringWriter trace = new java.io.StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(Secrets.redact(trace.toString()));
        } else if (!(ex instanceof ConfigException)) {
            err.println("(--verbose shows the details)");
        }
        err.flush();
        return ex instanceof UsageException ? 2 : 1;
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
