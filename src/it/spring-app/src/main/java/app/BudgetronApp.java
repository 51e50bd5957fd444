package app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Budgetron's application, as far as the database goes: no @EntityScan, no Liquibase setting. */
@SpringBootApplication
public class BudgetronApp {
    public static void main(String[] args) {
        SpringApplication.run(BudgetronApp.class, args);
    }
}
