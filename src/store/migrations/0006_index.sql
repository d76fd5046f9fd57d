-- DX Monitor schema, part 6: composite indices and their results (docs/domain.md §8).
-- A methodology is data: a tree of index_node rows. Every change writes a new methodology_version and
-- never touches an old one, so a published year keeps pointing at the tree it was computed with.

CREATE TABLE methodology (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  description text,
  -- The methodology this one was copied from (its code), kept as text so the original may go.
  based_on    text,
  -- The unit level ranked unless a computation names another.
  level       text NOT NULL DEFAULT 'province'
              CHECK (level IN ('national', 'province', 'district', 'commune', 'village', 'agency')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text
);

CREATE TABLE methodology_version (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  methodology_id bigint NOT NULL REFERENCES methodology (id) ON DELETE CASCADE,
  version        integer NOT NULL CHECK (version >= 1),
  note           text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  created_by     text,
  UNIQUE (methodology_id, version)
);

-- The nodes of one version, as the index_nodes sheet writes them; `sort` keeps the file's order.
CREATE TABLE index_node (
  version_id     bigint NOT NULL REFERENCES methodology_version (id) ON DELETE CASCADE,
  code           text NOT NULL,
  parent_code    text,
  name           text NOT NULL,
  weight         double precision NOT NULL CHECK (weight >= 0),
  indicator_code text,
  normalization  text CHECK (normalization IN ('value', 'ratio', 'minmax', 'boolean')),
  reference      double precision,
  sort           integer NOT NULL,
  PRIMARY KEY (version_id, code)
);

-- Published results, one row per unit: frozen, never recomputed. `scope_unit_id` is the unit whose
-- subtree was compared (null: every unit of the level), so groups are ranked and published apart.
CREATE TABLE index_result (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  methodology_id bigint NOT NULL REFERENCES methodology (id) ON DELETE CASCADE,
  version_id     bigint NOT NULL REFERENCES methodology_version (id),
  year           integer NOT NULL,
  level          text NOT NULL,
  scope_unit_id  bigint REFERENCES unit (id),
  unit_id        bigint NOT NULL REFERENCES unit (id),
  score          double precision NOT NULL,
  rank           integer NOT NULL,
  node_scores    jsonb NOT NULL,
  node_ranks     jsonb NOT NULL,
  missing        jsonb NOT NULL,
  previous_score double precision,
  previous_rank  integer,
  change         double precision,
  province_code  text,
  computed_at    timestamptz NOT NULL,
  published      boolean NOT NULL DEFAULT true,
  published_at   timestamptz,
  published_by   text
);
CREATE UNIQUE INDEX index_result_key_idx
  ON index_result (methodology_id, year, level, COALESCE(scope_unit_id, 0), unit_id);
CREATE INDEX index_result_version_idx ON index_result (version_id);
