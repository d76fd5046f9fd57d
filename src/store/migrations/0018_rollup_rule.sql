-- One roll-up rule, and rollup rows that answer values entered at several levels (docs/evaluation.md, "Rollup
-- rows, kept on write").
--
-- "Entered wins over derived" across levels: a value v at unit Y inside a window W is left out of a request at an
-- ancestor-or-self A of Y when a unit strictly above Y, at or below A, holds a value inside W whose period
-- contains v's. Let t(v) be the depth of the deepest unit strictly above Y holding such a value (-1 when none): a
-- request at depth a uses v exactly when t(v) < a (and no other value of Y itself covers v). Y's contribution to
-- its ancestors therefore changes only at the depths t(v) + 1: it is the combination over time of the values
-- with t(v) < a, constant over bands of depths. Usually no value of Y is covered from above, and the one band
-- spans every depth from the root to Y: the unit's own row, as before.
--
-- value_rollup_bands (below) is the one definition of a unit's combination over time, band by band; the
-- maintenance on write, the rebuild and the reads computed from the values (src/store/aggregate.queries.ts) all
-- call it. value_rollup_band keeps the bands of the (indicator, unit, window) whose values are covered from above
-- at some depth; value_rollup rows at an ancestor A add up, for every unit at or below A, the band holding A's
-- depth, so they answer a request at A for any mix of levels.

CREATE TABLE value_rollup_band (
  indicator_id bigint NOT NULL,
  unit_id      bigint NOT NULL,
  period_start date NOT NULL,
  period_end   date NOT NULL,
  -- The depths of the ancestors-or-self this combination is the unit's contribution to.
  depth_from   integer NOT NULL,
  depth_to     integer NOT NULL,
  -- The combination over time of the unit's values used at those depths, in the columns of value_rollup
  -- (for one unit).
  last_end     date NOT NULL,
  vals         integer NOT NULL,
  v_n          integer NOT NULL,
  v_sum        numeric NOT NULL,
  true_count   integer NOT NULL,
  num_n        integer NOT NULL,
  num_sum      numeric NOT NULL,
  den_n        integer NOT NULL,
  den_sum      numeric NOT NULL,
  exact        integer NOT NULL,
  PRIMARY KEY (indicator_id, unit_id, period_start, period_end, depth_from)
);

-- Whether a window of an indicator has any band at all (the maintenance looks below a changed unit only then).
CREATE INDEX value_rollup_band_window_idx ON value_rollup_band (indicator_id, period_start, period_end);

-- The rule, once: for each (indicator, unit, window) key given — or, when p_units is null, for every standard
-- window of every value of the indicators p_inds — the unit's values inside the window combined over time, band
-- by band of the depths of the ancestors-or-self they are the unit's contribution to.
--   1. The candidates: the unit's values inside the window.
--   2. t: the depth of the deepest unit above holding a value inside the window that contains the candidate
--      (looked for only at the units above the candidates' units, and only for indicators with values there),
--      carried with each candidate.
--   3. A candidate covered by another value of the same unit is never used (a running maximum of period ends,
--      periods sorted by start, longer first). If v1 covers v2 at one unit then t(v2) >= t(v1), so the two rules
--      compose.
--   4. The bands start at depth 0 and at each t + 1 of the values used; a value belongs to the bands that start
--      above its t. Empty bands (every value covered) give no row.
--   5. Over time, per band, by the indicator's time aggregation (docs/domain.md §4): `sum` adds; `last` takes the
--      latest value; `average` is the mean weighted by months. A boolean is a state: its latest value. A ratio
--      keeps its parts: the latest parts for `last`, pooled parts for `sum` and `average`. The values used at one
--      unit do not overlap (months, quarters, halves and years nest, and a covered one is left out), so the latest
--      is the one that ends last: the greatest array (end, value, numerator, denominator), no sort per unit.
-- The result is in the additive columns of value_rollup for one unit; `varies` says the key has more than the one
-- band from the root to the unit.
CREATE FUNCTION value_rollup_bands(p_inds bigint[], p_units bigint[], p_starts date[], p_ends date[])
RETURNS TABLE (indicator_id bigint, unit_id bigint, period_start date, period_end date, depth integer,
               depth_from integer, depth_to integer, varies boolean, last_end date, vals integer, v_n integer,
               v_sum numeric, true_count integer, num_n integer, num_sum numeric, den_n integer, den_sum numeric,
               exact integer)
LANGUAGE sql STABLE AS $$
  WITH keys AS MATERIALIZED (
    SELECT DISTINCT t.indicator_id, t.unit_id, t.ws, t.we
    FROM unnest(p_inds, p_units, p_starts, p_ends) AS t(indicator_id, unit_id, ws, we)
    WHERE p_units IS NOT NULL
  ),
  cand AS NOT MATERIALIZED (
    SELECT k.indicator_id, k.unit_id, k.ws, k.we, d.period_start AS ps, d.period_end AS pe, d.value,
           d.numerator, d.denominator
    FROM keys k
    JOIN data_value d ON d.indicator_id = k.indicator_id AND d.unit_id = k.unit_id
     AND d.period_start >= k.ws AND d.period_start <= k.we AND d.period_end <= k.we
    UNION ALL
    SELECT d.indicator_id, d.unit_id, w.s, w.e, d.period_start, d.period_end, d.value, d.numerator, d.denominator
    FROM data_value d
    CROSS JOIN LATERAL value_rollup_windows(d.period_start, d.period_end) w
    WHERE p_units IS NULL AND d.indicator_id = ANY (p_inds)
  ),
  above AS MATERIALIZED (
    SELECT DISTINCT x.indicator_id, a.id AS unit_id, (a.pos - 1)::int AS depth
    FROM (SELECT k.indicator_id, k.unit_id FROM keys k
          UNION
          SELECT d.indicator_id, d.unit_id FROM data_value d
          WHERE p_units IS NULL AND d.indicator_id = ANY (p_inds)) x
    JOIN unit u ON u.id = x.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM u.path), '/')::bigint[]) WITH ORDINALITY
         AS a(id, pos)
    WHERE a.id <> x.unit_id
  ),
  held AS MATERIALIZED (
    SELECT h.indicator_id, h.unit_id, h.depth, d.period_start AS ps, d.period_end AS pe
    FROM above h
    JOIN data_value d ON d.indicator_id = h.indicator_id AND d.unit_id = h.unit_id
  ),
  -- t is found beside each candidate and carried with it: the candidate is paired with every unit on its path (only
  -- with itself for an indicator without values above any candidate), the values held there that contain it are
  -- joined, and the deepest depth kept. Nothing is joined back to the candidates: a plan that joined each candidate
  -- to its cover re-read the cover for every candidate.
  cand_t AS (
    SELECT c.indicator_id, c.unit_id, c.ws, c.we, c.ps, c.pe, c.value, c.numerator, c.denominator,
           u.depth AS unit_depth, coalesce(max(h.depth), -1) AS t
    FROM cand c
    JOIN unit u ON u.id = c.unit_id
    CROSS JOIN LATERAL unnest(
      CASE WHEN c.indicator_id IN (SELECT hh.indicator_id FROM held hh)
             THEN string_to_array(trim(BOTH '/' FROM u.path), '/')::bigint[]
           ELSE ARRAY[c.unit_id] END) AS a(id)
    LEFT JOIN held h ON a.id <> c.unit_id AND h.indicator_id = c.indicator_id AND h.unit_id = a.id
     AND h.ps >= c.ws AND h.pe <= c.we AND h.ps <= c.ps AND h.pe >= c.pe
    GROUP BY c.indicator_id, c.unit_id, c.ws, c.we, c.ps, c.pe, c.value, c.numerator, c.denominator, u.depth
  ),
  ranked AS (
    SELECT c.*,
           max(c.pe) OVER (PARTITION BY c.indicator_id, c.unit_id, c.ws, c.we ORDER BY c.ps, c.pe DESC
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS covered_to
    FROM cand_t c
  ),
  used AS (
    SELECT r.*,
           bit_or(CASE WHEN r.t >= 0 THEN 1 << (r.t + 1) ELSE 0 END)
             OVER (PARTITION BY r.indicator_id, r.unit_id, r.ws, r.we) AS mask,
           ((date_part('year', r.pe) - date_part('year', r.ps)) * 12
             + date_part('month', r.pe) - date_part('month', r.ps) + 1)::int AS months
    FROM ranked r
    WHERE r.covered_to IS NULL OR r.covered_to < r.pe
  ),
  -- A band starts at most at the unit's own depth (one below the deepest unit above it).
  banded AS (
    SELECT u.*, f.depth_from
    FROM used u
    CROSS JOIN LATERAL generate_series(CASE WHEN u.mask = 0 THEN 0 ELSE u.t + 1 END,
                                       CASE WHEN u.mask = 0 THEN 0 ELSE u.unit_depth END) AS f(depth_from)
    WHERE f.depth_from = 0 OR (u.mask >> f.depth_from) & 1 = 1
  ),
  combined AS (
    SELECT b.indicator_id, b.unit_id, b.ws, b.we, b.depth_from, max(b.mask) AS mask, count(*)::int AS n,
           CASE WHEN i.value_type = 'boolean' OR i.time_aggregation = 'last'
                  THEN (max(ARRAY[b.pe - DATE '2000-01-01', b.value, b.numerator, b.denominator]))[2]
                WHEN i.time_aggregation = 'sum' THEN sum(b.value)
                ELSE sum(b.value * b.months) / nullif(sum(b.months), 0) END AS v,
           CASE WHEN i.time_aggregation = 'last'
                  THEN (max(ARRAY[b.pe - DATE '2000-01-01', b.value, b.numerator, b.denominator]))[3]
                ELSE sum(b.numerator) END AS num,
           CASE WHEN i.time_aggregation = 'last'
                  THEN (max(ARRAY[b.pe - DATE '2000-01-01', b.value, b.numerator, b.denominator]))[4]
                ELSE sum(b.denominator) END AS den,
           max(b.pe) AS last_end,
           bool_or(b.ps = b.ws AND b.pe = b.we) AS exact
    FROM banded b
    JOIN indicator i ON i.id = b.indicator_id
    GROUP BY b.indicator_id, b.unit_id, b.ws, b.we, b.depth_from, i.value_type, i.time_aggregation
  )
  SELECT c.indicator_id, c.unit_id, c.ws, c.we, u.depth, c.depth_from,
         coalesce(lead(c.depth_from) OVER (PARTITION BY c.indicator_id, c.unit_id, c.ws, c.we
                                           ORDER BY c.depth_from) - 1, u.depth)::int,
         c.mask <> 0, c.last_end, c.n,
         (c.v IS NOT NULL)::int, coalesce(c.v, 0), coalesce((c.v <> 0)::int, 0),
         (c.num IS NOT NULL)::int, coalesce(c.num, 0), (c.den IS NOT NULL)::int, coalesce(c.den, 0), c.exact::int
  FROM combined c
  JOIN unit u ON u.id = c.unit_id
$$;

-- Brings the rollup rows up to date for the (indicator, unit, value period) keys given (parallel arrays): the
-- keys' own (unit, window) pairs, for every standard window containing the period, and the pairs of the units
-- below whose values inside the period it may cover (looked for only when the unit has rows from units below in
-- the window, or the window has bands). Each pair's bands are recomputed by value_rollup_bands; the old ones (its
-- stored bands, or its own row as the one band from the root) are taken away and the new ones added, each at the
-- ancestors-or-self whose depth it holds; the bands are kept for the pairs whose values are covered from above.
CREATE OR REPLACE FUNCTION value_rollup_refresh(p_inds bigint[], p_units bigint[], p_starts date[], p_ends date[])
RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan SET work_mem = '128MB' SET jit = off SET enable_mergejoin = off AS $$
DECLARE
  k_ind bigint[];
  k_unit bigint[];
  k_start date[];
  k_end date[];
  e_ind bigint[];
  e_unit bigint[];
  e_start date[];
  e_end date[];
  e_below integer[];
  e_last date[];
