import { periodOfDates } from '../domain/period.js';
import type { RollupGap, RollupResult } from '../domain/rollup-reference.js';
import type { Db, Queryable } from './db.js';
import { readRollupStatus } from './rollup-state.queries.js';

/**
 * One value to compute: an indicator at a unit over a period (given by its first and last day). `key` ties
 * the answer to the question; many requests go to the database in one query.
 */
export interface AggregateRequest {
  key: number;
  indicatorId: number;
  unitId: number;
  periodStart: string;
  periodEnd: string;
}

/** Why a request has no value although values were entered below the unit. */
export type AggregateGap = RollupGap;

/**
 * The value of an indicator at a unit over a period, as the database computed it (docs/domain.md §4):
 * - `value`: count/money the sum; ratio 100 × Σnumerator / Σdenominator; boolean the count of units whose value
 *   is true; percent/number the unit's own value (over time only); null when nothing was used;
 * - `numerator`/`denominator`: a ratio's summed parts; for a boolean, the true count and the count of units;
 * - `source`: `entered` when a value was entered at exactly this unit and period, `derived` when it was combined
 *   from values below the unit and/or inside the period, null when there is none;
 * - `valueCount`: data values used; `unitCount`: units they belong to; `ignoredCount`: values below the unit left
 *   out because the type does not roll up (percent, number);
 * - `lastEnd`: the last day covered by the latest value used (for forecasts of stocks).
 */
export type AggregateResult = RollupResult;

/**
 * From this many units below an indicator's top roots, one range scan of its values in the window costs less
 * than looking them up unit by unit (when the values are no more than the units): a province's tree, not a commune's.
 */
const RANGE_SCAN_MIN_UNITS = 200;

/**
 * The values of data_value that an aggregation uses (docs/domain.md §4), found once for all the requests that share an
 * indicator and a period (a window `g`), however many units ask — a national evaluation asks for thousands:
 * - fetch, per indicator and year, the values inside the union of its windows below the request units that no
 *   other request unit of it contains (top roots: disjoint subtrees). When the top roots hold
 *   RANGE_SCAN_MIN_UNITS units or more and the indicator has no more values in that window, anywhere, than there
 *   are units below them: by one range scan of the (indicator, period) index, keeping the values whose unit lies below a top root (a national
 *   evaluation); otherwise unit by unit below each top root (the path index), through the (indicator, unit,
 *   period_start) index of migration 0007. The OFFSET 0 fences keep the planner, which cannot estimate the
 *   requests, from joining every request with every value. Request keys are looked up in jsonb maps rather than
 *   joined, for the same reason (with an estimate of one row for hundreds of thousands, it chose nested loops);
 * - each window takes the fetched values inside it;
 * - a value is dropped when another value of its window at the same unit covers its period (a running maximum
 *   of period ends, periods sorted by start, longer first); and, for a request at unit U, when a value at a unit
 *   above it but still within U covers it ("entered wins over derived" at every level: a commune's S1 value
 *   stands for its quarters and its villages). For the latter each value keeps `cover_depth`, the depth of the
 *   deepest unit above it holding a covering value (equality joins on the ancestors read from the path, only for
 *   the values below the highest unit holding a value of the window — none when all sit at one level); a request
 *   at depth d uses the value when cover_depth is null or < d;
 * - what is left for a request is disjoint in units × time, so nothing is counted twice.
 * Paths hold digits and '/', both below '~', so `root <= path < root || '~'` is exactly "path starts with root".
 */
