package budgetron.db.corpus.kitchensink;

import jakarta.persistence.Entity;

@Entity
public class Dog extends Animal {
    Boolean goodBoy;
}
