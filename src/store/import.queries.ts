// Bulk SQL for the import (docs/import.md): one query per lookup for every code a file
// names, and batched `unnest` upserts that write only what changes — so re-importing a file writes nothing —
// with the audit rows of each change written by the same statement (docs/ARCHITECTURE.md, Databases: plain batched SQL for bulk
// import). Every function takes the transaction it runs in.
import type { Queryable, SqlParam } from './db.js';

/** Rows per statement: large enough that 100,000 values take 10 round trips, small enough for PGlite. */
export const IMPORT_BATCH = 10_000;

/** Who writes, as the audit log and the `*_by` columns record it. */
export interface ImportAuthor {
  name: string;
  source: string;
  address: string | null;
}

/** Counts of one sheet's rows written: new, changed (the rest were already as the file says). */
export interface WriteCounts {
  inserted: number;
  updated: number;
}

function slices<T>(rows: readonly T[], size = IMPORT_BATCH): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += size) out.push(rows.slice(start, start + size));
  return out;
}

const add = (a: WriteCounts, b: WriteCounts): WriteCounts => ({
  inserted: a.inserted + b.inserted,
  updated: a.updated + b.updated,
});

/** The last line of every write statement: how many rows its `ins` and `upd` steps wrote. */
const COUNT_WRITES =
  'SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM upd)::int AS updated';

/** Runs one write statement per batch of rows, its parameters made from the batch, and adds up what they wrote. */
async function writeInBatches<T>(
  q: Queryable,
  rows: readonly T[],
  sql: string,
  params: (batch: T[]) => SqlParam[],
  onBatch?: (written: number) => void,
): Promise<WriteCounts> {
  let counts: WriteCounts = { inserted: 0, updated: 0 };
  let done = 0;
  for (const batch of slices(rows)) {
    const result = await q.query<WriteCounts>(sql, params(batch));
    counts = add(counts, result[0] ?? { inserted: 0, updated: 0 });
    done += batch.length;
    onBatch?.(done);
  }
  return counts;
}

/** A column a write by code sets: its name, its SQL type, and the row's value for it. */
interface CodeColumn<R> {
  name: string;
  type: string;
  of: (row: R) => string | number | null;
}

/**
 * The statement that writes rows of a table keyed by `code` (indicator, plan): it updates only the rows that
 * change, inserts the new ones, and writes the audit row of each (the row as JSON, less its id and times).
 * Parameters: $1 the codes, then one array per column, then the author's name, source and address.
 */
function writeByCodeSql(table: 'indicator' | 'plan', columns: readonly CodeColumn<never>[]): string {
  const names = columns.map((c) => c.name);
  const list = (prefix: string) => names.map((n) => `${prefix}${n}`).join(', ');
  const author = (k: number) => `$${columns.length + 2 + k}`;
  const who = `${author(0)}, ${author(1)}, ${author(2)}`;
  const json = (alias: string) => `to_jsonb(${alias}) - 'id' - 'created_at' - 'updated_at'`;
  return `WITH i AS (
     SELECT * FROM unnest($1::text[], ${columns.map((c, k) => `$${k + 2}::${c.type}[]`).join(', ')})
       AS i(code, ${list('')})
   ),
   old AS (SELECT x.* FROM ${table} x JOIN i USING (code)),
   upd AS (
     UPDATE ${table} x SET ${names.map((n) => `${n} = i.${n}`).join(', ')}, updated_at = now()
     FROM i
     WHERE x.code = i.code AND (${list('x.')}) IS DISTINCT FROM (${list('i.')})
     RETURNING x.*
   ),
   ins AS (
     INSERT INTO ${table} (code, ${list('')})
     SELECT i.code, ${list('i.')}
     FROM i WHERE NOT EXISTS (SELECT 1 FROM ${table} x WHERE x.code = i.code)
     RETURNING *
   ),
   aud AS (
     INSERT INTO audit_log (actor, source, address, action, entity, entity_key, old_data, new_data)
     SELECT ${who}, 'create', '${table}', ins.code, NULL, ${json('ins')}
     FROM ins
     UNION ALL
     SELECT ${who}, 'update', '${table}', upd.code, ${json('old')}, ${json('upd')}
     FROM upd JOIN old ON old.id = upd.id
     RETURNING 1
   )
   ${COUNT_WRITES}`;
}

