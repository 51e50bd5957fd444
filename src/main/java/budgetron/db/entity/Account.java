package budgetron.db.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import java.time.LocalDateTime;

/** A sign-in method of a user (better-auth): a password or an OAuth provider's tokens. Not a bank account. */
@Entity
@Table(name = "accounts")
public class Account extends BaseEntity {
    @Column(name = "account_id", nullable = false, columnDefinition = "text")
    private String accountId;

    @Column(name = "provider_id", nullable = false, columnDefinition = "text")
    private String providerId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, foreignKey = @ForeignKey(name = "accounts_user_id_users_id_fk"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private User user;

    @Column(name = "access_token", columnDefinition = "text")
    private String accessToken;

    @Column(name = "refresh_token", columnDefinition = "text")
    private String refreshToken;

    @Column(name = "id_token", columnDefinition = "text")
    private String idToken;

    @Column(name = "access_token_expires_at", columnDefinition = "timestamp")
    private LocalDateTime accessTokenExpiresAt;

    @Column(name = "refresh_token_expires_at", columnDefinition = "timestamp")
    private LocalDateTime refreshTokenExpiresAt;

    @Column(name = "scope", columnDefinition = "text")
    private String scope;

    @Column(name = "password", columnDefinition = "text")
    private String password;

    public String getAccountId() { return accountId; }
    public void setAccountId(String accountId) { this.accountId = accountId; }
    public String getProviderId() { return providerId; }
    public void setProviderId(String providerId) { this.providerId = providerId; }
    public User getUser() { return user; }
    public void setUser(User user) { this.user = user; }
    public String getAccessToken() { return accessToken; }
    public void setAccessToken(String accessToken) { this.accessToken = accessToken; }
    public String getRefreshToken() { return refreshToken; }
    public void setRefreshToken(String refreshToken) { this.refreshToken = refreshToken; }
    public String getIdToken() { return idToken; }
    public void setIdToken(String idToken) { this.idToken = idToken; }
    public LocalDateTime getAccessTokenExpiresAt() { return accessTokenExpiresAt; }
    public void setAccessTokenExpiresAt(LocalDateTime t) { this.accessTokenExpiresAt = t; }
    public LocalDateTime getRefreshTokenExpiresAt() { return refreshTokenExpiresAt; }
    public void setRefreshTokenExpiresAt(LocalDateTime t) { this.refreshTokenExpiresAt = t; }
    public String getScope() { return scope; }
    public void setScope(String scope) { this.scope = scope; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
}
