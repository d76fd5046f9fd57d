// The import format (docs/import.md): which sheets and columns a workbook may hold, the
// Vietnamese labels the templates print for them, and `parseImportWorkbook`, which turns a RawWorkbook
// (read-workbook.ts) into typed records, listing every bad cell at once.
//
// What is checked here is what one row says on its own: required cells, enumerations, numbers, periods, years,
// dates, booleans, unit codes (`pre2025:10`), consistency inside a row (a plan ending before it starts, a
// recurring task with a due date), and duplicate keys within the file. What needs more than the file — whether
// a code names an indicator, unit or plan that exists (in the file or in the database), and whether a value
// suits its indicator's value type — is the import use case's: `listReferences` gives it every reference, and
// `validateValue` / `validateTargetValue` (src/domain/validate-value.ts) the value rules.
//
// Reading cells:
// - Headers match a column by its name (`indicator_code`) or Vietnamese label (`Mã chỉ tiêu`), ignoring case,
//   diacritics, surrounding spaces, a trailing `*`, and `_`/`-`/space differences; `Giá trị (value)` matches
//   by either part. Unknown columns are ignored with a warning; so are sheets of another name.
// - Every cell is trimmed and Unicode-composed (NFC). An empty cell in an optional column is null.
// - A text cell (any column but numbers) that starts with an apostrophe followed by `=`, `+`, `-`, `@`, a tab or
//   a CR loses that apostrophe: CSV exports add it against formula injection (csv.ts), so they import back as is.
// - A cell holding a NUL character or a lone surrogate is refused (no database text can hold it).
// - Numbers in text follow parseDecimal (Vietnamese `36,8` and English `36.8`; `10.851` is refused as
//   ambiguous); a number cell of an .xlsx is taken as the number it holds.
// - Enumerations accept their code in any letter case (`inprogress`) or their Vietnamese label (`đang triển khai`).
import type { Direction } from '../domain/achievement.js';
import type { TimeAggregation, ValueType } from '../domain/aggregate.js';
import type { MethodologyNode } from '../domain/index-methodology.js';
import type { Period } from '../domain/period.js';
import { MAX_YEAR, MIN_YEAR, comparePeriods, parsePeriod } from '../domain/period.js';
import type { TaskStatus } from '../domain/task-status.js';
import { isIsoDate, validateTask } from '../domain/task-status.js';
import { foldVietnamese, TEXT_FAULT_MESSAGES, textFault } from '../domain/text.js';
import type { UnitRef } from '../domain/unit-ref.js';
import { CURRENT_UNIT_SET, formatUnitRef, splitUnitRef } from '../domain/unit-ref.js';
import { parseBooleanWord, parseDecimal } from '../domain/validate-value.js';
import { restoreFormulaText } from './csv.js';
import type { CellError, CellWarning, RawRow, RawSheet, RawWorkbook } from './read-workbook.js';
import { DIRECTIONS } from '../domain/achievement.js';
import { TIME_AGGREGATIONS, VALUE_TYPES } from '../domain/aggregate.js';
import { NORMALIZATIONS } from '../domain/index-methodology.js';
import { TASK_STATUSES } from '../domain/task-status.js';
import { WORKSPACE_UNIT_KINDS, type WorkspaceUnitKind } from '../domain/unit-vocabulary.js';

export type { CellError, CellWarning } from './read-workbook.js';

// ---- Enumerations ------------------------------------------------------------------------------------------

/** The kind of a unit in the `units` sheet: a workspace unit's kind. */
export type UnitKind = WorkspaceUnitKind;

/** Every enumeration of the format, with its codes in the order templates list them. */
export const IMPORT_ENUMS = {
  unitKind: WORKSPACE_UNIT_KINDS,
  valueType: VALUE_TYPES,
  direction: DIRECTIONS,
  timeAggregation: TIME_AGGREGATIONS,
  taskStatus: TASK_STATUSES,
  normalization: NORMALIZATIONS,
} as const satisfies Record<string, readonly string[]>;

export type ImportEnumName = keyof typeof IMPORT_ENUMS;

type EnumValue<E extends ImportEnumName> = (typeof IMPORT_ENUMS)[E][number];

/**
 * The Vietnamese label of every enumeration code, as templates print it in drop-down lists; the import accepts
 * the label as well as the code (docs/domain.md §2, §4, §7, §8).
 */
export const IMPORT_ENUM_LABELS: { readonly [E in ImportEnumName]: Readonly<Record<EnumValue<E>, string>> } =
  {
    unitKind: { province: 'tỉnh', agency: 'cơ quan', district: 'huyện', commune: 'xã', village: 'thôn' },
    valueType: {
      percent: 'phần trăm',
      count: 'số đếm',
      number: 'số',
      money: 'tiền',
      boolean: 'có/không',
      ratio: 'tỷ số',
    },
    direction: { increase: 'tăng', decrease: 'giảm', reach: 'đạt' },
    timeAggregation: { sum: 'cộng dồn', last: 'cuối kỳ', average: 'trung bình' },
    taskStatus: {
      notStarted: 'chưa triển khai',
      inProgress: 'đang triển khai',
      recurring: 'thực hiện thường xuyên',
      completed: 'đã hoàn thành',
    },
    normalization: { value: 'giá trị', ratio: 'so với tham chiếu', minmax: 'min-max', boolean: 'có/không' },
  };

// ---- Sheets and columns ------------------------------------------------------------------------------------

/** How a column's cells are read. */
export type ColumnType =
  'code' | 'text' | 'unitRef' | 'enum' | 'number' | 'year' | 'period' | 'date' | 'boolean' | 'valueInput';

