import type { Direction } from '../domain/achievement.js';
import type { TimeAggregation, ValueType } from '../domain/aggregate.js';
import type { MissingValueStrategy, RuleOperator } from '../domain/validation-rule.js';
import { LIST_LIMIT_DEFAULT, type Queryable } from './db.js';

/** Rows per batched `unnest` statement: bounds one statement's arrays (and PGlite's memory) in few round trips. */
const BATCH = 2000;

function batches<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += BATCH) out.push(rows.slice(start, start + BATCH));
  return out;
}

function count(rows: readonly { inserted: boolean }[]): { inserted: number; updated: number } {
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted };
}

// Indicator groups ---------------------------------------------------------------------------------------

export type GroupKind = 'pillar' | 'foundation' | 'custom';

export interface IndicatorGroupRow {
  code: string;
  nameVi: string;
  nameEn: string;
  kind: GroupKind;
  sort: number;
}

export type IndicatorGroupInput = IndicatorGroupRow;

/** Inserts or updates groups by code; unchanged rows are not written. */
export async function upsertIndicatorGroups(
  q: Queryable,
  groups: readonly IndicatorGroupInput[],
): Promise<{ inserted: number; updated: number }> {
  const rows: { inserted: boolean }[] = [];
  for (const batch of batches(groups)) {
    rows.push(
      ...(await q.query<{ inserted: boolean }>(
        `INSERT INTO indicator_group (code, name_vi, name_en, kind, sort)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])
         ON CONFLICT (code) DO UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en,
           kind = excluded.kind, sort = excluded.sort
         WHERE (indicator_group.name_vi, indicator_group.name_en, indicator_group.kind, indicator_group.sort)
               IS DISTINCT FROM (excluded.name_vi, excluded.name_en, excluded.kind, excluded.sort)
         RETURNING (xmax = 0) AS inserted`,
        [
          batch.map((g) => g.code),
          batch.map((g) => g.nameVi),
          batch.map((g) => g.nameEn),
          batch.map((g) => g.kind),
          batch.map((g) => g.sort),
        ],
      )),
    );
  }
  return count(rows);
}

/**
 * Creates a `custom` group, named by its code, for each code not yet known (docs/import.md: "a new code
 * creates a group"); returns the codes created.
 */
export async function ensureIndicatorGroups(q: Queryable, codes: readonly string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return [];
  const rows = await q.query<{ code: string }>(
    `INSERT INTO indicator_group (code, name_vi, name_en, kind, sort)
     SELECT c, c, c, 'custom', 100 FROM unnest($1::text[]) AS c
     ON CONFLICT (code) DO NOTHING
     RETURNING code`,
    [unique],
  );
  return rows.map((r) => r.code);
}

export async function listIndicatorGroups(q: Queryable): Promise<IndicatorGroupRow[]> {
  return q.query<IndicatorGroupRow>(
    `SELECT code, name_vi AS "nameVi", name_en AS "nameEn", kind, sort FROM indicator_group ORDER BY sort, code`,
  );
}

export async function findIndicatorGroup(q: Queryable, code: string): Promise<IndicatorGroupRow | null> {
  const rows = await q.query<IndicatorGroupRow>(
    `SELECT code, name_vi AS "nameVi", name_en AS "nameEn", kind, sort FROM indicator_group WHERE code = $1`,
    [code],
  );
  return rows[0] ?? null;
}

// Indicators ---------------------------------------------------------------------------------------------

/** An indicator to write (docs/domain.md §4); its group must exist (see ensureIndicatorGroups). */
export interface IndicatorInput {
  code: string;
  nameVi: string;
  nameEn: string | null;
  valueType: ValueType;
  measureUnit: string | null;
  direction: Direction;
  timeAggregation: TimeAggregation;
  groupCode: string | null;
  description: string | null;
  /** The plausible range the indicator sets on its values (docs/domain.md §4); null where it sets none. */
  minValue: number | null;
  maxValue: number | null;
}

export interface IndicatorRow extends IndicatorInput {
  id: number;
  createdAt: Date;
  updatedAt: Date;
}