BEGIN
  IF p_inds IS NULL OR cardinality(p_inds) = 0 THEN
    RETURN;
  END IF;
  -- One writer per indicator at a time, in id order (no deadlock between two writers of several).
  PERFORM pg_advisory_xact_lock(727008, x.id::int)
  FROM (SELECT DISTINCT id FROM unnest(p_inds) AS t(id) ORDER BY id) x;

  -- A few keys (a save from a form) run on plans made once per session: planning the statements for the keys
  -- given would cost more than running them. Many keys (an import) get plans made for them.
  PERFORM set_config('plan_cache_mode',
                     CASE WHEN cardinality(p_inds) <= 100 THEN 'force_generic_plan' ELSE 'force_custom_plan' END,
                     true);
  WITH periods AS MATERIALIZED (
    SELECT DISTINCT t.indicator_id, t.unit_id, t.ps, t.pe, w.s AS ws, w.e AS we
    FROM unnest(p_inds, p_units, p_starts, p_ends) AS t(indicator_id, unit_id, ps, pe)
    CROSS JOIN LATERAL value_rollup_windows(t.ps, t.pe) w
  ),
  keys AS (
    SELECT p.indicator_id, p.unit_id, p.ws, p.we FROM periods p
    UNION
    SELECT p.indicator_id, d.unit_id, p.ws, p.we
    FROM periods p
    JOIN unit x ON x.id = p.unit_id
    CROSS JOIN LATERAL (
      SELECT u.id FROM unit u
      WHERE u.path ~>=~ x.path AND u.path ~<~ (x.path || '~') AND u.id <> x.id OFFSET 0) u
    JOIN data_value d ON d.indicator_id = p.indicator_id AND d.unit_id = u.id
     AND d.period_start >= p.ps AND d.period_start <= p.pe AND d.period_end <= p.pe
    WHERE EXISTS (SELECT 1 FROM value_rollup r
                  WHERE r.indicator_id = p.indicator_id AND r.unit_id = p.unit_id AND r.period_start = p.ws
                    AND r.period_end = p.we AND r.below > 0)
       OR EXISTS (SELECT 1 FROM value_rollup_band b
                  WHERE b.indicator_id = p.indicator_id AND b.period_start = p.ws AND b.period_end = p.we)
  )
  SELECT array_agg(indicator_id), array_agg(unit_id), array_agg(ws), array_agg(we)
  INTO k_ind, k_unit, k_start, k_end
  FROM keys;

  PERFORM set_config('plan_cache_mode',
                     CASE WHEN cardinality(k_ind) <= 100 THEN 'force_generic_plan' ELSE 'force_custom_plan' END,
                     true);
  WITH keys AS MATERIALIZED (
    SELECT k.indicator_id, k.unit_id, k.ws, k.we, u.depth,
           string_to_array(trim(BOTH '/' FROM u.path), '/')::bigint[] AS ancestors,
           EXISTS (SELECT 1 FROM value_rollup_band b
                   WHERE b.indicator_id = k.indicator_id AND b.unit_id = k.unit_id AND b.period_start = k.ws
                     AND b.period_end = k.we) AS banded
    FROM unnest(k_ind, k_unit, k_start, k_end) AS k(indicator_id, unit_id, ws, we)
    JOIN unit u ON u.id = k.unit_id
  ),
  fresh AS MATERIALIZED (
    SELECT * FROM value_rollup_bands(k_ind, k_unit, k_start, k_end)
  ),
  delta AS (
    SELECT f.indicator_id, f.unit_id, f.period_start AS ws, f.period_end AS we, f.depth_from, f.depth_to,
           f.last_end, 1 AS units, f.vals, f.v_n, f.v_sum, f.true_count, f.num_n, f.num_sum, f.den_n, f.den_sum,
           f.exact
    FROM fresh f
    UNION ALL
    SELECT b.indicator_id, b.unit_id, b.period_start, b.period_end, b.depth_from, b.depth_to, b.last_end, -1,
           -b.vals, -b.v_n, -b.v_sum, -b.true_count, -b.num_n, -b.num_sum, -b.den_n, -b.den_sum, -b.exact
    FROM keys k
    JOIN value_rollup_band b ON b.indicator_id = k.indicator_id AND b.unit_id = k.unit_id
     AND b.period_start = k.ws AND b.period_end = k.we
    WHERE k.banded
    UNION ALL
    SELECT r.indicator_id, r.unit_id, r.period_start, r.period_end, 0, k.depth, r.last_end, -r.units, -r.vals,
           -r.v_n, -r.v_sum, -r.true_count, -r.num_n, -r.num_sum, -r.den_n, -r.den_sum, -r.exact
    FROM keys k
    JOIN value_rollup r ON r.indicator_id = k.indicator_id AND r.unit_id = k.unit_id
     AND r.period_start = k.ws AND r.period_end = k.we AND r.below = 0
    WHERE NOT k.banded
  ),
  spread AS (
    SELECT d.indicator_id, a.id AS unit_id, d.ws, d.we, k.depth - (a.pos - 1)::int AS below, d.last_end,
           sum(d.units)::int AS units, sum(d.vals)::int AS vals, sum(d.v_n)::int AS v_n, sum(d.v_sum) AS v_sum,
           sum(d.true_count)::int AS true_count, sum(d.num_n)::int AS num_n, sum(d.num_sum) AS num_sum,
           sum(d.den_n)::int AS den_n, sum(d.den_sum) AS den_sum, sum(d.exact)::int AS exact
    FROM delta d
    JOIN keys k ON k.indicator_id = d.indicator_id AND k.unit_id = d.unit_id AND k.ws = d.ws AND k.we = d.we
    CROSS JOIN LATERAL unnest(k.ancestors) WITH ORDINALITY AS a(id, pos)
    WHERE a.pos - 1 BETWEEN d.depth_from AND d.depth_to
    GROUP BY d.indicator_id, a.id, d.ws, d.we, k.depth - (a.pos - 1)::int, d.last_end
  ),
  bands_gone AS (
    DELETE FROM value_rollup_band b
    USING keys k
    WHERE k.banded AND b.indicator_id = k.indicator_id AND b.unit_id = k.unit_id AND b.period_start = k.ws
      AND b.period_end = k.we
      AND NOT EXISTS (SELECT 1 FROM fresh f
                      WHERE f.varies AND f.indicator_id = b.indicator_id AND f.unit_id = b.unit_id
                        AND f.period_start = b.period_start AND f.period_end = b.period_end
                        AND f.depth_from = b.depth_from)
  ),
  bands_kept AS (
    INSERT INTO value_rollup_band AS b (indicator_id, unit_id, period_start, period_end, depth_from, depth_to,
                                        last_end, vals, v_n, v_sum, true_count, num_n, num_sum, den_n, den_sum,
                                        exact)
    SELECT f.indicator_id, f.unit_id, f.period_start, f.period_end, f.depth_from, f.depth_to, f.last_end, f.vals,
           f.v_n, f.v_sum, f.true_count, f.num_n, f.num_sum, f.den_n, f.den_sum, f.exact
    FROM fresh f
    WHERE f.varies
    ON CONFLICT (indicator_id, unit_id, period_start, period_end, depth_from) DO UPDATE SET
      depth_to = excluded.depth_to, last_end = excluded.last_end, vals = excluded.vals, v_n = excluded.v_n,
      v_sum = excluded.v_sum, true_count = excluded.true_count, num_n = excluded.num_n,
      num_sum = excluded.num_sum, den_n = excluded.den_n, den_sum = excluded.den_sum, exact = excluded.exact
  ),
  written AS (
    INSERT INTO value_rollup AS r (indicator_id, unit_id, period_start, period_end, below, last_end, units, vals,
                                   v_n, v_sum, true_count, num_n, num_sum, den_n, den_sum, exact)
    SELECT * FROM spread s
    WHERE (s.units, s.vals, s.v_n, s.true_count, s.num_n, s.den_n, s.exact) <> (0, 0, 0, 0, 0, 0, 0)
       OR s.v_sum <> 0 OR s.num_sum <> 0 OR s.den_sum <> 0
    ON CONFLICT (indicator_id, unit_id, period_start, period_end, below, last_end) DO UPDATE SET
      units = r.units + excluded.units, vals = r.vals + excluded.vals,
      v_n = r.v_n + excluded.v_n, v_sum = r.v_sum + excluded.v_sum,
      true_count = r.true_count + excluded.true_count,
      num_n = r.num_n + excluded.num_n, num_sum = r.num_sum + excluded.num_sum,
      den_n = r.den_n + excluded.den_n, den_sum = r.den_sum + excluded.den_sum,
      exact = r.exact + excluded.exact
    RETURNING r.indicator_id, r.unit_id, r.period_start, r.period_end, r.below, r.last_end, r.units
  )
  SELECT array_agg(indicator_id), array_agg(unit_id), array_agg(period_start), array_agg(period_end),
         array_agg(below), array_agg(last_end)
  INTO e_ind, e_unit, e_start, e_end, e_below, e_last
  FROM written WHERE units = 0;

  -- Rows left with no unit are removed (every other column is then zero too).
  IF e_ind IS NOT NULL THEN
    DELETE FROM value_rollup r
    USING unnest(e_ind, e_unit, e_start, e_end, e_below, e_last)
          AS e(indicator_id, unit_id, period_start, period_end, below, last_end)
    WHERE r.indicator_id = e.indicator_id AND r.unit_id = e.unit_id AND r.period_start = e.period_start
      AND r.period_end = e.period_end AND r.below = e.below AND r.last_end = e.last_end AND r.units = 0;
  END IF;
