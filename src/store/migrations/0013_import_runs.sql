-- DX Monitor schema, part 11: large imports applied in steps on the embedded database (docs/import.md, "A large
-- import on the embedded database"). The embedded database has one connection: a file of a hundred thousand
-- values written in one transaction would keep every other request waiting until it ends. Such a file, once
-- every check has passed, is staged here a thousand values at a time, then marked `applying` in the same
-- transaction that writes its other sheets — from that commit on the import is decided — and its values are
-- applied a step at a time, each step its own short transaction. A run left `staging` by a stop is discarded
-- (nothing of it was written); one left `applying` is finished when the database is next opened.

CREATE TABLE import_run (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  state        text NOT NULL CHECK (state IN ('staging', 'applying', 'done')),
  file_name    text NOT NULL,
  actor        text NOT NULL,
  source       text NOT NULL,
  address      text,
  keep_comment boolean NOT NULL,
  total        integer NOT NULL CHECK (total >= 0),
  applied      integer NOT NULL DEFAULT 0,
  inserted     integer NOT NULL DEFAULT 0,
  updated      integer NOT NULL DEFAULT 0,
  -- Values whose unit or indicator was deleted by someone else between the decision and their step.
  skipped      integer NOT NULL DEFAULT 0,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);

-- The values still to apply, a step per row: JSON arrays of values named by codes (the units and indicators
-- the file adds get their ids only when its other sheets are written).
CREATE TABLE import_run_step (
  run_id  bigint NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
  seq     integer NOT NULL,
  rows    jsonb NOT NULL,
  PRIMARY KEY (run_id, seq)
);

CREATE INDEX import_run_unfinished ON import_run (id) WHERE state <> 'done';
