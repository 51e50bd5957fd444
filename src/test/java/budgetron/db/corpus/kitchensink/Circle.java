package budgetron.db.corpus.kitchensink;

import jakarta.persistence.Entity;

@Entity
public class Circle extends Shape {
    double radius;
}
