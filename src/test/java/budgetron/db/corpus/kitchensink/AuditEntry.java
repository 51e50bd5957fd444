package budgetron.db.corpus.kitchensink;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Comment;

import java.time.Instant;

/** A table in another schema (CREATE SCHEMA audit), with an index, a comment and a foreign key into public. */
@Entity
@Table(schema = "audit", name = "entries", indexes = @Index(columnList = "happened_at"))
@Comment("What happened to accounts")
public class AuditEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    Instant happenedAt;

    String action;

    @ManyToOne
    Account account;
}
