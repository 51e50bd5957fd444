package budgetron.db.liquibase;

import java.util.Map;
import java.util.Set;

/**
 * The fast paths (UpToDate, FreshRun) read and write Liquibase's history table by its default
 * name in the default schema. Liquibase can be told otherwise from outside this project's
 * settings: a system property or an environment variable such as
 * LIQUIBASE_DATABASE_CHANGELOG_TABLE_NAME. When any such override is set, the fast paths stand
 * aside and Liquibase, which reads it, does the work. Names are compared as Liquibase compares
 * them: case and separators ignored.
 */
final class DefaultNames {
    private static final Set<String> OVERRIDES = Set.of("liquibasedatabasechangelogtablename", "liquibaseliquibaseschemaname",
            "liquibaseliquibasecatalogname", "liquibasedefaultschemaname", "liquibasecommanddefaultschemaname",
            "liquibasedefaultcatalogname", "liquibasecommanddefaultcatalogname");

    private DefaultNames() {
    }

    static boolean inEffect() {
        return inEffect(System.getenv(), System.getProperties());
    }

    static boolean inEffect(Map<String, String> env, Map<Object, Object> properties) {
        for (String key : env.keySet()) {
            if (OVERRIDES.contains(normal(key))) {
                return false;
            }
        }
        for (Object key : properties.keySet()) {
            if (OVERRIDES.contains(normal(String.valueOf(key)))) {
                return false;
            }
        }
        return true;
    }

    /** Letters and digits only, lower case (by hand: this runs for every variable at every container start). */
    private static String normal(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char ch = key.charAt(i);
            if (ch < 128 && Character.isLetterOrDigit(ch)) {
                out.append(Character.toLowerCase(ch));
            }
        }
        return out.toString();
    }
}
