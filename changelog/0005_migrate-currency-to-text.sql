--liquibase formatted sql

--changeset budgetron:0005_migrate-currency-to-text
--comment: Drizzle migration 0005: currency columns become text (values kept) so that any ISO code fits; transactions and user_settings default to 'USD'; currency_enum is dropped. Rollback fails while any currency is other than USD or INR.
ALTER TABLE "groups" ALTER COLUMN "currency" SET DATA TYPE text;
ALTER TABLE "transactions" ALTER COLUMN "currency" SET DATA TYPE text;
ALTER TABLE "transactions" ALTER COLUMN "currency" SET DEFAULT 'USD';
ALTER TABLE "user_settings" ALTER COLUMN "currency" SET DATA TYPE text;
ALTER TABLE "user_settings" ALTER COLUMN "currency" SET DEFAULT 'USD';
DROP TYPE "public"."currency_enum";
--rollback CREATE TYPE "public"."currency_enum" AS ENUM('USD', 'INR');
--rollback ALTER TABLE "user_settings" ALTER COLUMN "currency" DROP DEFAULT;
--rollback ALTER TABLE "user_settings" ALTER COLUMN "currency" SET DATA TYPE "public"."currency_enum" USING "currency"::"public"."currency_enum";
--rollback ALTER TABLE "transactions" ALTER COLUMN "currency" DROP DEFAULT;
--rollback ALTER TABLE "transactions" ALTER COLUMN "currency" SET DATA TYPE "public"."currency_enum" USING "currency"::"public"."currency_enum";
--rollback ALTER TABLE "groups" ALTER COLUMN "currency" SET DATA TYPE "public"."currency_enum" USING "currency"::"public"."currency_enum";
