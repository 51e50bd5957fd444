package budgetron.db.schema;

import budgetron.db.annotations.RenamedFrom;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the entity classes say through their annotations that Hibernate does not act on: names, named enum types, renames. */
public final class EntityAnnotations {
    private EntityAnnotations() {
    }

    /** Every constraint and index name the entities spell out. */
    public static List<String> declaredNames(List<Class<?>> classes) {
        List<String> names = new ArrayList<>();
        for (Class<?> type : classes) {
            Table table = type.getAnnotation(Table.class);
            if (table != null) {
                for (jakarta.persistence.UniqueConstraint u : table.uniqueConstraints()) {
                    names.add(u.name());
                }
                for (jakarta.persistence.Index i : table.indexes()) {
                    names.add(i.name());
                }
            }
            for (Field f : fields(type)) {
                JoinColumn join = f.getAnnotation(JoinColumn.class);
                if (join != null) {
                    names.add(join.foreignKey().name());
                }
            }
        }
        names.removeIf(String::isEmpty);
        return names;
    }

    /** Named PostgreSQL enum types used by the entities: type name to labels, in the Java enum's order. */
    public static Map<String, List<String>> enumTypes(List<Class<?>> classes) {
        Map<String, List<String>> types = new LinkedHashMap<>();
        for (Class<?> type : classes) {
            for (Field f : fields(type)) {
                JdbcTypeCode code = f.getAnnotation(JdbcTypeCode.class);
                Column column = f.getAnnotation(Column.class);
                if (f.isAnnotationPresent(Enumerated.class) && code != null && code.value() == SqlTypes.NAMED_ENUM
                        && column != null && !column.columnDefinition().isEmpty() && f.getType().isEnum()) {
                    List<String> labels = new ArrayList<>();
                    for (Object constant : f.getType().getEnumConstants()) {
                        labels.add(((Enum<?>) constant).name());
                    }
                    types.put(column.columnDefinition(), labels);
                }
            }
        }
        return types;
    }

    /** Declared table renames: new name to old name. */
    public static Map<String, String> tableRenames(List<Class<?>> classes) {
        Map<String, String> renames = new LinkedHashMap<>();
        for (Class<?> type : classes) {
            RenamedFrom from = type.getAnnotation(RenamedFrom.class);
            if (from != null) {
                renames.put(tableName(type), from.value());
            }
        }
        return renames;
    }

    /** Declared column renames: table to (new column name to old). */
    public static Map<String, Map<String, String>> columnRenames(List<Class<?>> classes) {
        Map<String, Map<String, String>> renames = new LinkedHashMap<>();
        for (Class<?> type : classes) {
            for (Field f : fields(type)) {
                RenamedFrom from = f.getAnnotation(RenamedFrom.class);
                if (from != null) {
                    renames.computeIfAbsent(tableName(type), k -> new LinkedHashMap<>()).put(columnName(f), from.value());
                }
            }
        }
        return renames;
    }

    static String tableName(Class<?> type) {
        Table table = type.getAnnotation(Table.class);
        if (table != null && !table.name().isEmpty()) {
            return Catalog.key(table.schema(), table.name());
        }
        Entity entity = type.getAnnotation(Entity.class);
        return snake(entity != null && !entity.name().isEmpty() ? entity.name() : type.getSimpleName());
    }

    static String columnName(Field f) {
        Column column = f.getAnnotation(Column.class);
        if (column != null && !column.name().isEmpty()) {
            return column.name();
        }
        JoinColumn join = f.getAnnotation(JoinColumn.class);
        if (join != null && !join.name().isEmpty()) {
            return join.name();
        }
        return snake(f.getName());
    }

    static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
            fields.addAll(List.of(t.getDeclaredFields()));
        }
        return fields;
    }
}
