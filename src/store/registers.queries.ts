import type { IndicatorRow } from './catalogue.queries.js';
import type { Queryable } from './db.js';
import type { UnitLevel } from '../domain/unit-vocabulary.js';

/** An indicator as the register views need it. */
export type RegisterIndicatorRow = Pick<
  IndicatorRow,
  'id' | 'code' | 'nameVi' | 'nameEn' | 'valueType' | 'measureUnit'
>;

/** A unit of a register list with its parent, so a map can place it and a reader find it. */
export interface RegisterUnitRow {
  unitId: number;
  set: string;
  code: string;
  name: string;
  level: UnitLevel;
  parentSet: string | null;
  parentCode: string | null;
  parentName: string | null;
}

/** A unit's value of a register for a period, as stored (booleans as 1 and 0). */
export interface RegisterValueRow extends RegisterUnitRow {
  value: number | null;
  period: string;
  comment: string | null;
}

const UNIT_COLUMNS = `u.id AS "unitId", u.set_code AS "set", u.code, u.name, u.level,
  p.set_code AS "parentSet", p.code AS "parentCode", p.name AS "parentName"`;

/**
 * Each unit's value of an indicator for a period, over the units in the subtree at `rootPath`: the value
 * recorded for that very period, else the one of the latest shorter period inside it (a register is a stock:
 * its time aggregation is `last`, docs/domain.md §4). Units with no value inside the period are absent.
 */
export async function registerValuesAt(
  q: Queryable,
  input: { indicatorId: number; period: string; start: string; end: string; rootPath: string },
): Promise<RegisterValueRow[]> {
  return q.query<RegisterValueRow>(
    `SELECT DISTINCT ON (dv.unit_id) ${UNIT_COLUMNS}, dv.value, dv.period, dv.comment
     FROM data_value dv
     JOIN unit u ON u.id = dv.unit_id
     LEFT JOIN unit p ON p.id = u.parent_id
     WHERE dv.indicator_id = $1 AND dv.period_start >= $2::date AND dv.period_end <= $3::date
       AND starts_with(u.path, $4)
     ORDER BY dv.unit_id, (dv.period = $5) DESC, dv.period_end DESC, dv.period_start`,
    [input.indicatorId, input.start, input.end, input.rootPath, input.period],
  );
}

/** A unit's value of one of several registers at one of several periods (`registerValuesAtPeriods`). */
export interface RegisterValueAtRow extends RegisterValueRow {
  indicatorId: number;
  /** The period asked for (not necessarily the value's own, which may be a shorter one inside it). */
  at: string;
}

/**
 * `registerValuesAt` for several indicators and periods in one statement (a dashboard's registers over two
 * quarters): the same choice per indicator, period asked for and unit.
 */
export async function registerValuesAtPeriods(
  q: Queryable,
  input: {
    indicatorIds: readonly number[];
    periods: readonly { period: string; start: string; end: string }[];
    rootPath: string;
  },
): Promise<RegisterValueAtRow[]> {
  if (input.indicatorIds.length === 0 || input.periods.length === 0) return [];
  return q.query<RegisterValueAtRow>(
    `SELECT DISTINCT ON (dv.indicator_id, w.at, dv.unit_id) ${UNIT_COLUMNS}, dv.value, dv.period, dv.comment,
            dv.indicator_id AS "indicatorId", w.at
     FROM unnest($2::text[], $3::date[], $4::date[]) AS w(at, s, e)
     JOIN data_value dv ON dv.indicator_id = ANY($1::bigint[]) AND dv.period_start >= w.s AND dv.period_end <= w.e
     JOIN unit u ON u.id = dv.unit_id
     LEFT JOIN unit p ON p.id = u.parent_id
     WHERE starts_with(u.path, $5)
     ORDER BY dv.indicator_id, w.at, dv.unit_id, (dv.period = w.at) DESC, dv.period_end DESC, dv.period_start`,
    [
      [...input.indicatorIds],
      input.periods.map((p) => p.period),
      input.periods.map((p) => p.start),
      input.periods.map((p) => p.end),
      input.rootPath,
    ],
  );
}

/**
 * The units of a level in the subtree at `rootPath` that exist during a period (validity dates overlapping it),
 * by parent code then code.
 */
