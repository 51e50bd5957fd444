package budgetron.db.schema;

import budgetron.db.config.ConfigException;
import budgetron.db.config.DbUrl;
import budgetron.db.config.Environment;
import budgetron.db.config.Settings;
import org.hibernate.SessionFactory;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.cfg.Configuration;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Which entities there are, and how to open Hibernate on them. Entities are found, never listed:
 * every class annotated @Entity in the entity packages (budgetron.db.entity and below by default;
 * entity-packages in liquibase.properties, comma-separated, for a team that keeps them elsewhere).
 * META-INF/persistence.xml leaves Hibernate to scan the same classes for JPA tooling.
 */
public final class Entities {
    public static final String DEFAULT_PACKAGE = "budgetron.db.entity";
    public static final String PACKAGES_KEY = "entity-packages";

    private Entities() {
    }

    /** The @Entity classes in these packages and their sub-packages, sorted by name. */
    public static List<Class<?>> discover(List<String> packages) {
        return EntityScan.find(Entities.class.getClassLoader(), packages);
    }

    /** The entities of a project: the packages its liquibase.properties names, else budgetron.db.entity. */
    public static List<Class<?>> discover(Path projectDir) {
        String configured = Settings.readProperties(projectDir.resolve(Environment.PRODUCTION.propertiesFile())).getProperty(PACKAGES_KEY);
        List<String> packages = configured == null || configured.isBlank() ? List.of(DEFAULT_PACKAGE)
                : Arrays.stream(configured.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        List<Class<?>> found = discover(packages);
        if (found.isEmpty()) {
            throw new ConfigException("No @Entity class in " + String.join(", ", packages) + ": compile the project first (mvn compile), "
                    + "or name the packages that hold the entities with " + PACKAGES_KEY + "=… in liquibase.properties.");
        }
        return found;
    }

    /** Budgetron's own entities (the default package). */
    public static List<Class<?>> budgetron() {
        return discover(List.of(DEFAULT_PACKAGE));
    }

    /** Budgetron's entities on a database; hbm2ddl "validate" fails if any entity disagrees with its table. */
    public static SessionFactory open(DbUrl url, String hbm2ddl) {
        return open(url, hbm2ddl, budgetron());
    }

    public static SessionFactory open(DbUrl url, String hbm2ddl, List<Class<?>> classes) {
        Configuration cfg = new Configuration();
        classes.forEach(cfg::addAnnotatedClass);
        cfg.setProperty("hibernate.connection.url", url.jdbcUrl());
        if (url.user() != null) {
            cfg.setProperty("hibernate.connection.username", url.user());
        }
        if (url.password() != null) {
            cfg.setProperty("hibernate.connection.password", url.password());
        }
        cfg.setProperty("hibernate.connection.pool_size", "2");
        cfg.setProperty("hibernate.hbm2ddl.auto", hbm2ddl);
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
            throw new ConfigException("Hibernate cannot map the entities: " + firstLine(e.getMessage())
                    + ". Fix the mapping of the class it names (or move the class out of the entity packages).");
        } catch (org.hibernate.HibernateException e) {
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

    private static String firstLine(String s) {
        return s == null ? "(no reason given)" : s.strip().split("\n")[0];
    }
}
