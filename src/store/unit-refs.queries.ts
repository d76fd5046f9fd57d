import type { Queryable } from './db.js';

/** A unit found for a reference: the reference's position in the input, and the unit's identity and path. */
export interface FoundUnitRef {
  index: number;
  id: number;
  set: string;
  code: string;
  name: string;
  level: string;
  path: string;
  provinceCode: string | null;
}

/**
 * Finds many units by (candidate sets, code) in one query: for each reference the unit in the first of its
 * candidate sets that has the code; references without a unit are absent from the result.
 */
export async function findUnitsByRefs(
  q: Queryable,
  refs: readonly { sets: readonly string[]; code: string }[],
): Promise<FoundUnitRef[]> {
  if (refs.length === 0) return [];
  const ord: number[] = [];
  const pref: number[] = [];
  const sets: string[] = [];
  const codes: string[] = [];
  refs.forEach((ref, i) =>
    ref.sets.forEach((set, p) => {
      ord.push(i);
      pref.push(p);
      sets.push(set);
      codes.push(ref.code);
    }),
  );
  return q.query<FoundUnitRef>(
    `SELECT DISTINCT ON (r.ord) r.ord AS index, u.id, u.set_code AS "set", u.code, u.name, u.level, u.path,
            u.province_code AS "provinceCode"
     FROM unnest($1::int[], $2::int[], $3::text[], $4::text[]) AS r(ord, pref, set_code, code)
     JOIN unit u ON u.set_code = r.set_code AND u.code = r.code
     ORDER BY r.ord, r.pref`,
    [ord, pref, sets, codes],
  );
}
