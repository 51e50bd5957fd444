package budgetron.db.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A project folder whose changelog/ holds a master changelog that includes nothing yet: where generated files go. */
public final class EmptyChangelog {
    public static final String MASTER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
            + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog "
            + "http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n</databaseChangeLog>\n";

    private EmptyChangelog() {
    }

    public static Path in(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("changelog"));
        Files.writeString(dir.resolve("changelog/db.changelog-master.xml"), MASTER);
        return dir;
    }
}
