package budgetron.db.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The primary key constraint's name when it is not PostgreSQL's default TABLE_pkey (JPA cannot name
 * primary keys; Drizzle named composite ones TABLE_COL1_COL2_pk).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PrimaryKeyName {
    String value();
}
