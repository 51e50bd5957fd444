package budgetron.db.spring;

import budgetron.db.api.BudgetronDb;
import budgetron.db.config.DbUrl;
import budgetron.db.config.Project;
import budgetron.db.operation.ChangesetRef;
import budgetron.db.operation.Migrate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;

import javax.sql.DataSource;
import java.util.stream.Collectors;

/**
 * The application's database migrated when this bean is created: what `budgetron-db migrate` does
 * (Drizzle adoption, one transaction per changeset, the advisory lock shared with the CLI and other
 * instances, lock retries), through the same API. Spring Boot makes JPA, JdbcTemplate and the other
 * users of the DataSource wait for it (BudgetronDbInitializerDetector).
 */
public class BudgetronDbMigration implements InitializingBean {
    private static final Log LOG = LogFactory.getLog(BudgetronDbMigration.class);

    private final DataSource dataSource;
    private final DbUrl server;
    private final BudgetronDbProperties properties;
    private Migrate.Result result;

    public BudgetronDbMigration(DataSource dataSource, DbUrl server, BudgetronDbProperties properties) {
        this.dataSource = dataSource;
        this.server = server;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        String origin = "the application's budgetron.db properties";
        Project project = Project.bundledWith()
                .setting("adopt-drizzle", String.valueOf(properties.isAdoptDrizzle()), origin)
                .setting("lock-wait", properties.getLockWait().toMillis() + "ms", origin)
                .setting("lock-retries", String.valueOf(properties.getLockRetries()), origin)
                .setting("lock-retry-wait", properties.getLockRetryWait().toMillis() + "ms", origin)
                .load();
        result = BudgetronDb.forDataSource(PublicSchema.of(dataSource), project).server(server).progress(LOG::info).migrate();
        if (result.adopted() != null) {
            LOG.info("budgetron-db: " + result.adopted().describe().replace("\n", " "));
        }
        LOG.info(result.applied().isEmpty() ? "budgetron-db: the database is up to date"
                : "budgetron-db: applied " + result.applied().size() + " changesets: "
                + result.applied().stream().map(ChangesetRef::id).collect(Collectors.joining(", ")));
    }

    /** What the start did (null before it ran). */
    public Migrate.Result result() {
        return result;
    }
}