/** One column of a sheet: its name, the Vietnamese label templates print, whether a cell is required. */
export interface ImportColumn {
  /** The canonical column name (docs/import.md), e.g. `indicator_code`. */
  readonly name: string;
  /** The Vietnamese header templates print, e.g. `Mã chỉ tiêu`. */
  readonly label_vi: string;
  /** Other headers accepted for this column (not printed). */
  readonly aliases?: readonly string[];
  readonly required: boolean;
  readonly type: ColumnType;
  /** For `enum` columns, the enumeration. */
  readonly enum?: ImportEnumName;
}

/** One sheet: its name, labels, key columns (unique within a file) and columns in template order. */
export interface ImportSheet {
  readonly name: string;
  readonly label_vi: string;
  readonly label_en: string;
  readonly key: readonly string[];
  readonly columns: readonly ImportColumn[];
  /** Columns of which at least one must be in the sheet (and filled in each row): a value or its ratio parts. */
  readonly oneOf?: readonly string[];
}

const col = (
  name: string,
  label_vi: string,
  type: ColumnType,
  required: boolean,
  extra: { enum?: ImportEnumName; aliases?: readonly string[] } = {},
): ImportColumn => ({ name, label_vi, type, required, ...extra });

/** The sheet names, in the order an import applies them (units before the plans that name them). */
export const SHEET_NAMES = [
  'units',
  'indicators',
  'plans',
  'targets',
  'values',
  'tasks',
  'index_nodes',
] as const;

export type SheetName = (typeof SHEET_NAMES)[number];

/**
 * The import format, sheet by sheet (docs/import.md): the label table templates print
 * and the import reads.
 */
export const IMPORT_SHEETS: Readonly<Record<SheetName, ImportSheet>> = {
  units: {
    name: 'units',
    label_vi: 'Đơn vị',
    label_en: 'Units',
    key: ['code'],
    columns: [
      col('code', 'Mã', 'code', true, { aliases: ['Mã đơn vị'] }),
      col('name', 'Tên', 'text', true, { aliases: ['Tên đơn vị'] }),
      col('kind', 'Loại', 'enum', true, { enum: 'unitKind', aliases: ['Loại đơn vị'] }),
      col('parent_code', 'Mã đơn vị cha', 'unitRef', false),
    ],
  },
  indicators: {
    name: 'indicators',
    label_vi: 'Chỉ tiêu',
    label_en: 'Indicators',
    key: ['code'],
    columns: [
      col('code', 'Mã chỉ tiêu', 'code', true, { aliases: ['Mã'] }),
      col('name_vi', 'Tên chỉ tiêu', 'text', true, { aliases: ['Tên'] }),
      col('name_en', 'Tên tiếng Anh', 'text', false),
      col('value_type', 'Kiểu giá trị', 'enum', true, { enum: 'valueType' }),
      col('unit', 'Đơn vị tính', 'text', false),
      col('direction', 'Hướng đánh giá', 'enum', false, { enum: 'direction', aliases: ['Chiều'] }),
      col('time_aggregation', 'Cách tổng hợp theo kỳ', 'enum', false, { enum: 'timeAggregation' }),
      col('group', 'Nhóm', 'code', false, { aliases: ['Trụ cột'] }),
    ],
  },
  plans: {
    name: 'plans',
    label_vi: 'Kế hoạch',
    label_en: 'Plans',
    key: ['code'],
    columns: [
      col('code', 'Mã kế hoạch', 'code', true, { aliases: ['Mã'] }),
      col('name', 'Tên kế hoạch', 'text', true, { aliases: ['Tên'] }),
      col('unit_code', 'Mã đơn vị', 'unitRef', true),
      col('start_year', 'Năm bắt đầu', 'year', true),
      col('end_year', 'Năm kết thúc', 'year', true),
    ],
  },
  targets: {
    name: 'targets',
    label_vi: 'Mục tiêu',
    label_en: 'Targets',
    key: ['plan_code', 'indicator_code', 'unit_code', 'period'],
    columns: [
      col('plan_code', 'Mã kế hoạch', 'code', true),
      col('indicator_code', 'Mã chỉ tiêu', 'code', true),
      col('unit_code', 'Mã đơn vị', 'unitRef', true),
      col('period', 'Kỳ', 'period', true, { aliases: ['Kỳ báo cáo', 'Kỳ mục tiêu'] }),
      col('target', 'Mục tiêu', 'valueInput', true, { aliases: ['Giá trị mục tiêu'] }),
      col('baseline', 'Giá trị cơ sở', 'valueInput', false),
      col('baseline_period', 'Kỳ cơ sở', 'period', false),
      col('lead_unit_code', 'Mã đơn vị chủ trì', 'unitRef', false),
      col('note', 'Ghi chú', 'text', false),
    ],
  },
  values: {
    name: 'values',
    label_vi: 'Số liệu',
    label_en: 'Values',
    key: ['indicator_code', 'unit_code', 'period'],
    oneOf: ['value', 'numerator', 'denominator'],
    columns: [
      col('indicator_code', 'Mã chỉ tiêu', 'code', true),
      col('unit_code', 'Mã đơn vị', 'unitRef', true),
      col('period', 'Kỳ báo cáo', 'period', true, { aliases: ['Kỳ'] }),
      col('value', 'Giá trị', 'valueInput', false),
      col('numerator', 'Tử số', 'number', false),
      col('denominator', 'Mẫu số', 'number', false),
      col('comment', 'Ghi chú', 'text', false),
    ],
  },
  tasks: {
    name: 'tasks',
    label_vi: 'Nhiệm vụ',
    label_en: 'Tasks',
    key: ['code'],
    columns: [
      col('code', 'Mã nhiệm vụ', 'code', true, { aliases: ['Mã'] }),
      col('programme', 'Chương trình', 'text', true),
      col('title', 'Tên nhiệm vụ', 'text', true, { aliases: ['Nội dung'] }),
      col('lead_unit_code', 'Mã đơn vị chủ trì', 'unitRef', true),
      col('start', 'Ngày bắt đầu', 'date', false),
      col('due', 'Hạn hoàn thành', 'date', false),
      col('recurring', 'Thường xuyên', 'boolean', false, { aliases: ['Thực hiện thường xuyên'] }),
      col('status', 'Trạng thái', 'enum', true, { enum: 'taskStatus' }),
      col('note', 'Ghi chú', 'text', false),
    ],
  },
  index_nodes: {
    name: 'index_nodes',
    label_vi: 'Cây chỉ số',
    label_en: 'Index nodes',
    key: ['methodology', 'code'],
    columns: [
      col('methodology', 'Bộ chỉ số', 'code', true),
      col('code', 'Mã', 'code', true),
      col('parent_code', 'Mã cha', 'code', false),
      col('name', 'Tên', 'text', true),
      col('weight', 'Trọng số', 'number', true),
      col('indicator_code', 'Mã chỉ tiêu', 'code', false),
      col('normalization', 'Chuẩn hóa', 'enum', false, { enum: 'normalization' }),
      col('reference', 'Giá trị tham chiếu', 'number', false),
    ],
  },
};

