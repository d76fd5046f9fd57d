-- DX Monitor schema, part 9: the composite index's tables say so (docs/composite-index.md), so that
-- "index" in the schema means a database index only. Renamed with their constraints, indexes and sequence;
-- rows, keys and references are kept as they are. `methodology` and `methodology_version` keep their names:
-- they cannot be mistaken for anything else.

ALTER TABLE index_node RENAME TO composite_index_node;
ALTER TABLE index_result RENAME TO composite_index_result;

-- Every constraint named after the old table (primary key, foreign keys, checks, and on servers that name
-- them, not-null constraints), whichever the server created.
DO $$
DECLARE
  c record;
BEGIN
  FOR c IN
    SELECT t.relname AS tbl, k.conname AS old_name
    FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
    WHERE t.relnamespace = current_schema()::regnamespace
      AND t.relname IN ('composite_index_node', 'composite_index_result')
      AND (k.conname LIKE 'index\_node\_%' OR k.conname LIKE 'index\_result\_%')
  LOOP
    EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I', c.tbl, c.old_name, 'composite_' || c.old_name);
  END LOOP;
END
$$;

ALTER INDEX index_result_key_idx RENAME TO composite_index_result_key_idx;
ALTER INDEX index_result_version_idx RENAME TO composite_index_result_version_idx;
ALTER SEQUENCE index_result_id_seq RENAME TO composite_index_result_id_seq;