/** Writes rows of a table keyed by `code`, only those that change, each change with its audit row. */
function writeByCode<R extends { code: string }>(
  q: Queryable,
  table: 'indicator' | 'plan',
  columns: readonly CodeColumn<R>[],
  rows: readonly R[],
  author: ImportAuthor,
): Promise<WriteCounts> {
  return writeInBatches(q, rows, writeByCodeSql(table, columns), (batch) => [
    batch.map((r) => r.code),
    ...columns.map((c) => batch.map(c.of)),
    author.name,
    author.source,
    author.address,
  ]);
}

// ---- Lookups -----------------------------------------------------------------------------------------------

/** A unit as the import needs it to resolve a reference and check permissions. */
export interface ImportUnitRow {
  id: number;
  set: string;
  code: string;
  name: string;
  level: string;
  path: string;
  provinceCode: string | null;
  parentSet: string | null;
  parentCode: string | null;
}

/** The units with these (set, code) pairs, in one query. */
export async function findUnitsByKeys(
  q: Queryable,
  keys: readonly { set: string; code: string }[],
): Promise<ImportUnitRow[]> {
  if (keys.length === 0) return [];
  return q.query<ImportUnitRow>(
    `SELECT u.id, u.set_code AS "set", u.code, u.name, u.level, u.path, u.province_code AS "provinceCode",
            p.set_code AS "parentSet", p.code AS "parentCode"
     FROM unit u
     JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[])) AS k(set_code, code)
       ON u.set_code = k.set_code AND u.code = k.code
     LEFT JOIN unit p ON p.id = u.parent_id`,
    [keys.map((k) => k.set), keys.map((k) => k.code)],
  );
}

/** Every unit of the workspace set with its parent, to check that the file's units form no cycle. */
export async function listWorkspaceUnitParents(
  q: Queryable,
): Promise<{ code: string; parentSet: string | null; parentCode: string | null }[]> {
  return q.query(
    `SELECT u.code, p.set_code AS "parentSet", p.code AS "parentCode"
     FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.set_code = 'workspace'`,
  );
}

/** The plans with these codes, with their unit (path, set and code) for permission checks and messages. */
export async function findPlansByCodes(
  q: Queryable,
  codes: readonly string[],
): Promise<
  {
    id: number;
    code: string;
    unitId: number;
    unitPath: string;
    unitSet: string;
    unitCode: string;
    startYear: number;
    endYear: number;
  }[]
> {
  if (codes.length === 0) return [];
  return q.query(
    `SELECT p.id, p.code, p.unit_id AS "unitId", u.path AS "unitPath", u.set_code AS "unitSet",
            u.code AS "unitCode", p.start_year AS "startYear", p.end_year AS "endYear"
     FROM plan p JOIN unit u ON u.id = p.unit_id WHERE p.code = ANY($1::text[])`,
    [[...new Set(codes)]],
  );
}

/** The codes of the indicator groups that exist. */
export async function listIndicatorGroupCodes(q: Queryable): Promise<Set<string>> {
  const rows = await q.query<{ code: string }>('SELECT code FROM indicator_group');
  return new Set(rows.map((r) => r.code));
}

// ---- Units -------------------------------------------------------------------------------------------------

/** A unit of the `units` sheet: it belongs to the workspace set; its parent is named by set and code. */
export interface UnitWrite {
  code: string;
  name: string;
  searchName: string;
  kind: string;
  parentSet: string | null;
  parentCode: string | null;
}

/**
 * Writes workspace units by code, one generation at a time (the caller orders parents first), writing only
 * the columns the `units` sheet has and only rows that change, each change with its audit row.
 */
