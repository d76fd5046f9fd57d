import type { Db, Queryable } from '../../src/store/db.js';

// Helpers shared by the tests of the rollup rows (src/store/value-rollup.test.ts, src/app/rollup/).

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every rollup row, in a fixed order and comparable as plain values. */
export const ROLLUP_ROWS_SQL = `SELECT indicator_id, unit_id, period_start::text, period_end::text, below, last_end::text,
                              units, vals, v_n, v_sum::float8, true_count, num_n, num_sum::float8, den_n,
                              den_sum::float8, exact
                       FROM value_rollup ORDER BY 1, 2, 3, 4, 5, 6`;

/** Every band of value_rollup_band (migration 0018), likewise. */
export const ROLLUP_BANDS_SQL = `SELECT indicator_id, unit_id, period_start::text, period_end::text, depth_from, depth_to,
                               last_end::text, vals, v_n, v_sum::float8, true_count, num_n, num_sum::float8,
                               den_n, den_sum::float8, exact
                        FROM value_rollup_band ORDER BY 1, 2, 3, 4, 5`;

/**
 * A writer that keeps its transaction open (and the locks its statements took) until `release()`: `written`
 * resolves once `write` is done, `committed` once the transaction ends.
 */
export function heldWriter(
  db: Db,
  write: (tx: Queryable) => Promise<void>,
): { written: Promise<void>; release: () => void; committed: Promise<void> } {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let wrote = () => {};
  const written = new Promise<void>((resolve) => (wrote = resolve));
  const committed = db.transaction(async (tx) => {
    await write(tx);
    wrote();
    await held;
  });
  return { written, release, committed };
}
