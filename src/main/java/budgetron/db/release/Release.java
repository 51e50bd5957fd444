package budgetron.db.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release of the application, named by the number of the newest changelog file it carries
 * (0012): what it calls itself on its connections ({@code application_name budgetron:0012}), so that
 * a contract can wait for the releases before it, and the schema of views it reads first
 * ({@code budgetron_0012}, then public), where a zero-downtime change gave it columns under their
 * new names or types (docs/zero-downtime.md).
 */
public record Release(String number) {
    /** The label of contract changesets (formatted SQL: labels:contract). */
    public static final String CONTRACT_LABEL = "contract";
    public static final String APPLICATION_PREFIX = "budgetron:";
    private static final Pattern INCLUDE = Pattern.compile("file=\"(\\d{4})_");
    private static final Pattern NUMBER = Pattern.compile("\\d{4}");

    public Release {
        if (!NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("a release is a changelog file's four-digit number, not '" + number + "'");
        }
    }

    /** The release of a master changelog's text: its highest numbered include. */
    public static Release ofMaster(String masterXml) {
        Matcher m = INCLUDE.matcher(masterXml);
        String max = "0000";
        while (m.find()) {
            if (m.group(1).compareTo(max) > 0) {
                max = m.group(1);
            }
        }
        return new Release(max);
    }

    /** The release of the changelog packed with this library (the application's own release). */
    public static Release bundled() {
        try (InputStream in = Release.class.getClassLoader().getResourceAsStream("changelog/db.changelog-master.xml")) {
            if (in == null) {
                throw new IllegalStateException("changelog/db.changelog-master.xml is not on the class path");
            }
            return ofMaster(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the packed changelog: " + e.getMessage(), e);
        }
    }

    /** application_name for this release's connections. */
    public String applicationName() {
        return APPLICATION_PREFIX + number;
    }

    /** The schema of views this release reads first, if a zero-downtime change made one. */
    public String schema() {
        return "budgetron_" + number;
    }

    /**
     * The search_path of this release: its own schema and those of the releases before it whose
     * contract has not run yet (a view there is what this release reads too, when its change did not
     * touch the table), newest first, then public. A schema that does not exist is skipped by
     * PostgreSQL, so naming every release back to 0000 is not needed: the last 50 are.
     */
    public String searchPath() {
        StringBuilder path = new StringBuilder();
        int n = Integer.parseInt(number);
        for (int i = n; i >= Math.max(0, n - 49); i--) {
            path.append("budgetron_").append(String.format("%04d", i)).append(',');
        }
        return path.append("public").toString();
    }

    /**
     * The query a contract's precondition expects 0 from: the open connections of releases before
     * this one, to this database. budgetron.contract = 'force' (contract --force) makes it 0.
     */
    public static String olderConnections(String number) {
        return "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name ~ '^budgetron:[0-9]{4}$' "
                + "AND substr(application_name, 11) < '" + new Release(number).number + "' "
                + "AND coalesce(current_setting('budgetron.contract', true), '') <> 'force'";
    }
}
