import type { ReviewState } from '../domain/approval.js';
import type { Queryable } from './db.js';

/** What a form cell needs of an indicator: its names, type, bounds and group. */
export interface EntryIndicatorRow {
  indicatorId: number;
  indicatorCode: string;
  nameVi: string;
  nameEn: string | null;
  valueType: string;
  measureUnit: string | null;
  minValue: number | null;
  maxValue: number | null;
  groupCode: string | null;
  groupNameVi: string | null;
  groupNameEn: string | null;
  groupSort: number | null;
}

/** A target of a plan at or above a unit, with its indicator, as the entry form reads it. */
export interface EntryTargetRow extends EntryIndicatorRow {
  planId: number;
  planCode: string;
  planName: string;
  startYear: number;
  endYear: number;
  /** True when the target is set at the unit itself (not at a unit above it). */
  ownUnit: boolean;
  /** True when the unit leads the target (its lead unit). */
  ledByUnit: boolean;
  target: number | null;
  targetPeriod: string;
}

const INDICATOR_COLUMNS = `i.id AS "indicatorId", i.code AS "indicatorCode", i.name_vi AS "nameVi",
  i.name_en AS "nameEn", i.value_type AS "valueType", i.measure_unit AS "measureUnit", i.min_value AS "minValue",
  i.max_value AS "maxValue", g.code AS "groupCode", g.name_vi AS "groupNameVi", g.name_en AS "groupNameEn",
  g.sort AS "groupSort"`;

/**
 * The targets of every plan set at or above the unit at `unitPath` whose own unit is at or above it too (a plan's
 * targets at the province reach its communes), in plan, group and indicator order.
 */
export async function listEntryTargets(
  q: Queryable,
  input: { unitId: number; unitPath: string },
): Promise<EntryTargetRow[]> {
  return q.query<EntryTargetRow>(
    `SELECT p.id AS "planId", p.code AS "planCode", p.name AS "planName", p.start_year AS "startYear",
            p.end_year AS "endYear", t.unit_id = $1 AS "ownUnit", t.lead_unit_id IS NOT DISTINCT FROM $1 AS "ledByUnit", t.target, t.period AS "targetPeriod",
            ${INDICATOR_COLUMNS}
     FROM target t
     JOIN plan p ON p.id = t.plan_id
     JOIN unit pu ON pu.id = p.unit_id
     JOIN unit tu ON tu.id = t.unit_id
     JOIN indicator i ON i.id = t.indicator_id
     LEFT JOIN indicator_group g ON g.code = i.group_code
     WHERE starts_with($2, pu.path) AND starts_with($2, tu.path)
     ORDER BY p.end_year DESC, p.code, g.sort NULLS LAST, i.code, t.period`,
    [input.unitId, input.unitPath],
  );
}

/**
 * Register indicators kept at units of `level` (those holding values there, that no plan targets): a commune's
 * own registers (LAN, community digital teams), or the yes/no items of villages with `booleanOnly`.
 */
export async function listRegisterIndicators(
  q: Queryable,
  input: { level: string; booleanOnly: boolean },
): Promise<EntryIndicatorRow[]> {
  return q.query<EntryIndicatorRow>(
    `SELECT ${INDICATOR_COLUMNS}
     FROM indicator i
     LEFT JOIN indicator_group g ON g.code = i.group_code
     WHERE NOT EXISTS (SELECT 1 FROM target t WHERE t.indicator_id = i.id)
       AND (NOT $2 OR i.value_type = 'boolean')
       AND EXISTS (SELECT 1 FROM data_value dv JOIN unit u ON u.id = dv.unit_id
                   WHERE dv.indicator_id = i.id AND u.level = $1)
     ORDER BY g.sort NULLS LAST, i.code`,
    [input.level, input.booleanOnly],
  );
}

/** A stored value as the form shows it, with its version and last change. */
export interface EntryValueRow {
  indicatorId: number;
  unitId: number;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  version: number;
  updatedBy: string | null;
  updatedAt: Date;
}

/** The values stored for these indicators at these units and periods, in one query. */
export async function listEntryValues(
  q: Queryable,
  input: { indicatorIds: readonly number[]; unitIds: readonly number[]; periods: readonly string[] },
): Promise<EntryValueRow[]> {
  if (input.indicatorIds.length === 0 || input.unitIds.length === 0) return [];
  return q.query<EntryValueRow>(
    `SELECT indicator_id AS "indicatorId", unit_id AS "unitId", period, value, numerator, denominator, comment,
            version, updated_by AS "updatedBy", updated_at AS "updatedAt"
     FROM data_value
     WHERE indicator_id = ANY($1::bigint[]) AND unit_id = ANY($2::bigint[]) AND period = ANY($3::text[])`,
    [[...input.indicatorIds], [...input.unitIds], [...input.periods]],
  );
}

/** The values of these indicator codes stored at one unit and period (what validation rules read). */
export async function listValuesByCode(
  q: Queryable,
  input: { unitId: number; period: string; codes: readonly string[] },
): Promise<{ indicatorCode: string; value: number }[]> {
  if (input.codes.length === 0) return [];
  return q.query<{ indicatorCode: string; value: number }>(
    `SELECT i.code AS "indicatorCode", dv.value
     FROM data_value dv JOIN indicator i ON i.id = dv.indicator_id
     WHERE dv.unit_id = $1 AND dv.period = $2 AND i.code = ANY($3::text[]) AND dv.value IS NOT NULL`,
    [input.unitId, input.period, [...input.codes]],
  );
}

/** The villages directly under a unit, by code. */
export async function listVillages(
  q: Queryable,
  parentId: number,
): Promise<{ id: number; set: string; code: string; name: string }[]> {
  return q.query<{ id: number; set: string; code: string; name: string }>(
    `SELECT id, set_code AS "set", code, name FROM unit WHERE parent_id = $1 AND level = 'village' ORDER BY code`,
    [parentId],
  );
}

/** The review states a unit's periods of a plan have (periods without a row are open). */
export async function listUnitReviewStates(
  q: Queryable,
  input: { planId: number; unitId: number },
): Promise<{ period: string; state: ReviewState }[]> {
  return q.query<{ period: string; state: ReviewState }>(
    `SELECT period, state FROM review WHERE plan_id = $1 AND unit_id = $2`,
    [input.planId, input.unitId],
  );
}
