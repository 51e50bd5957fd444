package budgetron.db.schema;

import budgetron.db.config.Connections;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.Migrator;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the changelog builds, taken from a scratch database, and how a live schema differs from it. */
public final class ExpectedSchema {
    private ExpectedSchema() {
    }

    /** The changelog applied to an empty scratch database, read back. */
    public static Catalog catalog(ScratchDatabase scratch, Changelog changelog, int count) {
        try (Connection c = Connections.open(scratch.url()); Migrator m = new Migrator(c, changelog)) {
            if (count < 0) {
                m.update();
            } else {
                m.update(count);
            }
            return Catalog.read(c);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot build the changelog's schema in a scratch database: " + e.getMessage(), e);
        }
    }

    /** Lines of the dump only the expected side has (-) or only the actual side has (+). */
    public static List<String> differences(String expected, String actual) {
        Set<String> e = statements(expected);
        Set<String> a = statements(actual);
        List<String> out = new ArrayList<>();
        for (String s : e) {
            if (!a.contains(s)) {
                out.add("- " + s);
            }
        }
        for (String s : a) {
            if (!e.contains(s)) {
                out.add("+ " + s);
            }
        }
        return out;
    }

    /** Each column line or statement of a dump, with its table named, so that differences read alone. */
    private static Set<String> statements(String dump) {
        Set<String> out = new LinkedHashSet<>();
        String table = null;
        for (String block : dump.split("\n\n")) {
            String b = block.strip();
            if (b.startsWith("CREATE TABLE ")) {
                table = b.substring("CREATE TABLE ".length(), b.indexOf(" ("));
                String[] lines = b.split("\n");
                for (int i = 1; i < lines.length - 1; i++) {
                    out.add(table + "." + lines[i].strip().replaceAll(",$", ""));
                }
            } else if (!b.isEmpty()) {
                out.add(b.replaceAll("\\s*\n\\s*", " "));
            }
        }
        return out;
    }
}