const FETCH_SQL = `
  req AS MATERIALIZED (
    SELECT r.k, r.indicator_id, r.unit_id, r.p_start, r.p_end, u.path AS root_path, u.depth AS root_depth,
           extract(year FROM r.p_start)::int AS yr,
           (dense_rank() OVER (ORDER BY r.indicator_id, r.p_start, r.p_end))::int AS g,
           i.value_type, i.time_aggregation
    FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::date[], $5::date[])
         AS r(k, indicator_id, unit_id, p_start, p_end)
    JOIN unit u ON u.id = r.unit_id
    JOIN indicator i ON i.id = r.indicator_id
  ),
  win AS MATERIALIZED (
    SELECT DISTINCT g, indicator_id, yr, p_start, p_end, value_type, time_aggregation FROM req
  ),
  maps AS MATERIALIZED (
    SELECT (SELECT jsonb_object_agg(g || ':' || unit_id, ks)
            FROM (SELECT g, unit_id, jsonb_agg(k) AS ks FROM req GROUP BY g, unit_id) x) AS requests,
           (SELECT jsonb_object_agg(indicator_id || ':' || yr || ':' || unit_id, true)
            FROM (SELECT DISTINCT indicator_id, yr, unit_id FROM req) x) AS roots
  ),
  top_roots AS MATERIALIZED (
    SELECT a.indicator_id, a.yr, a.unit_id, a.root_path
    FROM (SELECT DISTINCT indicator_id, yr, unit_id, root_path FROM req) a
    WHERE NOT EXISTS (
      SELECT 1 FROM unnest(string_to_array(trim(BOTH '/' FROM a.root_path), '/')) AS x(anc)
      WHERE x.anc <> a.unit_id::text
        AND (SELECT roots FROM maps) ? (a.indicator_id || ':' || a.yr || ':' || x.anc))
  ),
  root_size AS MATERIALIZED (
    SELECT t.unit_id,
           (SELECT count(*) FROM unit u WHERE u.path ~>=~ t.root_path AND u.path ~<~ (t.root_path || '~')) AS units
    FROM (SELECT DISTINCT unit_id, root_path FROM top_roots) t
  ),
  fetch_plan AS MATERIALIZED (
    SELECT f.*,
           f.units >= ${RANGE_SCAN_MIN_UNITS} AND (
             SELECT count(*) FROM (
               SELECT 1 FROM data_value d
               WHERE d.indicator_id = f.indicator_id AND d.period_start >= f.f_start AND d.period_start <= f.f_end
               LIMIT f.units + 1) x) <= f.units AS scan
    FROM (
      SELECT t.indicator_id, t.yr, min(w.f_start) AS f_start, max(w.f_end) AS f_end, sum(s.units) AS units,
             count(*) AS roots, min(t.root_path) AS one_root, jsonb_object_agg(t.unit_id::text, true) AS top
      FROM top_roots t
      JOIN root_size s ON s.unit_id = t.unit_id
      JOIN (SELECT indicator_id, yr, min(p_start) AS f_start, max(p_end) AS f_end FROM win GROUP BY 1, 2) w
        ON w.indicator_id = t.indicator_id AND w.yr = t.yr
      GROUP BY t.indicator_id, t.yr
    ) f
  ),
  fetched AS MATERIALIZED (
    SELECT f.indicator_id, f.yr, d.id, d.unit_id, u.path, u.depth, d.period_start, d.period_end, d.value,
           d.numerator, d.denominator
    FROM fetch_plan f
    CROSS JOIN LATERAL (
      SELECT d.id, d.unit_id, d.period_start, d.period_end, d.value, d.numerator, d.denominator
      FROM data_value d
      WHERE f.scan AND d.indicator_id = f.indicator_id
        AND d.period_start >= f.f_start AND d.period_start <= f.f_end AND d.period_end <= f.f_end
      OFFSET 0) d
    JOIN unit u ON u.id = d.unit_id
    WHERE (f.roots = 1 AND u.path ~>=~ f.one_root AND u.path ~<~ (f.one_root || '~'))
       OR (f.roots > 1 AND EXISTS (
             SELECT 1 FROM unnest(string_to_array(trim(BOTH '/' FROM u.path), '/')) AS x(anc) WHERE f.top ? x.anc))
    UNION ALL
    SELECT f.indicator_id, f.yr, dv.id, dv.unit_id, u.path, u.depth, dv.period_start, dv.period_end, dv.value,
           dv.numerator, dv.denominator
    FROM fetch_plan f
    JOIN top_roots t ON t.indicator_id = f.indicator_id AND t.yr = f.yr AND NOT f.scan
    CROSS JOIN LATERAL (
      SELECT u.id, u.path, u.depth FROM unit u
      WHERE u.path ~>=~ t.root_path AND u.path ~<~ (t.root_path || '~') OFFSET 0) u
    CROSS JOIN LATERAL (
      SELECT d.id, d.unit_id, d.period_start, d.period_end, d.value, d.numerator, d.denominator
      FROM data_value d
      WHERE d.indicator_id = f.indicator_id AND d.unit_id = u.id
        AND d.period_start >= f.f_start AND d.period_start <= f.f_end AND d.period_end <= f.f_end
      OFFSET 0) dv
  )`;

