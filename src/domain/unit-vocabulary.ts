// The words a unit is described with, defined once: the API's zod enums, the CLI's --level choices, the
// import's unit_kind column and the store's typed rows all take them from here.

/** The levels of the administrative tree, from the top; `agency` is a provincial department or agency. */
export const UNIT_LEVELS = ['national', 'province', 'district', 'commune', 'village', 'agency'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** The official unit sets unit boundaries are loaded in (docs/maps.md): today's units and those before 1 July 2025. */
export const BOUNDARY_SETS = ['2025', 'pre2025'] as const;
export type BoundarySet = (typeof BOUNDARY_SETS)[number];

/** What a unit is, as stored with it (a level names where it sits, a kind what it is). */
export const UNIT_KINDS = ['national', 'province', 'agency', 'district', 'commune', 'village'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The kinds a workspace unit (one a user adds: the import's `units` sheet, the catalogue) may have: all but the nation. */
export type WorkspaceUnitKind = Exclude<UnitKind, 'national'>;
export const WORKSPACE_UNIT_KINDS: readonly WorkspaceUnitKind[] = UNIT_KINDS.filter(
  (kind): kind is WorkspaceUnitKind => kind !== 'national',
);

/** The levels a register lists its units at: every level but the nation (a register is kept below it). */
export type RegisterLevel = Exclude<UnitLevel, 'national'>;
export const REGISTER_LEVELS: readonly RegisterLevel[] = UNIT_LEVELS.filter(
  (level): level is RegisterLevel => level !== 'national',
);

/** How readers name each level and kind (docs/domain.md §2): Vietnamese output shows these, never the code. */
export const UNIT_LEVEL_NAMES: Readonly<Record<UnitLevel, { vi: string; en: string }>> = {
  national: { vi: 'toàn quốc', en: 'national' },
  province: { vi: 'cấp tỉnh', en: 'province' },
  district: { vi: 'cấp huyện', en: 'district' },
  commune: { vi: 'cấp xã', en: 'commune' },
  village: { vi: 'thôn', en: 'village' },
  agency: { vi: 'cơ quan, sở ngành', en: 'agency' },
};

/** A level or kind code in the reader's language; an unknown code is shown as it is. */
export function unitLevelName(code: string, lang: 'vi' | 'en'): string {
  return (UNIT_LEVEL_NAMES as Readonly<Record<string, { vi: string; en: string }>>)[code]?.[lang] ?? code;
}
