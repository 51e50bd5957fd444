package budgetron.db.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * budgetron.db.* in application.properties: how the application's start migrates its database.
 * The database itself is spring.datasource.*; the changelog is the one packed in this jar.
 */
@ConfigurationProperties(prefix = "budgetron.db")
public class BudgetronDbProperties {
    /** Migrate the database at start, before JPA starts. */
    private boolean enabled = true;

    /** Take over a database that Drizzle built (record what it applied, after checking the schema); false refuses to start on one. */
    private boolean adoptDrizzle = true;

    /** How long a start waits for the migration lock that another instance (or a container's migrate) holds. */
    private Duration lockWait = Duration.ofMinutes(5);

    /** How many times a statement that fails on lock_timeout is retried. */
    private int lockRetries = 3;

    /** The pause before the first retry; it doubles each time. */
    private Duration lockRetryWait = Duration.ofSeconds(2);

    /**
     * Name this release on the pool's connections (application_name budgetron:NNNN) and read its
     * release schema first (currentSchema), for zero-downtime releases; false leaves the pool alone.
     */
    private boolean releaseConnections = true;

    public boolean isReleaseConnections() {
        return releaseConnections;
    }

    public void setReleaseConnections(boolean releaseConnections) {
        this.releaseConnections = releaseConnections;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isAdoptDrizzle() {
        return adoptDrizzle;
    }

    public void setAdoptDrizzle(boolean adoptDrizzle) {
        this.adoptDrizzle = adoptDrizzle;
    }

    public Duration getLockWait() {
        return lockWait;
    }

    public void setLockWait(Duration lockWait) {
        this.lockWait = lockWait;
    }

    public int getLockRetries() {
        return lockRetries;
    }

    public void setLockRetries(int lockRetries) {
        this.lockRetries = lockRetries;
    }

    public Duration getLockRetryWait() {
        return lockRetryWait;
    }

    public void setLockRetryWait(Duration lockRetryWait) {
        this.lockRetryWait = lockRetryWait;
    }
}
