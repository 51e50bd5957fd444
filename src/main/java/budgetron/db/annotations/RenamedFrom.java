package budgetron.db.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a rename for the changeset generator: on an entity class, the table's old name; on a
 * field, its column's old name. Without it, a column or table that disappears while a similar one
 * appears is refused as a possible rename, never emitted as drop + add (which loses the data).
 * Harmless once applied: when the old name no longer exists, it is ignored.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD})
public @interface RenamedFrom {
    String value();
}
