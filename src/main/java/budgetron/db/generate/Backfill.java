package budgetron.db.generate;

/**
 * The batched backfill of a zero-downtime release, as a PostgreSQL procedure so that every door
 * (migrate, mvn liquibase:update, the application's start, the container) runs the same thing.
 * <ul>
 * <li>Batches of table pages, read by a TID range scan (no index needed, each page once): one UPDATE
 * and one COMMIT per batch, so row locks are held for one batch only.</li>
 * <li>Bounded by the pages the table had when the backfill started: rows written later already went
 * through the trigger, so it ends under a steady insert load.</li>
 * <li>Resumable: the next page is committed with each batch in budgetron_release.backfills; a
 * backfill killed at any point goes on from there when migrate runs its changeset again.</li>
 * <li>Throttled: after each batch it sleeps {@code pause} times the batch's duration (0.25: at most
 * 80 % of one backend's time), leaving the running release its share of the server
 * (budgetron.backfill_pause overrides it for a session, budgetron.backfill_pages the batch size).</li>
 * </ul>
 */
final class Backfill {
    static final String PROCEDURE = """
            CREATE OR REPLACE PROCEDURE budgetron_release.backfill(p_release text, p_table text, p_set text) LANGUAGE plpgsql AS $bf$
            DECLARE
              v_next bigint;
              v_last bigint;
              v_rows bigint;
              v_pages int := coalesce(nullif(current_setting('budgetron.backfill_pages', true), '')::int, 500);
              v_pause float8 := coalesce(nullif(current_setting('budgetron.backfill_pause', true), '')::float8, 0.25);
              v_started timestamptz;
            BEGIN
              INSERT INTO budgetron_release.backfills (release, table_name, next_block, last_block)
                VALUES (p_release, p_table, 0, pg_relation_size(p_table::regclass) / current_setting('block_size')::int)
                ON CONFLICT (release, table_name) DO NOTHING;
              SELECT next_block, last_block INTO v_next, v_last FROM budgetron_release.backfills
                WHERE release = p_release AND table_name = p_table;
              COMMIT;
              WHILE v_next <= v_last LOOP
                v_started := clock_timestamp();
                EXECUTE format('UPDATE %s SET %s WHERE ctid >= %L::tid AND ctid < %L::tid', p_table, p_set,
                               '(' || v_next || ',0)', '(' || least(v_next + v_pages, v_last + 1) || ',0)');
                GET DIAGNOSTICS v_rows = ROW_COUNT;
                v_next := least(v_next + v_pages, v_last + 1);
                UPDATE budgetron_release.backfills SET next_block = v_next, rows_updated = rows_updated + v_rows, updated = now(),
                  done = v_next > v_last WHERE release = p_release AND table_name = p_table;
                COMMIT;
                IF v_pause > 0 AND v_next <= v_last THEN
                  PERFORM pg_sleep(extract(epoch FROM clock_timestamp() - v_started) * v_pause);
                END IF;
              END LOOP;
              UPDATE budgetron_release.backfills SET done = true, updated = now() WHERE release = p_release AND table_name = p_table;
              COMMIT;
            END
            $bf$;""";

    private Backfill() {
    }
}
