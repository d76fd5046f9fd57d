// Reads a DHIS2 dataValueSet (JSON) into the rows of the `values` sheet, so `dxmon import` treats a DHIS2
// file and a workbook alike (docs/import.md, `dxmon export values --format dhis2`).
//
// Ids are codes: `dataElement` is an indicator code, `orgUnit` a unit code (`pre2025:10` names another set,
// docs/domain.md §2), `period` a DHIS2 period id of the four types DX Monitor keeps (docs/domain.md §3).
//
// Ratios: DHIS2 has no data value made of a numerator and a denominator (its "indicators" are computed from
// two data elements), so a ratio travels as two data elements, `<code>.num` and `<code>.den`, for the same
// orgUnit and period. In DHIS2 one creates those two data elements and an indicator
// `#{<code>.num} / #{<code>.den} × 100`; here the two entries are joined back into one `values` row with
// `numerator` and `denominator`. A plain `<code>` entry next to them carries the row's `value`.
//
// What is refused, as `{sheet: 'dataValues', row, column, message_vi, message_en}` with `row` the 1-based
// position in `dataValues` (0 for the document itself):
// - a missing or empty dataElement, orgUnit or period (after the set's top-level defaults);
// - a period of a type DX Monitor does not keep (weekly `2024W1`, daily, bi-monthly, financial years …);
// - a categoryOptionCombo or attributeOptionCombo other than DHIS2's default (`default`, `HllvX50cXC0`):
//   DX Monitor keeps no disaggregation, and silently folding "male"/"female" into one value would lose or
//   overwrite data — an error, not a warning, because an import is all or nothing;
// - `deleted: true` (an import never deletes);
// - the same dataElement, orgUnit and period twice; a `.num` without its `.den` or the reverse.
// Other DHIS2 fields (storedBy, created, lastUpdated, followup, dataSet, completeDate …) are ignored.
import { z } from 'zod';
import { parsePeriod } from '../domain/period.js';

/** The suffix of the data element that carries a ratio's numerator in a DHIS2 export. */
export const DHIS2_NUMERATOR_SUFFIX = '.num';
/** The suffix of the data element that carries a ratio's denominator in a DHIS2 export. */
export const DHIS2_DENOMINATOR_SUFFIX = '.den';

/** The ids DHIS2 gives its default category option combination (its name, and its uid in every instance). */
export const DHIS2_DEFAULT_COMBOS: readonly string[] = ['default', 'HllvX50cXC0'];

/** Which part of a `values` row one DHIS2 data value carries. */
export type Dhis2Part = 'value' | 'numerator' | 'denominator';

/** One DHIS2 data value, read and checked; `value` and `comment` are '' when absent. */
export interface Dhis2ValueRow {
  /** The 1-based position of the entry in `dataValues`. */
  rowNumber: number;
  /** The indicator code: the dataElement without its `.num` / `.den` suffix. */
  indicatorCode: string;
  part: Dhis2Part;
  unitCode: string;
  period: string;
  value: string;
  comment: string;
}

/** One problem in a DHIS2 file, shaped like an import error (docs/import.md). */
export interface Dhis2ReadError {
  sheet: 'dataValues';
  /** The 1-based position in `dataValues`, or 0 for the document as a whole. */
  row: number;
  /** The DHIS2 field at fault, e.g. `period`. */
  column: string;
  message_vi: string;
  message_en: string;
}

/** The columns of the `values` sheet, in its order (docs/import.md). */
export const VALUES_SHEET_COLUMNS = [
  'indicator_code',
  'unit_code',
  'period',
  'value',
  'numerator',
  'denominator',
  'comment',
] as const;

export type ValuesSheetColumn = (typeof VALUES_SHEET_COLUMNS)[number];

/**
 * One row of the `values` sheet as text cells ('' for an empty cell), shaped like `RawRow` of
 * read-workbook.ts so the import checks both alike.
 */
