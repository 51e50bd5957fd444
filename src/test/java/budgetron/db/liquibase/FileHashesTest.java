package budgetron.db.liquibase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Remembered hashes are the hashes of the files as they are now: any edit that changes a file's size or time is seen. */
class FileHashesTest {
    @TempDir
    Path project;

    private Path file(String name, String text, Instant modified) throws Exception {
        Path f = project.resolve("changelog").resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }

    @Test
    void rememberedHashesAreTheFilesHashes() throws Exception {
        Instant anHourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
        Path a = file("0000_a.sql", "CREATE TABLE a (id int);", anHourAgo);
        file("sub/0001_b.sql", "CREATE TABLE b (id int);", anHourAgo);
        Map<String, String> first = FileHashes.remembered(project);
        assertEquals(FileHashes.read(project), first);
        assertEquals(2, first.size());
        assertTrue(Files.isRegularFile(project.resolve(FileHashes.CACHE)), "remembered for the next start");
        assertEquals(first, FileHashes.remembered(project), "unchanged files: the same answer from the list");
        // the list is what answers: content rewritten with the same size and the same old time goes unseen, the
        // limit every size-and-time check has (git, make); editors and checkouts set a new time
        Files.writeString(a, "CREATE TABLE y (id int);");
        Files.setLastModifiedTime(a, FileTime.from(anHourAgo));
        assertEquals(first, FileHashes.remembered(project));

        // an edit of the same length, with a new time (what an editor leaves)
        Files.writeString(a, "CREATE TABLE z (id int);");
        Files.setLastModifiedTime(a, FileTime.from(anHourAgo.plusSeconds(1)));
        Map<String, String> edited = FileHashes.remembered(project);
        assertNotEquals(first.get("changelog/0000_a.sql"), edited.get("changelog/0000_a.sql"));
        assertEquals(FileHashes.read(project), edited);

        // a file added and one removed
        file("0002_c.sql", "CREATE TABLE c (id int);", anHourAgo);
        Files.delete(project.resolve("changelog/sub/0001_b.sql"));
        assertEquals(FileHashes.read(project), FileHashes.remembered(project));
    }

    @Test
    void aFileChangedJustBeforeTheListWasWrittenIsReadAgain() throws Exception {
        Instant now = Instant.now();
        Path a = file("0000_a.sql", "CREATE TABLE a (id int);", now);
        Map<String, String> first = FileHashes.remembered(project);
        // edited again within the same clock tick: same size, same time
        Files.writeString(a, "CREATE TABLE z (id int);");
        Files.setLastModifiedTime(a, FileTime.from(now));
        Map<String, String> again = FileHashes.remembered(project);
        assertNotEquals(first, again, "a time that close to the list's own is not trusted");
        assertEquals(FileHashes.read(project), again);
    }

    @Test
    void anUnreadableListIsOnlySlower() throws Exception {
        file("0000_a.sql", "CREATE TABLE a (id int);", Instant.now().minus(1, ChronoUnit.HOURS));
        Files.createDirectories(project.resolve(FileHashes.CACHE).getParent());
        Files.writeString(project.resolve(FileHashes.CACHE), "written\tnot-a-number\nfile\tchangelog/0000_a.sql\t1\t2\tdeadbeef\n");
        assertEquals(FileHashes.read(project), FileHashes.remembered(project));
    }
}