export async function unitsForRegister(
  q: Queryable,
  input: { rootPath: string; level: UnitLevel; start: string; end: string },
): Promise<RegisterUnitRow[]> {
  return q.query<RegisterUnitRow>(
    `SELECT ${UNIT_COLUMNS}
     FROM unit u LEFT JOIN unit p ON p.id = u.parent_id
     WHERE starts_with(u.path, $1) AND u.level = $2
       AND (u.valid_from IS NULL OR u.valid_from <= $4::date)
       AND (u.valid_to IS NULL OR u.valid_to >= $3::date)
     ORDER BY p.set_code NULLS FIRST, p.code NULLS FIRST, u.set_code, u.code`,
    [input.rootPath, input.level, input.start, input.end],
  );
}

/**
 * For each unit and indicator, the value of the latest period ending on or before `end` (what a template
 * carries forward), with that period and its comment.
 */
export async function latestValuesUpTo(
  q: Queryable,
  input: { indicatorIds: readonly number[]; rootPath: string; level: UnitLevel; end: string },
): Promise<
  { indicatorId: number; unitId: number; value: number | null; period: string; comment: string | null }[]
> {
  return q.query(
    `SELECT DISTINCT ON (dv.indicator_id, dv.unit_id)
            dv.indicator_id AS "indicatorId", dv.unit_id AS "unitId", dv.value, dv.period, dv.comment
     FROM data_value dv JOIN unit u ON u.id = dv.unit_id
     WHERE dv.indicator_id = ANY($1::bigint[]) AND starts_with(u.path, $2) AND u.level = $3
       AND dv.period_end <= $4::date
     ORDER BY dv.indicator_id, dv.unit_id, dv.period_end DESC, dv.period_start DESC`,
    [input.indicatorIds, input.rootPath, input.level, input.end],
  );
}

/** The level at which an indicator has the most values (a register's level), or null when it has none. */
export async function dominantValueLevel(q: Queryable, indicatorId: number): Promise<UnitLevel | null> {
  const rows = await q.query<{ level: UnitLevel }>(
    `SELECT u.level FROM data_value dv JOIN unit u ON u.id = dv.unit_id
     WHERE dv.indicator_id = $1 GROUP BY u.level ORDER BY count(*) DESC, u.level LIMIT 1`,
    [indicatorId],
  );
  return rows[0]?.level ?? null;
}

/** A register as the list of registers shows it: a yes/no indicator no plan targets, and its usual level. */
export interface RegisterListRow {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  level: UnitLevel;
}

/**
 * The registers with values under the unit at `rootPath`: yes/no indicators that no plan targets, with values kept
 * at villages or communes there, each with the level most of those values are kept at, in catalogue order.
 */
export async function listRegisterSummaries(
  q: Queryable,
  input: { rootPath: string },
): Promise<RegisterListRow[]> {
  return q.query<RegisterListRow>(
    `SELECT i.id, i.code, i.name_vi AS "nameVi", i.name_en AS "nameEn",
       (SELECT u.level FROM data_value dv JOIN unit u ON u.id = dv.unit_id
        WHERE dv.indicator_id = i.id AND starts_with(u.path, $1)
        GROUP BY u.level ORDER BY count(*) DESC, u.level LIMIT 1) AS level
     FROM indicator i
     LEFT JOIN indicator_group g ON g.code = i.group_code
     WHERE i.value_type = 'boolean'
       AND NOT EXISTS (SELECT 1 FROM target t WHERE t.indicator_id = i.id)
       AND EXISTS (SELECT 1 FROM data_value dv JOIN unit u ON u.id = dv.unit_id
                   WHERE dv.indicator_id = i.id AND u.level IN ('village', 'commune') AND starts_with(u.path, $1))
     ORDER BY g.sort NULLS LAST, i.code`,
    [input.rootPath],
  );
}

/** The periods with a value of each of these indicators under the unit at `rootPath`, oldest first. */
export async function registerPeriods(
  q: Queryable,
  input: { indicatorIds: number[]; rootPath: string },
): Promise<{ indicatorId: number; period: string }[]> {
  return q.query<{ indicatorId: number; period: string }>(
    `SELECT dv.indicator_id AS "indicatorId", dv.period
     FROM data_value dv JOIN unit u ON u.id = dv.unit_id
     WHERE dv.indicator_id = ANY($1::bigint[]) AND starts_with(u.path, $2)
     GROUP BY dv.indicator_id, dv.period, dv.period_start, dv.period_end
     ORDER BY dv.indicator_id, dv.period_end, dv.period_start DESC, dv.period`,
    [input.indicatorIds, input.rootPath],
  );
}
