-- Aggregates maintained on write (issue 4, "live at national scale"; docs/domain.md §4).
--
-- value_rollup holds, for an indicator, a unit U and a window W (a month, quarter, half-year or year that contains
-- at least one value), the values below U and inside W combined per unit over time (the indicator's time
-- aggregation, a value covering another at the same unit winning) and added up by how many levels below U the
-- units they came from sit and by the last day their values cover. A unit's own row (0 levels below) is its
-- combination over time; the rows of its ancestors are sums of such rows, so every column adds up and a change
-- is a difference.
--
-- The rows change in the same statement as the values, by triggers on data_value: they are never out of date,
-- whatever writes the values (form, API, import, CLI, SQL). A statement recomputes the own rows of the (unit,
-- window) pairs it touched from data_value, and adds the difference from the stored own rows to the unit and
-- every unit above it. Writers of one indicator take a transaction lock on it first, so each reads the own
-- rows its predecessor committed. A moved unit, or an indicator whose value type or time aggregation changes,
-- rebuilds the indicators concerned.
--
-- Reading (src/store/aggregate.queries.ts) adds a request's rows up. When they come from units at more than one
-- level, a value may be covered by a value entered above it ("entered wins over derived"), which depends on the
-- unit asked for: such requests, and windows of other shapes, are computed from the values instead.
-- src/store/value-rollup.test.ts compares the two on random values at every level.

