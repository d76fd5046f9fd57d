import type { Queryable } from './db.js';

// The data version (migration 0015, docs/dashboard.md): one row the database raises once per committed transaction
// that changed what a dashboard shows.

/** The data version and when it last changed. */
export interface DataVersionRow {
  version: number;
  changedAt: Date;
}

/**
 * Reads the data version: one statement on one row, cheap enough to poll several times a second, even on the
 * embedded database whose single connection every caller shares.
 */
export async function readDataVersion(q: Queryable): Promise<DataVersionRow> {
  const [row] = await q.query<{ version: number | string; changedAt: Date | string }>(
    'SELECT version, changed_at AS "changedAt" FROM data_version',
  );
  if (!row) throw new Error('data_version has no row (migration 0015)');
  return {
    version: Number(row.version),
    changedAt: row.changedAt instanceof Date ? row.changedAt : new Date(row.changedAt),
  };
}
