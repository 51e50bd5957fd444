package budgetron.db.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
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

@Entity
@Table(name = "bank_accounts", uniqueConstraints = @UniqueConstraint(
        name = "bank_accounts_name_type_userId_unique", columnNames = {"name", "type", "user_id"}))
public class BankAccount extends BaseEntity {
    @Column(name = "name", nullable = false, columnDefinition = "text")
    private String name;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @Column(name = "type", nullable = false, columnDefinition = "bank_account_type_enum")
    private BankAccountType type;

    @ColumnDefault("'0'")
    @Column(name = "balance", nullable = false, columnDefinition = "numeric")
    private BigDecimal balance = BigDecimal.ZERO;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, foreignKey = @ForeignKey(name = "bank_accounts_user_id_users_id_fk"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private User user;

    @ColumnDefault("'USD'")
    @Column(name = "currency", nullable = false, columnDefinition = "text")
    private String currency = "USD";

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public BankAccountType getType() { return type; }
    public void setType(BankAccountType type) { this.type = type; }
    public BigDecimal getBalance() { return balance; }
    public void setBalance(BigDecimal balance) { this.balance = balance; }
    public User getUser() { return user; }
    public void setUser(User user) { this.user = user; }
    public String getCurrency() { return currency; }
    public void setCurrency(String currency) { this.currency = currency; }
}
