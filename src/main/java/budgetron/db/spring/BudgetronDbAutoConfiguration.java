package budgetron.db.spring;

import budgetron.db.config.DbUrl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import javax.sql.DataSource;

/**
 * Spring Boot applications that put budgetron-db on their class path: Budgetron's entities
 * registered with JPA, and the database migrated at start, before JPA (BudgetronDbMigration) unless
 * budgetron.db.enabled=false (say, when a container migrates it before the application starts: the
 * entities are registered all the same). Nothing to configure beyond spring.datasource.*;
 * budgetron.db.* tunes it (BudgetronDbProperties).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = {HibernateJpaAutoConfiguration.class, LiquibaseAutoConfiguration.class})
@EnableConfigurationProperties(BudgetronDbProperties.class)
@Import(BudgetronEntities.class)
public class BudgetronDbAutoConfiguration {
    @Bean
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnProperty(prefix = "budgetron.db", name = "enabled", matchIfMissing = true)
    BudgetronDbMigration budgetronDbMigration(DataSource dataSource, ObjectProvider<DataSourceProperties> dataSourceProperties,
                                              BudgetronDbProperties properties) {
        return new BudgetronDbMigration(dataSource, server(dataSourceProperties.getIfAvailable()), properties);
    }

    /**
     * The application's pool names its release on every connection and reads its release's schema
     * first (zero-downtime releases); budgetron.db.release-connections=false leaves the pool alone.
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
    @ConditionalOnProperty(prefix = "budgetron.db", name = "release-connections", matchIfMissing = true)
    static class Releases {
        @Bean
        static ReleaseConnections budgetronReleaseConnections() {
            return new ReleaseConnections(budgetron.db.release.Release.bundled());
        }
    }

    /**
     * The server's URL with its credentials, from spring.datasource.*: a scratch database beside the
     * application's is made through it when a Drizzle-built database is adopted. Null when unknown.
     */
    static DbUrl server(DataSourceProperties p) {
        if (p == null || p.getUrl() == null || !p.getUrl().startsWith("jdbc:postgresql:")) {
            return null;
        }
        return DbUrl.parse(p.getUrl()).withCredentials(p.getUsername(), p.getPassword());
    }
}