// ---- Records -----------------------------------------------------------------------------------------------

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
}

// ---- Header and sheet matching -----------------------------------------------------------------------------

/** A header or sheet name folded for matching: no case, diacritics or trailing `*`; `_`, `-` and spaces alike. */
function matchKey(s: string): string {
  return foldVietnamese(s)
    .replace(/\*+$/, '')
    .trim()
    .replace(/[\s_-]+/g, ' ');
}

function candidateKeys(header: string): string[] {
  const whole = matchKey(header);
  const m = /^(.*?)\s*\(([^()]*)\)$/.exec(header.trim().replace(/\*+$/, '').trim());
  return m ? [whole, matchKey(m[1] ?? ''), matchKey(m[2] ?? '')].filter((k) => k !== '') : [whole];
}

const COLUMN_KEYS = new Map<SheetName, ReadonlyMap<string, ImportColumn>>(
  SHEET_NAMES.map((sheet) => {
    const keys = new Map<string, ImportColumn>();
    for (const c of IMPORT_SHEETS[sheet].columns) {
      for (const text of [c.name, c.label_vi, ...(c.aliases ?? [])]) keys.set(matchKey(text), c);
    }
    return [sheet, keys];
  }),
);

const SHEET_KEYS = new Map<string, SheetName>(
  SHEET_NAMES.flatMap((s) => [
    [matchKey(s), s],
    [matchKey(IMPORT_SHEETS[s].label_vi), s],
  ]),
);

/** The column a header names in a sheet, by name or label (case, diacritics and spacing ignored), if any. */
export function matchColumn(sheet: SheetName, header: string): ImportColumn | undefined {
  const keys = COLUMN_KEYS.get(sheet);
  for (const k of candidateKeys(header)) {
    const c = keys?.get(k);
    if (c) return c;
  }
  return undefined;
}

/** The sheet a sheet (or CSV file) name stands for, by name or Vietnamese label, if any. */
export function matchSheet(name: string): SheetName | undefined {
  return SHEET_KEYS.get(matchKey(name));
}

// ---- Unit references ---------------------------------------------------------------------------------------

/** Why a unit code was refused. */
export type UnitRefError = { code: 'badUnitCode'; message_vi: string; message_en: string };

const SETS_TEXT = UNIT_SETS.join(', ');

/**
 * Reads a unit code as a cell writes it (docs/domain.md §2, docs/import.md): `15` (the current set, 2025) or
 * `set:code` with set `2025` or `pre2025` (`pre2025:10` is the old Lào Cai); a code has no spaces.
 */
export function parseCellUnitRef(
  text: string,
): { ok: true; value: CellUnitRef } | { ok: false; error: UnitRefError } {
  const s = text.normalize('NFC').trim();
  const bad = (vi: string, en: string) =>
    ({ ok: false, error: { code: 'badUnitCode', message_vi: vi, message_en: en } }) as const;
  const written = splitUnitRef(s);
  const setText = written.set?.trim() ?? null;
  const code = written.code.trim();
  let set: UnitSetName = CURRENT_UNIT_SET;
  if (setText !== null) {
    const found = UNIT_SETS.find((u) => u === setText.toLowerCase());
    if (!found) {
      return bad(
        `Mã đơn vị «${s}»: «${setText}» không phải bộ đơn vị nào (chỉ có ${SETS_TEXT}; ví dụ pre2025:10).`,
        `Unit code «${s}»: «${setText}» is not a unit set (only ${SETS_TEXT}; e.g. pre2025:10).`,
      );
    }
    set = found;
  }
  if (code === '') {
    return bad(
      `Mã đơn vị «${s}» thiếu mã sau dấu hai chấm.`,
      `Unit code «${s}» has no code after the colon.`,
    );
  }
  if (/[\s:]/.test(code)) {
    return bad(
      `Mã đơn vị «${s}» không được chứa khoảng trắng hay dấu hai chấm thứ hai.`,
      `Unit code «${s}» cannot contain spaces or a second colon.`,
    );
  }
  return { ok: true, value: { set, code, explicitSet: setText !== null } };
}

