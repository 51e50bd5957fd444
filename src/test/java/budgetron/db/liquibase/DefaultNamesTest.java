package budgetron.db.liquibase;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An override of Liquibase's table or schema names, spelt any way Liquibase accepts, turns the fast paths off. */
class DefaultNamesTest {
    @Test
    void overridesInTheEnvironmentOrSystemPropertiesAreSeen() {
        assertTrue(DefaultNames.inEffect(Map.of("LIQUIBASE_ANALYTICS_ENABLED", "false", "PATH", "/bin"),
                Map.of("liquibase.showBanner", "false")));
        assertFalse(DefaultNames.inEffect(Map.of("LIQUIBASE_DATABASE_CHANGELOG_TABLE_NAME", "app_history"), Map.of()));
        assertFalse(DefaultNames.inEffect(Map.of("LIQUIBASE_DATABASECHANGELOG_TABLE_NAME", "app_history"), Map.of()));
        assertFalse(DefaultNames.inEffect(Map.of("LIQUIBASE_LIQUIBASE_SCHEMA_NAME", "meta"), Map.of()));
        assertFalse(DefaultNames.inEffect(Map.of(), Map.of("liquibase.databaseChangeLogTableName", "app_history")));
        assertFalse(DefaultNames.inEffect(Map.of(), Map.of("liquibase.command.defaultSchemaName", "app")));
    }
}