/**
 * The values a request uses, one by one, for provenance (`usedValues`): the values fetched by FETCH_SQL inside
 * each window, less those covered at the same unit and — for a request at unit U — those covered by a value at a
 * unit above them but still within U (the rule of value_rollup_bands, migration 0018, read value by value).
 */
const USED_VALUES_SQL = `
  ${FETCH_SQL},
  cand AS MATERIALIZED (
    SELECT w.g, c.id, c.unit_id, c.path, c.depth, c.period_start, c.period_end, c.value, c.numerator,
           c.denominator,
           (extract(year FROM c.period_end) * 12 + extract(month FROM c.period_end))
             - (extract(year FROM c.period_start) * 12 + extract(month FROM c.period_start)) + 1 AS months
    FROM fetched c
    JOIN win w ON w.indicator_id = c.indicator_id AND w.yr = c.yr
     AND c.period_start >= w.p_start AND c.period_end <= w.p_end
  ),
  top_depth AS MATERIALIZED (
    SELECT array_agg(t.depth ORDER BY w.g) AS by_window
    FROM win w LEFT JOIN (SELECT g, min(depth) AS depth FROM cand GROUP BY g) t ON t.g = w.g
  ),
  deep AS MATERIALIZED (
    SELECT c.g, c.id, c.path, c.depth, c.period_start, c.period_end,
           (SELECT by_window FROM top_depth)[c.g] AS top
    FROM cand c
    WHERE c.depth > (SELECT by_window FROM top_depth)[c.g]
  ),
  cover AS MATERIALIZED (
    SELECT c.g, c.id, max(a.pos - 1)::int AS cover_depth
    FROM deep c
    CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM c.path), '/')::bigint[])
         WITH ORDINALITY AS a(ancestor_id, pos)
    JOIN cand d ON d.g = c.g AND d.unit_id = a.ancestor_id
     AND d.period_start <= c.period_start AND d.period_end >= c.period_end
    WHERE a.pos - 1 >= c.top AND a.pos - 1 < c.depth
    GROUP BY c.g, c.id
  ),
  ranked AS (
    SELECT c.*, cv.cover_depth,
           max(c.period_end) OVER (PARTITION BY c.g, c.unit_id ORDER BY c.period_start, c.period_end DESC
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS covered_to,
           bool_or(cv.cover_depth IS NOT NULL) OVER (PARTITION BY c.g, c.unit_id) AS varies
    FROM cand c LEFT JOIN cover cv ON cv.g = c.g AND cv.id = c.id
  ),
  used_g AS MATERIALIZED (
    SELECT c.g, c.id, c.unit_id, c.path, c.period_start, c.period_end, c.value, c.numerator, c.denominator,
           c.months, c.cover_depth, c.varies
    FROM ranked c
    WHERE c.covered_to IS NULL OR c.covered_to < c.period_end
  )`;