// ---- References --------------------------------------------------------------------------------------------

/** A code one record uses to name something that must exist, in the file or in the database. */
export type ImportReference =
  | { kind: 'unit'; sheet: SheetName; row: number; column: string; unit: CellUnitRef }
  | { kind: 'indicator'; sheet: SheetName; row: number; column: string; code: string }
  | { kind: 'plan'; sheet: SheetName; row: number; column: string; code: string };

/**
 * Lists every reference the records make to units, indicators and plans, with the sheet, row and column
 * (column name) naming it, for the use case to check against the file and the database. Index-node parents
 * are not listed: they are checked with the methodology tree (buildMethodologyTree).
 */
export function listReferences(records: ImportRecords): ImportReference[] {
  const refs: ImportReference[] = [];
  const unit = (sheet: SheetName, row: number, column: string, u: CellUnitRef | null): void => {
    if (u) refs.push({ kind: 'unit', sheet, row, column, unit: u });
  };
  const code = (
    kind: 'indicator' | 'plan',
    sheet: SheetName,
    row: number,
    column: string,
    c: string | null,
  ) => {
    if (c !== null) refs.push({ kind, sheet, row, column, code: c });
  };
  for (const r of records.units) unit('units', r.row, 'parent_code', r.parentCode);
  for (const r of records.plans) unit('plans', r.row, 'unit_code', r.unitCode);
  for (const r of records.targets) {
    code('plan', 'targets', r.row, 'plan_code', r.planCode);
    code('indicator', 'targets', r.row, 'indicator_code', r.indicatorCode);
    unit('targets', r.row, 'unit_code', r.unitCode);
    unit('targets', r.row, 'lead_unit_code', r.leadUnitCode);
  }
  for (const r of records.values) {
    code('indicator', 'values', r.row, 'indicator_code', r.indicatorCode);
    unit('values', r.row, 'unit_code', r.unitCode);
  }
  for (const r of records.tasks) unit('tasks', r.row, 'lead_unit_code', r.leadUnitCode);
  for (const r of records.index_nodes)
    code('indicator', 'index_nodes', r.row, 'indicator_code', r.indicatorCode);
  return refs;
}

/**
 * Builds a CellError for a cell of a parsed file, naming the sheet and column as the file writes them (the
 * canonical names when the sheet or column is not in the file), so a use case reports its own findings
 * (an unknown indicator, a value unfit for its type) the way parseImportWorkbook does.
 */
export function cellErrorAt(
  layout: ParsedImport['layout'],
  sheet: SheetName,
  row: number,
  column: string,
  message_vi: string,
  message_en: string,
): CellError {
  const l = layout[sheet];
  return { sheet: l?.name ?? sheet, row, column: l?.columns[column] ?? column, message_vi, message_en };
}

// ---- Parsing -----------------------------------------------------------------------------------------------

const SHOWN_MAX = 40;
const shown = (s: string): string => (s.length > SHOWN_MAX ? `${s.slice(0, SHOWN_MAX)}…` : s);

const CODE_MAX = 100;

interface SheetContext {
  sheet: SheetName;
  def: ImportSheet;
  name: string;
  /** Column name → header as written. */
  headers: Map<string, string>;
  errors: CellError[];
  warnings: CellWarning[];
}

/** The column types whose cells hold numbers: an export never puts an apostrophe before them. */
const NUMBER_COLUMN_TYPES: ReadonlySet<ColumnType> = new Set(['number', 'valueInput', 'year']);

/** Reads the cells of one row, recording a CellError for every bad one and remembering which columns failed. */
class RowReader {
  readonly failed = new Set<string>();
  /** Columns whose cell holds text that cannot be stored (textFault); they read as empty after their error. */
  private readonly unstorable = new Set<string>();
  constructor(
    private readonly ctx: SheetContext,
    readonly row: RawRow,
  ) {
    for (const [name, header] of ctx.headers) {
      const fault = textFault(row.cells[header] ?? '');
      if (fault === null) continue;
      this.unstorable.add(name);
      this.fail(
        name,
        `Ô ${TEXT_FAULT_MESSAGES[fault].vi}, ký tự này không được phép; hãy xóa ký tự đó.`,
        `The cell ${TEXT_FAULT_MESSAGES[fault].en}, which is not allowed; remove it.`,
      );
    }
  }

  private column(name: string): ImportColumn {
    const c = this.ctx.def.columns.find((x) => x.name === name);
    if (!c) throw new Error(`No column ${name} in sheet ${this.ctx.sheet}`);
    return c;
  }

  fail(column: string, message_vi: string, message_en: string): void {
    this.failed.add(column);
    this.ctx.errors.push({
      sheet: this.ctx.name,
      row: this.row.rowNumber,
      column: this.ctx.headers.get(column) ?? column,
      message_vi,
      message_en,
    });
  }

  /**
   * The trimmed, composed text of a cell; '' when empty or when the column is absent. In a text column (not a
   * number), the apostrophe a CSV export puts before a leading `=`, `+`, `-`, `@`, tab or CR is removed (csv.ts).
   */
  text(column: string): string {
    const header = this.ctx.headers.get(column);
    if (header === undefined || this.unstorable.has(column)) return '';
    const text = (this.row.cells[header] ?? '').normalize('NFC').trim();
    return NUMBER_COLUMN_TYPES.has(this.column(column).type) ? text : restoreFormulaText(text);
  }

  /** The number an .xlsx number cell holds, if the cell is one. */
  number(column: string): number | undefined {
    const header = this.ctx.headers.get(column);
    return header === undefined ? undefined : this.row.numbers[header];
  }

