import type { ValueType } from '../domain/aggregate.js';
import type { Queryable } from './db.js';

/**
 * What the secretariat's review inbox needs beside a review's state: when the unit last submitted, when it was
 * last approved, and which values the approval covers that changed since. A value is covered as an approval locks
 * it (docs/auth-review.md): an indicator the plan has a target on, at the unit or below it, in a period inside the
 * review's period.
 */

/** One unit's activity in a review of (plan, period). */
export interface ReviewActivityRow {
  unitId: number;
  lastSubmittedAt: Date | null;
  lastApprovedAt: Date | null;
  /** Covered values saved after the last approval (every covered value when never approved). */
  changed: number;
}

/** The review's scope: the plan, the period's id and first and last day. */
export interface ReviewScope {
  planId: number;
  period: string;
  periodStart: string;
  periodEnd: string;
}

/** Whether the value `v` at the unit `vu` is covered by a review of the unit `u` (the plan's id, the period's days). */
const COVERED = (plan: string, start: string, end: string) => `starts_with(vu.path, u.path)
  AND v.period_start >= ${start}::date AND v.period_end <= ${end}::date
  AND v.indicator_id IN (SELECT indicator_id FROM target WHERE plan_id = ${plan})`;

/**
 * For each unit, its last submission and approval and how many covered values changed since, in one query whose
 * cost follows the number of values in the period under `within` (a path every listed unit lies under), not the
 * number of units times the values: each value counts for the listed units on its path (`/id/…/id/`), found by
 * joining the path's ids, not by comparing every unit with every value.
 */
export async function listReviewActivity(
  q: Queryable,
  scope: ReviewScope,
  within: string,
  unitIds: readonly number[],
): Promise<ReviewActivityRow[]> {
  if (unitIds.length === 0) return [];
  return q.query<ReviewActivityRow>(
    `WITH listed AS (SELECT DISTINCT unnest($5::bigint[]) AS id),
     events AS (
       SELECT r.unit_id AS id, max(e.at) FILTER (WHERE e.event = 'submit') AS submitted,
              max(e.at) FILTER (WHERE e.event = 'approve') AS approved
       FROM review r
       JOIN listed l ON l.id = r.unit_id
       JOIN review_event e ON e.review_id = r.id
       WHERE r.plan_id = $1 AND r.period = $2
       GROUP BY r.unit_id
     ),
     changed AS (
       SELECT l.id, count(*)::int AS n
       FROM data_value v
       JOIN unit vu ON vu.id = v.unit_id
       CROSS JOIN LATERAL unnest(string_to_array(btrim(vu.path, '/'), '/')::bigint[]) AS a(id)
       JOIN listed l ON l.id = a.id
       LEFT JOIN events ev ON ev.id = l.id
       WHERE starts_with(vu.path, $6) AND v.period_start >= $3::date AND v.period_end <= $4::date
         AND v.indicator_id IN (SELECT indicator_id FROM target WHERE plan_id = $1)
         AND (ev.approved IS NULL OR v.updated_at > ev.approved)
       GROUP BY l.id
     )
     SELECT l.id AS "unitId", ev.submitted AS "lastSubmittedAt", ev.approved AS "lastApprovedAt",
            COALESCE(c.n, 0) AS changed
     FROM listed l
     LEFT JOIN events ev ON ev.id = l.id
     LEFT JOIN changed c ON c.id = l.id`,
    [scope.planId, scope.period, scope.periodStart, scope.periodEnd, unitIds as number[], within],
  );
}

/** A covered value changed since a time: its key, its state now and who saved it last. */
export interface ChangedValueRow {
  indicatorCode: string;
  indicatorName: string;
  /** The indicator's English name, when the catalogue has one. */
  indicatorNameEn: string | null;
  valueType: ValueType;
  unitSet: string;
  unitCode: string;
  unitName: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  version: number;
  createdAt: Date;
  updatedBy: string | null;
  updatedAt: Date;
}

/**
 * The values a review of one unit covers that were saved after `since` (all of them when null), by indicator, unit
 * and period.
 */
export async function listChangedValues(
  q: Queryable,
  scope: ReviewScope,
  unitId: number,
  since: Date | null,
): Promise<ChangedValueRow[]> {
  return q.query<ChangedValueRow>(
    `SELECT i.code AS "indicatorCode", i.name_vi AS "indicatorName", i.name_en AS "indicatorNameEn",
            i.value_type AS "valueType",
            vu.set_code AS "unitSet", vu.code AS "unitCode", vu.name AS "unitName", v.period,
            v.value, v.numerator, v.denominator, v.version, v.created_at AS "createdAt",
            v.updated_by AS "updatedBy", v.updated_at AS "updatedAt"
     FROM unit u
     JOIN unit vu ON starts_with(vu.path, u.path)
     JOIN data_value v ON v.unit_id = vu.id
     JOIN indicator i ON i.id = v.indicator_id
     WHERE u.id = $4 AND ${COVERED('$1', '$2', '$3')} AND ($5::timestamptz IS NULL OR v.updated_at > $5::timestamptz)
     ORDER BY i.code, vu.set_code, vu.code, v.period_start, v.period_end`,
    [scope.planId, scope.periodStart, scope.periodEnd, unitId, since],
  );
}

/** A value as the audit log last recorded it at or before a time (`new_data` of its latest row then). */
export interface AuditedValueRow {
  entityKey: string;
  data: unknown;
}

/** For each value key (the audit log's `entity_key`), its recorded state at `at`, if it had one (one query). */
export async function findValuesAsOf(
  q: Queryable,
  entityKeys: readonly string[],
  at: Date,
): Promise<AuditedValueRow[]> {
  if (entityKeys.length === 0) return [];
  return q.query<AuditedValueRow>(
    `SELECT DISTINCT ON (entity_key) entity_key AS "entityKey", new_data AS data
     FROM audit_log
     WHERE entity = 'value' AND entity_key = ANY($1::text[]) AND at <= $2
     ORDER BY entity_key, at DESC, id DESC`,
    [entityKeys as string[], at],
  );
}
