--liquibase formatted sql

--changeset budgetron:0002_seed-feature-flags-allow-signup
--comment: Drizzle migration 0002: the allow_signup feature flag, enabled for every domain. ROLLBACK LOSES DATA: it deletes the flag, whatever it was later set to.
INSERT INTO "feature_flags" ("name", "description", "enabled", "domains") VALUES ('allow_signup', 'Allow users to sign up', true, '{*}');
--rollback DELETE FROM "feature_flags" WHERE "name" = 'allow_signup';