/** The answer to a request from its parts added up (`rolled`), by value type (docs/domain.md §4). */
const FINAL_SELECT = `
  SELECT k,
         CASE value_type
           WHEN 'ratio' THEN 100 * num_sum / nullif(den_sum, 0)
           WHEN 'boolean' THEN CASE WHEN units_all > 0 THEN true_count END
           WHEN 'percent' THEN v_own
           WHEN 'number' THEN v_own
           ELSE v_sum END AS value,
         CASE value_type WHEN 'ratio' THEN num_sum
           WHEN 'boolean' THEN CASE WHEN units_all > 0 THEN true_count END END AS numerator,
         CASE value_type WHEN 'ratio' THEN den_sum
           WHEN 'boolean' THEN CASE WHEN units_all > 0 THEN units_all END END AS denominator,
         CASE WHEN own_only THEN values_own ELSE values_all END AS "valueCount",
         CASE WHEN own_only THEN units_own ELSE units_all END AS "unitCount",
         CASE WHEN own_only THEN values_all - values_own ELSE 0 END AS "ignoredCount",
         (CASE WHEN own_only THEN last_end_own ELSE last_end_all END)::text AS "lastEnd",
         entered,
         CASE WHEN value_type = 'ratio' AND units_all > 0 AND den_sum = 0 THEN 'zeroDenominator'
              WHEN value_type = 'percent' AND units_own = 0 AND units_all > 0 THEN 'percentNotAggregable'
              WHEN value_type = 'number' AND units_own = 0 AND units_all > 0 THEN 'numberMethodNotStated'
         END AS gap
  FROM rolled`;

/**
 * A request's parts added up: rows `x` in the columns of value_rollup, each joined to its request `r` (`below` 0
 * for the unit's own, which alone counts for percent and number), then answered by FINAL_SELECT. `from` joins
 * every request to its rows.
 */
const ROLLED_SQL = (from: string) => `
  rolled AS (
    SELECT r.k, r.value_type, r.value_type IN ('percent', 'number') AS own_only,
           coalesce(sum(x.units), 0)::int AS units_all,
           coalesce(sum(x.units) FILTER (WHERE x.below = 0), 0)::int AS units_own,
           coalesce(sum(x.vals), 0)::int AS values_all,
           coalesce(sum(x.vals) FILTER (WHERE x.below = 0), 0)::int AS values_own,
           CASE WHEN sum(x.v_n) > 0 THEN sum(x.v_sum) END AS v_sum,
           CASE WHEN sum(x.v_n) FILTER (WHERE x.below = 0) > 0 THEN sum(x.v_sum) FILTER (WHERE x.below = 0) END
             AS v_own,
           coalesce(sum(x.true_count), 0)::int AS true_count,
           CASE WHEN sum(x.num_n) > 0 THEN sum(x.num_sum) END AS num_sum,
           CASE WHEN sum(x.den_n) > 0 THEN sum(x.den_sum) END AS den_sum,
           max(x.last_end) AS last_end_all,
           max(x.last_end) FILTER (WHERE x.below = 0) AS last_end_own,
           coalesce(sum(x.exact) FILTER (WHERE x.below = 0) > 0, false) AS entered
    FROM ${from}
    GROUP BY r.k, r.value_type
  )
  ${FINAL_SELECT}`;

/**
 * The (indicator, unit, window) keys of the values the requests may use: every unit with a value inside a
 * requested window below a requested unit (FETCH_SQL), as four parallel arrays for value_rollup_bands.
 */
const FROM_VALUES_KEYS_SQL = `
  WITH ${FETCH_SQL}
  SELECT array_agg(k.indicator_id) AS inds, array_agg(k.unit_id) AS units, array_agg(k.p_start::text) AS starts,
         array_agg(k.p_end::text) AS ends
  FROM (SELECT DISTINCT w.indicator_id, c.unit_id, w.p_start, w.p_end
        FROM fetched c
        JOIN win w ON w.indicator_id = c.indicator_id AND w.yr = c.yr
         AND c.period_start >= w.p_start AND c.period_end <= w.p_end) k`;

