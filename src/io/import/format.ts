// The import format (docs/import.md): its enumerations, its sheets and their columns, with the Vietnamese
// labels templates print for them. How a cell of each column is read is in cells.ts; a sheet's rows in
// sheets/*.ts; the whole workbook in parse.ts.
import { DIRECTIONS } from '../../domain/achievement.js';
import { TIME_AGGREGATIONS, VALUE_TYPES } from '../../domain/aggregate.js';
import { NORMALIZATIONS } from '../../domain/index-methodology.js';
import { TASK_STATUSES } from '../../domain/task-status.js';
import { WORKSPACE_UNIT_KINDS, type WorkspaceUnitKind } from '../../domain/unit-vocabulary.js';

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

export type EnumValue<E extends ImportEnumName> = (typeof IMPORT_ENUMS)[E][number];

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
  /** For free-text columns (a comment, a note): the most characters a cell may hold. */
  readonly max?: number;
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

/** The most characters a comment or note cell may hold (docs/import.md). */
export const COMMENT_MAX = 2000;

const col = (
  name: string,
  label_vi: string,
  type: ColumnType,
  required: boolean,
  extra: { enum?: ImportEnumName; aliases?: readonly string[]; max?: number } = {},
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
      col('min', 'Giá trị nhỏ nhất', 'number', false, { aliases: ['Tối thiểu', 'Mức tối thiểu'] }),
      col('max', 'Giá trị lớn nhất', 'number', false, { aliases: ['Tối đa', 'Mức tối đa'] }),
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
      col('note', 'Ghi chú', 'text', false, { max: COMMENT_MAX }),
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
      col('comment', 'Ghi chú', 'text', false, { max: COMMENT_MAX }),
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
      col('note', 'Ghi chú', 'text', false, { max: COMMENT_MAX }),
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