export interface ValuesSheetRow {
  /** The row number errors should name: here the 1-based position in `dataValues` of the row's first entry. */
  rowNumber: number;
  cells: Record<ValuesSheetColumn, string>;
  /** Cells that held a number rather than text: none, as DHIS2 values are text. */
  numbers: Record<string, number>;
}

const optionalText = z.string().nullish();

const setSchema = z.looseObject({
  dataValues: z.array(z.unknown()),
  period: optionalText,
  orgUnit: optionalText,
  attributeOptionCombo: optionalText,
});

const entrySchema = z.looseObject({
  dataElement: z.string(),
  period: optionalText,
  orgUnit: optionalText,
  value: z.union([z.string(), z.number(), z.boolean()]).nullish(),
  comment: optionalText,
  categoryOptionCombo: optionalText,
  attributeOptionCombo: optionalText,
  deleted: z.boolean().nullish(),
});

type Entry = z.infer<typeof entrySchema>;

const FIELD_TYPE: Record<string, { vi: string; en: string }> = {
  dataElement: { vi: 'phải là một mã (chuỗi ký tự)', en: 'must be a code (a string)' },
  period: { vi: 'phải là một mã kỳ (chuỗi ký tự)', en: 'must be a period id (a string)' },
  orgUnit: { vi: 'phải là một mã đơn vị (chuỗi ký tự)', en: 'must be a unit code (a string)' },
  value: { vi: 'phải là chuỗi ký tự, số hoặc true/false', en: 'must be a string, a number or true/false' },
  comment: { vi: 'phải là chuỗi ký tự', en: 'must be a string' },
  categoryOptionCombo: { vi: 'phải là chuỗi ký tự', en: 'must be a string' },
  attributeOptionCombo: { vi: 'phải là chuỗi ký tự', en: 'must be a string' },
  deleted: { vi: 'phải là true hoặc false', en: 'must be true or false' },
  dataValues: { vi: 'phải là một danh sách', en: 'must be a list' },
};

/** DHIS2 period types DX Monitor does not keep, recognised so the message can name them. */
const UNSUPPORTED_PERIODS: readonly { pattern: RegExp; vi: string; en: string }[] = [
  { pattern: /^[0-9]{8}$/, vi: 'kỳ ngày', en: 'a daily period' },
  { pattern: /^[0-9]{4}BiW[0-9]{1,2}$/, vi: 'kỳ hai tuần', en: 'a bi-weekly period' },
  { pattern: /^[0-9]{4}(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)?W[0-9]{1,2}$/, vi: 'kỳ tuần', en: 'a weekly period' },
  { pattern: /^[0-9]{6}B$/, vi: 'kỳ hai tháng', en: 'a bi-monthly period' },
  {
    pattern: /^[0-9]{4}(?:April|Nov)S[12]$|^[0-9]{4}NovQ[1-4]$/,
    vi: 'kỳ 6 tháng hoặc quý lệch năm',
    en: 'a six-monthly or quarterly period not starting in January',
  },
  {
    pattern: /^[0-9]{4}(?:April|July|Oct|Nov|Sep)$/,
    vi: 'năm tài chính',
    en: 'a financial year',
  },
];

function entryError(row: number, column: string, vi: string, en: string): Dhis2ReadError {
  return {
    sheet: 'dataValues',
    row,
    column,
    message_vi: `Mục ${row} của dataValues, trường ${column}: ${vi}`,
    message_en: `dataValues entry ${row}, field ${column}: ${en}`,
  };
}

function documentError(column: string, vi: string, en: string): Dhis2ReadError {
  return { sheet: 'dataValues', row: 0, column, message_vi: vi, message_en: en };
}

function typeErrors(row: number, issues: readonly z.core.$ZodIssue[]): Dhis2ReadError[] {
  const columns = [...new Set(issues.map((i) => String(i.path[0] ?? '')))];
  return columns.map((column) => {
    const t = FIELD_TYPE[column] ?? { vi: 'không hợp lệ', en: 'is invalid' };
    return entryError(row, column, t.vi, t.en);
  });
}

