package budgetron.db;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library (every package but budgetron.db.cli and budgetron.db.maven, which the library jar
 * leaves out) uses only what its POM gives an application: Liquibase, Hibernate and Jakarta
 * Persistence, pgjdbc, dotenv; Spring Boot only in budgetron.db.spring, JUnit only in
 * budgetron.db.testing, an embedded PostgreSQL only where it is looked for first. Read from the
 * compiled classes by the JDK's jdeps.
 */
class LibraryDependenciesTest {
    private static final List<String> EVERYWHERE = List.of("java.", "javax.", "jakarta.persistence", "org.hibernate", "liquibase",
            "org.postgresql", "io.github.cdimascio.dotenv", "org.w3c.dom", "org.xml.sax");
    /** What only some library packages may use, each an optional or provided dependency the application brings. */
    private static final Map<String, List<String>> ONLY_IN = Map.of(
            "budgetron.db.spring", List.of("org.springframework", "org.apache.commons.logging"),
            "budgetron.db.testing", List.of("org.junit", "io.zonky.test"),
            "budgetron.db.devdb", List.of("io.zonky.test"),
            "budgetron.db.schema", List.of("io.zonky.test"));

    @Test
    void theLibraryUsesOnlyWhatItsPomGivesAnApplication() throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "--multi-release", "17",
                "-filter:none", "target/classes");
        assertEquals(0, code, out.toString());
        Set<String> wrong = new TreeSet<>();
        for (String line : out.toString().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 3 || !f[1].equals("->") || !f[0].startsWith("budgetron.")) {
                continue;
            }
            String from = f[0];
            String to = f[2];
            if (from.startsWith("budgetron.db.cli") || from.startsWith("budgetron.db.maven")) {
                continue; // the command: in the cli jar only
            }
            boolean ok = to.startsWith("budgetron.") && !to.startsWith("budgetron.db.cli") && !to.startsWith("budgetron.db.maven")
                    || EVERYWHERE.stream().anyMatch(to::startsWith)
                    || ONLY_IN.entrySet().stream().anyMatch(e -> from.startsWith(e.getKey()) && e.getValue().stream().anyMatch(to::startsWith));
            if (!ok) {
                wrong.add(from + " -> " + to);
            }
        }
        assertEquals(Set.of(), wrong, "library packages using what an application does not get");
    }

    @Test
    void theEmbeddedServerIsLookedForBeforeItIsUsed() throws Exception {
        // zonky is optional: the classes that name it must check it is there first (a ConfigException otherwise)
        for (String file : List.of("schema/ScratchDatabase.java", "devdb/DevDatabase.java", "session/Session.java")) {
            String java = Files.readString(Path.of("src/main/java/budgetron/db").resolve(file));
            assertTrue(java.contains("embeddedAvailable()") || java.contains("available()"), file + " checks for the embedded server");
        }
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/budgetron/db"))) {
            List<String> naming = files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/cli/"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("io.zonky.test.db");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("DevDatabase.java", "ScratchDatabase.java", "TestServer.java"), naming);
        }
    }
}
