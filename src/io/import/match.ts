// Which sheet of the import format a sheet of a file is, and which column a header names (docs/import.md,
// "How sheets are recognised"): a sheet by its name (`values`, `Số liệu`) or else by its header row, a column by
// its name or Vietnamese label, ignoring case, diacritics, surrounding spaces, a trailing `*`, and `_`/`-`/space
// differences; `Giá trị (value)` matches by either part.
import { foldVietnamese } from '../../domain/text.js';
import type { RawSheet } from '../read-workbook.js';
import type { ImportColumn, SheetName } from './format.js';
import { IMPORT_SHEETS, SHEET_NAMES } from './format.js';

/** A header or sheet name folded for matching: no case, diacritics or trailing `*`; `_`, `-` and spaces alike. */
export function matchKey(s: string): string {
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

/** The columns a sheet kind cannot do without: its required ones, and one of its `oneOf` (a value) if any. */
export function requiredColumns(sheet: SheetName): { all: string[]; oneOf: string[] } {
  const def = IMPORT_SHEETS[sheet];
  return { all: def.columns.filter((c) => c.required).map((c) => c.name), oneOf: [...(def.oneOf ?? [])] };
}

/** How a sheet of a file was recognised, if at all. */
export type SheetRecognition =
  | { by: 'name'; sheet: SheetName }
  | { by: 'header'; sheet: SheetName; matched: number }
  /** Two kinds hold every required column in the header row, with as many matching columns each. */
  | { by: 'tie'; sheets: [SheetName, SheetName]; matched: number }
  | { by: 'none' };

/**
 * Recognises a sheet (docs/import.md): by its name (`matchSheet`), or else by its header row — the one sheet kind
 * whose required columns the header row holds all of (and one of its value columns, for `values`); when several
 * do, the one with more matching columns; an equal count is a tie, which the caller reports.
 */
export function recogniseSheet(raw: Pick<RawSheet, 'name' | 'headers'>): SheetRecognition {
  const byName = matchSheet(raw.name);
  if (byName !== undefined) return { by: 'name', sheet: byName };
  const candidates: { sheet: SheetName; matched: number }[] = [];
  for (const sheet of SHEET_NAMES) {
    const found = new Set<string>();
    for (const header of raw.headers) {
      const c = header.trim() === '' ? undefined : matchColumn(sheet, header.normalize('NFC').trim());
      if (c) found.add(c.name);
    }
    const { all, oneOf } = requiredColumns(sheet);
    if (!all.every((c) => found.has(c))) continue;
    if (oneOf.length > 0 && !oneOf.some((c) => found.has(c))) continue;
    candidates.push({ sheet, matched: found.size });
  }
  candidates.sort((a, b) => b.matched - a.matched);
  const [best, second] = candidates;
  if (best === undefined) return { by: 'none' };
  if (second !== undefined && second.matched === best.matched) {
    return { by: 'tie', sheets: [best.sheet, second.sheet], matched: best.matched };
  }
  return { by: 'header', sheet: best.sheet, matched: best.matched };
}
