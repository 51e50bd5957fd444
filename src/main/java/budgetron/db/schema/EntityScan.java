package budgetron.db.schema;

import jakarta.persistence.Entity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The @Entity classes of some packages and their sub-packages, found where the class loader finds
 * the packages: folders (target/classes) and jars (budgetron-db-cli.jar). The JDK's own jar reader
 * answers in milliseconds where a general class-path scanner spends a third of a second on this
 * 50 MB jar, on every `generate`.
 */
final class EntityScan {
    private EntityScan() {
    }

    static List<Class<?>> find(ClassLoader loader, List<String> packages) {
        TreeSet<String> names = new TreeSet<>();
        try {
            for (String pkg : packages) {
                String path = pkg.replace('.', '/');
                Enumeration<URL> roots = loader.getResources(path);
                while (roots.hasMoreElements()) {
                    URL root = roots.nextElement();
                    if ("file".equals(root.getProtocol())) {
                        fromFolder(Path.of(new URI(root.toString())), pkg, names);
                    } else if ("jar".equals(root.getProtocol())) {
                        fromJar(((JarURLConnection) root.openConnection()).getJarFile(), path, names);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return load(loader, names);
    }

    private static List<Class<?>> load(ClassLoader loader, TreeSet<String> names) {
        List<Class<?>> entities = new ArrayList<>();
        for (String name : names) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (type.isAnnotationPresent(Entity.class)) {
                    entities.add(type);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not loadable here (a class of another module): not an entity of ours
            }
        }
        return entities;
    }

    /** The @Entity classes of these packages in one folder only (a project's target/classes), loaded through {@code loader}. */
    static List<Class<?>> inFolder(ClassLoader loader, Path folder, List<String> packages) {
        TreeSet<String> names = new TreeSet<>();
        try {
            for (String pkg : packages) {
                Path dir = folder.resolve(pkg.replace('.', '/'));
                if (Files.isDirectory(dir)) {
                    fromFolder(dir, pkg, names);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return load(loader, names);
    }

    private static void fromFolder(Path folder, String pkg, TreeSet<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                String relative = folder.relativize(f).toString().replace(java.io.File.separatorChar, '.');
                names.add(pkg + "." + relative.substring(0, relative.length() - ".class".length()));
            });
        }
    }

    private static void fromJar(JarFile jar, String path, TreeSet<String> names) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            String entry = entries.nextElement().getName();
            if (entry.startsWith(path + "/") && entry.endsWith(".class")) {
                names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
            }
        }
    }
}
