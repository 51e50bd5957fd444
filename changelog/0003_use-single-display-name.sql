--liquibase formatted sql

--changeset budgetron:0003_use-single-display-name
--comment: Drizzle migration 0003: users keep one display name; full_name becomes name (its values kept), first_name and last_name are dropped. ROLLBACK LOSES DATA: it cannot restore the dropped names and splits name at its first space.
ALTER TABLE "users" RENAME COLUMN "full_name" TO "name";
ALTER TABLE "users" DROP COLUMN "first_name";
ALTER TABLE "users" DROP COLUMN "last_name";
--rollback ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";
--rollback ALTER TABLE "users" ADD COLUMN "first_name" text;
--rollback ALTER TABLE "users" ADD COLUMN "last_name" text;
--rollback UPDATE "users" SET "first_name" = split_part("full_name", ' ', 1), "last_name" = substr("full_name", length(split_part("full_name", ' ', 1)) + 2);
--rollback ALTER TABLE "users" ALTER COLUMN "first_name" SET NOT NULL;
--rollback ALTER TABLE "users" ALTER COLUMN "last_name" SET NOT NULL;