/**
 * The answers computed from the values: each unit's bands (value_rollup_bands of migration 0018, the one
 * definition of a unit's combination over time and of "entered wins over derived", also behind the rollup rows),
 * each spread to the requested units above it or at it whose depth it holds, added up as the rollup rows are.
 * $1–$5 are the requests, $6–$9 the keys of FROM_VALUES_KEYS_SQL. The bands are spread to the units above them
 * first (`banded`, materialized), so that they meet the requests on all four columns at once: joined to the
 * requests on indicator and window alone, then filtered by unit, 3,356 requests of one indicator took 50 s
 * instead of 0.5 s.
 */
const FROM_VALUES_SQL = `
  WITH req AS MATERIALIZED (
    SELECT r.k, r.indicator_id, r.unit_id, r.p_start, r.p_end, u.depth, i.value_type
    FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::date[], $5::date[])
         AS r(k, indicator_id, unit_id, p_start, p_end)
    JOIN unit u ON u.id = r.unit_id
    JOIN indicator i ON i.id = r.indicator_id
  ),
  banded AS MATERIALIZED (
    SELECT b.indicator_id, b.period_start, b.period_end, b.depth, a.id AS above_id, b.vals, b.v_n, b.v_sum,
           b.true_count, b.num_n, b.num_sum, b.den_n, b.den_sum, b.last_end, b.exact
    FROM value_rollup_bands($6::bigint[], $7::bigint[], $8::date[], $9::date[]) b
    JOIN unit u ON u.id = b.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM u.path), '/')::bigint[]) WITH ORDINALITY
         AS a(id, pos)
    WHERE a.pos - 1 BETWEEN b.depth_from AND b.depth_to
  ),
  spread AS (
    SELECT r.k, b.depth - r.depth AS below, 1 AS units, b.vals, b.v_n, b.v_sum, b.true_count, b.num_n, b.num_sum,
           b.den_n, b.den_sum, b.last_end, b.exact
    FROM banded b
    JOIN req r ON r.indicator_id = b.indicator_id AND r.unit_id = b.above_id AND r.p_start = b.period_start
     AND r.p_end = b.period_end
  ),
  ${ROLLED_SQL('req r LEFT JOIN spread x ON x.k = r.k')}`;

/**
 * The same answers read from the rollup rows (migrations 0008 and 0018, table value_rollup, kept on write): a
 * request's rows added up, the unit's own row (`below` = 0) giving what only the unit itself has. The rows at a
 * unit hold exactly what a request there uses, whatever the levels the values were entered at.
 */
const ROLLUP_ROWS_SQL = `
  WITH req AS (
    SELECT r.k, r.indicator_id, r.unit_id, r.p_start, r.p_end, i.value_type
    FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::date[], $5::date[])
         AS r(k, indicator_id, unit_id, p_start, p_end)
    JOIN indicator i ON i.id = r.indicator_id
  ),
  ${ROLLED_SQL(`req r
    LEFT JOIN value_rollup x ON x.indicator_id = r.indicator_id AND x.unit_id = r.unit_id
     AND x.period_start = r.p_start AND x.period_end = r.p_end`)}`;

/**
 * Requests from this many on (a national evaluation, not a dashboard) read the rollup rows in a
 * transaction of their own analytic settings, worth its extra round trips only for a statement that large.
 */
const ANALYTIC_SETTINGS_MIN_REQUESTS = 1000;

/**
 * Runs `fn` with settings for this one analytic statement, local to a transaction (the caller's, or one of its
 * own when given the database): no JIT compilation — for a statement of this size PostgreSQL's JIT spends seconds
 * compiling what runs in a fraction of that — and room to sort and hash the values of a national evaluation in
 * memory rather than in temporary files.
 */
async function withAnalyticSettings<T>(q: Queryable | Db, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const run = async (tx: Queryable): Promise<T> => {
    await tx.exec(`SET LOCAL jit = off; SET LOCAL work_mem = '64MB'`);
    return fn(tx);
  };
  return 'transaction' in q ? q.transaction(run) : run(q);
}

function params(requests: readonly AggregateRequest[]) {
  return [
    requests.map((r) => r.key),
    requests.map((r) => r.indicatorId),
    requests.map((r) => r.unitId),
    requests.map((r) => r.periodStart),
    requests.map((r) => r.periodEnd),
  ];
}

