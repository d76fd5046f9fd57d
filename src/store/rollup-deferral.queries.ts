import type { Queryable } from './db.js';

// The rollup rows brought up to date once per transaction (migration 0017): a large writer, the import, enters
// deferred mode before it writes, so that its statements only note the keys they touch, and flushes them with
// one refresh once its values are written. Should it not flush, the commit does (the safety net of migration 0017).

/** Puts the transaction in deferred mode until it ends: its later writes of values are noted, not refreshed. */
export async function deferValueRollup(tx: Queryable): Promise<void> {
  await tx.query('SELECT value_rollup_defer()');
}

/**
 * Brings the rollup rows up to date for every (indicator, unit, value period) key the transaction's statements
 * noted since it entered deferred mode (or since the last flush), taking the indicators' write locks in id order;
 * returns how many distinct keys were refreshed. Reads of the rollup rows in the transaction are exact after it.
 */
export async function flushValueRollup(tx: Queryable): Promise<number> {
  const [row] = await tx.query<{ keys: number }>('SELECT value_rollup_flush() AS keys');
  return row?.keys ?? 0;
}
