import type { ReviewEventType, ReviewState, Role } from '../domain/approval.js';
import type { Queryable } from './db.js';

/** A unit's review of one (plan, period), with 'open' when no row exists yet. */
export interface ReviewStatusRow {
  unitId: number;
  unitSet: string;
  unitCode: string;
  unitName: string;
  level: string;
  path: string;
  state: ReviewState;
  reason: string | null;
  updatedBy: string | null;
  updatedAt: Date | null;
}

export interface ReviewEventRow {
  event: ReviewEventType;
  fromState: ReviewState;
  toState: ReviewState;
  role: Role;
  reason: string | null;
  actor: string;
  source: string;
  at: Date;
}

/** One unit's move in a review transition, as computed by the domain state machine. */
export interface ReviewMove {
  unitId: number;
  /** The unit as users write it, for the audit log's key. */
  unitRef: string;
  from: ReviewState;
  to: ReviewState;
  role: Role;
}

const STATUS_COLUMNS = `u.id AS "unitId", u.set_code AS "unitSet", u.code AS "unitCode", u.name AS "unitName",
  u.level, u.path, COALESCE(r.state, 'open') AS state, r.reason, r.updated_by AS "updatedBy",
  r.updated_at AS "updatedAt"`;

/**
 * The review state of (plan, period) for the units expected to report, in code order: with `level`, every unit of
 * that level under `underPath`; without, the units holding a target of the plan and those with a review row —
 * restricted to `underPath` and to the subtrees in `scopeRoots` (null: no restriction).
 */
export async function listReviewStatusRows(
  q: Queryable,
  filter: {
    planId: number;
    period: string;
    underPath: string;
    level: string | null;
    scopeRoots: readonly string[] | null;
  },
): Promise<ReviewStatusRow[]> {
  const expected = filter.level
    ? `SELECT id FROM unit WHERE level = $5 AND starts_with(path, $3)`
    : `SELECT unit_id AS id FROM target WHERE plan_id = $1
       UNION SELECT unit_id FROM review WHERE plan_id = $1 AND period = $2`;
  return q.query<ReviewStatusRow>(
    `SELECT ${STATUS_COLUMNS}
     FROM (${expected}) e
     JOIN unit u ON u.id = e.id
     LEFT JOIN review r ON r.plan_id = $1 AND r.unit_id = u.id AND r.period = $2
     WHERE starts_with(u.path, $3)
       AND ($4::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($4::text[]) s(root) WHERE starts_with(u.path, s.root)))
     ORDER BY u.set_code, u.code`,
    [
      filter.planId,
      filter.period,
      filter.underPath,
      filter.scopeRoots as string[] | null,
      ...(filter.level ? [filter.level] : []),
    ],
  );
}

/** The review states of (plan, period) for the given units, locking their existing rows for the transaction. */
export async function lockReviewStates(
  q: Queryable,
  planId: number,
  period: string,
  unitIds: readonly number[],
): Promise<Map<number, ReviewState>> {
  const rows = await q.query<{ unitId: number; state: ReviewState }>(
    `SELECT unit_id AS "unitId", state FROM review
     WHERE plan_id = $1 AND period = $2 AND unit_id = ANY($3::bigint[])
     FOR UPDATE`,
    [planId, period, unitIds as number[]],
  );
  return new Map(rows.map((r) => [r.unitId, r.state]));
}

/**
 * Applies review moves of one event to many units in one statement: upserts the review rows, appends their
 * history and their audit rows (issue 7: a bulk approval is one transaction, not one round trip per unit).
 * Returns the ids of the units moved.
 */
export async function applyReviewMoves(
  q: Queryable,
  change: {
    planId: number;
    planCode: string;
    period: string;
    periodStart: string;
    periodEnd: string;
    event: ReviewEventType;
    reason: string | null;
    actor: string;
    source: string;
    address: string | null;
    at: Date;
    moves: readonly ReviewMove[];
  },
): Promise<number[]> {
  if (change.moves.length === 0) return [];
  const moves = change.moves;
  const rows = await q.query<{ unitId: number }>(
    `WITH m AS (
       SELECT m.unit_id, m.unit_ref, m.from_state, m.to_state, m.role, u.province_code
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])
            AS m(unit_id, unit_ref, from_state, to_state, role)
       JOIN unit u ON u.id = m.unit_id
     ),
     up AS (
       INSERT INTO review AS r (plan_id, unit_id, period, period_start, period_end, state, reason, province_code,
                                updated_by, updated_at)
       SELECT $6, m.unit_id, $7, $8::date, $9::date, m.to_state, $10, m.province_code, $11, $12 FROM m
       ON CONFLICT (plan_id, unit_id, period) DO UPDATE
         SET state = excluded.state, reason = excluded.reason, updated_by = excluded.updated_by,
             updated_at = excluded.updated_at
       RETURNING r.id, r.unit_id
     ),
     ev AS (
       INSERT INTO review_event (review_id, event, from_state, to_state, role, reason, actor, source, at)
       SELECT up.id, $13::text, m.from_state, m.to_state, m.role, $10::text, $11::text, $14::text, $12::timestamptz
       FROM up JOIN m ON m.unit_id = up.unit_id
       RETURNING review_id
     ),
     au AS (
       INSERT INTO audit_log (at, actor, source, address, action, entity, entity_key, province_code, old_data,
                              new_data)
       SELECT $12, $11, $14, $15::text, $13, 'review', $16::text || '|' || m.unit_ref || '|' || $7::text,
              m.province_code,
              jsonb_build_object('state', m.from_state),
              jsonb_build_object('state', m.to_state, 'reason', $10::text, 'role', m.role)
       FROM up JOIN m ON m.unit_id = up.unit_id
       RETURNING 1
     )
     SELECT up.unit_id AS "unitId" FROM up`,
    [
      moves.map((m) => m.unitId),
      moves.map((m) => m.unitRef),
      moves.map((m) => m.from),
      moves.map((m) => m.to),
      moves.map((m) => m.role),
      change.planId,
      change.period,
      change.periodStart,
      change.periodEnd,
      change.reason,
      change.actor,
      change.at,
      change.event,
      change.source,
      change.address,
      change.planCode,
    ],
  );
  return rows.map((r) => r.unitId);
}