function periodError(row: number, period: string): Dhis2ReadError | undefined {
  const parsed = parsePeriod(period);
  if (parsed.ok) return undefined;
  const known = UNSUPPORTED_PERIODS.find((p) => p.pattern.test(period));
  const vi = known
    ? `${parsed.error.message_vi} — đây là ${known.vi} của DHIS2; DX Monitor chỉ dùng kỳ năm, 6 tháng, quý và tháng`
    : parsed.error.message_vi;
  const en = known
    ? `${parsed.error.message_en} — this is ${known.en} in DHIS2; DX Monitor keeps years, half-years, quarters and months only`
    : parsed.error.message_en;
  return entryError(row, 'period', vi, en);
}

function comboError(
  row: number,
  column: string,
  combo: string | null | undefined,
): Dhis2ReadError | undefined {
  if (combo === undefined || combo === null || combo === '' || DHIS2_DEFAULT_COMBOS.includes(combo)) {
    return undefined;
  }
  return entryError(
    row,
    column,
    `«${combo}» không phải tổ hợp mặc định (default); DX Monitor không lưu số liệu phân tổ, hãy xuất từ DHIS2 số liệu tổng (không phân tổ)`,
    `«${combo}» is not the default combination; DX Monitor keeps no disaggregations, so export the totals (no disaggregation) from DHIS2`,
  );
}

function splitDataElement(dataElement: string): { indicatorCode: string; part: Dhis2Part } {
  if (dataElement.endsWith(DHIS2_NUMERATOR_SUFFIX)) {
    return { indicatorCode: dataElement.slice(0, -DHIS2_NUMERATOR_SUFFIX.length), part: 'numerator' };
  }
  if (dataElement.endsWith(DHIS2_DENOMINATOR_SUFFIX)) {
    return { indicatorCode: dataElement.slice(0, -DHIS2_DENOMINATOR_SUFFIX.length), part: 'denominator' };
  }
  return { indicatorCode: dataElement, part: 'value' };
}

function valueText(value: Entry['value']): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

const SUFFIX: Record<Dhis2Part, string> = {
  value: '',
  numerator: DHIS2_NUMERATOR_SUFFIX,
  denominator: DHIS2_DENOMINATOR_SUFFIX,
};

/** The key of a `values` row: one indicator, unit and period. */
const rowKey = (r: Pick<Dhis2ValueRow, 'indicatorCode' | 'unitCode' | 'period'>): string =>
  JSON.stringify([r.indicatorCode, r.unitCode, r.period]);

function readEntry(
  raw: unknown,
  row: number,
  defaults: { period: string; orgUnit: string },
): { row: Dhis2ValueRow } | { errors: Dhis2ReadError[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      errors: [
        entryError(
          row,
          'dataValues',
          'mỗi mục phải là một đối tượng {dataElement, period, orgUnit, value}',
          'each entry must be an object {dataElement, period, orgUnit, value}',
        ),
      ],
    };
  }
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) return { errors: typeErrors(row, parsed.error.issues) };
  const e = parsed.data;
  const errors: Dhis2ReadError[] = [];
  const dataElement = e.dataElement.trim();
  const unitCode = (e.orgUnit ?? '').trim() || defaults.orgUnit;
  const period = e.period ?? '';
  const periodGiven = period === '' ? defaults.period : period;
  const { indicatorCode, part } = splitDataElement(dataElement);
  if (indicatorCode === '') {
    errors.push(entryError(row, 'dataElement', 'chưa có mã chỉ tiêu', 'the indicator code is missing'));
  }
  if (unitCode === '') {
    errors.push(
      entryError(
        row,
        'orgUnit',
        'chưa có mã đơn vị (ở mục này hoặc ở đầu tệp)',
        'the unit code is missing (in this entry or at the top of the file)',
      ),
    );
  }
  if (periodGiven === '') {
    errors.push(
      entryError(
        row,
        'period',
        'chưa có kỳ báo cáo (ở mục này hoặc ở đầu tệp)',
        'the period is missing (in this entry or at the top of the file)',
      ),
    );
  } else {
    const bad = periodError(row, periodGiven);
    if (bad) errors.push(bad);
  }
  for (const column of ['categoryOptionCombo', 'attributeOptionCombo'] as const) {
    const bad = comboError(row, column, e[column]);
    if (bad) errors.push(bad);
  }
  if (e.deleted === true) {
    errors.push(
      entryError(
        row,
        'deleted',
        'mục đánh dấu xoá (deleted: true) không được nhập; nhập khẩu không xoá số liệu',
        'an entry marked deleted: true cannot be imported; an import never deletes values',
      ),
    );
  }
  if (errors.length > 0) return { errors };
  return {
    row: {
      rowNumber: row,
      indicatorCode,
      part,
      unitCode,
      period: periodGiven,
      value: valueText(e.value),
      comment: e.comment ?? '',
    },
  };
}

