package budgetron.db.corpus.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Check;

/** Enum columns of both kinds, nullable and not, and CHECKs written with IN, BETWEEN and LIKE, on fields and on the class. */
@Entity
@Table(name = "tasks")
@Check(name = "tasks_effort_fits_priority", constraints = "effort <= 8 OR priority >= 2")
public class Task {
    @Id
    @GeneratedValue
    Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Stage stage;

    @Enumerated(EnumType.STRING)
    Stage previousStage;

    @Enumerated(EnumType.ORDINAL)
    @Column(nullable = false)
    Priority priority;

    @Enumerated(EnumType.ORDINAL)
    Priority escalatedTo;

    @Check(constraints = "code LIKE 'T-%'")
    String code;

    @Check(constraints = "effort BETWEEN 1 AND 13")
    Integer effort;

    @Check(constraints = "colour IN ('red', 'amber', 'green')")
    String colour;
}
