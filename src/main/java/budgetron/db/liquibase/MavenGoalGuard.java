package budgetron.db.liquibase;

import budgetron.db.config.Environment;
import budgetron.db.config.Rules;

import java.sql.Connection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The Maven goals' half of Rules.confirmed. `mvn liquibase:rollback` and `mvn liquibase:dropAll`
 * run inside Liquibase's own plugin, where budgetron-db has no command to ask for --yes; but every
 * statement they run goes through LockRetryExecutor. On a connection the Maven driver opened for
 * production, the first statement run by Liquibase's rollback visitor or its drop-all step is
 * refused unless -Dbudgetron.yes=true — before anything is undone or dropped.
 */
public final class MavenGoalGuard {
    private static final Map<Connection, Environment> GUARDED = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<String, String> UNDOING = Map.of(
            "liquibase.changelog.visitor.RollbackVisitor", "mvn liquibase:rollback",
            "liquibase.command.core.DropAllCommandStep", "mvn liquibase:dropAll");

    private MavenGoalGuard() {
    }

    /** Called by the Maven driver for each connection it opens. */
    public static void guard(Connection c, Environment environment) {
        GUARDED.put(c, environment);
    }

    static void check(Connection c) {
        Environment environment = c == null ? null : GUARDED.get(c);
        if (environment == null || !environment.isProduction()) {
            return;
        }
        Optional<String> goal = StackWalker.getInstance().walk(frames -> frames
                .map(f -> UNDOING.get(f.getClassName())).filter(java.util.Objects::nonNull).findFirst());
        goal.ifPresent(what -> Rules.confirmed(environment, Rules.confirmedBySystemProperty(), what));
    }
}