interface AggregateRow {
  k: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  valueCount: number;
  unitCount: number;
  ignoredCount: number;
  lastEnd: string | null;
  entered: boolean;
  gap: AggregateGap;
}

/** How `aggregateValues` finds its answers. */
export interface AggregateOptions {
  /**
   * Compute every answer from the values (data_value) rather than from the rollup rows: the full recomputation
   * the rollup rows are checked against. Default false.
   */
  fromValues?: boolean;
}

function toResult(request: AggregateRequest, row: AggregateRow | undefined): AggregateResult {
  const value = row?.value ?? null;
  const valueCount = row?.valueCount ?? 0;
  return {
    key: request.key,
    value,
    numerator: row?.numerator ?? null,
    denominator: row?.denominator ?? null,
    source: row?.entered ? 'entered' : valueCount > 0 ? 'derived' : null,
    valueCount,
    unitCount: row?.unitCount ?? 0,
    ignoredCount: row?.ignoredCount ?? 0,
    lastEnd: row?.lastEnd ?? null,
    gap: row?.gap ?? null,
  };
}

/**
 * Computes every requested value (docs/domain.md §4), up to date: a saved value shows in the next read. Requests for a month,
 * quarter, half-year or year are read from the rollup rows, kept on write in the same transaction as the
 * values (migrations 0008 and 0018), whatever the levels the values were entered at; the others are computed from
 * the values inside the database, by the same definition (value_rollup_bands).
 * While the rollup rows are being rebuilt (`dxmon rollup rebuild`, migration 0010) every request is computed from
 * the values. Answers come back in the order of the requests.
 */
export async function aggregateValues(
  q: Queryable,
  requests: readonly AggregateRequest[],
  options: AggregateOptions = {},
): Promise<AggregateResult[]> {
  return (await aggregateValuesWithSource(q, requests, options)).results;
}

/** The answers of `aggregateValues`, and whether all of them were computed from the values because of a rebuild. */
export interface AggregateAnswers {
  results: AggregateResult[];
  /** True when the rollup rows are being rebuilt, so that no answer came from them. */
  rollupRebuilding: boolean;
}

/** `aggregateValues`, saying whether a rebuild of the rollup rows kept them out of the answers. */
export async function aggregateValuesWithSource(
  q: Queryable,
  requests: readonly AggregateRequest[],
  options: AggregateOptions = {},
): Promise<AggregateAnswers> {
  if (requests.length === 0) return { results: [], rollupRebuilding: false };
  const rollupRebuilding = !options.fromValues && (await readRollupStatus(q)) === 'rebuilding';
  const answered =
    options.fromValues || rollupRebuilding
      ? new Map<number, AggregateResult>()
      : await readRollupRows(q, requests);
  const fromValues = requests.filter((r) => !answered.has(r.key));
  if (fromValues.length > 0) {
    const rows = await withAnalyticSettings(q, (tx) => computeFromValues(tx, fromValues));
    const byKey = new Map(rows.map((row) => [row.k, row]));
    for (const request of fromValues) answered.set(request.key, toResult(request, byKey.get(request.key)));
  }
  return {
    results: requests.map((request) => answered.get(request.key) ?? toResult(request, undefined)),
    rollupRebuilding,
  };
}

/**
 * The answers the rollup rows give by themselves (migrations 0008 and 0018): every request for a month, quarter,
 * half-year or year, whatever the levels its values were entered at. Requests for other periods are left out.
 */
