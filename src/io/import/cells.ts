// How a cell of each column type is read (docs/import.md, "Reading cells"), as zod schemas over the cell's
// trimmed, composed text — or the number an .xlsx number cell holds, for number columns. An empty cell never
// reaches them: the row gives it as absent (parse.ts), which a required column refuses and an optional one
// reads as null. Every refusal is a zod issue that importErrorMap (error-map.ts) turns into a bilingual message:
// - codes have no spaces and at most 100 characters; free text (a comment, a note) at most its column's limit;
// - numbers in text follow parseDecimal (Vietnamese `36,8` and English `36.8`; `10.851` is refused as
//   ambiguous); a number cell of an .xlsx is taken as the number it holds;
// - enumerations accept their code in any letter case (`inprogress`) or their Vietnamese label (`đang triển khai`);
// - unit codes are `15` or `pre2025:10` (parseCellUnitRef), periods as parsePeriod reads them, dates YYYY-MM-DD.
import { z } from 'zod';
import { MAX_YEAR, MIN_YEAR, parsePeriod } from '../../domain/period.js';
import { isIsoDate } from '../../domain/task-status.js';
import { parseBooleanWord, parseDecimal } from '../../domain/validate-value.js';
import { CODE_MAX, customIssue, shown } from './error-map.js';
import type { ColumnType, ImportEnumName } from './format.js';
import { IMPORT_ENUM_LABELS, IMPORT_ENUMS } from './format.js';
import { matchKey } from './match.js';
import { parseCellUnitRef } from './references.js';

/** The column types whose cells hold numbers: an export never puts an apostrophe before them. */
export const NUMBER_COLUMN_TYPES: ReadonlySet<ColumnType> = new Set(['number', 'valueInput', 'year']);

/** A code: no spaces, at most 100 characters. */
export const codeCell = () => z.string().regex(/^\S*$/).max(CODE_MAX);

/** Free text, at most MAX characters when the column has a limit. */
export const textCell = (max?: number) => (max === undefined ? z.string() : z.string().max(max));

/** A unit code as a cell writes it (`15`, `pre2025:10`). */
export const unitRefCell = () =>
  z.string().transform((s, ctx) => {
    const r = parseCellUnitRef(s);
    if (r.ok) return r.value;
    ctx.addIssue(customIssue(r.error.message_vi, r.error.message_en));
    return z.NEVER;
  });

/** An enumeration's code, written as the code in any letter case or as its Vietnamese label. */
export function enumCell<E extends ImportEnumName>(name: E) {
  const values = IMPORT_ENUMS[name];
  const labels = IMPORT_ENUM_LABELS[name] as Readonly<Record<string, string>>;
  const byKey = new Map<string, string>();
  for (const v of values) {
    byKey.set(matchKey(labels[v] ?? v), v);
    byKey.set(matchKey(v), v);
  }
  return z.preprocess(
    (s) => (typeof s === 'string' ? (byKey.get(matchKey(s)) ?? s) : s),
    z.enum(values as unknown as [(typeof IMPORT_ENUMS)[E][number], ...(typeof IMPORT_ENUMS)[E][number][]]),
  );
}

/** A number written by a person (parseDecimal), without `%`. */
const decimalText = () =>
  z.string().transform((s, ctx) => {
    const r = parseDecimal(s);
    if (!r.ok) {
      ctx.addIssue(customIssue(r.error.message_vi, r.error.message_en));
      return z.NEVER;
    }
    if (r.value.percent) {
      ctx.addIssue(
        customIssue(
          `«${shown(s)}»: cột này ghi số, không ghi dấu %.`,
          `«${shown(s)}»: this column takes a number without a % sign.`,
        ),
      );
      return z.NEVER;
    }
    return r.value.value;
  });

/** A number: a number cell, or a number in text; at least MIN when given. */
export const numberCell = (opts: { min?: number } = {}) => {
  const n = z.number();
  return z.union([decimalText(), z.number()]).pipe(opts.min === undefined ? n : n.min(opts.min));
};

/** A year: four digits from MIN_YEAR to MAX_YEAR (a number cell, or its text). */
export const yearCell = () =>
  z
    .union([
      z
        .string()
        .regex(/^\d{4}$/)
        .transform(Number),
      z.number(),
    ])
    .pipe(z.number().int().min(MIN_YEAR).max(MAX_YEAR));

/** A reporting period (`2025`, `2025-Q1`, `2025-03`…), as parsePeriod reads it. */
export const periodCell = () =>
  z.string().transform((s, ctx) => {
    const r = parsePeriod(s);
    if (r.ok) return r.value;
    ctx.addIssue(customIssue(r.error.message_vi, r.error.message_en));
    return z.NEVER;
  });

/** A date written YYYY-MM-DD; a day-month-year date is refused with its YYYY-MM-DD spelling. */
export const dateCell = () =>
  z.string().transform((s, ctx) => {
    if (isIsoDate(s)) return s;
    const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    const iso = dmy
      ? `${dmy[3]}-${(dmy[2] ?? '').padStart(2, '0')}-${(dmy[1] ?? '').padStart(2, '0')}`
      : null;
    ctx.addIssue(
      iso !== null && isIsoDate(iso)
        ? customIssue(
            `Ngày «${shown(s)}» phải ghi dạng năm-tháng-ngày: ${iso}.`,
            `The date «${shown(s)}» must be written year-month-day: ${iso}.`,
          )
        : customIssue(
            `«${shown(s)}» không phải là ngày hợp lệ dạng YYYY-MM-DD (ví dụ 2025-03-15).`,
            `«${shown(s)}» is not a valid YYYY-MM-DD date (e.g. 2025-03-15).`,
          ),
    );
    return z.NEVER;
  });

/** A yes/no word (true/false, 1/0, có/không). */
export const booleanCell = () =>
  z.string().transform((s, ctx) => {
    const r = parseBooleanWord(s);
    if (r.ok) return r.value;
    ctx.addIssue(customIssue(r.error.message_vi, r.error.message_en));
    return z.NEVER;
  });

/**
 * A value, target or baseline before its indicator's value type is known: a number cell, or a text that is a
 * number (`%` allowed) or a yes/no word, kept as written for validateValue / validateTargetValue.
 */
export const valueInputCell = () =>
  z.union([
    z.string().transform((s, ctx) => {
      if (parseBooleanWord(s).ok) return s;
      const r = parseDecimal(s);
      if (r.ok) return s;
      ctx.addIssue(
        r.error.reason === 'notANumber'
          ? customIssue(
              `«${shown(s)}» không phải là số (ví dụ 36,8 hoặc 97%) hay giá trị có/không (true/false, 1/0, có/không).`,
              `«${shown(s)}» is neither a number (e.g. 36.8 or 97%) nor a yes/no value (true/false, 1/0, có/không).`,
            )
          : customIssue(r.error.message_vi, r.error.message_en),
      );
      return z.NEVER;
    }),
    z.number(),
  ]);
