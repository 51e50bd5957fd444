package budgetron.db.corpus.unmappable;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An entity with a field whose type Hibernate cannot map: the message must name the class and the field. */
@Entity
public class Worker {
    @Id
    Long id;

    Thread thread;
}
