// The records an import reads from a workbook's rows (docs/import.md), sheet by sheet, and the outcome of
// reading a whole workbook.
import type { Direction } from '../../domain/achievement.js';
import type { TimeAggregation, ValueType } from '../../domain/aggregate.js';
import type { MethodologyNode } from '../../domain/index-methodology.js';
import type { Period } from '../../domain/period.js';
import type { TaskStatus } from '../../domain/task-status.js';
import type { UnitRef } from '../../domain/unit-ref.js';
import { CURRENT_UNIT_SET } from '../../domain/unit-ref.js';
import type { CellError, CellWarning } from '../read-workbook.js';
import type { SheetName, UnitKind } from './format.js';

/** The unit sets a code can name (docs/domain.md §2); `2025` is the current one. */
export const UNIT_SETS = [CURRENT_UNIT_SET, 'pre2025'] as const;

export type UnitSetName = (typeof UNIT_SETS)[number];

/**
 * A unit as a cell names it (docs/domain.md §2): `15` is unit 15 of the current set, `pre2025:15` unit 15 of the
 * pre-2025 set. `explicitSet` tells whether the set was written, so a use case can also look a plain code up
 * among the units the workspace adds (those of the `units` sheet).
 */
export interface CellUnitRef extends UnitRef {
  set: UnitSetName;
  explicitSet: boolean;
}

/**
 * A data value, target or baseline as the cell holds it, before its indicator's value type is known: the
 * number of an .xlsx number cell, or the trimmed text (a number in a spelling parseDecimal accepts, possibly
 * with `%`, or a yes/no word). Pass it to validateValue / validateTargetValue.
 */
export type CellInput = string | number;

/** A row of the `units` sheet: a unit the workspace adds (docs/domain.md §2). */
export interface UnitRecord {
  row: number;
  /** The unit's code, without a set prefix (workspace units have no set). */
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: CellUnitRef | null;
}

/** A row of the `indicators` sheet (docs/domain.md §4). Optional cells left empty are null. */
export interface IndicatorRecord {
  row: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  valueType: ValueType;
  /** The unit of measure shown with values, e.g. `%`, `hộ`, `tỷ đồng`. */
  unit: string | null;
  /** Null when empty (docs/domain.md §4: `increase` is the default for a new indicator). */
  direction: Direction | null;
  timeAggregation: TimeAggregation | null;
  group: string | null;
  /** The plausible range of its values (docs/domain.md §4); null when the cell is empty or the column absent. */
  min: number | null;
  max: number | null;
}

/** A row of the `plans` sheet (docs/domain.md §5); `endYear` ≥ `startYear`. */
export interface PlanRecord {
  row: number;
  code: string;
  name: string;
  unitCode: CellUnitRef;
  startYear: number;
  endYear: number;
}

/** A row of the `targets` sheet (docs/domain.md §5); `baselinePeriod`, when given, is before `period`. */
export interface TargetRecord {
  row: number;
  planCode: string;
  indicatorCode: string;
  unitCode: CellUnitRef;
  period: Period;
  target: CellInput;
  baseline: CellInput | null;
  baselinePeriod: Period | null;
  leadUnitCode: CellUnitRef | null;
  note: string | null;
}

/**
 * A row of the `values` sheet (docs/domain.md §4): at least one of value, numerator and denominator is given;
 * whether they suit the indicator is validateValue's to say.
 */
export interface ValueRecord {
  row: number;
  indicatorCode: string;
  unitCode: CellUnitRef;
  period: Period;
  value: CellInput | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
}

/** A row of the `tasks` sheet (docs/domain.md §7), consistent as validateTask requires; dates are `YYYY-MM-DD`. */
export interface TaskRecord {
  row: number;
  code: string;
  programme: string;
  title: string;
  leadUnitCode: CellUnitRef;
  start: string | null;
  due: string | null;
  /** An empty cell is true when the status is `recurring`, else false. */
  recurring: boolean;
  status: TaskStatus;
  note: string | null;
}

/**
 * A row of the `index_nodes` sheet (docs/domain.md §8), with its row number, its methodology, a weight ≥ 0 and
 * every optional cell given (null when empty); the tree itself is checked by buildMethodologyTree.
 */
export type IndexNodeRecord = Required<MethodologyNode> & { row: number; methodology: string };

/** The rows of a workbook that passed every check, sheet by sheet, in file order. */
export interface ImportRecords {
  units: UnitRecord[];
  indicators: IndicatorRecord[];
  plans: PlanRecord[];
  targets: TargetRecord[];
  values: ValueRecord[];
  tasks: TaskRecord[];
  index_nodes: IndexNodeRecord[];
}

/** Where a sheet sits in the file: its name as written and the header of each column found (by column name). */
export interface SheetLayout {
  name: string;
  columns: Readonly<Record<string, string>>;
}

/** The outcome of parseImportWorkbook: the good rows, every bad cell, the warnings, and the file's layout. */
export interface ParsedImport {
  records: ImportRecords;
  /** Every bad cell; the file is valid only when this is empty (docs/import.md: refused whole). */
  errors: CellError[];
  warnings: CellWarning[];
  /** The sheets found, by sheet name; use `cellErrorAt` to report on them with the file's own names. */
  layout: Partial<Record<SheetName, SheetLayout>>;
  /**
   * The sheets of the file that are none of the import's (neither by name nor by header row), as written, in
   * file order: an entry template's instructions sheet, a sheet of notes.
   */
  skippedSheets: string[];
}
