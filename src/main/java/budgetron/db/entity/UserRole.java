package budgetron.db.entity;

/** PostgreSQL enum user_role_enum; constants in the type's label order. */
public enum UserRole {
    USER, ADMIN
}
