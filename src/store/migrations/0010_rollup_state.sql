-- DX Monitor schema, part 10: rebuilding the rollup rows (value_rollup, migration 0008) as a step of its own,
-- `dxmon rollup rebuild` (docs/evaluation.md, "Rebuilding the rollup rows"). The rebuild goes one indicator at a
-- time, each in a transaction of its own that takes the indicator's write lock (the same advisory lock as the
-- triggers of migration 0008): it records here that it is under way and which indicators are done, so that a
-- rebuild that was stopped (Ctrl+C, a killed process, a lost connection) goes on where it stopped when run again.
-- While the status is 'rebuilding', reads compute every answer from the values, not from the rollup rows.

-- One row: the state of the rollup rows.
CREATE TABLE rollup_state (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  -- 'complete': the rollup rows hold every value; 'rebuilding': a rebuild was started and has not finished.
  status      text NOT NULL CHECK (status IN ('complete', 'rebuilding')),
  -- The last rebuild: when it was started, by whom, and when it finished (null while it runs). A database whose
  -- rows were built by migration 0008 and never rebuilt since has neither.
  started_at  timestamptz,
  started_by  text,
  finished_at timestamptz
);

INSERT INTO rollup_state (status) VALUES ('complete');

-- The indicators the current (or last) rebuild has done, each written in the same transaction as its rows.
CREATE TABLE rollup_rebuild_batch (
  indicator_id bigint PRIMARY KEY REFERENCES indicator (id) ON DELETE CASCADE,
  value_count  integer NOT NULL,
  row_count    integer NOT NULL,
  done_at      timestamptz NOT NULL
);
