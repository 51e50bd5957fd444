package budgetron.db;

import budgetron.db.config.DbUrl;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.Migrator;
import budgetron.db.schema.SchemaDump;
import budgetron.db.support.Reference;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The changelog rebuilds Budgetron's database exactly: schema, seed data, and a second run is a no-op. */
class ChangelogTest {
    private static DbUrl url;
    private static String firstDump;

    @BeforeAll
    static void migrate() throws Exception {
        url = TestDatabase.fresh();
        try (Connection c = TestDatabase.connect(url); Migrator m = new Migrator(c, Changelog.in(Path.of(".")))) {
            assertEquals(10, m.pending().size(), "a fresh database has all ten changesets pending");
            m.update();
            firstDump = SchemaDump.of(c);
        }
    }

    @Test
    void schemaIsIdenticalToDrizzles() {
        String expected = SchemaDump.normalizePgDump(Reference.read("budgetron-schema.sql"));
        assertEquals(expected, firstDump);
    }

    @Test
    void seedsTheDefaultCategoriesWithTheirParents() throws Exception {
        Set<String> expected = new HashSet<>();
        String[] lines = Reference.read("seed-categories.tsv").split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            expected.add(f[0] + "|" + f[1] + "|" + f[2] + "|" + f[3]);
        }
        Set<String> actual = new HashSet<>();
        int withParent = 0;
        try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.name, c.icon, c.type::text, coalesce(p.name, ''), c.user_id, c.group_id "
                     + "FROM categories c LEFT JOIN categories p ON p.id = c.parent_id")) {
            while (rs.next()) {
                actual.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
                withParent += rs.getString(4).isEmpty() ? 0 : 1;
                assertEquals(null, rs.getObject(5), "seeded categories belong to no user");
                assertEquals(null, rs.getObject(6), "seeded categories belong to no group");
            }
        }
        assertEquals(126, lines.length - 1);
        assertEquals(expected, actual);
        assertEquals(107, withParent);
    }

    @Test
    void seedsTheAllowSignupFlag() throws Exception {
        try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, description, enabled, domains::text FROM feature_flags")) {
            assertTrue(rs.next());
            assertEquals("allow_signup", rs.getString(1));
            assertEquals("Allow users to sign up", rs.getString(2));
            assertTrue(rs.getBoolean(3));
            assertEquals("{*}", rs.getString(4));
            assertTrue(!rs.next(), "exactly one flag");
        }
    }

    @Test
    void secondUpdateChangesNothing() throws Exception {
        try (Connection c = TestDatabase.connect(url); Migrator m = new Migrator(c, Changelog.in(Path.of(".")))) {
            assertEquals(0, m.pending().size());
            m.update();
            assertEquals(firstDump, SchemaDump.of(c));
            assertEquals(10, m.applied().size());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT (SELECT count(*) FROM categories), (SELECT count(*) FROM feature_flags)")) {
                rs.next();
                assertEquals(126, rs.getInt(1));
                assertEquals(1, rs.getInt(2));
            }
        }
    }

    @Test
    void historyKeepsDrizzlesTags() throws Exception {
        String[] lines = Reference.read("drizzle-history.tsv").split("\n");
        try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, filename FROM databasechangelog ORDER BY orderexecuted")) {
            for (int i = 1; i < lines.length; i++) {
                String tag = lines[i].split("\t")[1];
                assertTrue(rs.next());
                assertEquals(tag, rs.getString(1));
                assertEquals("changelog/" + tag + ".sql", rs.getString(2));
            }
        }
    }
}
