-- The data version (docs/dashboard.md, "The data version"): a counter the database itself raises once for every
-- committed transaction that changed what a dashboard shows, so that every server process on one database agrees
-- on it, and a reader that sees version N sees every change counted in N.
--
-- Statement triggers on the tables a dashboard reads note the writing transaction in data_version_pending (one row
-- per transaction; later statements find it there and add nothing). A deferred constraint trigger on that table
-- runs at commit: it raises data_version and removes the note. The single row of data_version is therefore locked
-- only while a transaction commits, never for the length of a long import, and the raise becomes visible together
-- with the changes it counts. A statement that changed no row (loading the same data twice) notes nothing.

CREATE TABLE data_version (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version    bigint NOT NULL CHECK (version >= 0),
  changed_at timestamptz NOT NULL
);

INSERT INTO data_version (version, changed_at) VALUES (0, now());

CREATE TABLE data_version_pending (
  txid bigint PRIMARY KEY
);

-- Notes the current transaction as a writer of dashboard data when the statement changed at least one row.
CREATE FUNCTION data_version_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed_rows) THEN
    INSERT INTO data_version_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$;

-- TRUNCATE has no transition table: it always counts as a change.
CREATE FUNCTION data_version_note_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_version_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;

-- At commit (deferred): one raise per writing transaction, and the note removed.
CREATE FUNCTION data_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version SET version = version + 1, changed_at = clock_timestamp();
  DELETE FROM data_version_pending WHERE txid = NEW.txid;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER data_version_raise AFTER INSERT ON data_version_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_raise();

-- The tables a dashboard shows: units and their sets and mappings, the catalogue, plans and targets, values
-- (register values are values), tasks and projects, reviews and approvals, composite index methodologies and
-- results, the report's paragraphs and settings, and the state of the rollup rows (a rebuild changes where actuals
-- are read from, which a dashboard says). Not sessions, users, tokens, the audit log or the rollup rows themselves
-- (which change in the same statement as the values).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'unit_set', 'unit', 'unit_mapping', 'indicator_group', 'indicator', 'validation_rule', 'plan', 'target',
    'data_value', 'programme', 'task', 'task_supporting_unit', 'task_note', 'task_link', 'review', 'review_event',
    'methodology', 'methodology_version', 'composite_index_node', 'composite_index_result', 'report_note',
    'plan_report_settings', 'rollup_state'
  ] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION data_version_note()', t || '_version_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION data_version_note()', t || '_version_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION data_version_note()', t || '_version_delete', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION data_version_note_truncate()', t || '_version_truncate', t);
  END LOOP;
END
$$;