/** Finds entries given twice and ratio halves without their other half. */
function pairingErrors(rows: readonly Dhis2ValueRow[]): Dhis2ReadError[] {
  const errors: Dhis2ReadError[] = [];
  const seen = new Map<string, number>();
  const parts = new Map<string, Set<Dhis2Part>>();
  for (const r of rows) {
    const key = rowKey(r);
    const partKey = JSON.stringify([key, r.part]);
    const first = seen.get(partKey);
    if (first !== undefined) {
      errors.push(
        entryError(
          r.rowNumber,
          'dataElement',
          `trùng với mục ${first} (cùng dataElement, orgUnit và period)`,
          `duplicates entry ${first} (same dataElement, orgUnit and period)`,
        ),
      );
      continue;
    }
    seen.set(partKey, r.rowNumber);
    const set = parts.get(key) ?? new Set<Dhis2Part>();
    set.add(r.part);
    parts.set(key, set);
  }
  for (const r of rows) {
    if (r.part === 'value' || seen.get(JSON.stringify([rowKey(r), r.part])) !== r.rowNumber) continue;
    const other: Dhis2Part = r.part === 'numerator' ? 'denominator' : 'numerator';
    if (parts.get(rowKey(r))?.has(other)) continue;
    const have = `${r.indicatorCode}${SUFFIX[r.part]}`;
    const need = `${r.indicatorCode}${SUFFIX[other]}`;
    errors.push(
      entryError(
        r.rowNumber,
        'dataElement',
        `«${have}» là ${r.part === 'numerator' ? 'tử số' : 'mẫu số'} của một tỷ số nhưng thiếu «${need}» cho cùng orgUnit «${r.unitCode}» và period «${r.period}»`,
        `«${have}» is the ${r.part} of a ratio but «${need}» is missing for the same orgUnit «${r.unitCode}» and period «${r.period}»`,
      ),
    );
  }
  return errors;
}

/**
 * Reads a parsed DHIS2 dataValueSet into checked data values, one per entry, applying the set's top-level
 * period and orgUnit to entries lacking them, and lists every problem (docs/import.md, docs/domain.md §2–§4).
 * The file must be refused when `errors` is not empty; `rows` still holds the entries that passed their own
 * checks, so the caller can go on checking codes and list all problems at once.
 */
