package budgetron.db.entity;

/** PostgreSQL enum transaction_type_enum; constants in the type's label order. */
public enum TransactionType {
    INCOME, EXPENSE, TRANSFER
}
