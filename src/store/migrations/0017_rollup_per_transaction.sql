-- The rollup rows (value_rollup, migration 0008) brought up to date once per transaction for a large import,
-- instead of once per statement (docs/evaluation.md, "When the rollup rows are brought up to date").
--
-- By default nothing changes: every statement that writes data_value refreshes the rollup rows of the keys it
-- touched, in the same statement. A transaction that calls value_rollup_defer() first (the import does) is in
-- deferred mode until it ends: its statements only note the (indicator, unit, value period) keys they touched in
-- value_rollup_pending, and value_rollup_flush() refreshes all of them with one value_rollup_refresh call, which
-- takes the indicators' write locks in id order. Reads of the rollup rows inside that transaction are exact after
-- the flush, not between a write and the flush; other transactions only ever see committed, exact rows.
--
-- The safety net: the first key a transaction notes also notes the transaction in value_rollup_due, and a deferred
-- constraint trigger on that table flushes what is left at commit, so that a caller that forgets the flush still
-- commits exact rows. The data version's deferred trigger (migration 0015) may fire before it at commit (its event
-- is queued by the transaction's first write to a dashboard table, often earlier): in deferred mode it flushes
-- first, so that the indicators' write locks are always taken before the single row of data_version is locked,
-- never after (two committing transactions would otherwise wait on each other). A transaction in deferred mode
-- that writes no value (a re-import of an unchanged file) writes nothing here either.

-- The keys noted by transactions in deferred mode, until their flush. Unlogged: the rows never outlive their
-- transaction.
CREATE UNLOGGED TABLE value_rollup_pending (
  txid         bigint NOT NULL,
  indicator_id bigint NOT NULL,
  unit_id      bigint NOT NULL,
  period_start date NOT NULL,
  period_end   date NOT NULL
);

-- One row per transaction in deferred mode, removed at its commit.
CREATE UNLOGGED TABLE value_rollup_due (
  txid bigint PRIMARY KEY
);

-- Whether the current transaction is in deferred mode.
CREATE FUNCTION value_rollup_deferred() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('dxmon.rollup_deferred', true), '') = 'on'
$$;

-- Puts the current transaction in deferred mode, until it ends (the same as `SET LOCAL dxmon.rollup_deferred = on`).
CREATE FUNCTION value_rollup_defer() RETURNS void LANGUAGE sql AS $$
  SELECT set_config('dxmon.rollup_deferred', 'on', true)
$$;

-- Brings the rollup rows up to date for every key the current transaction noted, with one refresh; returns how
-- many distinct keys it refreshed (0 when none was noted). The transaction stays in deferred mode.
CREATE FUNCTION value_rollup_flush() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  k_ind bigint[];
  k_unit bigint[];
  k_start date[];
  k_end date[];
BEGIN
  WITH taken AS (
    DELETE FROM value_rollup_pending p WHERE p.txid = txid_current()
    RETURNING p.indicator_id, p.unit_id, p.period_start, p.period_end
  )
  SELECT array_agg(k.indicator_id), array_agg(k.unit_id), array_agg(k.period_start), array_agg(k.period_end)
  INTO k_ind, k_unit, k_start, k_end
  FROM (SELECT DISTINCT * FROM taken) k;
  IF k_ind IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM value_rollup_refresh(k_ind, k_unit, k_start, k_end);
  RETURN cardinality(k_ind);
END
$$;

-- Notes a statement's keys for the flush (deferred mode).
CREATE FUNCTION value_rollup_note(p_inds bigint[], p_units bigint[], p_starts date[], p_ends date[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tx bigint := txid_current();
BEGIN
  IF p_inds IS NULL OR cardinality(p_inds) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO value_rollup_pending (txid, indicator_id, unit_id, period_start, period_end)
  SELECT DISTINCT tx, k.indicator_id, k.unit_id, k.period_start, k.period_end
  FROM unnest(p_inds, p_units, p_starts, p_ends) AS k(indicator_id, unit_id, period_start, period_end);
  -- The safety net, armed by the transaction's first noted key.
  INSERT INTO value_rollup_due (txid) VALUES (tx) ON CONFLICT DO NOTHING;
END
$$;

-- The statement triggers of migration 0008: a refresh per statement, or the keys noted in deferred mode.
CREATE OR REPLACE FUNCTION value_rollup_after_insert_or_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k_ind bigint[];
  k_unit bigint[];
  k_start date[];
  k_end date[];
BEGIN
  SELECT array_agg(c.indicator_id), array_agg(c.unit_id), array_agg(c.period_start), array_agg(c.period_end)
  INTO k_ind, k_unit, k_start, k_end
  FROM value_rollup_changed c;
  IF value_rollup_deferred() THEN
    PERFORM value_rollup_note(k_ind, k_unit, k_start, k_end);
  ELSE
    PERFORM value_rollup_refresh(k_ind, k_unit, k_start, k_end);
  END IF;
  RETURN NULL;
END
$$;

-- An update touches the rollups only when what they are computed from changed (not a comment or a review state).
CREATE OR REPLACE FUNCTION value_rollup_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k_ind bigint[];
  k_unit bigint[];
  k_start date[];
  k_end date[];
BEGIN
  SELECT array_agg(x.indicator_id), array_agg(x.unit_id), array_agg(x.period_start), array_agg(x.period_end)
  INTO k_ind, k_unit, k_start, k_end
  FROM value_rollup_old o
  JOIN value_rollup_new n ON n.id = o.id
  CROSS JOIN LATERAL (VALUES (o.indicator_id, o.unit_id, o.period_start, o.period_end),
                             (n.indicator_id, n.unit_id, n.period_start, n.period_end))
       AS x(indicator_id, unit_id, period_start, period_end)
  WHERE (o.indicator_id, o.unit_id, o.period_start, o.period_end, o.value, o.numerator, o.denominator)
        IS DISTINCT FROM (n.indicator_id, n.unit_id, n.period_start, n.period_end, n.value, n.numerator,
                          n.denominator);
  IF value_rollup_deferred() THEN
    PERFORM value_rollup_note(k_ind, k_unit, k_start, k_end);
  ELSE
    PERFORM value_rollup_refresh(k_ind, k_unit, k_start, k_end);
  END IF;
  RETURN NULL;
END
$$;

-- The safety net, at commit: flushes what is left and removes the transaction's row.
CREATE FUNCTION value_rollup_flush_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM value_rollup_flush();
  DELETE FROM value_rollup_due WHERE txid = NEW.txid;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER value_rollup_flush_at_commit AFTER INSERT ON value_rollup_due
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION value_rollup_flush_at_commit();

-- The data version's raise at commit (migration 0015), flushing first in deferred mode (see the top of this file).
CREATE OR REPLACE FUNCTION data_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF value_rollup_deferred() THEN
    PERFORM value_rollup_flush();
  END IF;
  UPDATE data_version SET version = version + 1, changed_at = clock_timestamp();
  DELETE FROM data_version_pending WHERE txid = NEW.txid;
  RETURN NULL;
END;
$$;
