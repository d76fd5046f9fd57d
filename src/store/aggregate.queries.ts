import type { Queryable } from './db.js';

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
export type AggregateGap = 'percentNotAggregable' | 'numberMethodNotStated' | 'zeroDenominator' | null;

/**
 * The value of an indicator at a unit over a period, as the database computed it (DOMAIN.md §4):
 * - `value`: count/money the sum; ratio 100 × Σnumerator / Σdenominator; boolean the count of units whose value
 *   is true; percent/number the unit's own value (over time only); null when nothing was used;
 * - `numerator`/`denominator`: a ratio's summed parts; for a boolean, the true count and the count of units;
 * - `source`: `entered` when a value was entered at exactly this unit and period, `derived` when it was combined
 *   from values below the unit and/or inside the period, null when there is none;
 * - `valueCount`: data values used; `unitCount`: units they belong to; `ignoredCount`: values below the unit left
 *   out because the type does not roll up (percent, number);
 * - `lastEnd`: the last day covered by the latest value used (for forecasts of stocks).
 */
export interface AggregateResult {
  key: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: 'entered' | 'derived' | null;
  valueCount: number;
  unitCount: number;
  ignoredCount: number;
  lastEnd: string | null;
  gap: AggregateGap;
}

/**
 * The values of data_value that an aggregation uses, per request `k` (DOMAIN.md §4):
 * - candidates: values of the indicator entered at the unit or anywhere below it (materialised path, compared
 *   as a byte range so the path index serves each request — then each unit's values through the
 *   (indicator, unit, period) index; the OFFSET 0 fences keep the planner, which cannot estimate the requests,
 *   from turning this into a join of every request with every value of the indicator) for periods inside the requested period;
 * - a candidate is dropped when another candidate at the same unit or a unit above it covers its period
 *   ("entered wins over derived" at every level: a commune's S1 value stands for its quarters and its villages):
 *   at the same unit by a running maximum of period ends (periods sorted by start, longer first); from above by
 *   equality joins only — the units whose ancestors (read from the path, and only from the depth of the
 *   highest unit holding a value down) hold values, then their values against those ancestors' — so the cost
 *   stays linear in the candidates (a join on the request alone would be quadratic);
 * - what is left is disjoint in units × time, so nothing is counted twice.
 * Paths hold digits and '/', both below '~', so `root <= path < root || '~'` is exactly "path starts with root".
 */
const USED_VALUES_SQL = `
  req AS (
    SELECT r.k, r.indicator_id, r.unit_id, r.p_start, r.p_end, u.path AS root_path,
           i.value_type, i.time_aggregation
    FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::date[], $5::date[])
         AS r(k, indicator_id, unit_id, p_start, p_end)
    JOIN unit u ON u.id = r.unit_id
    JOIN indicator i ON i.id = r.indicator_id
  ),
  cand AS MATERIALIZED (
    SELECT r.k, v.*
    FROM req r
    CROSS JOIN LATERAL (
      SELECT dv.id, dv.unit_id, u.path, u.depth, dv.period, dv.period_start, dv.period_end,
             dv.value, dv.numerator, dv.denominator,
             (extract(year FROM dv.period_end) * 12 + extract(month FROM dv.period_end))
               - (extract(year FROM dv.period_start) * 12 + extract(month FROM dv.period_start)) + 1 AS months
      FROM (SELECT u.id, u.path, u.depth FROM unit u
            WHERE u.path ~>=~ r.root_path AND u.path ~<~ (r.root_path || '~') OFFSET 0) u
      CROSS JOIN LATERAL (
        SELECT * FROM data_value d
        WHERE d.indicator_id = r.indicator_id AND d.unit_id = u.id
          AND d.period_start >= r.p_start AND d.period_end <= r.p_end
        OFFSET 0
      ) dv
    ) v
  ),
  cand_units AS MATERIALIZED (
    SELECT k, unit_id, min(path) AS path, min(depth) AS depth FROM cand GROUP BY k, unit_id
  ),
  top_depth AS (
    SELECT k, min(depth) AS depth FROM cand_units GROUP BY k
  ),
  ancestors AS MATERIALIZED (
    SELECT cu.k, cu.unit_id, a.ancestor_id
    FROM cand_units cu
    JOIN top_depth t ON t.k = cu.k AND cu.depth > t.depth
    CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM cu.path), '/')::bigint[])
         WITH ORDINALITY AS a(ancestor_id, pos)
    WHERE a.pos - 1 >= t.depth AND a.pos - 1 < cu.depth
  ),
  under_holder AS MATERIALIZED (
    SELECT a.k, a.unit_id, a.ancestor_id
    FROM ancestors a JOIN cand_units h ON h.k = a.k AND h.unit_id = a.ancestor_id
  ),
  covered_from_above AS (
    SELECT DISTINCT c.k, c.id
    FROM under_holder x
    JOIN cand c ON c.k = x.k AND c.unit_id = x.unit_id
    JOIN cand d ON d.k = x.k AND d.unit_id = x.ancestor_id
     AND d.period_start <= c.period_start AND d.period_end >= c.period_end
  ),
  ranked AS (
    SELECT c.*,
           max(c.period_end) OVER (PARTITION BY c.k, c.unit_id ORDER BY c.period_start, c.period_end DESC
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS covered_to
    FROM cand c
  ),
  used AS (
    SELECT c.k, c.id, c.unit_id, c.path, c.period, c.period_start, c.period_end, c.value, c.numerator,
           c.denominator, c.months
    FROM ranked c
    WHERE (c.covered_to IS NULL OR c.covered_to < c.period_end)
      AND NOT EXISTS (SELECT 1 FROM covered_from_above x WHERE x.k = c.k AND x.id = c.id)
  )`;

