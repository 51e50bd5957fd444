--liquibase formatted sql

--changeset budgetron:0008_update-group-schema
--comment: Drizzle migration 0008: groups.currency defaults to 'USD'; groups get created_at and updated_at (now() for existing rows). ROLLBACK LOSES DATA: it drops both timestamps and their values.
ALTER TABLE "groups" ALTER COLUMN "currency" SET DEFAULT 'USD';
ALTER TABLE "groups" ADD COLUMN "created_at" timestamp DEFAULT now() NOT NULL;
ALTER TABLE "groups" ADD COLUMN "updated_at" timestamp DEFAULT now() NOT NULL;
--rollback ALTER TABLE "groups" DROP COLUMN "updated_at";
--rollback ALTER TABLE "groups" DROP COLUMN "created_at";
--rollback ALTER TABLE "groups" ALTER COLUMN "currency" DROP DEFAULT;
