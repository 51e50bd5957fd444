package budgetron.db.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import java.time.LocalDateTime;

/** A login session (better-auth). */
@Entity
@Table(name = "sessions", uniqueConstraints = @UniqueConstraint(name = "sessions_token_unique", columnNames = "token"))
public class Session extends BaseEntity {
    @Column(name = "expires_at", nullable = false, columnDefinition = "timestamp")
    private LocalDateTime expiresAt;

    @Column(name = "token", nullable = false, columnDefinition = "text")
    private String token;

    @Column(name = "ip_address", columnDefinition = "text")
    private String ipAddress;

    @Column(name = "user_agent", columnDefinition = "text")
    private String userAgent;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, foreignKey = @ForeignKey(name = "sessions_user_id_users_id_fk"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private User user;

    public LocalDateTime getExpiresAt() { return expiresAt; }
    public void setExpiresAt(LocalDateTime expiresAt) { this.expiresAt = expiresAt; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getIpAddress() { return ipAddress; }
    public void setIpAddress(String ipAddress) { this.ipAddress = ipAddress; }
    public String getUserAgent() { return userAgent; }
    public void setUserAgent(String userAgent) { this.userAgent = userAgent; }
    public User getUser() { return user; }
    public void setUser(User user) { this.user = user; }
}