/**
 * Per unit first, over time by the indicator's time aggregation (as DHIS2's "last value, sum in the org unit
 * hierarchy"): sum; the latest value; or the mean weighted by months. A boolean is a state: its latest value.
 * A ratio keeps its parts: the latest parts for `last`, pooled parts for `sum` and `average`.
 * Then up the tree by value type; percent and number take the unit's own values only (DOMAIN.md §4: a percentage
 * has no denominator to roll up, and no roll-up method is stated for decimal numbers).
 */
const AGGREGATE_SQL = `
  WITH ${USED_VALUES_SQL},
  per_unit AS (
    SELECT u.k, u.unit_id, count(*)::int AS n,
           sum(u.value) AS v_sum,
           sum(u.value * u.months) / nullif(sum(u.months), 0) AS v_avg,
           (array_agg(u.value ORDER BY u.period_end DESC))[1] AS v_last,
           sum(u.numerator) AS num_sum, sum(u.denominator) AS den_sum,
           (array_agg(u.numerator ORDER BY u.period_end DESC))[1] AS num_last,
           (array_agg(u.denominator ORDER BY u.period_end DESC))[1] AS den_last,
           max(u.period_end) AS last_end,
           bool_or(u.period_start = r.p_start AND u.period_end = r.p_end) AS exact
    FROM used u JOIN req r ON r.k = u.k
    GROUP BY u.k, u.unit_id
  ),
  unit_value AS (
    SELECT p.k, p.unit_id, p.n, p.last_end, p.exact, p.unit_id = r.unit_id AS own,
           CASE WHEN r.value_type = 'boolean' OR r.time_aggregation = 'last' THEN p.v_last
                WHEN r.time_aggregation = 'sum' THEN p.v_sum
                ELSE p.v_avg END AS v,
           CASE WHEN r.time_aggregation = 'last' THEN p.num_last ELSE p.num_sum END AS num,
           CASE WHEN r.time_aggregation = 'last' THEN p.den_last ELSE p.den_sum END AS den
    FROM per_unit p JOIN req r ON r.k = p.k
  ),
  rolled AS (
    SELECT r.k, r.value_type,
           r.value_type IN ('percent', 'number') AS own_only,
           count(uv.unit_id)::int AS units_all,
           (count(uv.unit_id) FILTER (WHERE uv.own))::int AS units_own,
           coalesce(sum(uv.n), 0)::int AS values_all,
           coalesce(sum(uv.n) FILTER (WHERE uv.own), 0)::int AS values_own,
           sum(uv.v) AS v_sum,
           max(uv.v) FILTER (WHERE uv.own) AS v_own,
           (count(*) FILTER (WHERE uv.v <> 0))::int AS true_count,
           sum(uv.num) AS num_sum, sum(uv.den) AS den_sum,
           max(uv.last_end) AS last_end_all,
           max(uv.last_end) FILTER (WHERE uv.own) AS last_end_own,
           coalesce(bool_or(uv.own AND uv.exact), false) AS entered
    FROM req r LEFT JOIN unit_value uv ON uv.k = r.k
    GROUP BY r.k, r.value_type
  )
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

/**
 * Computes every requested value in one query inside the database (DOMAIN.md §4, live: nothing is stored, so a
 * saved value shows in the next read). Answers come back in the order of the requests.
 */
export async function aggregateValues(
  q: Queryable,
  requests: readonly AggregateRequest[],
): Promise<AggregateResult[]> {
  if (requests.length === 0) return [];
  const rows = await q.query<AggregateRow>(AGGREGATE_SQL, params(requests));
  const byKey = new Map(rows.map((row) => [row.k, row]));
  return requests.map((request) => {
    const row = byKey.get(request.key);
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
  });
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
  updatedBy: string | null;
  updatedAt: Date;
  /** True for the value entered at exactly the requested unit and period. */
  exact: boolean;
  /** True for a value of the requested unit itself (not of a unit below it). */
  own: boolean;
}

const TRACE_SQL = `
  WITH ${USED_VALUES_SQL}
  SELECT dv.id, un.set_code AS "unitSet", un.code AS "unitCode", un.name AS "unitName", un.level AS "unitLevel",
         dv.period, dv.period_start AS "periodStart", dv.period_end AS "periodEnd",
         dv.value, dv.numerator, dv.denominator, dv.comment, dv.source,
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
 * can be traced to the values, units, people and times it came from (issue 4, DOMAIN.md §9).
 */
export async function usedValues(q: Queryable, request: Omit<AggregateRequest, 'key'>): Promise<UsedValue[]> {
  return q.query<UsedValue>(TRACE_SQL, params([{ ...request, key: 1 }]));
}
