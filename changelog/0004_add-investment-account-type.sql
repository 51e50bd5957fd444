--liquibase formatted sql

--changeset budgetron:0004_add-investment-account-type
--comment: Drizzle migration 0004: bank_account_type_enum gains INVESTMENT and its labels are reordered (CHECKING, CREDIT, INVESTMENT, SAVINGS); the column goes through text, so its values are kept. Rollback fails while any account is INVESTMENT: change those first.
ALTER TABLE "bank_accounts" ALTER COLUMN "type" SET DATA TYPE text;
DROP TYPE "public"."bank_account_type_enum";
CREATE TYPE "public"."bank_account_type_enum" AS ENUM('CHECKING', 'CREDIT', 'INVESTMENT', 'SAVINGS');
ALTER TABLE "bank_accounts" ALTER COLUMN "type" SET DATA TYPE "public"."bank_account_type_enum" USING "type"::"public"."bank_account_type_enum";
--rollback ALTER TABLE "bank_accounts" ALTER COLUMN "type" SET DATA TYPE text;
--rollback DROP TYPE "public"."bank_account_type_enum";
--rollback CREATE TYPE "public"."bank_account_type_enum" AS ENUM('CHECKING', 'SAVINGS', 'CREDIT');
--rollback ALTER TABLE "bank_accounts" ALTER COLUMN "type" SET DATA TYPE "public"."bank_account_type_enum" USING "type"::"public"."bank_account_type_enum";
