package budgetron.db.corpus.library;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;
import jakarta.persistence.PrimaryKeyJoinColumn;

import java.util.UUID;

/** A UUID key assigned by the application, and an optional one-to-one that shares it (Biography). */
@Entity
public class Author {
    @Id
    UUID id;

    String name;

    @OneToOne(mappedBy = "author")
    @PrimaryKeyJoinColumn
    Biography biography;
}
