// parseImportWorkbook: a RawWorkbook (read-workbook.ts) into typed records of the import format (docs/import.md),
// every bad cell listed at once with its sheet, row, column and a message in Vietnamese and English.
//
// What is checked here is what one row says on its own (the row schemas of sheets/*.ts): required cells,
// enumerations, numbers, periods, years, dates, booleans, unit codes (`pre2025:10`), the length of a comment,
// consistency inside a row (a plan ending before it starts), and duplicate keys within the file. What needs more
// than the file — whether a code names an indicator, unit or plan that exists, and whether a value suits its
// indicator's value type — is the import use case's (listReferences, and validateValue / validateTargetValue).
//
// Before a cell reaches its schema: it is trimmed and Unicode-composed (NFC); an empty one is absent (null when
// optional); a cell holding a NUL character or a lone surrogate is refused (no database text can hold it); in a
// text column the apostrophe a CSV export puts before a leading `=`, `+`, `-`, `@`, tab or CR is removed (csv.ts).
import type { z } from 'zod';
import { TEXT_FAULT_MESSAGES, textFault } from '../../domain/text.js';
import { restoreFormulaText } from '../csv.js';
import type { CellError, CellWarning, RawSheet, RawWorkbook } from '../read-workbook.js';
import { timeSlices, type TimeSlices } from '../time-slices.js';
import { NUMBER_COLUMN_TYPES } from './cells.js';
import { flattenIssue, importErrorMap, requiredCellMessage, shown } from './error-map.js';
import type { ImportColumn, ImportSheet, SheetName } from './format.js';
import { IMPORT_SHEETS, SHEET_NAMES } from './format.js';
import { matchColumn, recogniseSheet } from './match.js';
import type { ImportRecords, ParsedImport, SheetLayout } from './records.js';
import { parseCellUnitRef } from './references.js';
import { indexNodeRecord, indexNodesRow } from './sheets/index-nodes.js';
import { indicatorRecord, indicatorsRow } from './sheets/indicators.js';
import { planRecord, plansRow } from './sheets/plans.js';
import { targetRecord, targetsRow } from './sheets/targets.js';
import { taskRecord, tasksRow } from './sheets/tasks.js';
import { unitRecord, unitsRow } from './sheets/units.js';
import { valueRecord, valuesRow } from './sheets/values.js';

/** A sheet's row schema (given the columns the sheet has) and the record a good row becomes. */
interface SheetRows<T> {
  schema: (present: ReadonlySet<string>) => z.ZodObject;
  record: (data: never, row: number) => T;
}

const ROWS: { readonly [S in SheetName]: SheetRows<ImportRecords[S][number]> } = {
  units: { schema: unitsRow, record: unitRecord },
  indicators: { schema: indicatorsRow, record: indicatorRecord },
  plans: { schema: plansRow, record: planRecord },
  targets: { schema: targetsRow, record: targetRecord },
  values: { schema: valuesRow, record: valueRecord },
  tasks: { schema: tasksRow, record: taskRecord },
  index_nodes: { schema: indexNodesRow, record: indexNodeRecord },
};

