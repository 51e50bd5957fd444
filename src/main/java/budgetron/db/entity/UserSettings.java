package budgetron.db.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** One row per user: user_settings_userId_unique enforces it (mapped many-to-one so Hibernate adds no second unique key). */
@Entity
@Table(name = "user_settings", uniqueConstraints = @UniqueConstraint(name = "user_settings_userId_unique", columnNames = "user_id"))
public class UserSettings extends BaseEntity {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, foreignKey = @ForeignKey(name = "user_settings_user_id_users_id_fk"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private User user;

    @ColumnDefault("'USD'")
    @Column(name = "currency", nullable = false, columnDefinition = "text")
    private String currency = "USD";

    public User getUser() { return user; }
    public void setUser(User user) { this.user = user; }
    public String getCurrency() { return currency; }
    public void setCurrency(String currency) { this.currency = currency; }
}
