package budgetron.db.schema;

import budgetron.db.config.DbUrl;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;

import java.util.HashMap;
import java.util.Map;

/** Opens the "budgetron" persistence unit (META-INF/persistence.xml) on a database. */
public final class Entities {
    public static final String PERSISTENCE_UNIT = "budgetron";

    private Entities() {
    }

    /**
     * @param hbm2ddl Hibernate's schema action: "validate" checks every entity against the tables,
     *                "none" trusts them.
     */
    public static EntityManagerFactory open(DbUrl url, String hbm2ddl) {
        Map<String, Object> props = new HashMap<>();
        props.put("jakarta.persistence.jdbc.url", url.jdbcUrl());
        url.connectionProperties().forEach((k, v) -> props.put("hibernate.connection." + k, v));
        if (url.user() != null) {
            props.put("jakarta.persistence.jdbc.user", url.user());
        }
        if (url.password() != null) {
            props.put("jakarta.persistence.jdbc.password", url.password());
        }
        props.put("hibernate.hbm2ddl.auto", hbm2ddl);
        return Persistence.createEntityManagerFactory(PERSISTENCE_UNIT, props);
    }
}
