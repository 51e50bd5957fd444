--liquibase formatted sql

--changeset budgetron:0009_add-currency-rates-table
--comment: Drizzle migration 0009: currency_rates, one rate per source, target, date and rate source. ROLLBACK LOSES DATA: it drops the table and its rows.
CREATE TABLE "currency_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_currency" text NOT NULL,
	"target_currency" text NOT NULL,
	"date" date NOT NULL,
	"rate" numeric NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "currency_rates_sourceCurrency_targetCurrency_date_source_unique" UNIQUE("source_currency","target_currency","date","source")
);
--rollback DROP TABLE "currency_rates";
