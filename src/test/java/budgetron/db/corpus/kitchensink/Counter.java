package budgetron.db.corpus.kitchensink;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.TableGenerator;

/** @TableGenerator: ids handed out from a table of its own. */
@Entity
public class Counter {
    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "blocks")
    @TableGenerator(name = "blocks", table = "id_blocks", pkColumnName = "block", valueColumnName = "next_value")
    Long id;

    String label;
}
