package budgetron.db.corpus.kitchensink;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import org.hibernate.annotations.Check;
import org.hibernate.annotations.Comment;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Identity, version, lob, precision, length, both enum mappings, checks, comments, embedded values, jsonb, arrays, interval, inet, a generated column, an ordered element collection. */
@Entity
@Table(name = "accounts", uniqueConstraints = @UniqueConstraint(columnNames = {"title", "owner_ip"}))
@Comment("An account of the kitchen sink")
@Check(name = "accounts_amount_check", constraints = "amount >= 0")
public class Account {
    public enum Status { OPEN, FROZEN, CLOSED }

    public enum Level { LOW, MEDIUM, HIGH }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Version
    int version;

    @Column(length = 80, nullable = false)
    @Comment("What the owner calls it")
    String title;

    @Column(precision = 12, scale = 2)
    BigDecimal amount;

    @Column(columnDefinition = "numeric(12,2) GENERATED ALWAYS AS (amount * 2) STORED", insertable = false, updatable = false)
    BigDecimal doubled;

    @Lob
    String notes;

    @Enumerated(EnumType.STRING)
    Status status;

    @Enumerated(EnumType.ORDINAL)
    Level level;

    @Check(constraints = "retries BETWEEN 0 AND 10")
    Integer retries;

    UUID externalId;

    @JdbcTypeCode(SqlTypes.JSON)
    Map<String, Object> settings;

    String[] labels;

    Duration gracePeriod;

    OffsetDateTime openedAt;

    @JdbcTypeCode(SqlTypes.INET)
    @Column(name = "owner_ip")
    InetAddress ownerIp;

    @Embedded
    Address home;

    @Embedded
    @AttributeOverride(name = "street", column = @Column(name = "work_street"))
    @AttributeOverride(name = "city", column = @Column(name = "work_city", length = 40))
    Address work;

    @ElementCollection
    @CollectionTable(name = "account_nicknames", joinColumns = @JoinColumn(name = "account_id"))
    @OrderColumn(name = "position")
    @Column(name = "nickname", length = 30)
    List<String> nicknames;
}
