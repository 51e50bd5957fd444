package budgetron.db.cli;

import budgetron.db.config.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every budgetron-db command has: --help and --version (picocli applies a superclass's
 * @Command attributes to each subclass), and where to print. Results go to out, progress and
 * errors to err, so that `--json` output can be piped.
 */
@Command(mixinStandardHelpOptions = true, version = Version.VERSION)
public abstract class BaseCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