CREATE TABLE value_rollup (
  indicator_id bigint NOT NULL,
  unit_id      bigint NOT NULL,
  period_start date NOT NULL,
  period_end   date NOT NULL,
  -- How many levels below the unit sit the units whose combinations this row adds up: 0 is the unit's own row.
  below        integer NOT NULL,
  -- The last day covered by the latest value used, per unit (a forecast of a stock needs the maximum).
  last_end     date NOT NULL,
  units        integer NOT NULL,
  vals         integer NOT NULL,
  -- Per unit: the combined value, the numerator and denominator (ratios, sums or latest), each with the
  -- count of units where it is not null, so a sum of nothing stays null when read.
  v_n          integer NOT NULL,
  v_sum        numeric NOT NULL,
  true_count   integer NOT NULL,
  num_n        integer NOT NULL,
  num_sum      numeric NOT NULL,
  den_n        integer NOT NULL,
  den_sum      numeric NOT NULL,
  -- Units with a value entered for exactly the window (read on the unit's own row: "entered").
  exact        integer NOT NULL,
  PRIMARY KEY (indicator_id, unit_id, period_start, period_end, below, last_end)
);

-- The standard windows (month, quarter, half-year, year) that contain a period, as rows (s, e).
CREATE FUNCTION value_rollup_windows(ps date, pe date)
RETURNS TABLE (s date, e date) LANGUAGE sql IMMUTABLE AS $$
  SELECT w.s, (w.s + w.len)::date - 1
  FROM (VALUES
    (date_trunc('month', ps)::date, interval '1 month'),
    (date_trunc('quarter', ps)::date, interval '3 months'),
    (make_date(extract(year FROM ps)::int, CASE WHEN extract(month FROM ps) <= 6 THEN 1 ELSE 7 END, 1),
     interval '6 months'),
    (date_trunc('year', ps)::date, interval '1 year')
  ) AS w(s, len)
  WHERE w.s <= ps AND (w.s + w.len)::date - 1 >= pe
$$;

-- Recomputes the own rows of every (indicator, unit) value period given, for every window containing it, and
-- carries the differences up the tree. The arrays are parallel: one entry per value period touched.
CREATE FUNCTION value_rollup_refresh(p_inds bigint[], p_units bigint[], p_starts date[], p_ends date[])
RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan SET work_mem = '64MB' SET jit = off AS $$
DECLARE
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

  WITH touched AS MATERIALIZED (
    SELECT k.*, string_to_array(trim(BOTH '/' FROM u.path), '/')::bigint[] AS ancestors
    FROM (SELECT DISTINCT t.indicator_id, t.unit_id, w.s AS ws, w.e AS we
          FROM unnest(p_inds, p_units, p_starts, p_ends) AS t(indicator_id, unit_id, ps, pe)
          CROSS JOIN LATERAL value_rollup_windows(t.ps, t.pe) w) k
    JOIN unit u ON u.id = k.unit_id
  ),
  cand AS (
    SELECT k.indicator_id, k.unit_id, k.ws, k.we, d.period_start, d.period_end, d.value, d.numerator,
           d.denominator,
           (extract(year FROM d.period_end) * 12 + extract(month FROM d.period_end))
             - (extract(year FROM d.period_start) * 12 + extract(month FROM d.period_start)) + 1 AS months
    FROM touched k
    JOIN data_value d ON d.indicator_id = k.indicator_id AND d.unit_id = k.unit_id
     AND d.period_start >= k.ws AND d.period_start <= k.we AND d.period_end <= k.we
  ),
  ranked AS (
    SELECT c.*,
           max(c.period_end) OVER (PARTITION BY c.indicator_id, c.unit_id, c.ws, c.we
                                   ORDER BY c.period_start, c.period_end DESC
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS covered_to
    FROM cand c
  ),
  per_unit AS (
    SELECT u.indicator_id, u.unit_id, u.ws, u.we, count(*)::int AS n,
           CASE WHEN i.value_type = 'boolean' OR i.time_aggregation = 'last'
                  THEN (array_agg(ARRAY[u.value, u.numerator, u.denominator] ORDER BY u.period_end DESC))[1][1]
                WHEN i.time_aggregation = 'sum' THEN sum(u.value)
                ELSE sum(u.value * u.months) / nullif(sum(u.months), 0) END AS v,
           CASE WHEN i.time_aggregation = 'last'
                  THEN (array_agg(ARRAY[u.value, u.numerator, u.denominator] ORDER BY u.period_end DESC))[1][2]
                ELSE sum(u.numerator) END AS num,
           CASE WHEN i.time_aggregation = 'last'
                  THEN (array_agg(ARRAY[u.value, u.numerator, u.denominator] ORDER BY u.period_end DESC))[1][3]
                ELSE sum(u.denominator) END AS den,
           max(u.period_end) AS last_end,
           bool_or(u.period_start = u.ws AND u.period_end = u.we) AS exact
    FROM ranked u
    JOIN indicator i ON i.id = u.indicator_id
    WHERE u.covered_to IS NULL OR u.covered_to < u.period_end
    GROUP BY u.indicator_id, u.unit_id, u.ws, u.we, i.value_type, i.time_aggregation
  ),
  delta AS (
    SELECT p.indicator_id, p.unit_id, p.ws, p.we, p.last_end, 1 AS units, p.n AS vals,
           (p.v IS NOT NULL)::int AS v_n, coalesce(p.v, 0) AS v_sum, coalesce((p.v <> 0)::int, 0) AS true_count,
           (p.num IS NOT NULL)::int AS num_n, coalesce(p.num, 0) AS num_sum,
           (p.den IS NOT NULL)::int AS den_n, coalesce(p.den, 0) AS den_sum, p.exact::int AS exact
    FROM per_unit p
    UNION ALL
    SELECT r.indicator_id, r.unit_id, r.period_start, r.period_end, r.last_end, -r.units, -r.vals,
           -r.v_n, -r.v_sum, -r.true_count, -r.num_n, -r.num_sum, -r.den_n, -r.den_sum, -r.exact
    FROM touched k
    JOIN value_rollup r ON r.indicator_id = k.indicator_id AND r.unit_id = k.unit_id
     AND r.period_start = k.ws AND r.period_end = k.we AND r.below = 0
  ),
  spread AS (
    SELECT d.indicator_id, a.id AS unit_id, d.ws, d.we, cardinality(k.ancestors) - a.pos AS below, d.last_end,
           sum(d.units)::int AS units, sum(d.vals)::int AS vals, sum(d.v_n)::int AS v_n, sum(d.v_sum) AS v_sum,
           sum(d.true_count)::int AS true_count, sum(d.num_n)::int AS num_n, sum(d.num_sum) AS num_sum,
           sum(d.den_n)::int AS den_n, sum(d.den_sum) AS den_sum, sum(d.exact)::int AS exact
    FROM delta d
    JOIN touched k ON k.indicator_id = d.indicator_id AND k.unit_id = d.unit_id AND k.ws = d.ws AND k.we = d.we
    CROSS JOIN LATERAL unnest(k.ancestors) WITH ORDINALITY AS a(id, pos)
    GROUP BY d.indicator_id, a.id, d.ws, d.we, cardinality(k.ancestors) - a.pos, d.last_end
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

-- Recomputes every row of the indicators given from data_value, one indicator at a time.
CREATE FUNCTION value_rollup_rebuild(p_inds bigint[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  ind bigint;
BEGIN
  FOR ind IN SELECT id FROM indicator WHERE id = ANY (p_inds) ORDER BY id LOOP
    PERFORM pg_advisory_xact_lock(727008, ind::int);
    DELETE FROM value_rollup WHERE indicator_id = ind;
    PERFORM value_rollup_refresh(array_agg(d.indicator_id), array_agg(d.unit_id), array_agg(d.period_start),
                                 array_agg(d.period_end))
    FROM data_value d WHERE d.indicator_id = ind;
  END LOOP;
END
$$;

-- The rows a statement inserted or deleted: both triggers name their transition table value_rollup_changed.
CREATE FUNCTION value_rollup_after_insert_or_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM value_rollup_refresh(array_agg(c.indicator_id), array_agg(c.unit_id), array_agg(c.period_start),
                               array_agg(c.period_end))
  FROM value_rollup_changed c;
  RETURN NULL;
END
$$;

-- An update touches the rollups only when what they are computed from changed (not a comment or a review state).
CREATE FUNCTION value_rollup_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM value_rollup_refresh(array_agg(x.indicator_id), array_agg(x.unit_id), array_agg(x.period_start),
                               array_agg(x.period_end))
  FROM value_rollup_old o
  JOIN value_rollup_new n ON n.id = o.id
  CROSS JOIN LATERAL (VALUES (o.indicator_id, o.unit_id, o.period_start, o.period_end),
                             (n.indicator_id, n.unit_id, n.period_start, n.period_end))
       AS x(indicator_id, unit_id, period_start, period_end)
  WHERE (o.indicator_id, o.unit_id, o.period_start, o.period_end, o.value, o.numerator, o.denominator)
        IS DISTINCT FROM (n.indicator_id, n.unit_id, n.period_start, n.period_end, n.value, n.numerator,
                          n.denominator);
  RETURN NULL;
END
$$;

CREATE TRIGGER data_value_rollup_insert AFTER INSERT ON data_value
  REFERENCING NEW TABLE AS value_rollup_changed
  FOR EACH STATEMENT EXECUTE FUNCTION value_rollup_after_insert_or_delete();
CREATE TRIGGER data_value_rollup_update AFTER UPDATE ON data_value
  REFERENCING OLD TABLE AS value_rollup_old NEW TABLE AS value_rollup_new
  FOR EACH STATEMENT EXECUTE FUNCTION value_rollup_after_update();
CREATE TRIGGER data_value_rollup_delete AFTER DELETE ON data_value
  REFERENCING OLD TABLE AS value_rollup_changed
  FOR EACH STATEMENT EXECUTE FUNCTION value_rollup_after_insert_or_delete();

-- A unit whose place in the tree changed (its path; its descendants' paths change with it) moves its values'
-- contributions: the indicators with values at such units are rebuilt.
CREATE FUNCTION value_rollup_after_unit_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM value_rollup_rebuild(array_agg(DISTINCT d.indicator_id))
  FROM value_rollup_units_old o
  JOIN value_rollup_units_new n ON n.id = o.id AND (n.path, n.depth) IS DISTINCT FROM (o.path, o.depth)
  JOIN data_value d ON d.unit_id = n.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER unit_rollup_update AFTER UPDATE ON unit
  REFERENCING OLD TABLE AS value_rollup_units_old NEW TABLE AS value_rollup_units_new
  FOR EACH STATEMENT EXECUTE FUNCTION value_rollup_after_unit_update();

-- How an indicator combines its values decides every row: a change rebuilds it.
CREATE FUNCTION value_rollup_after_indicator_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM value_rollup_rebuild(ARRAY[NEW.id]);
  RETURN NULL;
END
$$;

CREATE TRIGGER indicator_rollup_update AFTER UPDATE OF value_type, time_aggregation ON indicator
  FOR EACH ROW WHEN ((OLD.value_type, OLD.time_aggregation) IS DISTINCT FROM (NEW.value_type, NEW.time_aggregation))
  EXECUTE FUNCTION value_rollup_after_indicator_update();

SELECT value_rollup_rebuild(array_agg(id)) FROM indicator;
