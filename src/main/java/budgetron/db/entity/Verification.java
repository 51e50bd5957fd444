package budgetron.db.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/** A pending e-mail verification or password reset (better-auth). */
@Entity
@Table(name = "verifications")
public class Verification extends BaseEntity {
    @Column(name = "identifier", nullable = false, columnDefinition = "text")
    private String identifier;

    @Column(name = "value", nullable = false, columnDefinition = "text")
    private String value;

    @Column(name = "expires_at", nullable = false, columnDefinition = "timestamp")
    private LocalDateTime expiresAt;

    public String getIdentifier() { return identifier; }
    public void setIdentifier(String identifier) { this.identifier = identifier; }
    public String getValue() { return value; }
    public void setValue(String value) { this.value = value; }
    public LocalDateTime getExpiresAt() { return expiresAt; }
    public void setExpiresAt(LocalDateTime expiresAt) { this.expiresAt = expiresAt; }
}