END
$$;

-- Recomputes every row of the indicators given from data_value, one indicator at a time and set-based: the
-- indicator's rows and bands deleted, its bands computed once by value_rollup_bands, then the bands kept, the own
-- rows and the rows of the units above each written by one INSERT (no row is written twice). Settings for these
-- few large statements, local to the function: no JIT, room to sort and hash in memory.
CREATE OR REPLACE FUNCTION value_rollup_rebuild(p_inds bigint[])
RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan SET work_mem = '256MB' SET jit = off
SET max_parallel_workers_per_gather = 0 AS $$
DECLARE
  ind bigint;
BEGIN
  FOR ind IN SELECT id FROM indicator WHERE id = ANY (p_inds) ORDER BY id LOOP
    PERFORM pg_advisory_xact_lock(727008, ind::int);
    DELETE FROM value_rollup WHERE indicator_id = ind;
    DELETE FROM value_rollup_band WHERE indicator_id = ind;
    WITH b AS MATERIALIZED (
      SELECT f.*, string_to_array(trim(BOTH '/' FROM u.path), '/')::bigint[] AS ancestors
      FROM value_rollup_bands(ARRAY[ind], NULL, NULL, NULL) f
      JOIN unit u ON u.id = f.unit_id
    ),
    kept AS (
      INSERT INTO value_rollup_band (indicator_id, unit_id, period_start, period_end, depth_from, depth_to,
                                     last_end, vals, v_n, v_sum, true_count, num_n, num_sum, den_n, den_sum, exact)
      SELECT b.indicator_id, b.unit_id, b.period_start, b.period_end, b.depth_from, b.depth_to, b.last_end, b.vals,
             b.v_n, b.v_sum, b.true_count, b.num_n, b.num_sum, b.den_n, b.den_sum, b.exact
      FROM b WHERE b.varies
    )
    INSERT INTO value_rollup (indicator_id, unit_id, period_start, period_end, below, last_end, units, vals, v_n,
                              v_sum, true_count, num_n, num_sum, den_n, den_sum, exact)
    SELECT b.indicator_id, b.unit_id, b.period_start, b.period_end, 0, b.last_end, 1, b.vals, b.v_n, b.v_sum,
           b.true_count, b.num_n, b.num_sum, b.den_n, b.den_sum, b.exact
    FROM b WHERE b.depth_to = b.depth
    UNION ALL
    SELECT b.indicator_id, a.id, b.period_start, b.period_end, b.depth - (a.pos - 1)::int, b.last_end,
           count(*)::int, sum(b.vals)::int, sum(b.v_n)::int, sum(b.v_sum), sum(b.true_count)::int,
           sum(b.num_n)::int, sum(b.num_sum), sum(b.den_n)::int, sum(b.den_sum), sum(b.exact)::int
    FROM b
    CROSS JOIN LATERAL unnest(b.ancestors) WITH ORDINALITY AS a(id, pos)
    WHERE a.pos - 1 BETWEEN b.depth_from AND b.depth_to AND a.pos - 1 < b.depth
    GROUP BY b.indicator_id, a.id, b.period_start, b.period_end, b.depth - (a.pos - 1)::int, b.last_end;
  END LOOP;
END
$$;

-- A TRUNCATE of the values fires none of their row or statement triggers: it empties the rows, the bands and the
-- keys waiting for a flush built from them, in the same transaction.
CREATE FUNCTION value_rollup_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE value_rollup, value_rollup_band, value_rollup_pending;
  RETURN NULL;
END
$$;

CREATE TRIGGER data_value_rollup_truncate AFTER TRUNCATE ON data_value
  FOR EACH STATEMENT EXECUTE FUNCTION value_rollup_truncate();

-- Every indicator's rows and bands, built anew in the new layout.
TRUNCATE value_rollup;
SELECT value_rollup_rebuild(array_agg(id ORDER BY id)) FROM indicator;
