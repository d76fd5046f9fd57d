import { foldVietnamese } from '../../src/domain/text.js';
import { CURRENT_UNIT_SET } from '../../src/domain/unit-ref.js';
import type { UnitInput } from '../../src/store/units.queries.js';

/**
 * A unit as the small test trees write it: its kind is its level, its short name its name; `parent` is a code
 * of the same `set` (the current one unless named) or a unit of any set.
 */
export function unitInput(
  code: string,
  name: string,
  level: UnitInput['level'],
  parent: string | { set: string; code: string } | null,
  set: string = CURRENT_UNIT_SET,
): UnitInput {
  return {
    code,
    name,
    shortName: name,
    nameEn: null,
    searchName: foldVietnamese(name),
    level,
    kind: level,
    subtype: null,
    parent: typeof parent === 'string' ? { set, code: parent } : parent,
    validFrom: null,
    validTo: null,
  };
}
