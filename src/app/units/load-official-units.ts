import { foldVietnamese } from '../../domain/text.js';
import type { UnitLevel } from '../../domain/unit-vocabulary.js';
import { readOfficialUnits, type OfficialUnitList, type OfficialUnitSet } from '../../io/official-units.js';
import {
  countUnits,
  markUnitSetLoaded,
  refreshUnitPaths,
  upsertUnitMappings,
  upsertUnits,
  type UnitInput,
} from '../../store/units.queries.js';
import type { Queryable } from '../../store/db.js';
import type { AppContext } from '../context.js';

/** The day the 2025 reform took effect: pre-2025 units end the day before, 2025 units start on it. */
const REFORM_DAY = '2025-07-01';
const LAST_PRE_REFORM_DAY = '2025-06-30';
export const NATIONAL_CODE = 'VN';

export interface LoadOfficialUnitsResult {
  set: OfficialUnitSet;
  source: string;
  inserted: number;
  updated: number;
  counts: Record<UnitLevel, number>;
  /** Old → new links written, and those the lists could not link (an old code missing from pre2025). */
  mapping: { written: number; unlinked: number } | null;
}

/** The national root of a unit set (docs/domain.md §2): Việt Nam, valid over the set's span. */
export function nationalUnit(validFrom: string | null, validTo: string | null): UnitInput {
  return {
    code: NATIONAL_CODE,
    name: 'Việt Nam',
    shortName: 'Việt Nam',
    nameEn: 'Viet Nam',
    searchName: foldVietnamese('Việt Nam Viet Nam'),
    level: 'national',
    kind: 'national',
    subtype: null,
    parent: null,
    validFrom,
    validTo,
  };
}

function toUnitInputs(list: OfficialUnitList): UnitInput[] {
  const validFrom = list.set === '2025' ? REFORM_DAY : null;
  const validTo = list.set === 'pre2025' ? LAST_PRE_REFORM_DAY : null;
  const national = nationalUnit(validFrom, validTo);
  const units = list.units.map((u): UnitInput => ({
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    nameEn: u.nameEn,
    searchName: foldVietnamese(u.name),
    level: u.level,
    kind: u.sheetKind,
    subtype: u.subtype,
    parent: { set: list.set, code: u.parentCode ?? NATIONAL_CODE },
    validFrom,
    validTo,
  }));
  return [national, ...units];
}

async function linkReform(
  q: Queryable,
  list2025: OfficialUnitList,
): Promise<{ written: number; unlinked: number }> {
  const mapping = list2025.mapping ?? [];
  const links = mapping.map((m) => ({
    oldSet: 'pre2025',
    oldCode: m.oldCode,
    newSet: '2025',
    newCode: m.newCode,
    share: m.share,
  }));
  const written = await upsertUnitMappings(q, links, list2025.source);
  const present = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM unit_mapping m JOIN unit o ON o.id = m.old_unit_id
     WHERE o.set_code = 'pre2025' AND m.source = $1`,
    [list2025.source],
  );
  return { written, unlinked: links.length - (present[0]?.n ?? 0) };
}

/**
 * Loads one official unit set from its registry package (docs/domain.md §2), idempotently, in one
 * transaction; once both sets are present, links old communes to the new ones they became part of.
 */
export async function loadOfficialUnits(
  ctx: AppContext,
  set: OfficialUnitSet,
): Promise<LoadOfficialUnitsResult> {
  const list = await readOfficialUnits(set);
  const list2025 = set === '2025' ? list : await readOfficialUnits('2025');
  return ctx.db.transaction(async (tx) => {
    const { inserted, updated } = await upsertUnits(tx, set, toUnitInputs(list));
    if (inserted + updated > 0) await refreshUnitPaths(tx);
    await markUnitSetLoaded(tx, set, list.source);
    const other = await countUnits(tx, set === '2025' ? 'pre2025' : '2025');
    const mapping = other.province > 0 ? await linkReform(tx, list2025) : null;
    // Fresh statistics after a bulk load, or the planner joins 10,000-row tables by nested loops.
    await tx.exec('ANALYZE unit; ANALYZE unit_mapping;');
    return { set, source: list.source, inserted, updated, counts: await countUnits(tx, set), mapping };
  });
}
