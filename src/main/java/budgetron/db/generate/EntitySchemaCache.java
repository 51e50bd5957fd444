package budgetron.db.generate;

import budgetron.db.config.Version;
import budgetron.db.schema.Catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * The entities' schema from the last diff, kept in .budgetron/entity-schema.ser (Java serialization: the
 * library needs no JSON library), so that a diff with
 * nothing changed does not boot Hibernate and build a scratch database again. Trusted only when its
 * key matches: the bytes of every entity class (and of their enums, embeddables and superclasses),
 * of this tool's schema-building classes, and the PostgreSQL major version of the target (which
 * spells the catalog).
 * Anything else — another key, an unreadable file — and the schema is built anew.
 */
final class EntitySchemaCache {
    static final Path FILE = Path.of(".budgetron", "entity-schema.ser");

    private EntitySchemaCache() {
    }

    static String key(List<Class<?>> entities, Connection target) throws SQLException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Version.VERSION.getBytes());
            // and the code that builds and reads the schema, so that a new budgetron-db never trusts an old entry
            for (Class<?> builder : List.of(budgetron.db.schema.EntitySchema.class, budgetron.db.schema.Catalog.class,
                    budgetron.db.schema.Catalog.Column.class, budgetron.db.schema.Entities.class, budgetron.db.schema.EntityClasses.class)) {
                digestClass(sha, builder);
            }
            try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version_num")) {
                rs.next();
                sha.update(rs.getString(1).substring(0, rs.getString(1).length() - 4).getBytes());
            }
            for (Class<?> type : entities) {
                digestClass(sha, type);
                for (Class<?> nested : type.getDeclaredClasses()) {
                    digestClass(sha, nested);
                }
                for (java.lang.reflect.Field f : type.getDeclaredFields()) {
                    if (f.getType().isEnum() || f.getType().isAnnotationPresent(jakarta.persistence.Embeddable.class)) {
                        digestClass(sha, f.getType());
                    }
                }
                for (Class<?> up = type.getSuperclass(); up != null && up != Object.class; up = up.getSuperclass()) {
                    digestClass(sha, up);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            return null; // no key, no cache
        }
    }

    private static void digestClass(MessageDigest sha, Class<?> type) throws IOException {
        sha.update(type.getName().getBytes());
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            if (in == null) {
                throw new IOException("no class file for " + type.getName());
            }
            sha.update(in.readAllBytes());
        }
    }

    /** The cached schema when the file's key is this key; null otherwise (no file, another key, unreadable). */
    static Catalog read(Path projectDir, String key) {
        Path file = projectDir.resolve(FILE);
        if (key == null || !Files.isRegularFile(file)) {
            return null;
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            return key.equals(in.readUTF()) ? (Catalog) in.readObject() : null;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return null; // unreadable, or written by other classes: build anew
        }
    }

    static void write(Path projectDir, String key, Catalog catalog) {
        if (key == null) {
            return;
        }
        try {
            Path file = projectDir.resolve(FILE);
            Files.createDirectories(file.getParent());
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
                out.writeUTF(key);
                out.writeObject(catalog);
            }
        } catch (IOException | RuntimeException e) {
            // a read-only checkout: the next diff builds the schema again
        }
    }
}