interface SheetContext {
  sheet: SheetName;
  def: ImportSheet;
  name: string;
  /** Column name → header as written. */
  headers: Map<string, string>;
  errors: CellError[];
  warnings: CellWarning[];
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

/** A key part as the file's duplicates are found: a unit by its set and code, a period by its id. */
function keyPart(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return null;
  if ('id' in value && typeof value.id === 'string') return value.id;
  if ('set' in value && 'code' in value) return `${String(value.set)}:${String(value.code)}`;
  return null;
}

async function parseSheet<S extends SheetName>(
  sheet: S,
  raw: RawSheet,
  errors: CellError[],
  warnings: CellWarning[],
  slices: TimeSlices,
): Promise<{ records: ImportRecords[S]; layout: SheetLayout }> {
  const def = IMPORT_SHEETS[sheet];
  const ctx: SheetContext = { sheet, def, name: raw.name, headers: new Map(), errors, warnings };
  readHeaders(ctx, raw);
  const columns = new Map<string, ImportColumn>(def.columns.map((c) => [c.name, c]));
  // The cells of the row last read, as its schema read them (a key is made of them).
  let cells: Readonly<Record<string, unknown>> = {};
  const schema = ROWS[sheet].schema(new Set(ctx.headers.keys())).superRefine(
    (value) => {
      cells = value;
    },
    { when: () => true },
  );
  const records: ImportRecords[S][number][] = [];
  const firstRowOf = new Map<string, number>();
  let headerlessWarned = false;
  for (const row of raw.rows) {
    if (slices.due()) await slices.pause();
    const where = { sheet: raw.name, row: row.rowNumber };
    const unstorable = new Set<string>();
    const texts: Record<string, string> = {};
    const input: Record<string, string | number> = {};
    for (const [name, header] of ctx.headers) {
      const cell = row.cells[header] ?? '';
      const fault = textFault(cell);
      if (fault !== null) {
        unstorable.add(name);
        errors.push({
          ...where,
          column: header,
          message_vi: `Ô ${TEXT_FAULT_MESSAGES[fault].vi}, ký tự này không được phép; hãy xóa ký tự đó.`,
          message_en: `The cell ${TEXT_FAULT_MESSAGES[fault].en}, which is not allowed; remove it.`,
        });
        continue;
      }
      const type = columns.get(name)?.type ?? 'text';
      const trimmed = cell.normalize('NFC').trim();
      const text = NUMBER_COLUMN_TYPES.has(type) ? trimmed : restoreFormulaText(trimmed);
      texts[name] = text;
      if (text === '') continue;
      input[name] = NUMBER_COLUMN_TYPES.has(type) ? (row.numbers[header] ?? text) : text;
      if (type === 'unitRef' && row.numbers[header] !== undefined) {
        const ref = parseCellUnitRef(text);
        if (ref.ok && !ref.value.explicitSet && [1, 4].includes(ref.value.code.length)) {
          warnings.push({
            ...where,
            column: header,
            message_vi: `Mã đơn vị «${text}» nằm trong ô kiểu số nên có thể đã mất số 0 ở đầu (mã chính thức như 0${text}); hãy định dạng cột là văn bản (Text).`,
            message_en: `Unit code «${text}» is in a number cell, so leading zeros may have been lost (official codes look like 0${text}); format the column as Text.`,
          });
        }
      }
    }
    cells = {};
    const parsed = schema.safeParse(input, { reportInput: true });
    const failed = new Set<string>();
    for (const issue of parsed.success ? [] : parsed.error.issues.flatMap(flattenIssue)) {
      const name = String(issue.path[0] ?? '');
      const column = columns.get(name);
      const params = issue.code === 'custom' ? issue.params : undefined;
      if (column === undefined || params?.['silent'] === true) continue;
      // A cell says what is wrong with it once (its first issue); a row rule may add to it.
      if (params?.['rule'] !== true && failed.has(name)) continue;
      failed.add(name);
      // An empty required cell; but one of a missing column is reported once, at row 1, and an unstorable
      // cell already was.
      const empty = issue.code !== 'custom' && input[name] === undefined;
      if (empty && (!ctx.headers.has(name) || unstorable.has(name))) continue;
      const message = empty ? requiredCellMessage(column) : importErrorMap(issue, column);
      errors.push({ ...where, column: ctx.headers.get(name) ?? name, ...message });
    }
    const parts = def.key.map((k) => (failed.has(k) ? null : keyPart(cells[k])));
    let duplicate = false;
    if (parts.every((p) => p !== null)) {
      const key = parts.join('\u0000');
      const first = firstRowOf.get(key);
      if (first === undefined) {
        firstRowOf.set(key, row.rowNumber);
      } else {
        duplicate = true;
        const keyColumn = def.key[0] ?? '';
        const described = def.key.map((k) => `${k} ${texts[k] ?? ''}`).join(', ');
        errors.push({
          ...where,
          column: ctx.headers.get(keyColumn) ?? keyColumn,
          message_vi: `Trùng với dòng ${first} (${described}): mỗi khóa chỉ được ghi một lần trong tệp.`,
          message_en: `Same as row ${first} (${described}): each key may appear only once in a file.`,
        });
      }
    }
    if (parsed.success && !duplicate) {
      records.push(ROWS[sheet].record(parsed.data as never, row.rowNumber));
    }
    if (!headerlessWarned && (row.cells[''] ?? '').trim() !== '') {
      headerlessWarned = true;
      warnings.push({
        ...where,
        column: null,
        message_vi: 'Bỏ qua các ô nằm dưới cột không có tiêu đề.',
        message_en: 'Ignored the cells under a column without a header.',
      });
    }
  }
  const layoutColumns: Record<string, string> = {};
  for (const [name, header] of ctx.headers) layoutColumns[name] = header.normalize('NFC').trim();
  return { records: records as ImportRecords[S], layout: { name: raw.name, columns: layoutColumns } };
}

/** Which import sheet each sheet of the file is, by name first, then by header row; the rest are skipped. */
function recogniseSheets(
  raw: RawWorkbook,
  errors: CellError[],
  warnings: CellWarning[],
): { found: Map<SheetName, RawSheet>; skippedSheets: string[] } {
  const found = new Map<SheetName, RawSheet>();
  const skippedSheets: string[] = [];
  const sheets = [...raw.sheets.values()].map((sheet) => ({ sheet, r: recogniseSheet(sheet) }));
  const byNameFirst = [
    ...sheets.filter((s) => s.r.by === 'name'),
    ...sheets.filter((s) => s.r.by !== 'name'),
  ];
  for (const { sheet, r } of byNameFirst) {
    if (r.by === 'tie') {
      const [a, b] = r.sheets;
      errors.push({
        sheet: sheet.name,
        row: 1,
        column: '',
        message_vi: `Không rõ trang «${shown(sheet.name)}» là trang ${a} hay ${b}: dòng tiêu đề có đủ các cột bắt buộc của cả hai, cùng ${r.matched} cột khớp; hãy đặt tên trang là ${a} hoặc ${b}.`,
        message_en: `The sheet «${shown(sheet.name)}» could be ${a} or ${b}: its header row holds the required columns of both, ${r.matched} matching columns each; name the sheet ${a} or ${b}.`,
      });
      continue;
    }
    if (r.by === 'none') {
      skippedSheets.push(sheet.name);
      warnings.push({
        sheet: sheet.name,
        row: null,
        column: null,
        message_vi: `Bỏ qua trang «${shown(sheet.name)}»: tên và dòng tiêu đề không khớp trang nào của mẫu nhập (${SHEET_NAMES.join(', ')}).`,
        message_en: `Ignored the sheet «${shown(sheet.name)}»: neither its name nor its header row is one of the import format's sheets (${SHEET_NAMES.join(', ')}).`,
      });
      continue;
    }
    const first = found.get(r.sheet);
    if (first) {
      errors.push({
        sheet: sheet.name,
        row: 1,
        column: '',
        message_vi: `Trang «${sheet.name}» trùng với trang «${first.name}» (cùng là ${r.sheet}); hãy gộp lại thành một.`,
        message_en: `The sheet «${sheet.name}» duplicates «${first.name}» (both are ${r.sheet}); merge them into one.`,
      });
      continue;
    }
    found.set(r.sheet, sheet);
  }
  const order = [...raw.sheets.keys()];
  skippedSheets.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return { found, skippedSheets };
}

/**
 * Turns a workbook read as text into typed records of the import format (docs/import.md; docs/domain.md §2–§5,
 * §7, §8), listing every bad cell with its sheet, row, column and a message in Vietnamese and English, and
 * warnings for what it ignores (unknown columns; sheets that are none of the import's, also named in
 * `skippedSheets`). A sheet is recognised by its name, or else by its header row (recogniseSheet).
 */
export async function parseImportWorkbook(raw: RawWorkbook): Promise<ParsedImport> {
  const errors: CellError[] = [...raw.errors];
  const warnings: CellWarning[] = [...raw.warnings];
  const layout: Partial<Record<SheetName, SheetLayout>> = {};
  const { found, skippedSheets } = recogniseSheets(raw, errors, warnings);
  // A million rows take seconds to read: the server answers other requests between slices of them.
  const slices = timeSlices();
  const run = async <S extends SheetName>(name: S): Promise<ImportRecords[S]> => {
    const sheet = found.get(name);
    if (!sheet || (sheet.headers.length === 0 && sheet.rows.length === 0)) return [] as ImportRecords[S];
    const parsed = await parseSheet(name, sheet, errors, warnings, slices);
    layout[name] = parsed.layout;
    return parsed.records;
  };
  // In SHEET_NAMES order, so the errors come sheet by sheet in the order an import applies them.
  const records: ImportRecords = {
    units: await run('units'),
    indicators: await run('indicators'),
    plans: await run('plans'),
    targets: await run('targets'),
    values: await run('values'),
    tasks: await run('tasks'),
    index_nodes: await run('index_nodes'),
  };
  return { records, errors, warnings, layout, skippedSheets };
}
