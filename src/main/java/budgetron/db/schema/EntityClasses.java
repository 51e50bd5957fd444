package budgetron.db.schema;

import budgetron.db.config.ConfigException;
import budgetron.db.config.Project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The entity classes a command compares with a database: the project's own, as its last build
 * left them in target/classes, never an older copy. A checkout whose entity sources are newer than
 * their classes (or whose classes outlive a deleted source) is refused with "run mvn compile":
 * comparing stale classes would write a changeset that undoes the developer's change. Only where
 * there is no build (a container, the jar alone) are the classes packed in the jar used.
 *
 * @param fromBuild true when the classes are the project's verified build: only then may a changeset
 *                  that drops a table or column be pre-accepted for lint as the developer's own removal
 */
public record EntityClasses(List<Class<?>> classes, ClassLoader loader, String source, boolean fromBuild) {

    public static EntityClasses of(Project project) {
        List<String> packages = project.entityPackages();
        List<Class<?>> classes;
        ClassLoader loader;
        String source;
        boolean fromBuild = project.hasBuild();
        if (fromBuild) {
            Path build = project.dir().resolve("target").resolve("classes");
            requireFresh(project.dir().resolve("src").resolve("main").resolve("java"), build, packages);
            loader = new BuildLoader(build, packages, EntityClasses.class.getClassLoader());
            classes = EntityScan.inFolder(loader, build, packages);
            source = project.dir().relativize(build) + " (compiled " + newest(build, packages) + ")";
        } else {
            loader = EntityClasses.class.getClassLoader();
            classes = EntityScan.find(loader, packages);
            source = "the classes packed in budgetron-db";
        }
        if (classes.isEmpty()) {
            throw new ConfigException("No @Entity class in " + String.join(", ", packages) + " (" + source + "): compile the project first "
                    + "(mvn compile), or name the packages that hold the entities with entity-packages=… in liquibase.properties.");
        }
        return new EntityClasses(classes, loader, source, fromBuild);
    }

    /** The @Entity classes of these packages as {@code loader} sees them (a jar, a folder, a class path): no freshness check. */
    public static EntityClasses scan(ClassLoader loader, List<String> packages) {
        return new EntityClasses(EntityScan.find(loader, packages), loader, "the class path", false);
    }

    /** Classes given directly (tests, the corpus, the library API): nothing to check, nothing pre-accepted. */
    public static EntityClasses given(List<Class<?>> classes) {
        ClassLoader loader = classes.isEmpty() ? EntityClasses.class.getClassLoader() : classes.get(0).getClassLoader();
        return new EntityClasses(List.copyOf(classes), loader, "the given classes", false);
    }

    /**
     * Every entity source must have a class file at least as new, and every top-level class file a
     * source: otherwise the build is behind the code (an edit not compiled, a deleted entity whose
     * class is still there, since an incremental compile does not delete it).
     */
    static void requireFresh(Path sources, Path build, List<String> packages) {
        if (!Files.isDirectory(sources)) {
            return; // a build copied without its sources: nothing to compare with
        }
        List<String> stale = new ArrayList<>();
        for (String pkg : packages) {
            Path src = sources.resolve(pkg.replace('.', '/'));
            Path bin = build.resolve(pkg.replace('.', '/'));
            for (Path java : files(src, ".java")) {
                Path cls = bin.resolve(src.relativize(java).toString().replaceAll("\\.java$", ".class"));
                if (!Files.exists(cls)) {
                    stale.add(sources.relativize(java) + " has no class file");
                } else if (modified(java) > modified(cls)) {
                    stale.add(sources.relativize(java) + " changed after it was compiled");
                }
            }
            if (Files.isDirectory(src)) {
                for (Path cls : files(bin, ".class")) {
                    String name = bin.relativize(cls).toString();
                    if (!name.contains("$") && !Files.exists(src.resolve(name.replaceAll("\\.class$", ".java")))) {
                        stale.add(build.getFileName() + "/" + pkg.replace('.', '/') + "/" + name + " is left from a deleted source");
                    }
                }
            }
        }
        if (!stale.isEmpty()) {
            throw new ConfigException("The entities changed since the last build (" + String.join("; ", stale.subList(0, Math.min(3, stale.size())))
                    + (stale.size() > 3 ? "; " + (stale.size() - 3) + " more" : "") + "): run mvn compile (mvn clean compile for a deleted "
                    + "entity), then run this again. Comparing the old classes would write a changeset that undoes your change.");
        }
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String newest(Path build, List<String> packages) {
        long newest = 0;
        for (String pkg : packages) {
            for (Path cls : files(build.resolve(pkg.replace('.', '/')), ".class")) {
                newest = Math.max(newest, modified(cls));
            }
        }
        return java.time.Instant.ofEpochMilli(newest).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /**
     * target/classes first for the entity packages (this jar holds an older copy of Budgetron's own
     * entities), the tool's class loader for everything else (Hibernate, Jakarta Persistence, the
     * annotations the tool reads), so that both sides agree on the annotation types.
     */
    static final class BuildLoader extends URLClassLoader {
        private final List<String> prefixes;

        BuildLoader(Path build, List<String> packages, ClassLoader parent) {
            super(new URL[] {url(build)}, parent);
            this.prefixes = packages.stream().map(p -> p + ".").toList();
        }

        private static URL url(Path build) {
            try {
                return build.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }

        private boolean ours(String className) {
            return prefixes.stream().anyMatch(className::startsWith);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!ours(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException e) {
                        c = super.loadClass(name, false); // a class of the package that only the jar has
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            // the class files themselves (the schema cache digests them): the build's, like the classes
            URL own = ours(name.replace('/', '.')) ? findResource(name) : null;
            return own != null ? own : super.getResource(name);
        }
    }

    /** Names of the entity classes, sorted, for messages and cache keys. */
    public TreeSet<String> names() {
        TreeSet<String> names = new TreeSet<>();
        classes.forEach(c -> names.add(c.getName()));
        return names;
    }
}