export async function readRollupRows(
  q: Queryable,
  requests: readonly AggregateRequest[],
): Promise<Map<number, AggregateResult>> {
  const windowed = requests.filter((r) => periodOfDates(r.periodStart, r.periodEnd) !== undefined);
  const answered = new Map<number, AggregateResult>();
  if (windowed.length === 0) return answered;
  const read = (tx: Queryable) => tx.query<AggregateRow>(ROLLUP_ROWS_SQL, params(windowed));
  // A dashboard's few requests go as one statement; a national batch is worth a transaction of its own settings
  // (no parallel workers either: each would unnest and sort all the requests again).
  const rows =
    windowed.length < ANALYTIC_SETTINGS_MIN_REQUESTS
      ? await read(q)
      : await withAnalyticSettings(q, async (tx) => {
          await tx.exec('SET LOCAL max_parallel_workers_per_gather = 0');
          return read(tx);
        });
  const byKey = new Map(rows.map((row) => [row.k, row]));
  for (const request of windowed) {
    const row = byKey.get(request.key);
    if (row) answered.set(request.key, toResult(request, row));
  }
  return answered;
}

/**
 * The answers computed from the values: the keys of the values the requests may use, then their bands spread to
 * the requests (two statements, so that value_rollup_bands is planned with the keys known).
 */
async function computeFromValues(
  tx: Queryable,
  requests: readonly AggregateRequest[],
): Promise<AggregateRow[]> {
  const [keys] = await tx.query<{
    inds: string[] | null;
    units: string[] | null;
    starts: string[] | null;
    ends: string[] | null;
  }>(FROM_VALUES_KEYS_SQL, params(requests));
  if (!keys?.inds) return [];
  return tx.query<AggregateRow>(FROM_VALUES_SQL, [
    ...params(requests),
    keys.inds,
    keys.units,
    keys.starts,
    keys.ends,
  ]);
}

/** One data value an aggregate was computed from, with who entered it and when. */
export interface UsedValue {
  id: number;
  unitSet: string;
  unitCode: string;
  unitName: string;
  unitLevel: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  source: string;
  /** Who first entered the value and when; `updatedBy`/`updatedAt`: who changed it last and when. */
  createdBy: string | null;
  createdAt: Date;
  updatedBy: string | null;
  updatedAt: Date;
  /** True for the value entered at exactly the requested unit and period. */
  exact: boolean;
  /** True for a value of the requested unit itself (not of a unit below it). */
  own: boolean;
}

const TRACE_SQL = `
  WITH ${USED_VALUES_SQL},
  used AS (
    SELECT r.k, u.id, u.unit_id, u.period_start, u.period_end
    FROM used_g u
    CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM u.path), '/')) AS x(anc)
    CROSS JOIN LATERAL jsonb_array_elements_text((SELECT requests FROM maps) -> (u.g || ':' || x.anc)) AS q(k)
    JOIN req r ON r.k = q.k::int
    WHERE u.cover_depth IS NULL OR u.cover_depth < r.root_depth
  )
  SELECT dv.id, un.set_code AS "unitSet", un.code AS "unitCode", un.name AS "unitName", un.level AS "unitLevel",
         dv.period, dv.period_start AS "periodStart", dv.period_end AS "periodEnd",
         dv.value, dv.numerator, dv.denominator, dv.comment, dv.source,
         dv.created_by AS "createdBy", dv.created_at AS "createdAt",
         dv.updated_by AS "updatedBy", dv.updated_at AS "updatedAt",
         (u.unit_id = r.unit_id AND u.period_start = r.p_start AND u.period_end = r.p_end) AS exact,
         (u.unit_id = r.unit_id) AS own
  FROM used u
  JOIN req r ON r.k = u.k
  JOIN data_value dv ON dv.id = u.id
  JOIN unit un ON un.id = u.unit_id
  WHERE r.value_type NOT IN ('percent', 'number') OR u.unit_id = r.unit_id
  ORDER BY un.path COLLATE "C", dv.period_start, dv.period_end`;

/**
 * The data values one aggregate uses (the same selection as `aggregateValues`), for provenance: every actual
 * can be traced to the values, units, people and times it came from (issue 4, docs/domain.md §9).
 */
export async function usedValues(q: Queryable, request: Omit<AggregateRequest, 'key'>): Promise<UsedValue[]> {
  return withAnalyticSettings(q, (tx) => tx.query<UsedValue>(TRACE_SQL, params([{ ...request, key: 1 }])));
}