export async function writeUnits(
  q: Queryable,
  generations: readonly (readonly UnitWrite[])[],
  author: ImportAuthor,
): Promise<WriteCounts> {
  let counts: WriteCounts = { inserted: 0, updated: 0 };
  for (const generation of generations) {
    const written = await writeInBatches(
      q,
      generation,
      `WITH i AS (
           SELECT i.code, i.name, i.search_name, i.kind, p.id AS parent_id
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                AS i(code, name, search_name, kind, parent_set, parent_code)
           LEFT JOIN unit p ON p.set_code = i.parent_set AND p.code = i.parent_code
         ),
         old AS (
           SELECT u.id, u.code, u.name, u.kind, u.parent_id FROM unit u JOIN i USING (code)
           WHERE u.set_code = 'workspace'
         ),
         upd AS (
           UPDATE unit u SET name = i.name, short_name = i.name, search_name = i.search_name, kind = i.kind,
                  level = i.kind, parent_id = i.parent_id, updated_at = now()
           FROM i
           WHERE u.set_code = 'workspace' AND u.code = i.code
             AND (u.name, u.kind, u.level, u.parent_id) IS DISTINCT FROM (i.name, i.kind, i.kind, i.parent_id)
           RETURNING u.id, u.code, u.name, u.kind, u.parent_id
         ),
         ins AS (
           INSERT INTO unit (set_code, code, name, short_name, search_name, level, kind, parent_id, path, depth)
           SELECT 'workspace', i.code, i.name, i.name, i.search_name, i.kind, i.kind, i.parent_id, '', 0
           FROM i WHERE NOT EXISTS (SELECT 1 FROM unit u WHERE u.set_code = 'workspace' AND u.code = i.code)
           RETURNING id, code, name, kind, parent_id
         ),
         aud AS (
           INSERT INTO audit_log (actor, source, address, action, entity, entity_key, old_data, new_data)
           SELECT $7, $8, $9, 'create', 'unit', ins.code, NULL,
                  jsonb_build_object('name', ins.name, 'kind', ins.kind, 'parentId', ins.parent_id)
           FROM ins
           UNION ALL
           SELECT $7, $8, $9, 'update', 'unit', upd.code,
                  jsonb_build_object('name', old.name, 'kind', old.kind, 'parentId', old.parent_id),
                  jsonb_build_object('name', upd.name, 'kind', upd.kind, 'parentId', upd.parent_id)
           FROM upd JOIN old ON old.id = upd.id
           RETURNING 1
         )
         ${COUNT_WRITES}`,
      (batch) => [
        batch.map((u) => u.code),
        batch.map((u) => u.name),
        batch.map((u) => u.searchName),
        batch.map((u) => u.kind),
        batch.map((u) => u.parentSet),
        batch.map((u) => u.parentCode),
        author.name,
        author.source,
        author.address,
      ],
    );
    counts = add(counts, written);
  }
  return counts;
}

// ---- Indicators --------------------------------------------------------------------------------------------

/** An indicator as written: every column resolved (defaults and kept values applied by the caller). */
export interface IndicatorWrite {
  code: string;
  nameVi: string;
  nameEn: string | null;
  valueType: string;
  measureUnit: string | null;
  direction: string;
  timeAggregation: string;
  groupCode: string | null;
  /** The plausible range of its values (docs/domain.md §4); null for the value type's own limits. */
  minValue: number | null;
  maxValue: number | null;
}

const INDICATOR_COLUMNS: readonly CodeColumn<IndicatorWrite>[] = [
  { name: 'name_vi', type: 'text', of: (r) => r.nameVi },
  { name: 'name_en', type: 'text', of: (r) => r.nameEn },
  { name: 'value_type', type: 'text', of: (r) => r.valueType },
  { name: 'measure_unit', type: 'text', of: (r) => r.measureUnit },
  { name: 'direction', type: 'text', of: (r) => r.direction },
  { name: 'time_aggregation', type: 'text', of: (r) => r.timeAggregation },
  { name: 'group_code', type: 'text', of: (r) => r.groupCode },
  { name: 'min_value', type: 'numeric', of: (r) => r.minValue },
  { name: 'max_value', type: 'numeric', of: (r) => r.maxValue },
];

/** Writes indicators by code, only those that change, each change with its audit row. */
export function writeIndicators(
  q: Queryable,
  rows: readonly IndicatorWrite[],
  author: ImportAuthor,
): Promise<WriteCounts> {
  return writeByCode(q, 'indicator', INDICATOR_COLUMNS, rows, author);
}

/** The stored values of an indicator that fall outside the bounds it is given: how many, the lowest, the highest. */
export interface ValuesOutsideBounds {
  count: number;
  lowest: number;
  highest: number;
}

/**
 * For each indicator code with its bounds (null for none), the stored values below its min or above its max;
 * indicators with none are absent. One query for every indicator.
 */
