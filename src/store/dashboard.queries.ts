import type { Queryable } from './db.js';

// What a dashboard reads besides the evaluation (docs/dashboard.md): the periods a plan has values for, and the
// indicators' groups.

/** A period some value of a plan's indicators was recorded for. */
export interface ValuePeriodRow {
  period: string;
  periodStart: string;
  periodEnd: string;
}

/**
 * The periods with at least one value of an indicator the plan has a target on, at or below the unit at `rootPath`
 * and inside the reader's subtrees (`scopePaths`; undefined: everywhere), earliest first.
 */
export async function listPlanValuePeriods(
  q: Queryable,
  filter: { planId: number; rootPath: string; scopePaths: readonly string[] | undefined },
): Promise<ValuePeriodRow[]> {
  return q.query<ValuePeriodRow>(
    `SELECT v.period, min(v.period_start)::text AS "periodStart", min(v.period_end)::text AS "periodEnd"
     FROM data_value v
     JOIN unit u ON u.id = v.unit_id
     WHERE v.indicator_id IN (SELECT DISTINCT indicator_id FROM target WHERE plan_id = $1)
       AND starts_with(u.path, $2)
       AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($3::text[]) s(p) WHERE starts_with(u.path, s.p)))
     GROUP BY v.period
     ORDER BY min(v.period_end), min(v.period_start) DESC`,
    [filter.planId, filter.rootPath, filter.scopePaths ? [...filter.scopePaths] : null],
  );
}

/** An indicator with what a dashboard groups and judges it by. */
export interface DashboardIndicatorRow {
  id: number;
  code: string;
  valueType: 'percent' | 'count' | 'number' | 'money' | 'boolean' | 'ratio';
  direction: 'increase' | 'decrease' | 'reach';
  groupCode: string | null;
  groupNameVi: string | null;
  groupNameEn: string | null;
  groupKind: 'pillar' | 'foundation' | 'custom' | null;
}

/** The indicators of the given codes with their groups (pillars). */
export async function listDashboardIndicators(
  q: Queryable,
  codes: readonly string[],
): Promise<DashboardIndicatorRow[]> {
  if (codes.length === 0) return [];
  return q.query<DashboardIndicatorRow>(
    `SELECT i.id, i.code, i.value_type AS "valueType", i.direction, i.group_code AS "groupCode",
            g.name_vi AS "groupNameVi", g.name_en AS "groupNameEn", g.kind AS "groupKind"
     FROM indicator i LEFT JOIN indicator_group g ON g.code = i.group_code
     WHERE i.code = ANY($1::text[])`,
    [[...codes]],
  );
}

/** A plan a user may land on, with the unit of it they may read. */
export interface LandingPlanRow {
  code: string;
  name: string;
  planId: number;
  planPath: string;
  /** The highest unit the user may read at or below the plan's unit. */
  unitSet: string;
  unitCode: string;
  unitPath: string;
}

/**
 * The most recent plan (latest end year, then start year, then code) that is set at or above a unit the user may
 * read (`scopePaths`; undefined: every unit), with the highest such unit at or below the plan's unit.
 */
export async function findLandingPlan(
  q: Queryable,
  scopePaths: readonly string[] | undefined,
): Promise<LandingPlanRow | null> {
  const [row] = await q.query<LandingPlanRow>(
    `SELECT p.code, p.name, p.id AS "planId", pu.path AS "planPath",
            su.set_code AS "unitSet", su.code AS "unitCode", su.path AS "unitPath"
     FROM plan p
     JOIN unit pu ON pu.id = p.unit_id
     CROSS JOIN LATERAL (
       SELECT u.set_code, u.code, u.path
       FROM unit u
       WHERE ($1::text[] IS NULL AND u.id = pu.id)
          OR u.path IN (SELECT CASE WHEN starts_with(s.p, pu.path) THEN s.p ELSE pu.path END
                        FROM unnest($1::text[]) s(p)
                        WHERE starts_with(s.p, pu.path) OR starts_with(pu.path, s.p))
       ORDER BY length(u.path)
       LIMIT 1
     ) su
     ORDER BY p.end_year DESC, p.start_year DESC, p.code
     LIMIT 1`,
    [scopePaths ? [...scopePaths] : null],
  );
  return row ?? null;
}

/** A plan with approved open data: its unit's review approved for at least one period. */
export interface PublicPlanRow {
  code: string;
  name: string;
  unitSet: string;
  unitCode: string;
  unitName: string;
  startYear: number;
  endYear: number;
  periods: string[];
}

/**
 * The plans whose own unit has an approved review (every value behind the plan's targets in that period is then
 * approved: docs/auth-review.md), with those periods, most recent plan first.
 */
export async function listPublicPlans(q: Queryable): Promise<PublicPlanRow[]> {
  return q.query<PublicPlanRow>(
    `SELECT p.code, p.name, u.set_code AS "unitSet", u.code AS "unitCode", u.name AS "unitName",
            p.start_year AS "startYear", p.end_year AS "endYear",
            array_agg(r.period ORDER BY r.period_end, r.period_start DESC) AS periods
     FROM plan p
     JOIN unit u ON u.id = p.unit_id
     JOIN review r ON r.plan_id = p.id AND r.unit_id = p.unit_id AND r.state = 'approved'
     GROUP BY p.id, u.id
     ORDER BY p.end_year DESC, p.start_year DESC, p.code`,
  );
}

/** The periods of a plan approved at its own unit, as value periods (earliest first). */
export async function listApprovedPlanPeriods(q: Queryable, planId: number): Promise<ValuePeriodRow[]> {
  return q.query<ValuePeriodRow>(
    `SELECT r.period, r.period_start::text AS "periodStart", r.period_end::text AS "periodEnd"
     FROM review r JOIN plan p ON p.id = r.plan_id
     WHERE r.plan_id = $1 AND r.unit_id = p.unit_id AND r.state = 'approved'
     ORDER BY r.period_end, r.period_start DESC`,
    [planId],
  );
}
