// The error map of the import format: every zod issue a cell schema (cells.ts) or a row rule (sheets/*.ts) raises
// becomes a cell message in Vietnamese and English naming what was expected. Zod's own English texts ("Too
// small: expected number…") never reach a reader: each issue is mapped here from its code and the column's kind.
import type { z } from 'zod';
import { formatNumber } from '../../domain/format-number.js';
import { MAX_YEAR, MIN_YEAR } from '../../domain/period.js';
import type { ImportColumn } from './format.js';
import { IMPORT_ENUM_LABELS, IMPORT_ENUMS } from './format.js';

/** A message in both languages. */
export interface Bilingual {
  message_vi: string;
  message_en: string;
}

const SHOWN_MAX = 40;

/** A cell's text as messages quote it: its first 40 characters. */
export const shown = (s: string): string => (s.length > SHOWN_MAX ? `${s.slice(0, SHOWN_MAX)}…` : s);

/** The longest code (of an indicator, plan, task, node, group) a cell may hold. */
export const CODE_MAX = 100;

/** The zod issue a cell schema or row rule raises with its own bilingual message. */
export function customIssue(message_vi: string, message_en: string) {
  return { code: 'custom' as const, message: message_en, params: { message_vi, message_en } };
}

type Issue = z.core.$ZodIssue;

const inputText = (issue: Issue): string => {
  const input: unknown = 'input' in issue ? issue.input : undefined;
  return typeof input === 'string' ? input : typeof input === 'number' ? String(input) : '';
};

/**
 * The issues a union of a number cell and a text cell raised: those of the branch the cell's kind belongs to
 * (not the other branch's "expected number"), with the union's path.
 */
export function flattenIssue(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const branch = issue.errors.find((b) => b.some((i) => i.code !== 'invalid_type')) ?? [];
  if (branch.length === 0) return [issue];
  return branch.flatMap((i) => flattenIssue({ ...i, path: [...issue.path, ...i.path] } as Issue));
}

/** The required-cell message of a column. */
export function requiredCellMessage(column: ImportColumn): Bilingual {
  return {
    message_vi: `Ô bắt buộc «${column.label_vi}» (${column.name}) đang trống.`,
    message_en: `The required cell ${column.name} («${column.label_vi}») is empty.`,
  };
}

/** The bilingual cell message of an issue raised on a cell of COLUMN. */
export function importErrorMap(issue: Issue, column: ImportColumn): Bilingual {
  if (issue.code === 'custom') {
    const p = issue.params as Partial<Bilingual> | undefined;
    if (p?.message_vi !== undefined && p.message_en !== undefined) {
      return { message_vi: p.message_vi, message_en: p.message_en };
    }
  }
  const s = shown(inputText(issue));
  if (column.type === 'year') {
    return {
      message_vi: `«${s}» không phải là năm (bốn chữ số, từ ${MIN_YEAR} đến ${MAX_YEAR}, ví dụ 2025).`,
      message_en: `«${s}» is not a year (four digits, ${MIN_YEAR} to ${MAX_YEAR}, e.g. 2025).`,
    };
  }
  if (column.type === 'code' && issue.code === 'invalid_format') {
    return {
      message_vi: `Mã «${s}» không được chứa khoảng trắng.`,
      message_en: `The code «${s}» cannot contain spaces.`,
    };
  }
  if (column.type === 'code' && issue.code === 'too_big') {
    return {
      message_vi: `Mã dài quá ${CODE_MAX} ký tự.`,
      message_en: `The code is longer than ${CODE_MAX} characters.`,
    };
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    const length = [...inputText(issue)].length;
    const max = Number(issue.maximum);
    return {
      message_vi: `Ô «${column.label_vi}» (${column.name}) có ${formatNumber(length, 'vi', 0)} ký tự, quá giới hạn ${formatNumber(max, 'vi', 0)} ký tự; hãy rút gọn.`,
      message_en: `The cell ${column.name} («${column.label_vi}») has ${formatNumber(length, 'en', 0)} characters, over the limit of ${formatNumber(max, 'en', 0)}; shorten it.`,
    };
  }
  if (issue.code === 'too_small' && issue.origin === 'number') {
    return {
      message_vi: `«${s}» phải lớn hơn hoặc bằng ${String(issue.minimum)}.`,
      message_en: `«${s}» must be ${String(issue.minimum)} or more.`,
    };
  }
  if (issue.code === 'invalid_value' && column.enum !== undefined) {
    const labels = IMPORT_ENUM_LABELS[column.enum] as Readonly<Record<string, string>>;
    const values: readonly string[] = IMPORT_ENUMS[column.enum];
    const list_vi = values.map((v) => `${v} (${labels[v] ?? v})`).join(', ');
    return {
      message_vi: `«${s}» không hợp lệ; chọn một trong: ${list_vi}.`,
      message_en: `«${s}» is not allowed; choose one of: ${values.join(', ')}.`,
    };
  }
  return {
    message_vi: `«${s}» không hợp lệ ở cột «${column.label_vi}» (${column.name}).`,
    message_en: `«${s}» is not valid in the column ${column.name} («${column.label_vi}»).`,
  };
}
