package budgetron.db.generate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.Comment;

/** Versions of two small tables for the mapping changes that the Budgetron entities do not make: identity, sequences, comments, enum checks. */
final class Mappings {
    private Mappings() {
    }

    enum Priority { LOW, HIGH }

    /** Numbers assigned by the application. */
    @Entity(name = "Job")
    @Table(name = "jobs")
    static class Job {
        @Id
        Long id;

        @Column(name = "title")
        String title;
    }

    /** The same table, numbered by the database (identity), commented, with a STRING enum and its CHECK. */
    @Entity(name = "Job")
    @Table(name = "jobs")
    @Comment("Work to do")
    static class JobNumbered {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;

        @Column(name = "title")
        @Comment("Shown in lists")
        String title;

        @Enumerated(EnumType.STRING)
        Priority priority;
    }

    /**
     * The same, numbered only by the database: GENERATED ALWAYS, which no annotation says; a column
     * definition does, with the id read back after insert (with IDENTITY as well, Hibernate would
     * append its own identity clause: see GenerateCommandTest).
     */
    @Entity(name = "Job")
    @Table(name = "jobs")
    @Comment("Work to do")
    static class JobNumberedAlways {
        @Id
        @org.hibernate.annotations.Generated
        @Column(columnDefinition = "bigint generated always as identity", insertable = false, updatable = false)
        Long id;

        @Column(name = "title")
        @Comment("Shown in lists")
        String title;

        @Enumerated(EnumType.STRING)
        Priority priority;
    }

    @Entity(name = "Receipt")
    @Table(name = "receipts")
    static class Receipt {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "receipt_numbers")
        @SequenceGenerator(name = "receipt_numbers", sequenceName = "receipt_numbers", allocationSize = 50)
        Long id;
    }

    @Entity(name = "Receipt")
    @Table(name = "receipts")
    static class ReceiptSmallerBlocks {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "receipt_numbers")
        @SequenceGenerator(name = "receipt_numbers", sequenceName = "receipt_numbers", initialValue = 100, allocationSize = 10)
        Long id;
    }

    /** PostgreSQL 18: a virtual generated column (computed when read, nothing stored), as a columnDefinition says it. */
    @Entity(name = "Job")
    @Table(name = "jobs")
    static class JobWithVirtual {
        @Id
        Long id;

        @Column(name = "title")
        String title;

        @Column(name = "title_length", columnDefinition = "integer GENERATED ALWAYS AS (length(title)) VIRTUAL", insertable = false, updatable = false)
        Integer titleLength;
    }
}