export function readDhis2DataValueSet(json: unknown): { rows: Dhis2ValueRow[]; errors: Dhis2ReadError[] } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      rows: [],
      errors: [
        documentError(
          'dataValues',
          'Tệp DHIS2 phải là một đối tượng JSON dạng {"dataValues": [...]}',
          'A DHIS2 file must be a JSON object {"dataValues": [...]}',
        ),
      ],
    };
  }
  const set = setSchema.safeParse(json);
  if (!set.success) {
    const columns = [...new Set(set.error.issues.map((i) => String(i.path[0] ?? 'dataValues')))];
    return {
      rows: [],
      errors: columns.map((column) => {
        const t = FIELD_TYPE[column] ?? { vi: 'không hợp lệ', en: 'is invalid' };
        const missing = column === 'dataValues' && !('dataValues' in json);
        return documentError(
          column,
          missing ? 'Tệp DHIS2 thiếu danh sách "dataValues"' : `Trường ${column} ở đầu tệp DHIS2 ${t.vi}`,
          missing ? 'The DHIS2 file has no "dataValues" list' : `The top-level field ${column} ${t.en}`,
        );
      }),
    };
  }
  const errors: Dhis2ReadError[] = [];
  const topCombo = set.data.attributeOptionCombo;
  if (topCombo && !DHIS2_DEFAULT_COMBOS.includes(topCombo)) {
    errors.push(
      documentError(
        'attributeOptionCombo',
        `attributeOptionCombo «${topCombo}» ở đầu tệp không phải tổ hợp mặc định (default); DX Monitor không lưu số liệu phân tổ`,
        `The top-level attributeOptionCombo «${topCombo}» is not the default combination; DX Monitor keeps no disaggregations`,
      ),
    );
  }
  const defaults = { period: set.data.period ?? '', orgUnit: (set.data.orgUnit ?? '').trim() };
  const rows: Dhis2ValueRow[] = [];
  set.data.dataValues.forEach((raw, i) => {
    const read = readEntry(raw, i + 1, defaults);
    if ('row' in read) rows.push(read.row);
    else errors.push(...read.errors);
  });
  errors.push(...pairingErrors(rows));
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors };
}

/**
 * Parses the text of a DHIS2 JSON file (a leading byte-order mark is allowed) and reads it as
 * `readDhis2DataValueSet` does, reporting malformed JSON as an error of the document (docs/import.md).
 */
export function readDhis2Json(text: string): { rows: Dhis2ValueRow[]; errors: Dhis2ReadError[] } {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      rows: [],
      errors: [
        documentError(
          'dataValues',
          `Tệp DHIS2 không phải JSON hợp lệ: ${detail}`,
          `The DHIS2 file is not valid JSON: ${detail}`,
        ),
      ],
    };
  }
  return readDhis2DataValueSet(json);
}

/**
 * Joins DHIS2 data values into `values` sheet rows — one per indicator, unit and period, a ratio's `.num` and
 * `.den` entries into `numerator` and `denominator` — in the order of their first entry (docs/import.md).
 * Distinct non-empty comments of a row's entries are joined by a line break.
 */
export function dhis2RowsToValuesSheet(rows: readonly Dhis2ValueRow[]): ValuesSheetRow[] {
  const byKey = new Map<string, { row: ValuesSheetRow; comments: string[] }>();
  for (const r of rows) {
    const key = rowKey(r);
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        row: {
          rowNumber: r.rowNumber,
          numbers: {},
          cells: {
            indicator_code: r.indicatorCode,
            unit_code: r.unitCode,
            period: r.period,
            value: '',
            numerator: '',
            denominator: '',
            comment: '',
          },
        },
        comments: [],
      };
      byKey.set(key, entry);
    }
    const column: ValuesSheetColumn = r.part;
    entry.row.cells[column] = r.value;
    if (r.comment !== '' && !entry.comments.includes(r.comment)) entry.comments.push(r.comment);
  }
  return [...byKey.values()].map(({ row, comments }) => {
    row.cells.comment = comments.join('\n');
    return row;
  });
}

/**
 * Reads a parsed DHIS2 dataValueSet straight into `values` sheet rows, or lists every problem
 * (docs/import.md).
 */
export function readDhis2AsValuesSheet(json: unknown): { rows: ValuesSheetRow[]; errors: Dhis2ReadError[] } {
  const read = readDhis2DataValueSet(json);
  return { rows: dhis2RowsToValuesSheet(read.rows), errors: read.errors };
}
