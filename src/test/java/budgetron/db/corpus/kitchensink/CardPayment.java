package budgetron.db.corpus.kitchensink;

import jakarta.persistence.Entity;

@Entity
public class CardPayment extends Payment {
    String lastDigits;
}
