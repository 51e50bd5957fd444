package budgetron.db.generate;

import budgetron.db.config.ConfigException;
import budgetron.db.schema.Catalog.Constraint;
import budgetron.db.schema.Catalog.Index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static budgetron.db.schema.Sql.id;
import static budgetron.db.schema.Sql.rel;

/**
 * What makes a generated changeset safe on a table that holds rows and serves traffic (see the
 * README, "Changing a live database"): a lock_timeout on every changeset that locks an existing
 * table, constraints added NOT VALID and validated apart, indexes built CONCURRENTLY outside a
 * transaction (dropping a half-built INVALID one first), and, where no safe form exists, the lint
 * acceptance with the reason written into the changeset.
 */
final class LiveSafety {
    static final String DEFAULT_LOCK_TIMEOUT = "5s";
    static final String NOT_NULL_STEPS = "In three changesets because SET NOT NULL alone scans the whole table under an ACCESS EXCLUSIVE lock: "
            + "the check's add takes no scan, its validation scans without blocking reads and writes, and SET NOT NULL then uses it.";
    static final String NOT_VALID_STEPS = "In two changesets because adding a validated constraint scans the whole table under locks that stop "
            + "writes: the NOT VALID add takes no scan, and the validation's scan lets reads and writes go on.";
    static final String UNIQUE_STEPS = "In two changesets because adding a UNIQUE or PRIMARY KEY constraint builds its index under a lock that "
            + "stops writes: the index is built CONCURRENTLY (outside a transaction) first, then the constraint takes it over.";
    static final String CONCURRENT_INDEX = "Outside a transaction, CONCURRENTLY, so that writes go on while the index is built; a half-built "
            + "index left by a killed run is dropped first.";
    static final String NOTHING_TO_UNDO = "SELECT 'validation only: nothing to undo';";
    static final String RENAME_REASON = "declared with @RenamedFrom: the values are kept; release the code that uses the new name with it.";
    static final String DROP_TABLE_REASON = "the table left the entities and the drop was asked for; back its rows up first.";
    static final String DROP_COLUMN_REASON = "the column left the entities and the drop was asked for; stop reading it in the code first.";
    static final String TYPE_CHANGE_REASON = "the entity's type changed and no form avoids the rewrite; on a large table do it in steps "
            + "(README: Changing a live database).";
    static final String VOLATILE_REASON = "a volatile default fills every existing row, which rewrites the table; on a large table add the "
            + "column without default, backfill in batches, then SET DEFAULT.";
    static final String ENUM_REASON = "the entity's enum lost or reordered labels: the type is rebuilt through text; check no row holds a removed label.";
    /** A table an ALTER/DROP TABLE, a REFERENCES or an index's ON names, schema-qualified or not. */
    private static final Pattern TOUCHES = Pattern.compile("(?:ALTER TABLE|DROP TABLE|REFERENCES|\\bON)(?: ONLY)? (?:\"?([\\w$]+)\"?\\.)?\"?([\\w$]+)\"?");
    private static final Pattern TIMEOUT = Pattern.compile("^\\d+\\s*(ms|s|min)?$");

    private LiveSafety() {
    }

    static boolean volatileDefault(String defaultExpr) {
        return budgetron.db.schema.Sql.callsVolatile(defaultExpr);
    }

