import type { IndexValue } from '../../domain/compute-index.js';
import type { MethodologyTree } from '../../domain/index-methodology.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { Queryable } from '../../store/db.js';
import { listUnitsInForce, readCompositeIndexValues } from '../../store/composite-index.queries.js';
import type { UnitLevel } from '../../domain/unit-vocabulary.js';

/** A unit compared in a ranking, keyed by its code as users write it (`48`, `pre2025:48`). */
export interface IndexUnit {
  id: number;
  key: string;
  name: string;
  path: string;
  provinceCode: string | null;
}

export interface IndexInputs {
  units: IndexUnit[];
  /** Every unit compared (in unit order), with the values found for the leaves' indicators. */
  valuesByUnit: Map<string, Map<string, IndexValue>>;
  /** Units with at least one value for the year. */
  withValues: Set<string>;
}

/**
 * Gathers what an index computation compares (docs/domain.md §8): the units of a level in force at the end of
 * the year (inside a subtree when `scopePath` is given) and their values for the year period `Y` of the
 * indicators the tree's leaves bind. Only values entered for the units themselves are read: values
 * entered for units below are not aggregated up here.
 */
export async function gatherIndexInputs(
  q: Queryable,
  tree: MethodologyTree,
  level: UnitLevel,
  year: number,
  scopePath: string | null,
): Promise<IndexInputs> {
  const rows = await listUnitsInForce(q, level, `${year}-12-31`, scopePath);
  const units = rows.map((u) => ({
    id: u.id,
    key: formatUnitRef({ set: u.set, code: u.code }),
    name: u.name,
    path: u.path,
    provinceCode: u.provinceCode,
  }));
  const indicators = [...new Set(tree.leaves.map((l) => l.indicatorCode))];
  const values = await readCompositeIndexValues(
    q,
    units.map((u) => u.id),
    String(year),
    indicators,
  );
  const keyOf = new Map(units.map((u) => [u.id, u.key] as const));
  const valuesByUnit = new Map(units.map((u) => [u.key, new Map<string, IndexValue>()] as const));
  const withValues = new Set<string>();
  for (const v of values) {
    const key = keyOf.get(v.unitId);
    if (key === undefined || v.value === null) continue;
    valuesByUnit.get(key)?.set(v.indicatorCode, v.value);
    withValues.add(key);
  }
  return { units, valuesByUnit, withValues };
}