const INDICATOR_COLUMNS = `i.id, i.code, i.name_vi AS "nameVi", i.name_en AS "nameEn", i.value_type AS "valueType",
  i.measure_unit AS "measureUnit", i.direction, i.time_aggregation AS "timeAggregation", i.group_code AS "groupCode",
  i.description, i.min_value AS "minValue", i.max_value AS "maxValue", i.created_at AS "createdAt",
  i.updated_at AS "updatedAt"`;

/** Inserts or updates indicators by code in batches; unchanged rows are not written (re-import writes nothing). */
export async function upsertIndicators(
  q: Queryable,
  indicators: readonly IndicatorInput[],
): Promise<{ inserted: number; updated: number }> {
  const rows: { inserted: boolean }[] = [];
  for (const batch of batches(indicators)) {
    const col = <K extends keyof IndicatorInput>(key: K) => batch.map((i) => i[key]);
    rows.push(
      ...(await q.query<{ inserted: boolean }>(
        `INSERT INTO indicator (code, name_vi, name_en, value_type, measure_unit, direction, time_aggregation,
                                group_code, description, min_value, max_value)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::text[], $9::text[], $10::numeric[], $11::numeric[])
         ON CONFLICT (code) DO UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en,
           value_type = excluded.value_type, measure_unit = excluded.measure_unit, direction = excluded.direction,
           time_aggregation = excluded.time_aggregation, group_code = excluded.group_code,
           description = excluded.description, min_value = excluded.min_value, max_value = excluded.max_value,
           updated_at = now()
         WHERE (indicator.name_vi, indicator.name_en, indicator.value_type, indicator.measure_unit, indicator.direction,
                indicator.time_aggregation, indicator.group_code, indicator.description, indicator.min_value,
                indicator.max_value)
               IS DISTINCT FROM (excluded.name_vi, excluded.name_en, excluded.value_type, excluded.measure_unit,
                excluded.direction, excluded.time_aggregation, excluded.group_code, excluded.description,
                excluded.min_value, excluded.max_value)
         RETURNING (xmax = 0) AS inserted`,
        [
          col('code'),
          col('nameVi'),
          col('nameEn'),
          col('valueType'),
          col('measureUnit'),
          col('direction'),
          col('timeAggregation'),
          col('groupCode'),
          col('description'),
          col('minValue'),
          col('maxValue'),
        ],
      )),
    );
  }
  return count(rows);
}

export interface IndicatorFilter {
  groupCode?: string;
  valueType?: ValueType;
  /** Folded or plain text to find in the code or names (case-insensitive). */
  search?: string;
  limit?: number;
  offset?: number;
}

