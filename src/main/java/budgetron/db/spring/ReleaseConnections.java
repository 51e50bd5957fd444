package budgetron.db.spring;

import budgetron.db.release.Release;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * The application's connections say which release it is and read its release's schema first
 * (docs/zero-downtime.md): a HikariCP pool (Spring Boot's default) gets pgjdbc's ApplicationName
 * budgetron:NNNN, so that a contract waits while this release is connected, and currentSchema
 * budgetron_NNNN,…,public, so that it reads the views a zero-downtime change made for it (a schema
 * that does not exist is skipped). Values the application set itself are kept. Set before the pool
 * starts (it starts at its first connection, after every bean is initialised).
 */
public class ReleaseConnections implements BeanPostProcessor, Ordered {
    private final Release release;

    public ReleaseConnections(Release release) {
        this.release = release;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && !pool.isRunning() && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            String url = pool.getJdbcUrl().toLowerCase(java.util.Locale.ROOT);
            if (!url.contains("applicationname=") && !pool.getDataSourceProperties().containsKey("ApplicationName")) {
                pool.addDataSourceProperty("ApplicationName", release.applicationName());
            }
            if (!url.contains("currentschema=") && !pool.getDataSourceProperties().containsKey("currentSchema")) {
                pool.addDataSourceProperty("currentSchema", release.searchPath());
            }
        }
        return bean;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
