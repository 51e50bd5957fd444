package budgetron.db.corpus.duplicate.b;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One of two entities named Note, in two packages: JPA needs distinct entity names. */
@Entity
@Table(name = "notes_b")
public class Note {
    @Id
    Long id;
}
