package budgetron.db.corpus.kitchensink;

import jakarta.persistence.Entity;

@Entity
public class Square extends Shape {
    double side;
}