export async function findValuesOutsideBounds(
  q: Queryable,
  bounds: readonly { code: string; min: number | null; max: number | null }[],
): Promise<Map<string, ValuesOutsideBounds>> {
  if (bounds.length === 0) return new Map();
  const rows = await q.query<ValuesOutsideBounds & { code: string }>(
    `SELECT b.code, count(*)::int AS count, min(v.value) AS lowest, max(v.value) AS highest
     FROM unnest($1::text[], $2::numeric[], $3::numeric[]) AS b(code, min_value, max_value)
     JOIN indicator i ON i.code = b.code
     JOIN data_value v ON v.indicator_id = i.id
     WHERE v.value < b.min_value OR v.value > b.max_value
     GROUP BY b.code`,
    [bounds.map((b) => b.code), bounds.map((b) => b.min), bounds.map((b) => b.max)],
  );
  return new Map(rows.map(({ code, ...outside }) => [code, outside]));
}

// ---- Plans -------------------------------------------------------------------------------------------------

export interface PlanWrite {
  code: string;
  name: string;
  unitId: number;
  startYear: number;
  endYear: number;
}

const PLAN_COLUMNS: readonly CodeColumn<PlanWrite>[] = [
  { name: 'name', type: 'text', of: (r) => r.name },
  { name: 'unit_id', type: 'bigint', of: (r) => r.unitId },
  { name: 'start_year', type: 'int', of: (r) => r.startYear },
  { name: 'end_year', type: 'int', of: (r) => r.endYear },
];

/** Writes plans by code, only those that change, each change with its audit row. */
export function writePlans(
  q: Queryable,
  rows: readonly PlanWrite[],
  author: ImportAuthor,
): Promise<WriteCounts> {
  return writeByCode(q, 'plan', PLAN_COLUMNS, rows, author);
}

// ---- Targets -----------------------------------------------------------------------------------------------

/** A target as written; `keep*` flags leave a column as it is when the sheet lacks it. */
export interface TargetWrite {
  planId: number;
  indicatorId: number;
  unitId: number;
  period: string;
  /** For the audit log's key: `PLAN|INDICATOR|unit|period`. */
  entityKey: string;
  target: number;
  baseline: number | null;
  baselinePeriod: string | null;
  leadUnitId: number | null;
  note: string | null;
}

/** Which optional target columns the sheet has; a missing column leaves the stored cell as it is. */
export interface TargetColumns {
  baseline: boolean;
  leadUnit: boolean;
  note: boolean;
}

