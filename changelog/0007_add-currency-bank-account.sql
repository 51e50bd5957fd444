--liquibase formatted sql

--changeset budgetron:0007_add-currency-bank-account
--comment: Drizzle migration 0007: bank accounts carry a currency, 'USD' for existing rows. ROLLBACK LOSES DATA: it drops the column and its values.
ALTER TABLE "bank_accounts" ADD COLUMN "currency" text DEFAULT 'USD' NOT NULL;
--rollback ALTER TABLE "bank_accounts" DROP COLUMN "currency";
