package budgetron.db;

import budgetron.db.config.DbUrl;
import budgetron.db.entity.BankAccount;
import budgetron.db.entity.BankAccountType;
import budgetron.db.entity.Budget;
import budgetron.db.entity.Category;
import budgetron.db.entity.Group;
import budgetron.db.entity.GroupUser;
import budgetron.db.entity.Session;
import budgetron.db.entity.Transaction;
import budgetron.db.entity.TransactionType;
import budgetron.db.entity.User;
import budgetron.db.entity.UserRole;
import budgetron.db.entity.UserSettings;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.Migrator;
import budgetron.db.schema.Entities;
import budgetron.db.support.TestDatabase;
import budgetron.db.support.TestEntities;
import jakarta.persistence.EntityManager;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The entities match the migrated tables (Hibernate validates them) and round-trip real rows. */
class EntitiesTest {
    private static DbUrl url;
    private static SessionFactory emf;

    @BeforeAll
    static void migrateAndValidate() throws Exception {
        url = TestDatabase.fresh();
        try (Connection c = TestDatabase.connect(url); Migrator m = new Migrator(c, Changelog.in(Path.of(".")))) {
            m.update();
        }
        // hbm2ddl=validate: building the factory fails if any entity disagrees with its table
        emf = Entities.open(url, "validate", TestEntities.budgetron());
    }

    @AfterAll
    static void close() {
        if (emf != null) {
            emf.close();
        }
    }

