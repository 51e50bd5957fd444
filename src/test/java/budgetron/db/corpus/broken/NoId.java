package budgetron.db.corpus.broken;

import jakarta.persistence.Entity;

/** An entity Hibernate cannot map: it has no @Id. */
@Entity
public class NoId {
    String name;
}
