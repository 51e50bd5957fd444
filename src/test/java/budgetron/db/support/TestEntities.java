package budgetron.db.support;

import budgetron.db.config.Project;
import budgetron.db.schema.EntityClasses;

import java.util.List;

/** Budgetron's own entities as the tests' class path has them (the same Class objects the tests use). */
public final class TestEntities {
    private TestEntities() {
    }

    public static List<Class<?>> budgetron() {
        return EntityClasses.scan(TestEntities.class.getClassLoader(), List.of(Project.DEFAULT_ENTITY_PACKAGE)).classes();
    }
}
