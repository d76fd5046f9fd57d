import type { Queryable } from './db.js';

/** A target of a plan with the value stored for a period: what one row of an entry template shows. */
export interface TemplateTargetRow {
  indicatorCode: string;
  indicatorName: string;
  valueType: string;
  measureUnit: string | null;
  unitSet: string;
  unitCode: string;
  unitName: string;
  unitPath: string;
  target: number | null;
  targetPeriod: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
}

/**
 * The targets of a plan that a unit reports — those of the unit itself or led by it, or with `subtree` those
 * of any unit (or lead unit) under it — each with the value stored for `period`, in unit then indicator order.
 */
export async function listTemplateTargets(
  q: Queryable,
  input: { planId: number; unitId: number; unitPath: string; subtree: boolean; period: string },
): Promise<TemplateTargetRow[]> {
  return q.query<TemplateTargetRow>(
    `SELECT i.code AS "indicatorCode", i.name_vi AS "indicatorName", i.value_type AS "valueType",
            i.measure_unit AS "measureUnit", u.set_code AS "unitSet", u.code AS "unitCode", u.name AS "unitName",
            u.path AS "unitPath", t.target, t.period AS "targetPeriod", v.value, v.numerator, v.denominator, v.comment
     FROM target t
     JOIN indicator i ON i.id = t.indicator_id
     JOIN unit u ON u.id = t.unit_id
     LEFT JOIN unit l ON l.id = t.lead_unit_id
     LEFT JOIN data_value v ON v.indicator_id = t.indicator_id AND v.unit_id = t.unit_id AND v.period = $5
     WHERE t.plan_id = $1
       AND (CASE WHEN $4 THEN starts_with(u.path, $3) OR coalesce(starts_with(l.path, $3), false)
                 ELSE t.unit_id = $2 OR t.lead_unit_id = $2 END)
     ORDER BY u.set_code, u.code, i.code, t.period`,
    [input.planId, input.unitId, input.unitPath, input.subtree, input.period],
  );
}