/** The history of one (plan, unit, period), oldest first. */
export async function listReviewEvents(
  q: Queryable,
  planId: number,
  unitId: number,
  period: string,
): Promise<ReviewEventRow[]> {
  return q.query<ReviewEventRow>(
    `SELECT e.event, e.from_state AS "fromState", e.to_state AS "toState", e.role, e.reason, e.actor, e.source, e.at
     FROM review_event e JOIN review r ON r.id = e.review_id
     WHERE r.plan_id = $1 AND r.unit_id = $2 AND r.period = $3
     ORDER BY e.at, e.id`,
    [planId, unitId, period],
  );
}

/** A value to check against approved reviews: its indicator, unit and period's first and last day. */
export interface ValueKey {
  indicatorId: number;
  unitId: number;
  periodStart: string;
  periodEnd: string;
}

/** An approved review that locks a value: the value's index in the input and the review's plan, unit and period. */
export interface LockingReview {
  index: number;
  planCode: string;
  unitSet: string;
  unitCode: string;
  period: string;
}

/**
 * When an approved review `r` (its unit `ru`) locks a value `value` (indicator_id, period_start, period_end) at the
 * unit `unit`: the review covers the value's period, its unit is the value's unit or above it, and its plan has a
 * target on the value's indicator. One rule for the editing lock and for open data.
 */
const APPROVED_REVIEW_LOCKS = (value: string, unit: string) => `
  r.state = 'approved' AND r.period_start <= ${value}.period_start AND r.period_end >= ${value}.period_end
  AND starts_with(${unit}.path, ru.path)
  AND EXISTS (SELECT 1 FROM target t WHERE t.plan_id = r.plan_id AND t.indicator_id = ${value}.indicator_id)`;

/**
 * For each value, the approved review that locks it, if any: a review of a plan with a target on the value's
 * indicator, at the value's unit or an ancestor, whose period contains the value's period (issue 7). One query
 * for any number of values.
 */
export async function findLockingReviews(
  q: Queryable,
  values: readonly ValueKey[],
): Promise<LockingReview[]> {
  if (values.length === 0) return [];
  return q.query<LockingReview>(
    `SELECT DISTINCT ON (v.ord) (v.ord - 1)::int AS index, p.code AS "planCode", ru.set_code AS "unitSet",
            ru.code AS "unitCode", r.period
     FROM unnest($1::bigint[], $2::bigint[], $3::date[], $4::date[]) WITH ORDINALITY
          AS v(indicator_id, unit_id, period_start, period_end, ord)
     JOIN unit vu ON vu.id = v.unit_id
     CROSS JOIN review r
     JOIN unit ru ON ru.id = r.unit_id
     JOIN plan p ON p.id = r.plan_id
     WHERE ${APPROVED_REVIEW_LOCKS('v', 'vu')}
     ORDER BY v.ord, r.period_start, ru.path`,
    [
      values.map((v) => v.indicatorId),
      values.map((v) => v.unitId),
      values.map((v) => v.periodStart),
      values.map((v) => v.periodEnd),
    ],
  );
}

/** A value published as open data. */
export interface PublicValueRow {
  indicator: string;
  indicatorName: string;
  unitSet: string;
  unitCode: string;
  unitName: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/**
 * The approved values — those an approved review locks (see findLockingReviews) — matching the filters, ordered by
 * indicator, unit and period; never comments or who entered them (issue 7, open data).
 */
export async function listApprovedValues(
  q: Queryable,
  filter: {
    indicatorId: number | null;
    unitId: number | null;
    period: string | null;
    limit: number;
    offset: number;
  },
): Promise<PublicValueRow[]> {
  return q.query<PublicValueRow>(
    `SELECT i.code AS indicator, i.name_vi AS "indicatorName", u.set_code AS "unitSet", u.code AS "unitCode",
            u.name AS "unitName", v.period, v.value, v.numerator, v.denominator
     FROM data_value v
     JOIN indicator i ON i.id = v.indicator_id
     JOIN unit u ON u.id = v.unit_id
     WHERE ($1::bigint IS NULL OR v.indicator_id = $1)
       AND ($2::bigint IS NULL OR v.unit_id = $2)
       AND ($3::text IS NULL OR v.period = $3)
       AND EXISTS (
         SELECT 1 FROM review r JOIN unit ru ON ru.id = r.unit_id WHERE ${APPROVED_REVIEW_LOCKS('v', 'u')})
     ORDER BY i.code, u.set_code, u.code, v.period_start, v.period_end
     LIMIT $4 OFFSET $5`,
    [filter.indicatorId, filter.unitId, filter.period, filter.limit, filter.offset],
  );
}
