package budgetron.db.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** A household or shared budget; its members are in groups_users. */
@Entity
@Table(name = "groups")
public class Group extends BaseEntity {
    @ColumnDefault("'house'")
    @Column(name = "icon", nullable = false, columnDefinition = "text")
    private String icon = "house";

    @Column(name = "name", nullable = false, columnDefinition = "text")
    private String name;

    @ColumnDefault("'USD'")
    @Column(name = "currency", nullable = false, columnDefinition = "text")
    private String currency = "USD";

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id", nullable = false, foreignKey = @ForeignKey(name = "groups_owner_id_users_id_fk"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private User owner;

    public String getIcon() { return icon; }
    public void setIcon(String icon) { this.icon = icon; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getCurrency() { return currency; }
    public void setCurrency(String currency) { this.currency = currency; }
    public User getOwner() { return owner; }
    public void setOwner(User owner) { this.owner = owner; }
}
