package budgetron.db.spring;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

import java.util.Set;

/**
 * Tells Spring Boot that BudgetronDbMigration initializes the database: Boot then makes every bean
 * that depends on database initialization (the EntityManagerFactory, JdbcTemplate, jOOQ, …) wait
 * for it, as it does for its own Flyway and Liquibase. Registered in META-INF/spring.factories.
 */
public class BudgetronDbInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {
    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(BudgetronDbMigration.class);
    }
}
