--liquibase formatted sql

--changeset budgetron:0006_fix-user-settings-table
--comment: Drizzle migration 0006: one settings row per user. Fails if a user already has two rows: remove the duplicates first.
ALTER TABLE "user_settings" ADD CONSTRAINT "user_settings_userId_unique" UNIQUE("user_id");
--rollback ALTER TABLE "user_settings" DROP CONSTRAINT "user_settings_userId_unique";
