package budgetron.db.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Money in, out, or between accounts. Deleting a bank account or category keeps the transaction
 * (SET NULL); deleting its user or group deletes it (CASCADE).
 */
@Entity
@Table(name = "transactions",
        uniqueConstraints = @UniqueConstraint(name = "transactions_externalId_unique", columnNames = "external_id"),
        indexes = @Index(name = "transactions_category_id_date_group_id_user_id_index",
                columnList = "category_id, date, group_id, user_id"))
public class Transaction extends BaseEntity {
    @Column(name = "external_id", columnDefinition = "text")
    private String externalId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @ColumnDefault("'EXPENSE'")
    @Column(name = "type", nullable = false, columnDefinition = "transaction_type_enum")
    private TransactionType type = TransactionType.EXPENSE;

    @Column(name = "date", nullable = false, columnDefinition = "date")
    private LocalDate date;

    @Column(name = "amount", nullable = false, columnDefinition = "numeric")
    private BigDecimal amount;

    @ColumnDefault("'USD'")
    @Column(name = "currency", nullable = false, columnDefinition = "text")
    private String currency = "USD";

    @Column(name = "description", nullable = false, columnDefinition = "text")
    private String description;

    @Column(name = "notes", columnDefinition = "text")
    private String notes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "tags", columnDefinition = "text[]")
    private List<String> tags;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "bank_account_id", foreignKey = @ForeignKey(name = "transactions_bank_account_id_bank_accounts_id_fk"))
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private BankAccount bankAccount;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "from_bank_account_id", foreignKey = @ForeignKey(name = "transactions_from_bank_account_id_bank_accounts_id_fk"))
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private BankAccount fromBankAccount;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "to_bank_account_id", foreignKey = @ForeignKey(name = "transactions_to_bank_account_id_bank_accounts_id_fk"))
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private BankAccount toBankAccount;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "category_id", foreignKey = @ForeignKey(name = "transactions_category_id_categories_id_fk"))
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private Category category;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "group_id", foreignKey = @ForeignKey(name = "transactions_group_id_groups_id_fk"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Group group;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, foreignKey = @ForeignKey(name = "transactions_user_id_users_id_fk"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private User user;

    public String getExternalId() { return externalId; }
    public void setExternalId(String externalId) { this.externalId = externalId; }
    public TransactionType getType() { return type; }
    public void setType(TransactionType type) { this.type = type; }
    public LocalDate getDate() { return date; }
    public void setDate(LocalDate date) { this.date = date; }
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    public String getCurrency() { return currency; }
    public void setCurrency(String currency) { this.currency = currency; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getNotes() { return notes; }
    public void setNotes(String notes) { this.notes = notes; }
    public List<String> getTags() { return tags; }
    public void setTags(List<String> tags) { this.tags = tags; }
    public BankAccount getBankAccount() { return bankAccount; }
    public void setBankAccount(BankAccount bankAccount) { this.bankAccount = bankAccount; }
    public BankAccount getFromBankAccount() { return fromBankAccount; }
    public void setFromBankAccount(BankAccount fromBankAccount) { this.fromBankAccount = fromBankAccount; }
    public BankAccount getToBankAccount() { return toBankAccount; }
    public void setToBankAccount(BankAccount toBankAccount) { this.toBankAccount = toBankAccount; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public Group getGroup() { return group; }
    public void setGroup(Group group) { this.group = group; }
    public User getUser() { return user; }
    public void setUser(User user) { this.user = user; }
}
