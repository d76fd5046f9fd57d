// The words a unit is described with, defined once: the API's zod enums, the CLI's --level choices, the
// import's unit_kind column and the store's typed rows all take them from here.

/** The levels of the administrative tree, from the top; `agency` is a provincial department or agency. */
export const UNIT_LEVELS = ['national', 'province', 'district', 'commune', 'village', 'agency'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** What a unit is, as stored with it (a level names where it sits, a kind what it is). */
export const UNIT_KINDS = ['national', 'province', 'agency', 'district', 'commune', 'village'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The kinds a workspace unit (one a user adds: the import's `units` sheet, the catalogue) may have. */
export const WORKSPACE_UNIT_KINDS = ['province', 'agency', 'district', 'commune', 'village'] as const;
export type WorkspaceUnitKind = (typeof WORKSPACE_UNIT_KINDS)[number];

/** The levels a register lists its units at, the finest first (a register is kept below the nation). */
export const REGISTER_LEVELS = ['village', 'commune', 'district', 'province', 'agency'] as const;
export type RegisterLevel = (typeof REGISTER_LEVELS)[number];

/** Tells whether a text is a unit level, for input read as a plain string (a CLI option). */
export function isUnitLevel(s: string): s is UnitLevel {
  return (UNIT_LEVELS as readonly string[]).includes(s);
}