/** Indicators matching a filter, ordered by code. */
export async function listIndicators(q: Queryable, filter: IndicatorFilter = {}): Promise<IndicatorRow[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, value: string) => {
    params.push(value);
    where.push(clause.replaceAll('?', `$${params.length}`));
  };
  if (filter.groupCode) add('i.group_code = ?', filter.groupCode);
  if (filter.valueType) add('i.value_type = ?', filter.valueType);
  if (filter.search) {
    add(
      `(strpos(lower(i.code || ' ' || i.name_vi || ' ' || coalesce(i.name_en, '')), lower(?)) > 0)`,
      filter.search,
    );
  }
  params.push(filter.limit ?? LIST_LIMIT_DEFAULT, filter.offset ?? 0);
  return q.query<IndicatorRow>(
    `SELECT ${INDICATOR_COLUMNS} FROM indicator i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY i.code LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
}

export async function findIndicator(q: Queryable, code: string): Promise<IndicatorRow | null> {
  const rows = await q.query<IndicatorRow>(`SELECT ${INDICATOR_COLUMNS} FROM indicator i WHERE i.code = $1`, [
    code,
  ]);
  return rows[0] ?? null;
}

/** The indicators with these codes, by code (codes not found are absent). */
export async function findIndicatorsByCodes(
  q: Queryable,
  codes: readonly string[],
): Promise<Map<string, IndicatorRow>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await q.query<IndicatorRow>(
    `SELECT ${INDICATOR_COLUMNS} FROM indicator i WHERE i.code = ANY($1::text[])`,
    [unique],
  );
  return new Map(rows.map((r) => [r.code, r]));
}

/** How many values each indicator has (indicators without values are absent). */
export async function countValuesByIndicator(
  q: Queryable,
  indicatorIds: readonly number[],
): Promise<Map<number, number>> {
  const rows = await q.query<{ id: number; n: number }>(
    `SELECT indicator_id AS id, count(*)::int AS n FROM data_value WHERE indicator_id = ANY($1::bigint[])
     GROUP BY indicator_id`,
    [indicatorIds],
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}

// Plans --------------------------------------------------------------------------------------------------

/** Band boundaries a plan sets for itself (docs/domain.md §6); null means the defaults. */
export type PlanBands = Record<string, number> | null;

export interface PlanInput {
  code: string;
  name: string;
  unitId: number;
  startYear: number;
  endYear: number;
  bands: PlanBands;
}

export interface PlanRow extends PlanInput {
  id: number;
  unitSet: string;
  unitCode: string;
  unitName: string;
  unitPath: string;
  provinceCode: string | null;
  targetCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const PLAN_COLUMNS = `p.id, p.code, p.name, p.unit_id AS "unitId", p.start_year AS "startYear", p.end_year AS "endYear",
  p.bands, u.set_code AS "unitSet", u.code AS "unitCode", u.name AS "unitName", u.path AS "unitPath",
  u.province_code AS "provinceCode",
  (SELECT count(*)::int FROM target t WHERE t.plan_id = p.id) AS "targetCount",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

/** Inserts or updates plans by code; unchanged rows are not written. */
export async function upsertPlans(
  q: Queryable,
  plans: readonly PlanInput[],
): Promise<{ inserted: number; updated: number }> {
  const rows: { inserted: boolean }[] = [];
  for (const batch of batches(plans)) {
    rows.push(
      ...(await q.query<{ inserted: boolean }>(
        `INSERT INTO plan (code, name, unit_id, start_year, end_year, bands)
         SELECT code, name, unit_id, start_year, end_year, bands::jsonb
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::int[], $5::int[], $6::text[])
              AS p(code, name, unit_id, start_year, end_year, bands)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, unit_id = excluded.unit_id,
           start_year = excluded.start_year, end_year = excluded.end_year, bands = excluded.bands, updated_at = now()
         WHERE (plan.name, plan.unit_id, plan.start_year, plan.end_year, plan.bands)
               IS DISTINCT FROM (excluded.name, excluded.unit_id, excluded.start_year, excluded.end_year, excluded.bands)
         RETURNING (xmax = 0) AS inserted`,
        [
          batch.map((p) => p.code),
          batch.map((p) => p.name),
          batch.map((p) => p.unitId),
          batch.map((p) => p.startYear),
          batch.map((p) => p.endYear),
          batch.map((p) => (p.bands ? JSON.stringify(p.bands) : null)),
        ],
      )),
    );
  }
  return count(rows);
}

/** Plans, optionally only those of units inside the given subtrees (unit paths), ordered by code. */
export async function listPlans(
  q: Queryable,
  filter: { scopePaths?: readonly string[] } = {},
): Promise<PlanRow[]> {
  const scoped = filter.scopePaths !== undefined;
  return q.query<PlanRow>(
    `SELECT ${PLAN_COLUMNS} FROM plan p JOIN unit u ON u.id = p.unit_id
     ${scoped ? 'WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS s(path) WHERE starts_with(u.path, s.path))' : ''}
     ORDER BY p.code`,
    scoped ? [filter.scopePaths ?? []] : [],
  );
}

export async function findPlan(q: Queryable, code: string): Promise<PlanRow | null> {
  const rows = await q.query<PlanRow>(
    `SELECT ${PLAN_COLUMNS} FROM plan p JOIN unit u ON u.id = p.unit_id WHERE p.code = $1`,
    [code],
  );
  return rows[0] ?? null;
}

// Targets ------------------------------------------------------------------------------------------------

/** A target to write (docs/domain.md §5); booleans as 1/0, ratios as percentages. */
export interface TargetInput {
  planId: number;
  indicatorId: number;
  unitId: number;
  period: string;
  target: number | null;
  baseline: number | null;
  baselinePeriod: string | null;
  leadUnitId: number | null;
  note: string | null;
}

export interface TargetRow extends TargetInput {
  id: number;
  planCode: string;
  indicatorCode: string;
  indicatorName: string;
  valueType: ValueType;
  unitSet: string;
  unitCode: string;
  unitName: string;
  unitPath: string;
  leadUnitSet: string | null;
  leadUnitCode: string | null;
  provinceCode: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const TARGET_COLUMNS = `t.id, t.plan_id AS "planId", t.indicator_id AS "indicatorId", t.unit_id AS "unitId", t.period,
  t.target, t.baseline, t.baseline_period AS "baselinePeriod", t.lead_unit_id AS "leadUnitId", t.note,
  p.code AS "planCode", i.code AS "indicatorCode", i.name_vi AS "indicatorName", i.value_type AS "valueType",
  u.set_code AS "unitSet", u.code AS "unitCode", u.name AS "unitName", u.path AS "unitPath",
  l.set_code AS "leadUnitSet", l.code AS "leadUnitCode", u.province_code AS "provinceCode",
  t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

const TARGET_FROM = `target t JOIN plan p ON p.id = t.plan_id JOIN indicator i ON i.id = t.indicator_id
  JOIN unit u ON u.id = t.unit_id LEFT JOIN unit l ON l.id = t.lead_unit_id`;

/** Inserts or updates targets by (plan, indicator, unit, period) in batches; unchanged rows are not written. */
export async function upsertTargets(
  q: Queryable,
  targets: readonly TargetInput[],
): Promise<{ inserted: number; updated: number }> {
  const rows: { inserted: boolean }[] = [];
  for (const batch of batches(targets)) {
    const col = <K extends keyof TargetInput>(key: K) => batch.map((t) => t[key]);
    rows.push(
      ...(await q.query<{ inserted: boolean }>(
        `INSERT INTO target (plan_id, indicator_id, unit_id, period, target, baseline, baseline_period, lead_unit_id, note)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::numeric[], $6::numeric[],
                              $7::text[], $8::bigint[], $9::text[])
         ON CONFLICT (plan_id, indicator_id, unit_id, period) DO UPDATE SET target = excluded.target,
           baseline = excluded.baseline, baseline_period = excluded.baseline_period,
           lead_unit_id = excluded.lead_unit_id, note = excluded.note, updated_at = now()
         WHERE (target.target, target.baseline, target.baseline_period, target.lead_unit_id, target.note)
               IS DISTINCT FROM (excluded.target, excluded.baseline, excluded.baseline_period, excluded.lead_unit_id,
                excluded.note)
         RETURNING (xmax = 0) AS inserted`,
        [
          col('planId'),
          col('indicatorId'),
          col('unitId'),
          col('period'),
          col('target'),
          col('baseline'),
          col('baselinePeriod'),
          col('leadUnitId'),
          col('note'),
        ],
      )),
    );
  }
  return count(rows);
}

export interface TargetFilter {
  planId?: number;
  indicatorId?: number;
  unitId?: number;
  period?: string;
}

/** Targets matching a filter, ordered by plan, indicator, unit and period. */
export async function listTargets(q: Queryable, filter: TargetFilter = {}): Promise<TargetRow[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, value: string | number) => {
    params.push(value);
    where.push(clause.replaceAll('?', `$${params.length}`));
  };
  if (filter.planId !== undefined) add('t.plan_id = ?', filter.planId);
  if (filter.indicatorId !== undefined) add('t.indicator_id = ?', filter.indicatorId);
  if (filter.unitId !== undefined) add('t.unit_id = ?', filter.unitId);
  if (filter.period !== undefined) add('t.period = ?', filter.period);
  return q.query<TargetRow>(
    `SELECT ${TARGET_COLUMNS} FROM ${TARGET_FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY p.code, i.code, u.set_code, u.code, t.period`,
    params,
  );
}

export async function findTarget(
  q: Queryable,
  key: { planId: number; indicatorId: number; unitId: number; period: string },
): Promise<TargetRow | null> {
  const rows = await q.query<TargetRow>(
    `SELECT ${TARGET_COLUMNS} FROM ${TARGET_FROM}
     WHERE t.plan_id = $1 AND t.indicator_id = $2 AND t.unit_id = $3 AND t.period = $4`,
    [key.planId, key.indicatorId, key.unitId, key.period],
  );
  return rows[0] ?? null;
}

// Validation rules ---------------------------------------------------------------------------------------

/** A validation rule to write (docs/domain.md §4); `indicatorCodes` are the codes its sides name. */
export interface ValidationRuleInput {
  code: string;
  nameVi: string;
  nameEn: string | null;
  description: string | null;
  leftSide: string;
  operator: RuleOperator;
  rightSide: string;
  missingValueStrategy: MissingValueStrategy;
  indicatorCodes: readonly string[];
}

export interface ValidationRuleRow extends Omit<ValidationRuleInput, 'indicatorCodes'> {
  id: number;
  indicatorCodes: string[];
  createdAt: Date;
  updatedAt: Date;
}

const RULE_COLUMNS = `id, code, name_vi AS "nameVi", name_en AS "nameEn", description, left_side AS "leftSide",
  operator, right_side AS "rightSide", missing_value_strategy AS "missingValueStrategy",
  indicator_codes AS "indicatorCodes", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Inserts or updates validation rules by code; unchanged rows are not written. */
export async function upsertValidationRules(
  q: Queryable,
  rules: readonly ValidationRuleInput[],
): Promise<{ inserted: number; updated: number }> {
  const rows: { inserted: boolean }[] = [];
  // One rule per statement: the codes are an array per rule, which unnest cannot carry as a column.
  for (const r of rules) {
    rows.push(
      ...(await q.query<{ inserted: boolean }>(
        `INSERT INTO validation_rule (code, name_vi, name_en, description, left_side, operator, right_side,
                                      missing_value_strategy, indicator_codes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[])
         ON CONFLICT (code) DO UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en,
           description = excluded.description, left_side = excluded.left_side, operator = excluded.operator,
           right_side = excluded.right_side, missing_value_strategy = excluded.missing_value_strategy,
           indicator_codes = excluded.indicator_codes, updated_at = now()
         WHERE (validation_rule.name_vi, validation_rule.name_en, validation_rule.description, validation_rule.left_side,
                validation_rule.operator, validation_rule.right_side, validation_rule.missing_value_strategy)
               IS DISTINCT FROM (excluded.name_vi, excluded.name_en, excluded.description, excluded.left_side,
                excluded.operator, excluded.right_side, excluded.missing_value_strategy)
         RETURNING (xmax = 0) AS inserted`,
        [
          r.code,
          r.nameVi,
          r.nameEn,
          r.description,
          r.leftSide,
          r.operator,
          r.rightSide,
          r.missingValueStrategy,
          [...r.indicatorCodes],
        ],
      )),
    );
  }
  return count(rows);
}

/** Every validation rule, ordered by code; with `indicatorCodes`, only the rules naming one of them. */
export async function listValidationRules(
  q: Queryable,
  filter: { indicatorCodes?: readonly string[] } = {},
): Promise<ValidationRuleRow[]> {
  if (filter.indicatorCodes) {
    return q.query<ValidationRuleRow>(
      `SELECT ${RULE_COLUMNS} FROM validation_rule WHERE indicator_codes && $1::text[] ORDER BY code`,
      [[...filter.indicatorCodes]],
    );
  }
  return q.query<ValidationRuleRow>(`SELECT ${RULE_COLUMNS} FROM validation_rule ORDER BY code`);
}

export async function findValidationRule(q: Queryable, code: string): Promise<ValidationRuleRow | null> {
  const rows = await q.query<ValidationRuleRow>(
    `SELECT ${RULE_COLUMNS} FROM validation_rule WHERE code = $1`,
    [code],
  );
  return rows[0] ?? null;
}

// Workspace units ----------------------------------------------------------------------------------------

/** The codes among these that name a unit of the given set (e.g. workspace codes that repeat a 2025 code). */
export async function findTakenUnitCodes(
  q: Queryable,
  set: string,
  codes: readonly string[],
): Promise<string[]> {
  const rows = await q.query<{ code: string }>(
    'SELECT code FROM unit WHERE set_code = $1 AND code = ANY($2::text[]) ORDER BY code',
    [set, [...new Set(codes)]],
  );
  return rows.map((r) => r.code);
}
