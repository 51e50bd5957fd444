package budgetron.db.corpus.library;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.SoftDelete;
import org.hibernate.type.SqlTypes;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mappings the other corpora do not use: a natural id, soft delete, a secondary table, an attribute
 * converter, a formula and a transient field (no column), a column default, a JSON document, a map
 * collection with its key column, an ordered many-to-many, a multi-column unique constraint, and
 * more Java types (BigInteger, LocalTime, OffsetDateTime, Instant, byte[], char).
 */
@Entity
@Table(name = "books", uniqueConstraints = @UniqueConstraint(name = "books_title_edition_unique", columnNames = {"title", "edition"}))
@SecondaryTable(name = "book_details")
@SoftDelete
public class Book {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @NaturalId
    @Column(length = 17)
    String isbn;

    String title;

    @ColumnDefault("1")
    int edition;

    @Convert(converter = CentsConverter.class)
    Price price;

    @Formula("upper(title)")
    String shoutedTitle;

    @Transient
    String scratch;

    @JdbcTypeCode(SqlTypes.JSON)
    Map<String, Object> metadata = new HashMap<>();

    @Column(table = "book_details", columnDefinition = "text")
    String blurb;

    @Column(table = "book_details")
    byte[] thumbnail;

    BigInteger copiesSold;

    LocalTime openingHour;

    OffsetDateTime publishedAt;

    Instant indexedAt;

    char shelfLetter;

    @ElementCollection
    @CollectionTable(name = "book_translations", joinColumns = @JoinColumn(name = "book_id"))
    @MapKeyColumn(name = "language", length = 8)
    @Column(name = "title")
    Map<String, String> translations = new HashMap<>();

    @ManyToMany
    @JoinTable(name = "book_authors", joinColumns = @JoinColumn(name = "book_id"), inverseJoinColumns = @JoinColumn(name = "author_id"))
    @OrderColumn(name = "position")
    List<Author> authors = new ArrayList<>();
}