/** Writes targets by plan, indicator, unit and period, only those that change, each with its audit row. */
export function writeTargets(
  q: Queryable,
  rows: readonly TargetWrite[],
  columns: TargetColumns,
  author: ImportAuthor,
): Promise<WriteCounts> {
  return writeInBatches(
    q,
    rows,
    `WITH i AS (
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::numeric[],
                              $7::numeric[], $8::text[], $9::bigint[], $10::text[])
           AS i(plan_id, indicator_id, unit_id, period, entity_key, target, baseline, baseline_period,
                lead_unit_id, note)
       ),
       old AS (SELECT x.*, i.entity_key FROM target x JOIN i USING (plan_id, indicator_id, unit_id, period)),
       upd AS (
         UPDATE target x SET target = i.target,
                baseline = CASE WHEN $11 THEN i.baseline ELSE x.baseline END,
                baseline_period = CASE WHEN $11 THEN i.baseline_period ELSE x.baseline_period END,
                lead_unit_id = CASE WHEN $12 THEN i.lead_unit_id ELSE x.lead_unit_id END,
                note = CASE WHEN $13 THEN i.note ELSE x.note END,
                updated_at = now()
         FROM i
         WHERE x.plan_id = i.plan_id AND x.indicator_id = i.indicator_id AND x.unit_id = i.unit_id
           AND x.period = i.period
           AND (x.target, x.baseline, x.baseline_period, x.lead_unit_id, x.note) IS DISTINCT FROM
               (i.target, CASE WHEN $11 THEN i.baseline ELSE x.baseline END,
                CASE WHEN $11 THEN i.baseline_period ELSE x.baseline_period END,
                CASE WHEN $12 THEN i.lead_unit_id ELSE x.lead_unit_id END,
                CASE WHEN $13 THEN i.note ELSE x.note END)
         RETURNING x.*, i.entity_key
       ),
       ins AS (
         INSERT INTO target (plan_id, indicator_id, unit_id, period, target, baseline, baseline_period,
                             lead_unit_id, note)
         SELECT i.plan_id, i.indicator_id, i.unit_id, i.period, i.target, i.baseline, i.baseline_period,
                i.lead_unit_id, i.note
         FROM i
         WHERE NOT EXISTS (SELECT 1 FROM target x WHERE x.plan_id = i.plan_id AND x.indicator_id = i.indicator_id
                             AND x.unit_id = i.unit_id AND x.period = i.period)
         RETURNING *
       ),
       aud AS (
         INSERT INTO audit_log (actor, source, address, action, entity, entity_key, old_data, new_data)
         SELECT $14, $15, $16, 'create', 'target', i.entity_key, NULL,
                jsonb_build_object('target', ins.target, 'baseline', ins.baseline,
                                   'baselinePeriod', ins.baseline_period, 'leadUnitId', ins.lead_unit_id,
                                   'note', ins.note)
         FROM ins JOIN i USING (plan_id, indicator_id, unit_id, period)
         UNION ALL
         SELECT $14, $15, $16, 'update', 'target', upd.entity_key,
                jsonb_build_object('target', old.target, 'baseline', old.baseline,
                                   'baselinePeriod', old.baseline_period, 'leadUnitId', old.lead_unit_id,
                                   'note', old.note),
                jsonb_build_object('target', upd.target, 'baseline', upd.baseline,
                                   'baselinePeriod', upd.baseline_period, 'leadUnitId', upd.lead_unit_id,
                                   'note', upd.note)
         FROM upd JOIN old ON old.id = upd.id
         RETURNING 1
       )
       ${COUNT_WRITES}`,
    (batch) => [
      batch.map((r) => r.planId),
      batch.map((r) => r.indicatorId),
      batch.map((r) => r.unitId),
      batch.map((r) => r.period),
      batch.map((r) => r.entityKey),
      batch.map((r) => r.target),
      batch.map((r) => r.baseline),
      batch.map((r) => r.baselinePeriod),
      batch.map((r) => r.leadUnitId),
      batch.map((r) => r.note),
      columns.baseline,
      columns.leadUnit,
      columns.note,
      author.name,
      author.source,
      author.address,
    ],
  );
}

// ---- Values ------------------------------------------------------------------------------------------------

/** A data value as stored (docs/domain.md §4): a boolean as 1/0, a ratio with value = 100 × num / den. */
export interface ValueWrite {
  indicatorId: number;
  unitId: number;
  period: string;
  periodType: string;
  periodStart: string;
  periodEnd: string;
  /** For the audit log's key: `INDICATOR|unit|period`. */
  entityKey: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
}

/**
 * Writes data values by indicator, unit and period — only those whose value, parts or comment change, each
 * change raising the row's version and writing its audit row (old and new), with the source the author
 * names; `keepComment` leaves comments as they are (a sheet without a comment column).
 */
