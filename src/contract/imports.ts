// What an import answers (`POST /imports`, docs/import.md): counts per sheet and, for a dry run, the changes.

/** What an import did (or, dry, would do) to one sheet's rows. */
export interface SheetCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** One row of the values sheet: its value before and after the import. */
export interface ValueChange {
  row: number;
  indicator: string;
  unit: string;
  period: string;
  status: 'added' | 'changed' | 'unchanged';
  old: number | null;
  new: number | null;
}

/** The values sheet's rows, changes first (added and changed, in file order), at most VALUE_CHANGES_LIMIT. */
export interface ValueChanges {
  sheet: string;
  total: number;
  items: ValueChange[];
}
