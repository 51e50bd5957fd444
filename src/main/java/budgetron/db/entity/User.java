package budgetron.db.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "users", uniqueConstraints = @UniqueConstraint(name = "users_email_unique", columnNames = "email"))
public class User extends BaseEntity {
    @Column(name = "name", nullable = false, columnDefinition = "text")
    private String name;

    @Column(name = "email", nullable = false, columnDefinition = "text")
    private String email;

    @ColumnDefault("false")
    @Column(name = "email_verified", columnDefinition = "boolean")
    private Boolean emailVerified = false;

    @Column(name = "image", columnDefinition = "text")
    private String image;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @ColumnDefault("'USER'")
    @Column(name = "role", columnDefinition = "user_role_enum")
    private UserRole role = UserRole.USER;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public Boolean getEmailVerified() { return emailVerified; }
    public void setEmailVerified(Boolean emailVerified) { this.emailVerified = emailVerified; }
    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public UserRole getRole() { return role; }
    public void setRole(UserRole role) { this.role = role; }
}
