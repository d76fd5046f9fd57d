// What an import says when a file holds no row of any import sheet (docs/import.md, "A file without rows"):
// never "0 rows, success", but what was expected — the sheets and their required columns — and what was found,
// with the separator and encoding a CSV sheet was read with.
import type { RawSheet, RawWorkbook } from '../read-workbook.js';
import type { Bilingual } from './error-map.js';
import { shown } from './error-map.js';
import { SHEET_NAMES } from './format.js';
import { recogniseSheet, requiredColumns } from './match.js';
import type { ParsedImport } from './records.js';

const SEPARATOR_NAMES: Readonly<Record<string, { vi: string; en: string }>> = {
  ',': { vi: 'dấu phẩy «,»', en: 'comma «,»' },
  ';': { vi: 'dấu chấm phẩy «;»', en: 'semicolon «;»' },
  '\t': { vi: 'dấu tab', en: 'tab' },
};

/** Whether not one row of a known sheet was read, good or bad: the import has nothing to do. */
export function hasNoRows(parsed: ParsedImport): boolean {
  const records = SHEET_NAMES.reduce((n, s) => n + parsed.records[s].length, 0);
  return records === 0 && parsed.errors.length === 0;
}

/** Each sheet kind with the columns it needs: `values (indicator_code, unit_code, period + value|numerator|…)`. */
function expectedSheets(and: string): string {
  return SHEET_NAMES.map((sheet) => {
    const { all, oneOf } = requiredColumns(sheet);
    const columns = oneOf.length > 0 ? [...all, `${oneOf.join('|')}`] : all;
    return `${sheet} (${columns.join(', ')})`;
  }).join(`; ${and} `);
}

function describeSheet(sheet: RawSheet, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  const r = recogniseSheet(sheet);
  const headers = sheet.headers.filter((h) => h.trim() !== '').map((h) => shown(h.trim()));
  const parts = [
    r.by === 'name' || r.by === 'header'
      ? vi
        ? `là ${r.sheet}, ${sheet.rows.length} dòng`
        : `${r.sheet}, ${sheet.rows.length} row(s)`
      : vi
        ? 'không khớp trang nào'
        : 'matches no sheet',
    headers.length === 0
      ? vi
        ? 'không có dòng tiêu đề'
        : 'no header row'
      : `${vi ? 'tiêu đề' : 'headers'}: ${headers.slice(0, 12).join(', ')}${headers.length > 12 ? ', …' : ''}`,
  ];
  if (sheet.csv) {
    const sep = SEPARATOR_NAMES[sheet.csv.separator] ?? { vi: sheet.csv.separator, en: sheet.csv.separator };
    parts.push(
      vi
        ? `đọc dạng CSV với ${sep.vi}, mã ${sheet.csv.encoding}`
        : `read as CSV with ${sep.en}, ${sheet.csv.encoding} encoding`,
    );
  }
  return `«${shown(sheet.name)}» (${parts.join('; ')})`;
}

/**
 * The message of a file without a row to import: the sheets expected (by name, or by a header row holding their
 * required columns), the sheets found with their headers (and, for a CSV, its separator and encoding), and
 * NOTES (what was left out on the way, such as template rows without a value).
 */
export function noRowsMessage(raw: RawWorkbook, notes: readonly Bilingual[] = []): Bilingual {
  const sheets = [...raw.sheets.values()];
  const found_vi =
    sheets.length === 0 ? 'không có trang nào' : sheets.map((s) => describeSheet(s, 'vi')).join('; ');
  const found_en = sheets.length === 0 ? 'no sheet' : sheets.map((s) => describeSheet(s, 'en')).join('; ');
  const note_vi = notes.map((n) => ` ${n.message_vi}`).join('');
  const note_en = notes.map((n) => ` ${n.message_en}`).join('');
  return {
    message_vi: `Tệp «${shown(raw.source)}» không có dòng nào để nhập: không nhận ra dòng nào của trang nào trong mẫu nhập.${note_vi} Cần một trang có tên là một trong các trang dưới đây, hoặc có dòng tiêu đề (dòng 1) chứa đủ các cột bắt buộc của nó: ${expectedSheets('hoặc')}. Đã tìm thấy: ${found_vi}.`,
    message_en: `The file «${shown(raw.source)}» has no row to import: no row of any sheet of the import format was recognised.${note_en} Expected a sheet named as one of these, or whose header row (row 1) holds its required columns: ${expectedSheets('or')}. Found: ${found_en}.`,
  };
}
