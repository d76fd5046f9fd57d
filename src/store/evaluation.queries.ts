import type { Direction } from '../domain/achievement.js';
import type { TimeAggregation, ValueType } from '../domain/aggregate.js';
import type { Queryable } from './db.js';
import type { UnitLevel } from '../domain/unit-vocabulary.js';

/** An indicator with what evaluation needs to know of it (docs/domain.md §4). */
export interface IndicatorRow {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  valueType: ValueType;
  measureUnit: string | null;
  direction: Direction;
  timeAggregation: TimeAggregation;
}

/** A target of a plan with its indicator, its unit and its lead unit (docs/domain.md §5). */
export interface TargetRow {
  id: number;
  indicator: IndicatorRow;
  unitId: number;
  unitSet: string;
  unitCode: string;
  unitName: string;
  unitPath: string;
  period: string;
  target: number | null;
  baseline: number | null;
  baselinePeriod: string | null;
  leadUnitSet: string | null;
  leadUnitCode: string | null;
  leadUnitName: string | null;
}

interface FlatTargetRow extends Omit<TargetRow, 'indicator'> {
  indicatorId: number;
  indicatorCode: string;
  nameVi: string;
  nameEn: string | null;
  valueType: ValueType;
  measureUnit: string | null;
  direction: Direction;
  timeAggregation: TimeAggregation;
}

/**
 * The targets of a plan whose due period falls in `year` (the period id starts with the year: `2024`,
 * `2024S1`, `202406`), in the order they were written.
 */
export async function listPlanTargets(q: Queryable, planId: number, year: number): Promise<TargetRow[]> {
  const rows = await q.query<FlatTargetRow>(
    `SELECT t.id, t.indicator_id AS "indicatorId", i.code AS "indicatorCode", i.name_vi AS "nameVi",
            i.name_en AS "nameEn", i.value_type AS "valueType", i.measure_unit AS "measureUnit", i.direction,
            i.time_aggregation AS "timeAggregation",
            t.unit_id AS "unitId", u.set_code AS "unitSet", u.code AS "unitCode", u.name AS "unitName",
            u.path AS "unitPath", t.period, t.target, t.baseline, t.baseline_period AS "baselinePeriod",
            l.set_code AS "leadUnitSet", l.code AS "leadUnitCode", l.name AS "leadUnitName"
     FROM target t
     JOIN indicator i ON i.id = t.indicator_id
     JOIN unit u ON u.id = t.unit_id
     LEFT JOIN unit l ON l.id = t.lead_unit_id
     WHERE t.plan_id = $1 AND left(t.period, 4) = $2
     ORDER BY t.id`,
    [planId, String(year)],
  );
  return rows.map(
    ({
      indicatorId,
      indicatorCode,
      nameVi,
      nameEn,
      valueType,
      measureUnit,
      direction,
      timeAggregation,
      ...rest
    }) => ({
      ...rest,
      indicator: {
        id: indicatorId,
        code: indicatorCode,
        nameVi,
        nameEn,
        valueType,
        measureUnit,
        direction,
        timeAggregation,
      },
    }),
  );
}

/** A unit below another, at a level or as a direct child, for evaluations across units (maps, rankings). */
export interface SubunitRow {
  id: number;
  set: string;
  code: string;
  name: string;
  level: UnitLevel;
  path: string;
}

/**
 * The units below a unit: its direct children, or every unit of `level` in its subtree; ordered by code.
 * The subtree is the materialised path's prefix, read as a byte range so the path index serves it.
 */
export async function listSubunits(
  q: Queryable,
  parent: { id: number; path: string },
  level: UnitLevel | undefined,
): Promise<SubunitRow[]> {
  return level === undefined
    ? q.query<SubunitRow>(
        `SELECT id, set_code AS "set", code, name, level, path FROM unit WHERE parent_id = $1
         ORDER BY set_code, code`,
        [parent.id],
      )
    : q.query<SubunitRow>(
        `SELECT id, set_code AS "set", code, name, level, path FROM unit
         WHERE path ~>=~ $1 AND path ~<~ ($1 || '~') AND id <> $2 AND level = $3
         ORDER BY set_code, code`,
        [parent.path, parent.id, level],
      );
}
