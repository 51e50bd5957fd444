package budgetron.db.entity;

/** PostgreSQL enum bank_account_type_enum; constants in the type's label order. */
public enum BankAccountType {
    CHECKING, CREDIT, INVESTMENT, SAVINGS
}
