package budgetron.db.cli.check;

import budgetron.db.config.ConfigException;
import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A changelog folder read as files, without a database and without Liquibase's whole-changelog
 * parse (which stops at the first missing include): the master's include lines in order, the files
 * present, and each file's changesets with the checksum Liquibase gives them. Paths are relative to
 * the project, as Liquibase records them (changelog/0010_add-tags.sql).
 */
public record ChangelogFolder(Path projectDir, List<String> includes, List<String> files,
                              Map<String, List<Changeset>> changesets, Map<String, String> unreadable) {
    public static final String MASTER = "changelog/db.changelog-master.xml";
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{4,})_(.+)$");

    public record Changeset(String file, String id, String author, String checksum) {
        public String key() {
            return id + "::" + author;
        }
    }

    public static ChangelogFolder read(Path projectDir) {
        Path master = projectDir.resolve(MASTER);
        if (!Files.isRegularFile(master)) {
            throw new ConfigException("No " + MASTER + " in " + projectDir + ": run check in the project folder, or pass --project-dir.");
        }
        List<String> includes = includes(master);
        List<String> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(projectDir.resolve("changelog"))) {
            list.filter(Files::isRegularFile).map(p -> "changelog/" + p.getFileName())
                    .filter(f -> !f.equals(MASTER)).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new ConfigException("Cannot list " + projectDir.resolve("changelog") + ": " + e.getMessage());
        }
        Map<String, List<Changeset>> changesets = new LinkedHashMap<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        for (String file : files) {
            try {
                changesets.put(file, parse(projectDir, file));
            } catch (Exception e) {
                unreadable.put(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().split("\n")[0]);
            }
        }
        return new ChangelogFolder(projectDir, includes, files, changesets, unreadable);
    }

    /** The include lines of the master changelog, as project-relative paths, in their order. */
    static List<String> includes(Path master) {
        List<String> out = new ArrayList<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList nodes = factory.newDocumentBuilder().parse(master.toFile()).getElementsByTagNameNS("*", "include");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                String file = e.getAttribute("file");
                boolean relative = "true".equalsIgnoreCase(e.getAttribute("relativeToChangelogFile"));
                out.add(relative ? "changelog/" + file : file.replaceFirst("^\\./", ""));
            }
        } catch (Exception e) {
            throw new ConfigException("Cannot read " + MASTER + ": " + e.getMessage() + ". Fix the XML (it must stay a Liquibase changelog).");
        }
        return out;
    }

    static List<Changeset> parse(Path projectDir, String file) throws Exception {
        ResourceAccessor accessor = new DirectoryResourceAccessor(projectDir);
        return Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), accessor), () -> {
            DatabaseChangeLog log = ChangeLogParserFactory.getInstance().getParser(file, accessor)
                    .parse(file, new ChangeLogParameters(), accessor);
            List<Changeset> out = new ArrayList<>();
            for (ChangeSet cs : log.getChangeSets()) {
                out.add(new Changeset(file, cs.getId(), cs.getAuthor(), cs.generateCheckSum(ChecksumVersion.latest()).toString()));
            }
            return out;
        });
    }

    /** The number a file name starts with (0010 of changelog/0010_add-tags.sql), or -1. */
    public static int number(String file) {
        Matcher m = NUMBERED.matcher(file.substring(file.lastIndexOf('/') + 1));
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The changesets in the order Liquibase runs them: include order, then order within the file. */
    public List<Changeset> inOrder() {
        List<Changeset> out = new ArrayList<>();
        for (String include : includes) {
            out.addAll(changesets.getOrDefault(include, List.of()));
        }
        return out;
    }
}
