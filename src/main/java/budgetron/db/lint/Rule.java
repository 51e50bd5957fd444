package budgetron.db.lint;

/** The checks, after squawk and strong_migrations: what hurts on a live PostgreSQL and what to do instead. */
public enum Rule {
    INDEX_NOT_CONCURRENT("index-not-concurrent", Severity.ERROR,
            "CREATE INDEX without CONCURRENTLY blocks every write to the table until the index is built.",
            "CREATE INDEX CONCURRENTLY, in a changeset of its own with runInTransaction:false."),
    FOREIGN_KEY_NOT_VALID("foreign-key-not-valid", Severity.ERROR,
            "Adding a validated foreign key scans the whole table while holding locks on both tables.",
            "ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a later changeset."),
    CHECK_NOT_VALID("check-not-valid", Severity.ERROR,
            "Adding a validated CHECK constraint scans the whole table while holding an ACCESS EXCLUSIVE lock: no reads or writes meanwhile.",
            "ADD CONSTRAINT ... CHECK (...) NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a later changeset (a lock that lets reads and writes through)."),
    SET_NOT_NULL("set-not-null", Severity.WARNING,
            "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock.",
            "ADD CONSTRAINT ... CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT; then SET NOT NULL (PostgreSQL 12+ uses the check) and drop the check."),
    VOLATILE_DEFAULT("volatile-default", Severity.ERROR,
            "A column added with a volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval()) rewrites the whole table.",
            "Add the column without a default, backfill it in batches, then SET DEFAULT."),
    TYPE_CHANGE("type-change-rewrite", Severity.ERROR,
            "Changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.",
            "Add a column of the new type, backfill it in batches, switch the code over, then drop the old column."),
    DROP_COLUMN("drop-column", Severity.ERROR,
            "Destructive: the column's values are gone, and running code that still selects it fails.",
            "Stop using the column in the code first, release, then drop it; keep a backup of the values if they may be needed."),
    DROP_TABLE("drop-table", Severity.ERROR,
            "Destructive: the table and every row in it are gone.",
            "Stop using the table first, release, then drop it; take a backup of its rows."),
    RENAME("rename", Severity.WARNING,
            "Renaming a column or table breaks the running application, which still uses the old name.",
            "Expand and contract: add the new name, write to both, move readers over, drop the old one in a later release."),
    UNIQUE_WITHOUT_INDEX("unique-without-index", Severity.ERROR,
            "Adding a UNIQUE or PRIMARY KEY constraint builds its index while blocking writes to the table.",
            "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... UNIQUE USING INDEX."),
    ENUM_VALUE_REMOVED("enum-value-removed", Severity.ERROR,
            "An enum label is removed or the labels are reordered: rows holding a removed label make it fail, and code sending it breaks.",
            "Only add labels (ALTER TYPE ... ADD VALUE); stop using a label in code and data before removing it."),
    MISSING_ROLLBACK("missing-rollback", Severity.WARNING,
            "The changeset has no rollback: `budgetron-db rollback` cannot undo it.",
            "Add --rollback lines that undo it (say in the comment if they cannot restore data)."),
    NO_LOCK_TIMEOUT("no-lock-timeout", Severity.WARNING,
            "The changeset takes an ACCESS EXCLUSIVE lock on an existing table without lock_timeout: queued behind one long query, it blocks every other query on the table.",
            "Start the changeset with SET LOCAL lock_timeout = '5s' and retry the migration if it times out."),
    MIXED_DDL_DML("mixed-ddl-dml", Severity.WARNING,
            "Schema and data changes in one changeset hold the DDL locks for as long as the data change takes, and cannot be retried separately.",
            "Put the data change in a changeset of its own."),
    UNBOUNDED_DATA_CHANGE("unbounded-data-change", Severity.WARNING,
            "UPDATE or DELETE without WHERE, or TRUNCATE, touches every row of an existing table in one transaction.",
            "Change the rows in batches, or confirm with lint:accept that every row is meant.");

    public enum Severity { ERROR, WARNING }

    private final String id;
    private final Severity severity;
    private final String why;
    private final String fix;

    Rule(String id, Severity severity, String why, String fix) {
        this.id = id;
        this.severity = severity;
        this.why = why;
        this.fix = fix;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String why() {
        return why;
    }

    public String fix() {
        return fix;
    }
}