    private static void inTx(Consumer<EntityManager> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            em.close();
        }
    }

    @Test
    void entitiesAreDiscoveredAndJpaToolingSeesTheSameSet() throws Exception {
        java.util.Set<String> discovered = new java.util.TreeSet<>();
        java.util.Set<String> mapped = new java.util.TreeSet<>();
        TestEntities.budgetron().forEach(c -> {
            discovered.add(c.getName());
            jakarta.persistence.Table t = c.getAnnotation(jakarta.persistence.Table.class);
            mapped.add(t == null ? c.getSimpleName() : t.name());
        });
        // every table Drizzle left has its entity; a developer's new entity adds to the set and fails nothing
        java.util.Set<String> reference = new java.util.TreeSet<>();
        java.util.regex.Matcher table = java.util.regex.Pattern.compile("CREATE TABLE public\\.(\\w+) \\(")
                .matcher(budgetron.db.support.Reference.read("budgetron-schema.sql"));
        while (table.find()) {
            reference.add(table.group(1));
        }
        assertEquals(13, reference.size(), "the reference dump's tables: " + reference);
        assertTrue(mapped.containsAll(reference), "tables without an entity: " + reference.stream().filter(t -> !mapped.contains(t)).toList());
        // JPA's own bootstrap of persistence.xml, which lists no class
        java.util.Map<String, Object> props = new java.util.HashMap<>();
        props.put("jakarta.persistence.jdbc.url", url.jdbcUrl());
        props.put("jakarta.persistence.jdbc.user", url.user());
        props.put("hibernate.hbm2ddl.auto", "validate");
        try (jakarta.persistence.EntityManagerFactory jpa = jakarta.persistence.Persistence.createEntityManagerFactory("budgetron", props)) {
            java.util.Set<String> seen = new java.util.TreeSet<>();
            jpa.getMetamodel().getEntities().forEach(e -> seen.add(e.getJavaType().getName()));
            assertEquals(discovered, seen);
        }
    }

    @Test
    void validationFailsOnAMismatchedTable() throws Exception {
        DbUrl other = TestDatabase.fresh();
        try (Connection c = TestDatabase.connect(other); Migrator m = new Migrator(c, Changelog.in(Path.of(".")))) {
            m.update();
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE bank_accounts DROP COLUMN currency");
            }
        }
        assertThrows(RuntimeException.class, () -> Entities.open(other, "validate", TestEntities.budgetron()).close());
    }

    @Test
    void roundTripsAUserWithEverythingAndCascadesOnDelete() throws Exception {
        UUID[] ids = new UUID[6];
        inTx(em -> {
            User user = new User();
            user.setName("Ada Lovelace");
            user.setEmail("ada@example.com");
            em.persist(user);
            UserSettings settings = new UserSettings();
            settings.setUser(user);
            settings.setCurrency("INR");
            em.persist(settings);
            BankAccount checking = new BankAccount();
            checking.setName("Checking");
            checking.setType(BankAccountType.INVESTMENT);
            checking.setBalance(new BigDecimal("1234.5678"));
            checking.setUser(user);
            em.persist(checking);
            Category food = em.createQuery("select c from Category c where c.name = 'Food' and c.parent is null", Category.class)
                    .getSingleResult();
            Category coffee = new Category();
            coffee.setName("Coffee");
            coffee.setIcon("icon:cup");
            coffee.setType(TransactionType.EXPENSE);
            coffee.setParent(food);
            coffee.setUser(user);
            em.persist(coffee);
            Budget budget = new Budget();
            budget.setCategory(coffee);
            budget.setUser(user);
            budget.setAmount(new BigDecimal("50"));
            em.persist(budget);
            Group home = new Group();
            home.setName("Home");
            home.setOwner(user);
            em.persist(home);
            em.persist(new GroupUser(home, user));
            Transaction t = new Transaction();
            t.setDate(LocalDate.of(2025, 7, 1));
            t.setAmount(new BigDecimal("3.20"));
            t.setDescription("Espresso");
            t.setTags(List.of("coffee", "morning"));
            t.setBankAccount(checking);
            t.setCategory(coffee);
            t.setGroup(home);
            t.setUser(user);
            em.persist(t);
            Session session = new Session();
            session.setUser(user);
            session.setToken("tok-1");
            session.setExpiresAt(LocalDateTime.now().plusDays(1));
            em.persist(session);
            ids[0] = user.getId();
            ids[1] = checking.getId();
            ids[2] = coffee.getId();
            ids[3] = t.getId();
            ids[4] = budget.getId();
            ids[5] = home.getId();
        });

        inTx(em -> {
            User user = em.find(User.class, ids[0]);
            assertEquals("Ada Lovelace", user.getName());
            assertEquals(UserRole.USER, user.getRole());
            assertEquals(false, user.getEmailVerified());
            assertNotNull(user.getCreatedAt());
            BankAccount account = em.find(BankAccount.class, ids[1]);
            assertEquals(BankAccountType.INVESTMENT, account.getType());
            assertEquals(0, new BigDecimal("1234.5678").compareTo(account.getBalance()));
            assertEquals("USD", account.getCurrency());
            Transaction t = em.find(Transaction.class, ids[3]);
            assertEquals(TransactionType.EXPENSE, t.getType());
            assertEquals(List.of("coffee", "morning"), t.getTags());
            assertEquals("USD", t.getCurrency());
            assertEquals("Coffee", t.getCategory().getName());
            assertEquals("Food", t.getCategory().getParent().getName());
            assertEquals("Home", t.getGroup().getName());
            UserSettings settings = em.createQuery("select s from UserSettings s where s.user.id = :u", UserSettings.class)
                    .setParameter("u", ids[0]).getSingleResult();
            assertEquals("INR", settings.getCurrency());
        });
        assertEquals(1, TestDatabase.count(url, "SELECT count(*) FROM groups_users"));

        // a bank account goes: the transaction stays, without it (SET NULL)
        inTx(em -> em.remove(em.find(BankAccount.class, ids[1])));
        inTx(em -> {
            Transaction t = em.find(Transaction.class, ids[3]);
            assertNotNull(t);
            assertNull(t.getBankAccount());
        });
        // the category goes: its budget goes (CASCADE), the transaction stays without it (SET NULL)
        inTx(em -> em.remove(em.find(Category.class, ids[2])));
        inTx(em -> {
            assertNull(em.find(Budget.class, ids[4]));
            assertNull(em.find(Transaction.class, ids[3]).getCategory());
        });
        // the user goes: everything that was theirs goes with them (CASCADE)
        inTx(em -> em.createQuery("delete from User u where u.id = :u").setParameter("u", ids[0]).executeUpdate());
        for (String table : List.of("users", "user_settings", "transactions", "sessions", "groups", "groups_users", "bank_accounts", "budgets")) {
            assertEquals(0, TestDatabase.count(url, "SELECT count(*) FROM " + table), table + " should be empty after the user is deleted");
        }
        assertEquals(126, TestDatabase.count(url, "SELECT count(*) FROM categories"), "the shared default categories stay");
    }
}
