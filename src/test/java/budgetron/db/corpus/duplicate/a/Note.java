package budgetron.db.corpus.duplicate.a;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One of two entities named Note, in two packages: JPA needs distinct entity names. */
@Entity
@Table(name = "notes_a")
public class Note {
    @Id
    Long id;
}