  /**
   * The cell's text, or null when it is empty; an empty required cell is an error (reported once per column
   * at row 1 when the whole column is missing, not again on every row).
   */
  present(column: string): string | null {
    const s = this.text(column);
    if (s !== '') return s;
    const c = this.column(column);
    if (c.required) {
      this.failed.add(column);
      if (this.ctx.headers.has(column) && !this.unstorable.has(column)) {
        this.fail(
          column,
          `Ô bắt buộc «${c.label_vi}» (${c.name}) đang trống.`,
          `The required cell ${c.name} («${c.label_vi}») is empty.`,
        );
      }
    }
    return null;
  }

  code(column: string): string | null {
    const s = this.present(column);
    if (s === null) return null;
    if (/\s/.test(s)) {
      this.fail(
        column,
        `Mã «${shown(s)}» không được chứa khoảng trắng.`,
        `The code «${shown(s)}» cannot contain spaces.`,
      );
      return null;
    }
    if (s.length > CODE_MAX) {
      this.fail(column, `Mã dài quá ${CODE_MAX} ký tự.`, `The code is longer than ${CODE_MAX} characters.`);
      return null;
    }
    return s;
  }

  plain(column: string): string | null {
    return this.present(column);
  }

  unitRef(column: string): CellUnitRef | null {
    const s = this.present(column);
    if (s === null) return null;
    const r = parseCellUnitRef(s);
    if (!r.ok) {
      this.fail(column, r.error.message_vi, r.error.message_en);
      return null;
    }
    const n = this.number(column);
    if (n !== undefined && !r.value.explicitSet && (r.value.code.length === 1 || r.value.code.length === 4)) {
      this.ctx.warnings.push({
        sheet: this.ctx.name,
        row: this.row.rowNumber,
        column: this.ctx.headers.get(column) ?? column,
        message_vi: `Mã đơn vị «${s}» nằm trong ô kiểu số nên có thể đã mất số 0 ở đầu (mã chính thức như 0${s}); hãy định dạng cột là văn bản (Text).`,
        message_en: `Unit code «${s}» is in a number cell, so leading zeros may have been lost (official codes look like 0${s}); format the column as Text.`,
      });
    }
    return r.value;
  }

  enumOf<E extends ImportEnumName>(column: string, name: E): EnumValue<E> | null {
    const s = this.present(column);
    if (s === null) return null;
    const key = matchKey(s);
    const labels = IMPORT_ENUM_LABELS[name] as Readonly<Record<string, string>>;
    const values = IMPORT_ENUMS[name] as readonly EnumValue<E>[];
    const found = values.find((v) => matchKey(v) === key || matchKey(labels[v] ?? '') === key);
    if (found !== undefined) return found;
    const list_vi = values.map((v) => `${v} (${labels[v] ?? v})`).join(', ');
    this.fail(
      column,
      `«${shown(s)}» không hợp lệ; chọn một trong: ${list_vi}.`,
      `«${shown(s)}» is not allowed; choose one of: ${values.join(', ')}.`,
    );
    return null;
  }

  decimal(column: string, opts: { min?: number } = {}): number | null {
    const n = this.number(column);
    const s = this.present(column);
    if (s === null) return null;
    let value: number;
    if (n !== undefined) {
      value = n;
    } else {
      const r = parseDecimal(s);
      if (!r.ok) {
        this.fail(column, r.error.message_vi, r.error.message_en);
        return null;
      }
      if (r.value.percent) {
        this.fail(
          column,
          `«${shown(s)}»: cột này ghi số, không ghi dấu %.`,
          `«${shown(s)}»: this column takes a number without a % sign.`,
        );
        return null;
      }
      value = r.value.value;
    }
    if (opts.min !== undefined && value < opts.min) {
      this.fail(
        column,
        `«${shown(s)}» phải lớn hơn hoặc bằng ${opts.min}.`,
        `«${shown(s)}» must be ${opts.min} or more.`,
      );
      return null;
    }
    return value;
  }

  year(column: string): number | null {
    const s = this.present(column);
    if (s === null) return null;
    const n = this.number(column) ?? (/^\d{4}$/.test(s) ? Number(s) : Number.NaN);
    if (!Number.isInteger(n) || n < MIN_YEAR || n > MAX_YEAR) {
      this.fail(
        column,
        `«${shown(s)}» không phải là năm (bốn chữ số, từ ${MIN_YEAR} đến ${MAX_YEAR}, ví dụ 2025).`,
        `«${shown(s)}» is not a year (four digits, ${MIN_YEAR} to ${MAX_YEAR}, e.g. 2025).`,
      );
      return null;
    }
    return n;
  }

  period(column: string): Period | null {
    const s = this.present(column);
    if (s === null) return null;
    const r = parsePeriod(s);
    if (!r.ok) {
      this.fail(column, r.error.message_vi, r.error.message_en);
      return null;
    }
    return r.value;
  }

  date(column: string): string | null {
    const s = this.present(column);
    if (s === null) return null;
    if (isIsoDate(s)) return s;
    const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    const iso = dmy
      ? `${dmy[3]}-${(dmy[2] ?? '').padStart(2, '0')}-${(dmy[1] ?? '').padStart(2, '0')}`
      : null;
    if (iso !== null && isIsoDate(iso)) {
      this.fail(
        column,
        `Ngày «${shown(s)}» phải ghi dạng năm-tháng-ngày: ${iso}.`,
        `The date «${shown(s)}» must be written year-month-day: ${iso}.`,
      );
    } else {
      this.fail(
        column,
        `«${shown(s)}» không phải là ngày hợp lệ dạng YYYY-MM-DD (ví dụ 2025-03-15).`,
        `«${shown(s)}» is not a valid YYYY-MM-DD date (e.g. 2025-03-15).`,
      );
    }
    return null;
  }

