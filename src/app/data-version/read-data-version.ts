import { isoVietnamTime } from '../../domain/vietnam-time.js';
import { readDataVersion as readDataVersionRow } from '../../store/data-version.queries.js';
import type { Queryable } from '../../store/db.js';
import type { AppContext } from '../context.js';
import type { DataVersion } from '../../contract/data-version.js';

/** Reads the data version on `q` (the database, or a transaction) as a reader is given it. */
export async function currentDataVersion(q: Queryable): Promise<DataVersion> {
  const row = await readDataVersionRow(q);
  return { version: row.version, changedAt: isoVietnamTime(row.changedAt) };
}

/**
 * The data version: it says only that something changed and when, nothing of what, so every signed-in user may
 * read it whatever their units (the routes ask for a signed-in caller).
 */
export async function readDataVersion(ctx: AppContext): Promise<DataVersion> {
  return currentDataVersion(ctx.db);
}
