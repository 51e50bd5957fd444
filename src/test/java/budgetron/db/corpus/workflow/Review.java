package budgetron.db.corpus.workflow;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Check;

@Entity
@Table(name = "reviews")
@Check(constraints = "score BETWEEN 0 AND 5 AND (verdict <> 'REJECTED' OR score <= 2)")
public class Review {
    @Id
    @GeneratedValue
    Long id;

    @ManyToOne
    Task task;

    int score;

    @Enumerated(EnumType.STRING)
    Verdict verdict;

    public enum Verdict { APPROVED, CHANGES_REQUESTED, REJECTED }
}