  boolean(column: string): boolean | null {
    const s = this.present(column);
    if (s === null) return null;
    const r = parseBooleanWord(s);
    if (!r.ok) {
      this.fail(column, r.error.message_vi, r.error.message_en);
      return null;
    }
    return r.value;
  }

  /** A value, target or baseline: a number cell, a number in text (`%` allowed) or a yes/no word. */
  valueInput(column: string): CellInput | null {
    const n = this.number(column);
    const s = this.present(column);
    if (s === null) return null;
    if (n !== undefined) return n;
    if (parseBooleanWord(s).ok) return s;
    const r = parseDecimal(s);
    if (r.ok) return s;
    if (r.error.reason === 'notANumber') {
      this.fail(
        column,
        `«${shown(s)}» không phải là số (ví dụ 36,8 hoặc 97%) hay giá trị có/không (true/false, 1/0, có/không).`,
        `«${shown(s)}» is neither a number (e.g. 36.8 or 97%) nor a yes/no value (true/false, 1/0, có/không).`,
      );
    } else {
      this.fail(column, r.error.message_vi, r.error.message_en);
    }
    return null;
  }

  /** Whether the sheet has at least one of these columns. */
  hasAnyColumn(columns: readonly string[]): boolean {
    return columns.some((c) => this.ctx.headers.has(c));
  }

  /** Whether every cell read so far is good. */
  get ok(): boolean {
    return this.failed.size === 0;
  }
}

type Built<T> = { record: T | null; key: string | null };

function keyOf(parts: readonly (string | null)[]): string | null {
  return parts.every((p) => p !== null) ? parts.join('\u0000') : null;
}

function unitKey(u: CellUnitRef | null): string | null {
  return u === null ? null : `${u.set}:${u.code}`;
}

function buildUnit(r: RowReader): Built<UnitRecord> {
  const code = r.code('code');
  const name = r.plain('name');
  const kind = r.enumOf('kind', 'unitKind');
  const parentCode = r.unitRef('parent_code');
  if (code !== null && code.includes(':')) {
    r.fail(
      'code',
      `Mã đơn vị «${shown(code)}» không được chứa dấu hai chấm (dấu này tách bộ đơn vị, như pre2025:10).`,
      `Unit code «${shown(code)}» cannot contain a colon (it separates the unit set, as in pre2025:10).`,
    );
  } else if (code !== null && parentCode !== null && !parentCode.explicitSet && parentCode.code === code) {
    r.fail('parent_code', 'Đơn vị không thể là đơn vị cha của chính nó.', 'A unit cannot be its own parent.');
  }
  const key = r.failed.has('code') ? null : code;
  if (!r.ok || code === null || name === null || kind === null) return { record: null, key };
  return { record: { row: r.row.rowNumber, code, name, kind, parentCode }, key };
}

function buildIndicator(r: RowReader): Built<IndicatorRecord> {
  const code = r.code('code');
  const nameVi = r.plain('name_vi');
  const nameEn = r.plain('name_en');
  const valueType = r.enumOf('value_type', 'valueType');
  const unit = r.plain('unit');
  const direction = r.enumOf('direction', 'direction');
  const timeAggregation = r.enumOf('time_aggregation', 'timeAggregation');
  const group = r.code('group');
  const key = r.failed.has('code') ? null : code;
  if (!r.ok || code === null || nameVi === null || valueType === null) return { record: null, key };
  return {
    record: {
      row: r.row.rowNumber,
      code,
      nameVi,
      nameEn,
      valueType,
      unit,
      direction,
      timeAggregation,
      group,
    },
    key,
  };
}

function buildPlan(r: RowReader): Built<PlanRecord> {
  const code = r.code('code');
  const name = r.plain('name');
  const unitCode = r.unitRef('unit_code');
  const startYear = r.year('start_year');
  const endYear = r.year('end_year');
  if (startYear !== null && endYear !== null && endYear < startYear) {
    r.fail(
      'end_year',
      `Năm kết thúc ${endYear} trước năm bắt đầu ${startYear}.`,
      `The end year ${endYear} is before the start year ${startYear}.`,
    );
  }
  const key = r.failed.has('code') ? null : code;
  if (
    !r.ok ||
    code === null ||
    name === null ||
    unitCode === null ||
    startYear === null ||
    endYear === null
  ) {
    return { record: null, key };
  }
  return { record: { row: r.row.rowNumber, code, name, unitCode, startYear, endYear }, key };
}

function buildTarget(r: RowReader): Built<TargetRecord> {
  const planCode = r.code('plan_code');
  const indicatorCode = r.code('indicator_code');
  const unitCode = r.unitRef('unit_code');
  const period = r.period('period');
  const target = r.valueInput('target');
  const baseline = r.valueInput('baseline');
  const baselinePeriod = r.period('baseline_period');
  const leadUnitCode = r.unitRef('lead_unit_code');
  const note = r.plain('note');
  if (baselinePeriod !== null && baseline === null && !r.failed.has('baseline')) {
    r.fail(
      'baseline_period',
      'Có kỳ cơ sở nhưng thiếu giá trị cơ sở.',
      'A baseline period is given without a baseline value.',
    );
  } else if (baselinePeriod !== null && period !== null && comparePeriods(baselinePeriod, period) >= 0) {
    r.fail(
      'baseline_period',
      `Kỳ cơ sở ${baselinePeriod.id} phải trước kỳ của mục tiêu ${period.id}.`,
      `The baseline period ${baselinePeriod.id} must come before the target's period ${period.id}.`,
    );
  }
  const key = keyOf([planCode, indicatorCode, unitKey(unitCode), period?.id ?? null]);
  if (
    !r.ok ||
    planCode === null ||
    indicatorCode === null ||
    unitCode === null ||
    period === null ||
    target === null
  ) {
    return { record: null, key };
  }
  return {
    record: {
      row: r.row.rowNumber,
      planCode,
      indicatorCode,
      unitCode,
      period,
      target,
      baseline,
      baselinePeriod,
      leadUnitCode,
      note,
    },
    key,
  };
}

