package budgetron.db.corpus.library;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;

import java.util.UUID;

/** @MapsId: the key is the author's, and also the foreign key to it. */
@Entity
public class Biography {
    @Id
    UUID id;

    @MapsId
    @OneToOne
    Author author;

    @Lob
    String text;
}
