package budgetron.db.cli.studio;

import budgetron.db.config.Connections;
import budgetron.db.config.DbUrl;
import budgetron.db.config.Errors;
import budgetron.db.config.ProcessOwner;
import budgetron.db.config.Progress;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the studio reaches the database. Where writes are allowed, as the connecting user. Where they
 * are not (production without --allow-writes), every query — grid, structure, export, console —
 * runs as a login role made for this studio alone, that can read and nothing else: SELECT on the
 * schema's tables (or pg_read_all_data where those cannot be granted), a random
 * password only the studio knows, read-only transactions, a statement timeout; dropped when the
 * studio ends. Privileges are the server's to enforce, not a parser's: the console's SQL cannot
 * switch back to the connecting user (no membership, no password), cannot write server files or run
 * programs (no pg_write_server_files, no pg_execute_server_program), cannot signal other roles'
 * sessions, and an extension that opens its own connection (dblink) has no credentials to log in
 * with. If no such role can be made (no CREATEROLE, pg_hba refusing it), the grid is served read-only
 * and the SQL console is off, rather than running it as the connecting user.
 */
final class StudioAccess implements AutoCloseable {
    private static final Pattern OWNED = Pattern.compile("budgetron_studio_(\\d+)_([0-9a-z]+)_\\d+");
    /** Studios of one process (tests, an application) each get a role of their own. */
    private static final java.util.concurrent.atomic.AtomicInteger SEQUENCE = new java.util.concurrent.atomic.AtomicInteger();

    private final HikariDataSource pool;
    private final DbUrl console;
    private final String description;
    private final DbUrl admin;
    private final String role;

    private StudioAccess(HikariDataSource pool, DbUrl console, String description, DbUrl admin, String role) {
        this.pool = pool;
        this.console = console;
        this.description = description;
        this.admin = admin;
        this.role = role;
    }

    static StudioAccess open(DbUrl url, boolean writes, Progress say) {
        if (writes) {
            return new StudioAccess(pool(url, false), url, "edits and SQL as " + url.user(), url, null);
        }
        String why;
        String role = null;
        try (Connection c = Connections.open(url); Statement s = c.createStatement()) {
            removeAbandoned(s);
            role = "budgetron_studio_" + ProcessOwner.tag() + "_" + SEQUENCE.incrementAndGet();
            String password = password();
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
                    + "NOBYPASSRLS CONNECTION LIMIT 12 VALID UNTIL '" + java.time.Instant.now().plus(java.time.Duration.ofDays(7)) + "'");
            s.execute("COMMENT ON ROLE " + role + " IS 'budgetron-db studio, read-only, of process " + ProcessOwner.pid() + " on "
                    + ProcessOwner.host() + ": dropped when it ends'");
            String grant = grantReading(s, role);
            s.execute("ALTER ROLE " + role + " SET default_transaction_read_only = on");
            s.execute("ALTER ROLE " + role + " SET statement_timeout = '15s'");
            s.execute("ALTER ROLE " + role + " SET idle_in_transaction_session_timeout = '30s'");
            DbUrl reader = url.withCredentials(role, password);
            try (Connection probe = Connections.open(reader)) {
                // logs in: pg_hba lets the role in the way it lets the connecting user in
            }
            return new StudioAccess(pool(reader, true), reader, "read-only as " + role + " (" + grant + ")", url, role);
        } catch (SQLException | RuntimeException e) {
            why = Errors.describe(e);
            if (role != null) {
                drop(url, role);
            }
        }
        say.say("Read-only, but no read-only role could be made (" + why + "): the grid is served, the SQL console is off.");
        return new StudioAccess(pool(url, true), null, "read-only grid, no SQL console: " + why, url, null);
    }

    /**
     * SELECT on the public schema's tables — the data the studio shows, and no more (pg_read_all_data
     * would also read pg_authid's password hashes) — where this user may grant it (owner, superuser);
     * else pg_read_all_data where this user may grant that (PostgreSQL 14+). Neither: no console.
     */
    private static String grantReading(Statement s, String role) throws SQLException {
        s.execute("GRANT USAGE ON SCHEMA public TO " + role);
        s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role); // a WARNING, not an error, for tables not ours
        if (unreadable(s, role) == 0) {
            return "SELECT on the public schema's tables";
        }
        s.execute("GRANT pg_read_all_data TO " + role);
        return "pg_read_all_data";
    }

    private static long unreadable(Statement s, String role) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT has_table_privilege('" + role + "', c.oid, 'SELECT')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HikariDataSource pool(DbUrl url, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setDataSourceProperties(url.connectionProperties());
        config.addDataSourceProperty("ApplicationName", "budgetron-db studio");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setPoolName("budgetron-studio");
        config.setInitializationFailTimeout(-1);
        // every query of the studio gives up after 15 s; nothing waits in a transaction longer than 30 s
        config.setConnectionInitSql("SET statement_timeout = '15s'; SET idle_in_transaction_session_timeout = '30s'; SET search_path = public"
                + (readOnly ? "; SET default_transaction_read_only = on" : ""));
        return new HikariDataSource(config);
    }

    HikariDataSource pool() {
        return pool;
    }

    /** A connection of its own for one console statement, closed after it: nothing it leaves in the session outlives it. */
    Connection consoleConnection() throws SQLException {
        if (console == null) {
            throw new StudioException(403, "The SQL console is off: " + description + ".");
        }
        Connection c = Connections.open(console);
        try (Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = '15s'");
            s.execute("SET application_name = 'budgetron-db studio console'");
        }
        return c;
    }

    boolean consoleAllowed() {
        return console != null;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
        if (role != null) {
            drop(admin, role);
        }
    }

    private static void drop(DbUrl admin, String role) {
        try (Connection c = Connections.open(admin); Statement s = c.createStatement()) {
            drop(s, role);
        } catch (SQLException ignored) {
            // left: it expires in a week, and the next studio on this host drops it
        }
    }

    private static void drop(Statement s, String role) throws SQLException {
        for (String revoke : List.of("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM " + role, "REVOKE ALL ON SCHEMA public FROM " + role)) {
            try {
                s.execute(revoke);
            } catch (SQLException ignored) {
                // nothing granted that way (pg_read_all_data goes with the role)
            }
        }
        s.execute("DROP ROLE IF EXISTS " + role);
    }

    /** The roles earlier studios on this host made and could not drop (killed): their process is gone. */
    private static void removeAbandoned(Statement s) throws SQLException {
        String me = ProcessOwner.host();
        List<String> gone = ProcessOwner.abandoned(s, "SELECT rolname, coalesce(shobj_description(oid, 'pg_authid'), '') FROM pg_roles "
                + "WHERE rolname LIKE 'budgetron\\_studio\\_%'", OWNED, comment -> comment.contains(" on " + me + ":"));
        for (String role : gone) {
            try {
                drop(s, role);
            } catch (SQLException ignored) {
                // another studio's, or still in use: left alone
            }
        }
    }


    private static String password() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

}
