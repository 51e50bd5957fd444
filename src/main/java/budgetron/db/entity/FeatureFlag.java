package budgetron.db.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.ArrayList;
import java.util.List;

/** A switch such as allow_signup (seeded by changeset 0002), limited to some e-mail domains ('*' for all). */
@Entity
@Table(name = "feature_flags")
public class FeatureFlag extends BaseEntity {
    @Column(name = "name", nullable = false, columnDefinition = "text")
    private String name;

    @Column(name = "description", nullable = false, columnDefinition = "text")
    private String description;

    @ColumnDefault("false")
    @Column(name = "enabled", nullable = false, columnDefinition = "boolean")
    private boolean enabled;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @ColumnDefault("'{}'")
    @Column(name = "domains", nullable = false, columnDefinition = "text[]")
    private List<String> domains = new ArrayList<>();

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public List<String> getDomains() { return domains; }
    public void setDomains(List<String> domains) { this.domains = domains; }
}
