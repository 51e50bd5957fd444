package budgetron.db.liquibase;

import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.LockException;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Liquibase's lock, on PostgreSQL, taken as the session advisory lock of AdvisoryLock instead of a
 * row in DATABASECHANGELOGLOCK: nothing stale survives a killed process. Registered through
 * META-INF/services with a higher priority than Liquibase's StandardLockService.
 */
public class AdvisoryLockService implements LockService {
    private Database database;
    private boolean held;
    private long waitMillis = AdvisoryLock.DEFAULT_WAIT.toMillis();

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE;
    }

    @Override
    public boolean supports(Database database) {
        return database instanceof PostgresDatabase && database.getConnection() instanceof JdbcConnection;
    }

    @Override
    public void setDatabase(Database database) {
        this.database = database;
    }

    private Connection connection() {
        return ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    }

    @Override
    public void setChangeLogLockWaitTime(long minutes) {
        this.waitMillis = Duration.ofMinutes(minutes).toMillis();
    }

    @Override
    public void setChangeLogLockRecheckTime(long seconds) {
        // polled every 200 ms
    }

    @Override
    public boolean hasChangeLogLock() {
        return held;
    }

    @Override
    public void waitForLock() throws LockException {
        if (held) {
            return;
        }
        try {
            AdvisoryLock.acquire(connection(), Duration.ofMillis(waitMillis));
            held = true;
        } catch (SQLException e) {
            throw new LockException(e);
        }
    }

    @Override
    public boolean acquireLock() throws LockException {
        if (held) {
            return true;
        }
        try {
            AdvisoryLock.watchClient(connection());
            held = AdvisoryLock.tryAcquire(connection());
            return held;
        } catch (SQLException e) {
            throw new LockException(e);
        }
    }

    @Override
    public void releaseLock() throws LockException {
        if (!held) {
            return;
        }
        try {
            AdvisoryLock.release(connection());
            held = false;
        } catch (SQLException e) {
            throw new LockException(e);
        }
    }

    @Override
    public DatabaseChangeLogLock[] listLocks() {
        return new DatabaseChangeLogLock[0];
    }

    @Override
    public void forceReleaseLock() throws LockException {
        // another session's advisory lock cannot be taken from it; it ends with that session
        releaseLock();
    }

    @Override
    public void reset() {
        held = false;
    }

    @Override
    public void init() throws DatabaseException {
        // no table to create
    }

    @Override
    public void destroy() {
        // nothing stored
    }
}