    /** Every transactional change that locks an existing table starts with SET LOCAL lock_timeout. */
    static List<Change> lockTimeouts(List<Change> changes, Set<String> existing, String timeout) {
        String t = timeout == null || timeout.isBlank() ? DEFAULT_LOCK_TIMEOUT : timeout.trim();
        if (!TIMEOUT.matcher(t).matches()) {
            throw new ConfigException("lock-timeout '" + timeout + "' is not a duration: write it as 5s, 500ms or 1min.");
        }
        String set = "SET LOCAL lock_timeout = '" + t.replace(" ", "") + "';";
        List<Change> out = new ArrayList<>();
        for (Change c : changes) {
            if (c.transactional() && locksExisting(c.sql(), existing)) {
                List<String> sql = new ArrayList<>(List.of(set));
                sql.addAll(c.sql());
                List<String> back = new ArrayList<>(List.of(set));
                back.addAll(c.rollback());
                out.add(c.withSql(sql, back));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean locksExisting(List<String> sql, Set<String> existing) {
        for (String s : sql) {
            if (s.startsWith("ALTER TYPE") || s.startsWith("DROP TYPE")) {
                return true;
            }
            Matcher m = TOUCHES.matcher(s);
            while (m.find()) {
                if (existing.contains(budgetron.db.schema.Catalog.key(m.group(1), m.group(2)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A constraint on an existing table: NOT VALID + VALIDATE for foreign keys and checks; unique and primary keys through a concurrent index. */
    static List<Change> addConstraint(Constraint c, String plainSql) {
        String table = rel(c.table());
        String name = id(c.name());
        String drop = "ALTER TABLE " + table + " DROP CONSTRAINT " + name + ";";
        switch (c.type()) {
            case 'f', 'c' -> {
                String definition = plainSql.replaceFirst("^.*? ADD CONSTRAINT \"(?:[^\"]|\"\")+\" ", "");
                DataCheck check = c.type() == 'f' ? DataCheck.foreignKey(c, definition) : DataCheck.check(c, definition);
                return List.of(
                        new Change("add constraint " + c.name() + " NOT VALID, step 1 of 2 (no scan)", List.of(plainSql.replaceFirst(";$", " NOT VALID;")),
                                List.of(drop)).because(NOT_VALID_STEPS).checking(check == null ? List.of() : List.of(check)),
                        new Change("validate constraint " + c.name() + ", step 2 of 2 (reads and writes go on)",
                                List.of("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name + ";"), List.of(NOTHING_TO_UNDO)));
            }
            case 'u', 'p' -> {
                String def = c.definition();
                String kind = c.type() == 'p' ? "PRIMARY KEY" : "UNIQUE";
                String nulls = def.contains("NULLS NOT DISTINCT") ? " NULLS NOT DISTINCT" : "";
                String options = def.substring(def.indexOf(')') + 1).trim();
                String columns = String.join(", ", c.columns().stream().map(budgetron.db.schema.Sql::id).toList());
                String index = "CREATE UNIQUE INDEX CONCURRENTLY " + name + " ON " + table + " (" + columns + ")" + nulls + ";";
                String dropIndex = "DROP INDEX CONCURRENTLY IF EXISTS " + name + ";";
                return List.of(
                        new Change("unique index " + c.name() + " built CONCURRENTLY, step 1 of 2", List.of(dropIndex, index), List.of(dropIndex))
                                .outsideTransaction().because(UNIQUE_STEPS)
                                .checking(c.type() == 'p' ? List.of(DataCheck.primaryKeyNotNull(c), DataCheck.unique(c)) : List.of(DataCheck.unique(c))),
                        new Change("add constraint " + c.name() + " using its index, step 2 of 2",
                                List.of("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + kind + " USING INDEX " + name
                                        + (options.isEmpty() ? "" : " " + options) + ";"),
                                // dropping the constraint drops its index: the rollback of the index step finds nothing left
                                List.of(drop)));
            }
            default -> {
                return List.of(new Change("add constraint " + c.name(), List.of(plainSql), List.of(drop)));
            }
        }
    }

    /** An index on an existing table: built CONCURRENTLY, outside a transaction; a half-built INVALID one is dropped first. */
    static Change createIndex(Index i) {
        String dropIndex = "DROP INDEX CONCURRENTLY IF EXISTS " + i.sql() + ";";
        return new Change("create index " + i.name() + " CONCURRENTLY", List.of(dropIndex, concurrently(i.definition()) + ";"),
                List.of(dropIndex)).outsideTransaction().because(CONCURRENT_INDEX);
    }

    static Change dropIndex(Index i) {
        String dropIndex = "DROP INDEX CONCURRENTLY IF EXISTS " + i.sql() + ";";
        return new Change("drop index " + i.name() + " CONCURRENTLY", List.of(dropIndex),
                List.of(dropIndex, concurrently(i.definition()) + ";")).outsideTransaction();
    }

    static String concurrently(String indexDefinition) {
        return indexDefinition.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ");
    }

    /** PostgreSQL cuts names at 63 bytes: a longer one keeps its start and gets a short hash. */
    static String shorten(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= 63) {
            return name;
        }
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
            return name.substring(0, 54) + "_" + hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
