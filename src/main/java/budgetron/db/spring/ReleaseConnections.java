package budgetron.db.spring;

import budgetron.db.release.Release;
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
        // HikariCP by name: the library's POM does not bring it (an application's Spring Boot starter does)
        if (!bean.getClass().getName().equals("com.zaxxer.hikari.HikariDataSource")) {
            return bean;
        }
        try {
            Class<?> type = bean.getClass();
            String jdbcUrl = (String) type.getMethod("getJdbcUrl").invoke(bean);
            boolean running = (Boolean) type.getMethod("isRunning").invoke(bean);
            java.util.Properties given = (java.util.Properties) type.getMethod("getDataSourceProperties").invoke(bean);
            java.lang.reflect.Method add = type.getMethod("addDataSourceProperty", String.class, Object.class);
            if (running || jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
                return bean;
            }
            String url = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
            if (!url.contains("applicationname=") && !given.containsKey("ApplicationName")) {
                add.invoke(bean, "ApplicationName", release.applicationName());
            }
            if (!url.contains("currentschema=") && !given.containsKey("currentSchema")) {
                add.invoke(bean, "currentSchema", release.searchPath());
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("budgetron-db could not name the release on HikariCP's connections (" + e + "): "
                    + "set budgetron.db.release-connections=false and put ApplicationName and currentSchema in the URL "
                    + "(docs/zero-downtime.md)", e);
        }
        return bean;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
