package budgetron.db.lint;

import budgetron.db.lint.rule.CheckNotValid;
import budgetron.db.lint.rule.DropColumn;
import budgetron.db.lint.rule.DropTable;
import budgetron.db.lint.rule.EnumValueRemoved;
import budgetron.db.lint.rule.ForeignKeyNotValid;
import budgetron.db.lint.rule.IndexNotConcurrent;
import budgetron.db.lint.rule.MissingRollback;
import budgetron.db.lint.rule.MixedDdlDml;
import budgetron.db.lint.rule.NoLockTimeout;
import budgetron.db.lint.rule.Rename;
import budgetron.db.lint.rule.SetNotNull;
import budgetron.db.lint.rule.TypeChange;
import budgetron.db.lint.rule.UnboundedDataChange;
import budgetron.db.lint.rule.UniqueWithoutIndex;
import budgetron.db.lint.rule.VolatileDefault;

import java.util.List;

/** Every lint rule, after squawk and strong_migrations: what hurts on a live PostgreSQL and what to do instead. Add a rule here. */
public final class LintRules {
    public static final LintRule INDEX_NOT_CONCURRENT = new IndexNotConcurrent();
    public static final LintRule FOREIGN_KEY_NOT_VALID = new ForeignKeyNotValid();
    public static final LintRule CHECK_NOT_VALID = new CheckNotValid();
    public static final LintRule SET_NOT_NULL = new SetNotNull();
    public static final LintRule VOLATILE_DEFAULT = new VolatileDefault();
    public static final LintRule TYPE_CHANGE = new TypeChange();
    public static final LintRule DROP_COLUMN = new DropColumn();
    public static final LintRule DROP_TABLE = new DropTable();
    public static final LintRule RENAME = new Rename();
    public static final LintRule UNIQUE_WITHOUT_INDEX = new UniqueWithoutIndex();
    public static final LintRule ENUM_VALUE_REMOVED = new EnumValueRemoved();
    public static final LintRule MISSING_ROLLBACK = new MissingRollback();
    public static final LintRule NO_LOCK_TIMEOUT = new NoLockTimeout();
    public static final LintRule MIXED_DDL_DML = new MixedDdlDml();
    public static final LintRule UNBOUNDED_DATA_CHANGE = new UnboundedDataChange();
    public static final LintRule NON_ATOMIC_CHANGESET = new budgetron.db.lint.rule.NonAtomicChangeset();
    public static final LintRule WRITES_HISTORY = new budgetron.db.lint.rule.WritesHistory();

    /** In the order findings of one line are reported. */
    public static final List<LintRule> ALL = List.of(INDEX_NOT_CONCURRENT, FOREIGN_KEY_NOT_VALID, CHECK_NOT_VALID, SET_NOT_NULL,
            VOLATILE_DEFAULT, TYPE_CHANGE, DROP_COLUMN, DROP_TABLE, RENAME, UNIQUE_WITHOUT_INDEX, ENUM_VALUE_REMOVED, MISSING_ROLLBACK,
            NO_LOCK_TIMEOUT, MIXED_DDL_DML, UNBOUNDED_DATA_CHANGE, NON_ATOMIC_CHANGESET, WRITES_HISTORY);

    private LintRules() {
    }

    /** The rule with this id, or null. */
    public static LintRule byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }
}
