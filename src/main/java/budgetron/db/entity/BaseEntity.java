package budgetron.db.entity;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.ColumnDefault;

import java.util.UUID;

/**
 * A uuid primary key named id. Hibernate generates the value on persist; the column keeps the
 * gen_random_uuid() default so that rows inserted by SQL (seeds, scripts) get one too.
 */
@MappedSuperclass
public abstract class BaseEntity extends Timestamped {
    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    @ColumnDefault("gen_random_uuid()")
    @Column(name = "id", nullable = false, columnDefinition = "uuid")
    private UUID id;

    public UUID getId() {
        return id;
    }
}
