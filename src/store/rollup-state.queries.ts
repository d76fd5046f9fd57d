import { VALUE_ROLLUP_LOCK_KEY } from './advisory-locks.js';
import type { Db, Queryable } from './db.js';

// The state of the rollup rows (value_rollup, migration 0008) and of their rebuild (migration 0010): a rebuild
// goes one indicator at a time, each indicator in a transaction of its own, and records which are done.

export type RollupStatus = 'complete' | 'rebuilding';

/** The state of the rollup rows and of the current or last rebuild. */
export interface RollupState {
  status: RollupStatus;
  startedAt: Date | null;
  startedBy: string | null;
  finishedAt: Date | null;
  /** Indicators rebuilt by the current (or last) rebuild, and the values and rollup rows they hold. */
  batchesDone: number;
  valuesDone: number;
  rowsDone: number;
  /** Indicators still to rebuild (0 when complete). */
  batchesLeft: number;
}

/** Whether the rollup rows may answer reads: not while a rebuild has not finished. */
export async function readRollupStatus(q: Queryable): Promise<RollupStatus> {
  const [row] = await q.query<{ status: RollupStatus }>('SELECT status FROM rollup_state');
  return row?.status ?? 'complete';
}

export async function readRollupState(q: Queryable): Promise<RollupState> {
  const [row] = await q.query<RollupState>(
    `SELECT s.status, s.started_at AS "startedAt", s.started_by AS "startedBy", s.finished_at AS "finishedAt",
            b.n AS "batchesDone", b.vals AS "valuesDone", b.rows AS "rowsDone",
            CASE WHEN s.status = 'rebuilding'
                 THEN (SELECT count(*)::int FROM indicator i
                       WHERE NOT EXISTS (SELECT 1 FROM rollup_rebuild_batch d WHERE d.indicator_id = i.id))
                 ELSE 0 END AS "batchesLeft"
     FROM rollup_state s
     CROSS JOIN (SELECT count(*)::int AS n, coalesce(sum(value_count), 0)::bigint AS vals,
                        coalesce(sum(row_count), 0)::bigint AS rows
                 FROM rollup_rebuild_batch) b`,
  );
  if (!row) throw new Error('rollup_state has no row (migration 0010)');
  return row;
}

/**
 * Starts a rebuild, or goes on with the one under way: a complete state (or `restart`) forgets the indicators
 * done before and marks the rollup rows as being rebuilt; a rebuild under way keeps them. Returns whether an
 * unfinished rebuild is resumed.
 */
export async function beginRollupRebuild(
  db: Db,
  by: string,
  at: Date,
  restart: boolean,
): Promise<{ resumed: boolean }> {
  return db.transaction(async (tx) => {
    const [state] = await tx.query<{ status: RollupStatus }>('SELECT status FROM rollup_state FOR UPDATE');
    if (state?.status === 'rebuilding' && !restart) return { resumed: true };
    await tx.query('DELETE FROM rollup_rebuild_batch');
    await tx.query(
      `UPDATE rollup_state SET status = 'rebuilding', started_at = $1, started_by = $2, finished_at = NULL`,
      [at, by],
    );
    return { resumed: false };
  });
}

/** An indicator a rebuild has still to do, in the order it does them. */
export interface RollupBatch {
  indicatorId: number;
  code: string;
}

export async function listRollupBatchesLeft(q: Queryable): Promise<RollupBatch[]> {
  return q.query<RollupBatch>(
    `SELECT i.id::int AS "indicatorId", i.code FROM indicator i
     WHERE NOT EXISTS (SELECT 1 FROM rollup_rebuild_batch d WHERE d.indicator_id = i.id)
     ORDER BY i.id`,
  );
}

/** How many values each indicator holds (what a rebuild has to read), by indicator id. */
export async function countValuesByIndicator(q: Queryable): Promise<Map<number, number>> {
  const rows = await q.query<{ id: number; n: number }>(
    'SELECT indicator_id::int AS id, count(*)::int AS n FROM data_value GROUP BY indicator_id',
  );
  return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
}

/** What one batch did: the indicator's values read and rollup rows written; null when it had nothing to do. */
export interface RollupBatchDone {
  valueCount: number;
  rowCount: number;
}

/**
 * Rebuilds one indicator's rollup rows from its values and records it as done, in one transaction. The rows are
 * deleted and recomputed under the indicator's write lock (value_rollup_rebuild of migration 0008 takes the
 * advisory lock the triggers take), so a value saved at the same time is counted: a writer that locked first
 * commits before the rebuild reads the values, one that comes after finds the rebuilt rows and adds its change.
 * Returns null, changing nothing, when no rebuild is under way or the indicator is done already (by another
 * process running the same rebuild) or gone.
 */
export async function rebuildRollupBatch(
  db: Db,
  indicatorId: number,
  at: Date,
): Promise<RollupBatchDone | null> {
  return db.transaction(async (tx) => {
    // Batches run side by side (each holds the state shared; starting and finishing a rebuild wait for them);
    // two batches of one indicator take turns on its write lock, and the second finds it done.
    const [state] = await tx.query<{ status: RollupStatus }>('SELECT status FROM rollup_state FOR SHARE');
    if (state?.status !== 'rebuilding') return null;
    await tx.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [VALUE_ROLLUP_LOCK_KEY, indicatorId]);
    const todo = await tx.query(
      `SELECT 1 FROM indicator i WHERE i.id = $1
         AND NOT EXISTS (SELECT 1 FROM rollup_rebuild_batch d WHERE d.indicator_id = i.id)`,
      [indicatorId],
    );
    if (todo.length === 0) return null;
    // A batch lost in a crash is done again by the next run (it is recorded in its own transaction), so the
    // commit need not wait for the disk.
    await tx.exec('SET LOCAL synchronous_commit = off');
    await tx.query('SELECT value_rollup_rebuild(ARRAY[$1::bigint])', [indicatorId]);
    const [done] = await tx.query<RollupBatchDone>(
      `INSERT INTO rollup_rebuild_batch (indicator_id, value_count, row_count, done_at)
       VALUES ($1, (SELECT count(*) FROM data_value WHERE indicator_id = $1),
               (SELECT count(*) FROM value_rollup WHERE indicator_id = $1), $2)
       RETURNING value_count AS "valueCount", row_count AS "rowCount"`,
      [indicatorId, at],
    );
    return done ?? null;
  });
}

/**
 * Marks the rebuild complete when every indicator is done (one created meanwhile may still be left: the caller
 * does it and tries again). Returns whether the state is now complete.
 */
export async function finishRollupRebuild(db: Db, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [state] = await tx.query<{ status: RollupStatus }>('SELECT status FROM rollup_state FOR UPDATE');
    if (state?.status !== 'rebuilding') return true;
    if ((await listRollupBatchesLeft(tx)).length > 0) return false;
    await tx.query(`UPDATE rollup_state SET status = 'complete', finished_at = $1`, [at]);
    return true;
  });
}
