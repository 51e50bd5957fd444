package budgetron.db.generate;

import budgetron.db.annotations.RenamedFrom;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A small schema in versions: owners and their items, then each entity change the generator must
 * turn into a changeset. Field access only; these classes exist for their mapping.
 */
final class Model {
    private Model() {
    }

    @MappedSuperclass
    abstract static class Base {
        @Id
        @GeneratedValue(strategy = GenerationType.UUID)
        @ColumnDefault("gen_random_uuid()")
        @Column(name = "id", nullable = false, columnDefinition = "uuid")
        UUID id;
    }

    @Entity
    @Table(name = "owners")
    static class Owner extends Base {
        @Column(name = "name", nullable = false, columnDefinition = "text")
        String name;
    }

    @MappedSuperclass
    abstract static class ItemBase extends Base {
        @Column(name = "name", nullable = false, columnDefinition = "text")
        String name;

        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "owner_id", nullable = false, foreignKey = @ForeignKey(name = "items_owner_id_owners_id_fk"))
        @OnDelete(action = OnDeleteAction.CASCADE)
        Owner owner;
    }

    /** Version 1 of items. */
    @Entity(name = "Item")
    @Table(name = "items")
    static class Item extends ItemBase {
        @Column(name = "price", columnDefinition = "numeric")
        BigDecimal price;

        @Column(name = "note", columnDefinition = "text")
        String note;
    }

    @Entity(name = "Item")
    @Table(name = "items")
    static class ItemWithColumns extends ItemBase {
        @Column(name = "price", columnDefinition = "numeric")
        BigDecimal price;

        @Column(name = "note", columnDefinition = "text")
        String note;

        @Column(name = "colour", columnDefinition = "text")
        String colour;

        @ColumnDefault("'EUR'")
        @Column(name = "currency", nullable = false, columnDefinition = "text")
        String currency;
    }

    @Entity(name = "Item")
    @Table(name = "items")
    static class ItemWithoutNote extends ItemBase {
        @Column(name = "price", columnDefinition = "numeric")
        BigDecimal price;
    }

    /** name text → varchar(100), price numeric → numeric(12,2) NOT NULL with a default, note gets a default. */
    @Entity(name = "Item")
    @Table(name = "items")
    static class ItemRetyped extends Base {
        @Column(name = "name", nullable = false, columnDefinition = "varchar(100)")
        String name;

        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "owner_id", nullable = false, foreignKey = @ForeignKey(name = "items_owner_id_owners_id_fk"))
        @OnDelete(action = OnDeleteAction.CASCADE)
        Owner owner;

        @ColumnDefault("0")
        @Column(name = "price", nullable = false, columnDefinition = "numeric(12,2)")
        BigDecimal price;

        @ColumnDefault("'none'")
        @Column(name = "note", columnDefinition = "text")
        String note;
    }

    @Entity(name = "Item")
    @Table(name = "items", uniqueConstraints = @UniqueConstraint(name = "items_name_ownerId_unique", columnNames = {"name", "owner_id"}),
            indexes = @Index(name = "items_owner_id_price_index", columnList = "owner_id, price"))
    static class ItemWithKeys extends ItemBase {
        @Column(name = "price", columnDefinition = "numeric")
        BigDecimal price;

        @Column(name = "note", columnDefinition = "text")
        String note;
    }

    @Entity(name = "Item")
    @Table(name = "items")
    static class ItemRenamedColumn extends ItemBase {
        @Column(name = "price", columnDefinition = "numeric")
        BigDecimal price;

        @RenamedFrom("note")
        @Column(name = "remark", columnDefinition = "text")
        String remark;
    }

    /** The same rename, undeclared: must be refused. */
    @Entity(name = "Item")
    @Table(name = "items")
    static class ItemUndeclaredRename extends ItemBase {
        @Column(name = "price", columnDefinition = "numeric")
        BigDecimal price;

        @Column(name = "remark", columnDefinition = "text")
        String remark;
    }

    @Entity(name = "Item")
    @Table(name = "items")
    static class ItemWithTags extends ItemBase {
        @Column(name = "price", columnDefinition = "numeric")
        BigDecimal price;

        @Column(name = "note", columnDefinition = "text")
        String note;

        @JdbcTypeCode(SqlTypes.ARRAY)
        @ColumnDefault("'{}'")
        @Column(name = "tags", nullable = false, columnDefinition = "text[]")
        List<String> tags;
    }

    enum Size { SMALL, LARGE }

    enum SizeWithMedium { SMALL, MEDIUM, LARGE }

    enum Status { ACTIVE, ARCHIVED }

    @Entity(name = "Item")
    @Table(name = "items")
    static class ItemWithSize extends ItemBase {
        @Column(name = "price", columnDefinition = "numeric")
        BigDecimal price;

        @Column(name = "note", columnDefinition = "text")
        String note;

        @Enumerated(EnumType.STRING)
        @JdbcTypeCode(SqlTypes.NAMED_ENUM)
        @ColumnDefault("'SMALL'")
        @Column(name = "size", nullable = false, columnDefinition = "item_size_enum")
        Size size;
    }

    @Entity(name = "Item")
    @Table(name = "items")
    static class ItemWithMoreSizesAndStatus extends ItemBase {
        @Column(name = "price", columnDefinition = "numeric")
        BigDecimal price;

        @Column(name = "note", columnDefinition = "text")
        String note;

        @Enumerated(EnumType.STRING)
        @JdbcTypeCode(SqlTypes.NAMED_ENUM)
        @ColumnDefault("'SMALL'")
        @Column(name = "size", nullable = false, columnDefinition = "item_size_enum")
        SizeWithMedium size;

        @Enumerated(EnumType.STRING)
        @JdbcTypeCode(SqlTypes.NAMED_ENUM)
        @Column(name = "status", columnDefinition = "item_status_enum")
        Status status;
    }

    /** A new table: foreign keys with CASCADE and SET NULL, and a composite unique constraint. */
    @Entity
    @Table(name = "loans", uniqueConstraints = @UniqueConstraint(name = "loans_itemId_borrowerId_unique", columnNames = {"item_id", "borrower_id"}))
    static class Loan extends Base {
        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "item_id", nullable = false, foreignKey = @ForeignKey(name = "loans_item_id_items_id_fk"))
        @OnDelete(action = OnDeleteAction.CASCADE)
        Item item;

        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "borrower_id", foreignKey = @ForeignKey(name = "loans_borrower_id_owners_id_fk"))
        @OnDelete(action = OnDeleteAction.SET_NULL)
        Owner borrower;
    }

    /** A new table whose foreign key, unique constraint and index are not named in the entity. */
    @Entity
    @Table(name = "tags", uniqueConstraints = @UniqueConstraint(columnNames = {"item_id", "label"}), indexes = @Index(columnList = "label"))
    static class Tag extends Base {
        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "item_id", nullable = false)
        Item item;

        @Column(name = "label", nullable = false, columnDefinition = "text")
        String label;
    }

    /** owners renamed to people, declared. */
    @Entity
    @Table(name = "people")
    @RenamedFrom("owners")
    static class Person extends Base {
        @Column(name = "name", nullable = false, columnDefinition = "text")
        String name;
    }

    @Entity(name = "Item")
    @Table(name = "items")
    static class ItemOfPerson extends Base {
        @Column(name = "name", nullable = false, columnDefinition = "text")
        String name;

        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "owner_id", nullable = false, foreignKey = @ForeignKey(name = "items_owner_id_owners_id_fk"))
        @OnDelete(action = OnDeleteAction.CASCADE)
        Person owner;

        @Column(name = "price", columnDefinition = "numeric")
        BigDecimal price;

        @Column(name = "note", columnDefinition = "text")
        String note;
    }

    @Entity
    @Table(name = "people")
    static class PersonUndeclared extends Base {
        @Column(name = "name", nullable = false, columnDefinition = "text")
        String name;
    }

    @Entity(name = "Item")
    @Table(name = "items")
    static class ItemOfUndeclaredPerson extends Base {
        @Column(name = "name", nullable = false, columnDefinition = "text")
        String name;

        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "owner_id", nullable = false, foreignKey = @ForeignKey(name = "items_owner_id_owners_id_fk"))
        @OnDelete(action = OnDeleteAction.CASCADE)
        PersonUndeclared owner;

        @Column(name = "price", columnDefinition = "numeric")
        BigDecimal price;

        @Column(name = "note", columnDefinition = "text")
        String note;
    }

    /** items gains a buyer (a foreign key on a table that holds rows) and a table CHECK. */
    @Entity(name = "Item")
    @Table(name = "items")
    @org.hibernate.annotations.Check(name = "items_price_check", constraints = "price >= 0")
    static class ItemWithBuyerAndCheck extends ItemBase {
        @Column(name = "price", columnDefinition = "numeric")
        BigDecimal price;

        @Column(name = "note", columnDefinition = "text")
        String note;

        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "buyer_id", foreignKey = @ForeignKey(name = "items_buyer_id_owners_id_fk"))
        @OnDelete(action = OnDeleteAction.SET_NULL)
        Owner buyer;
    }

    /** The buyer's foreign key now cascades: the same constraint, changed. */
    @Entity(name = "Item")
    @Table(name = "items")
    @org.hibernate.annotations.Check(name = "items_price_check", constraints = "price >= 0")
    static class ItemWithBuyerCascading extends ItemBase {
        @Column(name = "price", columnDefinition = "numeric")
        BigDecimal price;

        @Column(name = "note", columnDefinition = "text")
        String note;

        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "buyer_id", foreignKey = @ForeignKey(name = "items_buyer_id_owners_id_fk"))
        @OnDelete(action = OnDeleteAction.CASCADE)
        Owner buyer;
    }
}
