// The stored values an import's rows would replace, read for the dry run's list of changes (docs/import.md).
import type { Queryable } from './db.js';

/** One row of a file's values sheet, keyed as stored: the indicator by code, the unit by id (null: a new unit). */
export interface ValueKey {
  indicatorCode: string;
  unitId: number | null;
  period: string;
}

/** What is stored under a key: its value, parts and comment. */
export interface StoredValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
}

const BATCH = 10_000;

/** The stored value of each key, in the keys' order; null where nothing is stored (or the unit is new). */
export async function findStoredValues(
  q: Queryable,
  keys: readonly ValueKey[],
): Promise<(StoredValue | null)[]> {
  const out: (StoredValue | null)[] = keys.map(() => null);
  const known = keys.flatMap((k, ord) => (k.unitId === null ? [] : [{ ...k, unitId: k.unitId, ord }]));
  const rows: (StoredValue & { ord: number })[] = [];
  // In batches, as an import writes: a file of a million values is one statement per 10,000.
  for (let start = 0; start < known.length; start += BATCH) {
    const batch = known.slice(start, start + BATCH);
    rows.push(
      ...(await q.query<StoredValue & { ord: number }>(
        `SELECT k.ord, x.value::float8 AS value, x.numerator::float8 AS numerator,
                x.denominator::float8 AS denominator, x.comment
         FROM unnest($1::text[], $2::bigint[], $3::text[], $4::int[]) AS k(code, unit_id, period, ord)
         JOIN indicator i ON i.code = k.code
         JOIN data_value x ON x.indicator_id = i.id AND x.unit_id = k.unit_id AND x.period = k.period`,
        [
          batch.map((k) => k.indicatorCode),
          batch.map((k) => k.unitId),
          batch.map((k) => k.period),
          batch.map((k) => k.ord),
        ],
      )),
    );
  }
  for (const r of rows) {
    out[r.ord] = { value: r.value, numerator: r.numerator, denominator: r.denominator, comment: r.comment };
  }
  return out;
}
