package budgetron.db.generate;

import budgetron.db.annotations.RenamedFrom;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;

import java.math.BigDecimal;

/**
 * Two releases of one table, the second with each change that breaks a running release when done in
 * place: a renamed field, a numeric given a scale, an Integer become a Long, a varchar become text,
 * a field removed, and a table removed.
 */
final class Releases {
    private Releases() {
    }

    @Entity
    @Table(name = "ledger")
    static class LedgerV1 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        @Column(name = "id")
        Long id;

        @Column(name = "note", length = 255)
        String note;

        @Column(name = "amount", nullable = false, columnDefinition = "numeric")
        BigDecimal amount;

        @Column(name = "counter", nullable = false)
        Integer counter;

        @Column(name = "label", length = 255)
        String label;

        @Column(name = "legacy", nullable = false, columnDefinition = "text")
        String legacy;
    }

    @Entity
    @Table(name = "audit_notes")
    static class AuditNote {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        @Column(name = "id")
        Long id;

        @Column(name = "text", columnDefinition = "text")
        String text;
    }

    @Entity
    @Table(name = "ledger")
    static class LedgerV2 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        @Column(name = "id")
        Long id;

        @RenamedFrom("note")
        @Column(name = "remark", length = 255)
        String remark;

        @Column(name = "amount", nullable = false, precision = 14, scale = 2)
        BigDecimal amount;

        @Column(name = "counter", nullable = false)
        Long counter;

        @Column(name = "label", columnDefinition = "text")
        String label;
    }

    /** A NOT NULL column added without a value for the rows already there. */
    @Entity
    @Table(name = "ledger")
    static class LedgerNeedsValue {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        @Column(name = "id")
        Long id;

        @Column(name = "note", length = 255)
        String note;

        @Column(name = "amount", nullable = false, columnDefinition = "numeric")
        BigDecimal amount;

        @Column(name = "counter", nullable = false)
        Integer counter;

        @Column(name = "label", length = 255)
        String label;

        @Column(name = "legacy", nullable = false, columnDefinition = "text")
        String legacy;

        @Column(name = "currency", nullable = false, columnDefinition = "text")
        String currency;
    }

    /** The same, with the value for existing rows given by the entity. */
    @Entity
    @Table(name = "ledger")
    static class LedgerWithDefault {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        @Column(name = "id")
        Long id;

        @Column(name = "note", length = 255)
        String note;

        @Column(name = "amount", nullable = false, columnDefinition = "numeric")
        BigDecimal amount;

        @Column(name = "counter", nullable = false)
        Integer counter;

        @Column(name = "label", length = 255)
        String label;

        @Column(name = "legacy", nullable = false, columnDefinition = "text")
        String legacy;

        @ColumnDefault("'USD'")
        @Column(name = "currency", nullable = false, columnDefinition = "text")
        String currency;
    }

    // one change each, for src/bench/rolling.sh (budgetron.db.generate.RollingBench)

    @Entity
    @Table(name = "ledger")
    static class OnlyRenamed {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        @Column(name = "id")
        Long id;

        @RenamedFrom("note")
        @Column(name = "remark", length = 255)
        String remark;

        @Column(name = "amount", nullable = false, columnDefinition = "numeric")
        BigDecimal amount;

        @Column(name = "counter", nullable = false)
        Integer counter;

        @Column(name = "label", length = 255)
        String label;

        @Column(name = "legacy", nullable = false, columnDefinition = "text")
        String legacy;
    }

    @Entity
    @Table(name = "ledger")
    static class OnlyDropped {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        @Column(name = "id")
        Long id;

        @Column(name = "note", length = 255)
        String note;

        @Column(name = "amount", nullable = false, columnDefinition = "numeric")
        BigDecimal amount;

        @Column(name = "counter", nullable = false)
        Integer counter;

        @Column(name = "label", length = 255)
        String label;

    }

    @Entity
    @Table(name = "ledger")
    static class OnlyScaled {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        @Column(name = "id")
        Long id;

        @Column(name = "note", length = 255)
        String note;

        @Column(name = "amount", nullable = false, precision = 14, scale = 2)
        BigDecimal amount;

        @Column(name = "counter", nullable = false)
        Integer counter;

        @Column(name = "label", length = 255)
        String label;

        @Column(name = "legacy", nullable = false, columnDefinition = "text")
        String legacy;
    }

    @Entity
    @Table(name = "ledger")
    static class OnlyLong {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        @Column(name = "id")
        Long id;

        @Column(name = "note", length = 255)
        String note;

        @Column(name = "amount", nullable = false, columnDefinition = "numeric")
        BigDecimal amount;

        @Column(name = "counter", nullable = false)
        Long counter;

        @Column(name = "label", length = 255)
        String label;

        @Column(name = "legacy", nullable = false, columnDefinition = "text")
        String legacy;
    }

    @Entity
    @Table(name = "ledger")
    static class OnlyText {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        @Column(name = "id")
        Long id;

        @Column(name = "note", length = 255)
        String note;

        @Column(name = "amount", nullable = false, columnDefinition = "numeric")
        BigDecimal amount;

        @Column(name = "counter", nullable = false)
        Integer counter;

        @Column(name = "label", columnDefinition = "text")
        String label;

        @Column(name = "legacy", nullable = false, columnDefinition = "text")
        String legacy;
    }
}
