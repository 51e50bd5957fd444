package budgetron.db.schema;

import budgetron.db.config.DbUrl;
import budgetron.db.entity.Account;
import budgetron.db.entity.BankAccount;
import budgetron.db.entity.Budget;
import budgetron.db.entity.Category;
import budgetron.db.entity.CurrencyRate;
import budgetron.db.entity.FeatureFlag;
import budgetron.db.entity.Group;
import budgetron.db.entity.GroupUser;
import budgetron.db.entity.Session;
import budgetron.db.entity.Transaction;
import budgetron.db.entity.User;
import budgetron.db.entity.UserSettings;
import budgetron.db.entity.Verification;
import org.hibernate.SessionFactory;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.cfg.Configuration;

import java.util.List;

/**
 * Budgetron's entities and how to open Hibernate on them. META-INF/persistence.xml lists the same
 * classes for JPA tooling (a test keeps the two equal).
 */
public final class Entities {
    public static final List<Class<?>> BUDGETRON = List.of(Account.class, BankAccount.class, Budget.class, Category.class,
            CurrencyRate.class, FeatureFlag.class, Group.class, GroupUser.class, Session.class, Transaction.class, User.class,
            UserSettings.class, Verification.class);

    private Entities() {
    }

    /** Budgetron's entities on a database; hbm2ddl "validate" fails if any entity disagrees with its table. */
    public static SessionFactory open(DbUrl url, String hbm2ddl) {
        return open(url, hbm2ddl, BUDGETRON);
    }

    public static SessionFactory open(DbUrl url, String hbm2ddl, List<Class<?>> classes) {
        Configuration cfg = new Configuration();
        classes.forEach(cfg::addAnnotatedClass);
        cfg.setProperty("hibernate.connection.url", url.jdbcUrl());
        if (url.user() != null) {
            cfg.setProperty("hibernate.connection.username", url.user());
        }
        if (url.password() != null) {
            cfg.setProperty("hibernate.connection.password", url.password());
        }
        cfg.setProperty("hibernate.connection.pool_size", "2");
        cfg.setProperty("hibernate.hbm2ddl.auto", hbm2ddl);
        // fields without an explicit column name map to snake_case, as Budgetron's columns are
        cfg.setPhysicalNamingStrategy(new CamelCaseToUnderscoresNamingStrategy());
        return cfg.buildSessionFactory();
    }
}
