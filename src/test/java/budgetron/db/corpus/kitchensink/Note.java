package budgetron.db.corpus.kitchensink;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** Hibernate's default generation: a sequence named after the entity, allocation 50. */
@Entity
public class Note {
    @Id
    @GeneratedValue
    Long id;

    String body;
}