function buildValue(r: RowReader): Built<ValueRecord> {
  const indicatorCode = r.code('indicator_code');
  const unitCode = r.unitRef('unit_code');
  const period = r.period('period');
  const value = r.valueInput('value');
  const numerator = r.decimal('numerator');
  const denominator = r.decimal('denominator');
  const comment = r.plain('comment');
  if (r.text('value') === '' && r.text('numerator') === '' && r.text('denominator') === '') {
    // When none of the three columns is in the sheet, row 1 says so once.
    if (r.hasAnyColumn(['value', 'numerator', 'denominator'])) {
      r.fail(
        'value',
        'Chưa có giá trị (hoặc tử số và mẫu số với chỉ tiêu kiểu tỷ số).',
        'There is no value (nor a numerator and denominator, for a ratio indicator).',
      );
    } else {
      r.failed.add('value');
    }
  }
  const key = keyOf([indicatorCode, unitKey(unitCode), period?.id ?? null]);
  if (!r.ok || indicatorCode === null || unitCode === null || period === null) return { record: null, key };
  return {
    record: { row: r.row.rowNumber, indicatorCode, unitCode, period, value, numerator, denominator, comment },
    key,
  };
}

const TASK_FIELD_COLUMNS: Readonly<Record<string, string>> = {
  code: 'code',
  programme: 'programme',
  leadUnitCode: 'lead_unit_code',
  status: 'status',
  recurring: 'recurring',
  start: 'start',
  due: 'due',
};

function buildTask(r: RowReader): Built<TaskRecord> {
  const code = r.code('code');
  const programme = r.plain('programme');
  const title = r.plain('title');
  const leadUnitCode = r.unitRef('lead_unit_code');
  const start = r.date('start');
  const due = r.date('due');
  const recurringCell = r.boolean('recurring');
  const status = r.enumOf('status', 'taskStatus');
  const note = r.plain('note');
  const key = r.failed.has('code') ? null : code;
  if (
    !r.ok ||
    code === null ||
    programme === null ||
    title === null ||
    leadUnitCode === null ||
    status === null
  ) {
    return { record: null, key };
  }
  const recurring = recurringCell ?? status === 'recurring';
  const checked = validateTask({
    code,
    programme,
    leadUnitCode: formatUnitRef(leadUnitCode),
    status,
    recurring,
    ...(start === null ? {} : { start }),
    due,
    kind: 'task',
  });
  if (!checked.ok) {
    for (const p of checked.error)
      r.fail(TASK_FIELD_COLUMNS[p.field] ?? String(p.field), p.message_vi, p.message_en);
    return { record: null, key };
  }
  return {
    record: {
      row: r.row.rowNumber,
      code,
      programme,
      title,
      leadUnitCode,
      start,
      due,
      recurring,
      status,
      note,
    },
    key,
  };
}

function buildIndexNode(r: RowReader): Built<IndexNodeRecord> {
  const methodology = r.code('methodology');
  const code = r.code('code');
  const parentCode = r.code('parent_code');
  const name = r.plain('name');
  const weight = r.decimal('weight', { min: 0 });
  const indicatorCode = r.code('indicator_code');
  const normalization = r.enumOf('normalization', 'normalization');
  const reference = r.decimal('reference');
  if (code !== null && parentCode !== null && code === parentCode) {
    r.fail(
      'parent_code',
      `Nút «${code}» không thể là nút cha của chính nó.`,
      `Node «${code}» cannot be its own parent.`,
    );
  }
  const key = keyOf([methodology, code]);
  if (!r.ok || methodology === null || code === null || name === null || weight === null) {
    return { record: null, key };
  }
  return {
    record: {
      row: r.row.rowNumber,
      methodology,
      code,
      parentCode,
      name,
      weight,
      indicatorCode,
      normalization,
      reference,
    },
    key,
  };
}

