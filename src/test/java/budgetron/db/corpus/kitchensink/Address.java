package budgetron.db.corpus.kitchensink;

import jakarta.persistence.Embeddable;

@Embeddable
public class Address {
    String street;
    String city;
}
