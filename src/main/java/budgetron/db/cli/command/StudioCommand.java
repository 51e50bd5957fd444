package budgetron.db.cli.command;

import budgetron.db.cli.DatabaseCommand;
import budgetron.db.session.Session;
import budgetron.db.cli.studio.Studio;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;

@Command(name = "studio",
        description = {"Browse and edit the database in a web page served by this jar (Drizzle Studio's part): tables with row counts, "
                + "filters, sorting, foreign keys followed both ways, cell edits saved in one transaction, structure, schema diagram, "
                + "migration history and drift, an SQL console, CSV and JSON export.",
                "Prints the address with a fresh token and serves until Ctrl-C. Every request of the page needs the token (kept in the "
                        + "page, never in a cookie, so no other local server receives it).",
                "Production is read-only unless --allow-writes: every query runs as a login role made for this studio that can only read "
                        + "(SELECT on the tables, or pg_read_all_data), dropped when it ends; without one, the grid alone is served, read-only. "
                        + "Development allows writes."})
public class StudioCommand extends DatabaseCommand {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "4983", description = "Port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only). Any other exposes the data to the network.")
    String host;

    @Option(names = "--allow-writes", description = "Allow edits and writing SQL in production too.")
    boolean allowWrites;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        // Ctrl-C: the hook wakes this thread and waits while it closes the server, the pool and the embedded database
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        try (Session target = session()) {
            boolean readOnly = target.environment().isProduction() && !allowWrites;
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                err.println("Warning: listening on " + host + ", not only on this machine: anyone who can reach it and has the token sees the data.");
            }
            try (Studio studio = Studio.start(target.url(), readOnly, target.environment().label(), target.changelog(), host, port,
                    line -> err.println(line))) {
                err.println(readOnly ? "Read-only (production): " + studio.access() + "; pass --allow-writes to edit."
                        : "Edits allowed (" + (target.environment().isProduction() ? "--allow-writes" : "development") + "): " + studio.access() + ".");
                out.println("budgetron-db studio: " + studio.address());
                out.println("Ctrl-C stops it.");
                out.flush();
                err.flush();
                stopped.await();
            }
            return 0;
        } finally {
            closed.countDown();
        }
    }
}
