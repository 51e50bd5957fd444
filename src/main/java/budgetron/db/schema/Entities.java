package budgetron.db.schema;

import budgetron.db.config.ConfigException;
import budgetron.db.config.DbUrl;
import org.hibernate.SessionFactory;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.cfg.Configuration;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to open Hibernate on entity classes (EntityClasses says which): to build their schema in a
 * scratch database ("create-only") or to check a database against them ("validate"), with the
 * settings Budgetron's entities are written for (snake_case columns, PostgreSQL).
 */
public final class Entities {
    private static final Pattern JAVA_TYPE = Pattern.compile("Java type '([^']+)'");

    private Entities() {
    }

    public static SessionFactory open(DbUrl url, String hbm2ddl, EntityClasses entities) {
        return open(url, hbm2ddl, entities.classes(), entities.loader(), null);
    }

    /** Creates the entities' tables and writes the DDL Hibernate ran into {@code script} (its own words: CHECK (status in (…))). */
    static SessionFactory create(DbUrl url, EntityClasses entities, java.nio.file.Path script) {
        return open(url, "create-only", entities.classes(), entities.loader(), script);
    }

    public static SessionFactory open(DbUrl url, String hbm2ddl, List<Class<?>> classes) {
        return open(url, hbm2ddl, classes, classes.isEmpty() ? Entities.class.getClassLoader() : classes.get(0).getClassLoader(), null);
    }

    private static SessionFactory open(DbUrl url, String hbm2ddl, List<Class<?>> classes, ClassLoader loader, java.nio.file.Path script) {
        // Hibernate resolves converters, embeddables and generators by name too: through the entities' own loader
        Configuration cfg = new Configuration(new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build());
        classes.forEach(cfg::addAnnotatedClass);
        cfg.setProperty("hibernate.connection.url", url.jdbcUrl());
        if (url.user() != null) {
            cfg.setProperty("hibernate.connection.username", url.user());
        }
        if (url.password() != null) {
            cfg.setProperty("hibernate.connection.password", url.password());
        }
        cfg.setProperty("hibernate.connection.pool_size", "2");
        if (script == null) {
            cfg.setProperty("hibernate.hbm2ddl.auto", hbm2ddl);
        } else {
            // the same create, and its statements written out as Hibernate ran them (a script action replaces hbm2ddl.auto)
            cfg.setProperty("jakarta.persistence.schema-generation.database.action", "create");
            cfg.setProperty("jakarta.persistence.schema-generation.scripts.action", "create");
            cfg.setProperty("jakarta.persistence.schema-generation.scripts.create-target", script.toString());
            cfg.setProperty("hibernate.hbm2ddl.schema-generation.script.append", "false");
        }
        // @Table(schema = "audit"): Hibernate creates the schema in the scratch database too
        cfg.setProperty("hibernate.hbm2ddl.create_namespaces", "true");
        // no bytecode enhancement or proxies are needed to build or validate a schema; in the Maven plugin's
        // class loader the ServiceLoader lookup of a BytecodeProvider fails noisily
        cfg.setProperty("hibernate.bytecode.provider", "none");
        // fields without an explicit column name map to snake_case, as Budgetron's columns are
        cfg.setPhysicalNamingStrategy(new CamelCaseToUnderscoresNamingStrategy());
        // Hibernate only logs a CREATE that PostgreSQL refuses and goes on: the table would then be
        // missing from the entities' schema, and the diff would propose dropping it
        cfg.setProperty("hibernate.hbm2ddl.halt_on_error", "true");
        try {
            return cfg.buildSessionFactory();
        } catch (org.hibernate.MappingException e) {
            String message = firstLine(e.getMessage());
            throw new ConfigException("Hibernate cannot map the entities: " + message + fieldsOfType(e, classes)
                    + (message.contains("share the entity name")
                    ? ". Give one of them a name of its own: @Entity(name = \"…\") (its table keeps its @Table name)."
                    : ". Fix the mapping of the class it names (or move the class out of the entity packages)."));
        } catch (org.hibernate.HibernateException e) {
            if (e.getMessage() != null && JAVA_TYPE.matcher(e.getMessage()).find()) {
                // "Could not determine recommended JdbcType for Java type 'java.lang.Thread'": say which field
                throw new ConfigException("Hibernate cannot map a field of the entities: " + firstLine(e.getMessage()) + fieldsOfType(e, classes)
                        + ". Give it a type Hibernate maps, an @Convert converter, or mark it @Transient.");
            }
            org.hibernate.tool.schema.spi.CommandAcceptanceException refused = refusedDdl(e);
            if (refused == null) {
                throw e;
            }
            throw new ConfigException("PostgreSQL refused the DDL Hibernate wrote for the entities: " + firstLine(refused.getMessage())
                    + ". Fix the mapping behind it (a columnDefinition, @Check or @ColumnDefault goes into the DDL as written).");
        }
    }

    private static org.hibernate.tool.schema.spi.CommandAcceptanceException refusedDdl(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.tool.schema.spi.CommandAcceptanceException c) {
                return c;
            }
        }
        return null;
    }

    /** " (in Cls.field, …)" for the fields of the Java type a Hibernate message names, "" when it names none. */
    static String fieldsOfType(Throwable e, List<Class<?>> classes) {
        Matcher m = JAVA_TYPE.matcher(String.valueOf(e.getMessage()));
        if (!m.find()) {
            return "";
        }
        List<String> fields = new ArrayList<>();
        for (Class<?> type : classes) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getType().getName().equals(m.group(1)) || f.getGenericType().getTypeName().contains(m.group(1))) {
                        fields.add(type.getName() + "." + f.getName());
                    }
                }
            }
        }
        return fields.isEmpty() ? "" : " (in " + String.join(", ", fields.stream().distinct().toList()) + ")";
    }

    private static String firstLine(String s) {
        return s == null ? "(no reason given)" : s.strip().split("\n")[0];
    }
}
