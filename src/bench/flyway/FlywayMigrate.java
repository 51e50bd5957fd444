import org.flywaydb.core.Flyway;

/** Flyway's migrate on the ten migrations, as small as an application's call: DB_URL (JDBC, with ?user=), MIGRATIONS (a folder). */
public final class FlywayMigrate {
    public static void main(String[] args) {
        var result = Flyway.configure()
                .dataSource(System.getenv("DB_URL"), null, null) // the user is in the URL
                .locations("filesystem:" + System.getenv("MIGRATIONS"))
                .load()
                .migrate();
        System.out.println("applied " + result.migrationsExecuted);
    }
}