/** Resolves a sheet's headers to its columns, reporting missing, repeated and unknown ones. */
function readHeaders(ctx: SheetContext, raw: RawSheet): void {
  const seen = new Map<string, string>();
  raw.headers.forEach((header, i) => {
    const trimmed = header.normalize('NFC').trim();
    if (trimmed === '') return;
    const c = matchColumn(ctx.sheet, trimmed);
    if (!c) {
      ctx.warnings.push({
        sheet: ctx.name,
        row: 1,
        column: trimmed,
        message_vi: `Bỏ qua cột «${shown(trimmed)}» (cột ${i + 1}): trang ${ctx.sheet} không có cột này.`,
        message_en: `Ignored the column «${shown(trimmed)}» (column ${i + 1}): sheet ${ctx.sheet} has no such column.`,
      });
      return;
    }
    const first = seen.get(c.name);
    if (first !== undefined) {
      ctx.errors.push({
        sheet: ctx.name,
        row: 1,
        column: trimmed,
        message_vi: `Cột «${trimmed}» lặp lại cột «${first}» (cùng là ${c.name}).`,
        message_en: `The column «${trimmed}» repeats «${first}» (both are ${c.name}).`,
      });
      return;
    }
    seen.set(c.name, trimmed);
    ctx.headers.set(c.name, header);
  });
  const oneOf = ctx.def.oneOf ?? [];
  if (oneOf.length > 0 && !oneOf.some((c) => ctx.headers.has(c))) {
    const labels = ctx.def.columns.filter((c) => oneOf.includes(c.name));
    ctx.errors.push({
      sheet: ctx.name,
      row: 1,
      column: oneOf[0] ?? '',
      message_vi: `Thiếu cột: cần ít nhất một trong các cột ${labels.map((c) => `«${c.label_vi}» (${c.name})`).join(', ')}.`,
      message_en: `A column is missing: at least one of ${labels.map((c) => `${c.name} («${c.label_vi}»)`).join(', ')} is needed.`,
    });
  }
  for (const c of ctx.def.columns) {
    if (c.required && !ctx.headers.has(c.name)) {
      ctx.errors.push({
        sheet: ctx.name,
        row: 1,
        column: c.name,
        message_vi: `Thiếu cột bắt buộc «${c.label_vi}» (${c.name}).`,
        message_en: `The required column ${c.name} («${c.label_vi}») is missing.`,
      });
    }
  }
}

function describeKey(ctx: SheetContext, r: RowReader): string {
  return ctx.def.key.map((k) => `${k} ${r.text(k)}`).join(', ');
}

function parseSheet<T>(
  sheet: SheetName,
  build: (r: RowReader) => Built<T>,
  raw: RawSheet,
  errors: CellError[],
  warnings: CellWarning[],
): { records: T[]; layout: SheetLayout } {
  const ctx: SheetContext = {
    sheet,
    def: IMPORT_SHEETS[sheet],
    name: raw.name,
    headers: new Map(),
    errors,
    warnings,
  };
  readHeaders(ctx, raw);
  const records: T[] = [];
  const firstRowOf = new Map<string, number>();
  let headerlessWarned = false;
  for (const row of raw.rows) {
    const r = new RowReader(ctx, row);
    const { record, key } = build(r);
    if (key !== null) {
      const first = firstRowOf.get(key);
      if (first === undefined) {
        firstRowOf.set(key, row.rowNumber);
      } else {
        const keyColumn = ctx.def.key[0] ?? '';
        r.fail(
          keyColumn,
          `Trùng với dòng ${first} (${describeKey(ctx, r)}): mỗi khóa chỉ được ghi một lần trong tệp.`,
          `Same as row ${first} (${describeKey(ctx, r)}): each key may appear only once in a file.`,
        );
      }
    }
    if (record !== null && r.ok) records.push(record);
    if (!headerlessWarned && (row.cells[''] ?? '').trim() !== '') {
      headerlessWarned = true;
      warnings.push({
        sheet: ctx.name,
        row: row.rowNumber,
        column: null,
        message_vi: 'Bỏ qua các ô nằm dưới cột không có tiêu đề.',
        message_en: 'Ignored the cells under a column without a header.',
      });
    }
  }
  const columns: Record<string, string> = {};
  for (const [name, header] of ctx.headers) columns[name] = header.normalize('NFC').trim();
  return { records, layout: { name: raw.name, columns } };
}

/**
 * Turns a workbook read as text into typed records of the import format (docs/import.md;
 * docs/domain.md §2–§5, §7, §8), listing every bad cell with its sheet, row, column and a message in
 * Vietnamese and English, and warnings for what it ignores (unknown sheets and columns).
 */
export function parseImportWorkbook(raw: RawWorkbook): ParsedImport {
  const errors: CellError[] = [...raw.errors];
  const warnings: CellWarning[] = [...raw.warnings];
  const layout: Partial<Record<SheetName, SheetLayout>> = {};
  const found = new Map<SheetName, RawSheet>();
  for (const sheet of raw.sheets.values()) {
    const name = matchSheet(sheet.name);
    if (name === undefined) {
      warnings.push({
        sheet: sheet.name,
        row: null,
        column: null,
        message_vi: `Bỏ qua trang «${shown(sheet.name)}»: không phải trang nào của mẫu nhập (${SHEET_NAMES.join(', ')}).`,
        message_en: `Ignored the sheet «${shown(sheet.name)}»: not a sheet of the import format (${SHEET_NAMES.join(', ')}).`,
      });
      continue;
    }
    const first = found.get(name);
    if (first) {
      errors.push({
        sheet: sheet.name,
        row: 1,
        column: '',
        message_vi: `Trang «${sheet.name}» trùng với trang «${first.name}» (cùng là ${name}); hãy gộp lại thành một.`,
        message_en: `The sheet «${sheet.name}» duplicates «${first.name}» (both are ${name}); merge them into one.`,
      });
      continue;
    }
    found.set(name, sheet);
  }
  const run = <T>(name: SheetName, build: (r: RowReader) => Built<T>): T[] => {
    const sheet = found.get(name);
    if (!sheet || (sheet.headers.length === 0 && sheet.rows.length === 0)) return [];
    const parsed = parseSheet(name, build, sheet, errors, warnings);
    layout[name] = parsed.layout;
    return parsed.records;
  };
  // In SHEET_NAMES order, so the errors come sheet by sheet in the order an import applies them.
  const records: ImportRecords = {
    units: run('units', buildUnit),
    indicators: run('indicators', buildIndicator),
    plans: run('plans', buildPlan),
    targets: run('targets', buildTarget),
    values: run('values', buildValue),
    tasks: run('tasks', buildTask),
    index_nodes: run('index_nodes', buildIndexNode),
  };
  return { records, errors, warnings, layout };
}
