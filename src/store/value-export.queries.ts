import type { Queryable } from './db.js';
import type { ValueUnitFilter } from './values.queries.js';
import { addValueUnitConditions } from './values.queries.js';

/** One stored value with the codes and names an export writes (docs/import.md `dxmon export values`). */
export interface ExportValueDbRow {
  id: number;
  indicatorCode: string;
  unitSet: string;
  unitCode: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  indicatorName: string;
  unitName: string;
  valueType: string;
  updatedAt: Date;
  updatedBy: string | null;
  source: string;
}

/** Which values an export takes; every field narrows it. */
export interface ExportValueFilter extends ValueUnitFilter {
  /** Values of periods inside this span (a period's first and last day), the period itself included. */
  periodStart?: string;
  periodEnd?: string;
}

/**
 * One page of the values an export takes, after the value id `afterId`, in id order (so an export streams
 * through any number of values with a bounded memory, page by page).
 */
export async function exportValuePage(
  q: Queryable,
  filter: ExportValueFilter,
  afterId: number,
  limit: number,
): Promise<ExportValueDbRow[]> {
  const params: (string | number | readonly string[])[] = [afterId, limit];
  const where: string[] = ['v.id > $1'];
  const add = (clause: string, value: string | number | readonly string[]) => {
    params.push(value);
    where.push(clause.replaceAll('?', `$${params.length}`));
  };
  if (filter.periodStart) add('v.period_start >= ?::date', filter.periodStart);
  if (filter.periodEnd) add('v.period_end <= ?::date', filter.periodEnd);
  addValueUnitConditions(add, filter);
  return q.query<ExportValueDbRow>(
    `SELECT v.id, i.code AS "indicatorCode", u.set_code AS "unitSet", u.code AS "unitCode", v.period, v.value,
            v.numerator, v.denominator, v.comment, i.name_vi AS "indicatorName", u.name AS "unitName",
            i.value_type AS "valueType", v.updated_at AS "updatedAt", v.updated_by AS "updatedBy", v.source
     FROM data_value v JOIN indicator i ON i.id = v.indicator_id JOIN unit u ON u.id = v.unit_id
     WHERE ${where.join(' AND ')}
     ORDER BY v.id LIMIT $2`,
    params,
  );
}