export function writeValues(
  q: Queryable,
  rows: readonly ValueWrite[],
  keepComment: boolean,
  author: ImportAuthor,
  onBatch?: (written: number) => void,
): Promise<WriteCounts> {
  return writeInBatches(
    q,
    rows,
    `WITH i AS (
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::date[], $6::date[],
                              $7::text[], $8::numeric[], $9::numeric[], $10::numeric[], $11::text[])
           AS i(indicator_id, unit_id, period, period_type, period_start, period_end, entity_key, value,
                numerator, denominator, comment)
       ),
       -- One index probe per row: the stored value, if any, beside the file's.
       cur AS (
         SELECT i.*, x.id AS old_id, x.value AS old_value, x.numerator AS old_numerator,
                x.denominator AS old_denominator, x.comment AS old_comment, x.version AS old_version,
                CASE WHEN $12 THEN x.comment ELSE i.comment END AS new_comment
         FROM i LEFT JOIN data_value x
           ON x.indicator_id = i.indicator_id AND x.unit_id = i.unit_id AND x.period = i.period
       ),
       upd AS (
         UPDATE data_value x SET value = c.value, numerator = c.numerator, denominator = c.denominator,
                comment = c.new_comment, source = $14, version = x.version + 1, updated_by = $13,
                updated_at = now()
         FROM cur c
         WHERE c.old_id IS NOT NULL AND x.id = c.old_id
           AND (c.old_value, c.old_numerator, c.old_denominator, c.old_comment) IS DISTINCT FROM
               (c.value, c.numerator, c.denominator, c.new_comment)
         RETURNING x.id, x.value, x.numerator, x.denominator, x.comment, x.version, x.province_code
       ),
       ins AS (
         INSERT INTO data_value (indicator_id, unit_id, period, period_type, period_start, period_end, value,
                                 numerator, denominator, comment, source, province_code, created_by, updated_by)
         SELECT c.indicator_id, c.unit_id, c.period, c.period_type, c.period_start, c.period_end, c.value,
                c.numerator, c.denominator, c.comment, $14, u.province_code, $13, $13
         FROM cur c JOIN unit u ON u.id = c.unit_id
         WHERE c.old_id IS NULL
         RETURNING id, indicator_id, unit_id, period, value, numerator, denominator, comment, version,
                   province_code
       ),
       aud AS (
         INSERT INTO audit_log (actor, source, address, action, entity, entity_key, province_code, old_data,
                                new_data)
         SELECT $13, $14, $15, 'create', 'value', c.entity_key, ins.province_code, NULL,
                jsonb_build_object('value', ins.value, 'numerator', ins.numerator,
                                   'denominator', ins.denominator, 'comment', ins.comment,
                                   'version', ins.version)
         FROM ins JOIN cur c USING (indicator_id, unit_id, period)
         UNION ALL
         SELECT $13, $14, $15, 'update', 'value', c.entity_key, upd.province_code,
                jsonb_build_object('value', c.old_value, 'numerator', c.old_numerator,
                                   'denominator', c.old_denominator, 'comment', c.old_comment,
                                   'version', c.old_version),
                jsonb_build_object('value', upd.value, 'numerator', upd.numerator,
                                   'denominator', upd.denominator, 'comment', upd.comment,
                                   'version', upd.version)
         FROM upd JOIN cur c ON c.old_id = upd.id
         RETURNING 1
       )
       ${COUNT_WRITES}`,
    (batch) => [
      batch.map((r) => r.indicatorId),
      batch.map((r) => r.unitId),
      batch.map((r) => r.period),
      batch.map((r) => r.periodType),
      batch.map((r) => r.periodStart),
      batch.map((r) => r.periodEnd),
      batch.map((r) => r.entityKey),
      batch.map((r) => r.value),
      batch.map((r) => r.numerator),
      batch.map((r) => r.denominator),
      batch.map((r) => r.comment),
      keepComment,
      author.name,
      author.source,
      author.address,
    ],
    onBatch,
  );
}

// ---- Changes -----------------------------------------------------------------------------------------------

/**
 * The positions, among `rows`, of the values that writing them would change: those not stored yet, and those
 * whose value, parts or (unless `keepComment`) comment differ from what is stored. One query per batch.
 */
export async function findChangingValues(
  q: Queryable,
  rows: readonly ValueWrite[],
  keepComment: boolean,
): Promise<number[]> {
  const out: number[] = [];
  for (let start = 0; start < rows.length; start += IMPORT_BATCH) {
    const batch = rows.slice(start, start + IMPORT_BATCH);
    const found = await q.query<{ ord: number }>(
      `SELECT i.ord
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[],
                   $7::text[], $8::int[])
            AS i(indicator_id, unit_id, period, value, numerator, denominator, comment, ord)
       LEFT JOIN data_value x ON x.indicator_id = i.indicator_id AND x.unit_id = i.unit_id AND x.period = i.period
       WHERE x.id IS NULL
          OR (x.value, x.numerator, x.denominator) IS DISTINCT FROM (i.value, i.numerator, i.denominator)
          OR (NOT $9 AND x.comment IS DISTINCT FROM i.comment)
       ORDER BY i.ord`,
      [
        batch.map((r) => r.indicatorId),
        batch.map((r) => r.unitId),
        batch.map((r) => r.period),
        batch.map((r) => r.value),
        batch.map((r) => r.numerator),
        batch.map((r) => r.denominator),
        batch.map((r) => r.comment),
        batch.map((_, i) => start + i),
        keepComment,
      ],
    );
    out.push(...found.map((f) => f.ord));
  }
  return out;
}
