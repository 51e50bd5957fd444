package budgetron.db.corpus.kitchensink;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;

/** A named sequence with its own start and allocation size, and a foreign key. */
@Entity
public class Ticket {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_numbers")
    @SequenceGenerator(name = "ticket_numbers", sequenceName = "ticket_numbers", initialValue = 1000, allocationSize = 10)
    Long id;

    String subject;

    @ManyToOne
    Account account;
}
