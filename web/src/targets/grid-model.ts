import type { ValueType } from '../../../src/domain/aggregate.js';
import { parsePeriod } from '../../../src/domain/period.js';
import type { DomainMessage } from '../../../src/domain/result.js';
import { validateTargetValue } from '../../../src/domain/validate-value.js';
import type { TargetSummary } from '../../../src/contract/plans.js';

// The target grid's rules without the page (docs/web.md, "The target grid"): its editable columns, a target's
// cells as text, reading a block copied from a spreadsheet and placing it from a cell, and the checks a cell
// passes before it is sent. Only src/domain and src/contract are imported, so this runs in Node as well.

/** The grid's editable columns, left to right (the order a pasted block fills). */
export const COLUMNS = ['target', 'baseline', 'baselinePeriod', 'leadUnit', 'note'] as const;
export type Column = (typeof COLUMNS)[number];

/** A row's cells as the inputs hold them. */
export type RowDraft = Record<Column, string>;

/** A stored number or yes/no as an input shows it: the reader's decimal separator, no grouping; có/không. */
export function cellText(value: number | boolean | null, lang: 'vi' | 'en'): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  const plain = String(value);
  return lang === 'vi' ? plain.replace('.', ',') : plain;
}

/** A stored target's cells as text. */
export function draftOf(target: TargetSummary, lang: 'vi' | 'en'): RowDraft {
  return {
    target: cellText(target.target, lang),
    baseline: cellText(target.baseline, lang),
    baselinePeriod: target.baselinePeriod ?? '',
    leadUnit: target.leadUnit ?? '',
    note: target.note ?? '',
  };
}

/** The key of a target in the grid: `indicator|unit|period`. */
export const rowKey = (t: { indicator: string; unit: string; period: string }): string =>
  `${t.indicator}|${t.unit}|${t.period}`;

/**
 * Reads the text a spreadsheet puts on the clipboard (Excel, LibreOffice: one line per row, cells separated by
 * tabs, a cell holding a tab, a line break or a quote written in double quotes) into rows of cells; the last
 * line break does not make an empty row.
 */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
    i += 1;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.map((r) => r.map((c) => c.trim()));
}

/** One cell a paste sets. */
export interface PastedCell {
  row: number;
  column: Column;
  text: string;
}

/**
 * Places a pasted block with its top-left cell at (`row`, `column`): rows downward, columns rightward over the
 * editable columns; cells that fall outside the grid are counted, not placed.
 */
export function placeBlock(
  block: string[][],
  at: { row: number; column: Column },
  rowCount: number,
): { cells: PastedCell[]; outside: number } {
  const first = COLUMNS.indexOf(at.column);
  const cells: PastedCell[] = [];
  let outside = 0;
  block.forEach((line, r) => {
    line.forEach((text, c) => {
      const row = at.row + r;
      const column = COLUMNS[first + c];
      if (row >= rowCount || column === undefined) outside += 1;
      else cells.push({ row, column, text });
    });
  });
  return { cells, outside };
}

/** What a cell will send: the value read from its text, or the messages saying why it cannot be read. */
export type CellCheck =
  | { ok: true; value: number | boolean | string | null }
  | { ok: false; messages: Pick<DomainMessage, 'message_vi' | 'message_en'>[] };

/**
 * Checks a cell as the server will read it, with the same code: a target (needed) or baseline (may be empty) as
 * the indicator's value type reads it — "1.234,5", "95%", "có" — and a baseline period as a period id; a lead unit
 * and a note are sent as written (the server checks the unit).
 */
export function checkCell(column: Column, text: string, valueType: ValueType): CellCheck {
  const trimmed = text.trim();
  if (column === 'target' || column === 'baseline') {
    if (column === 'baseline' && trimmed === '') return { ok: true, value: null };
    const checked = validateTargetValue(valueType, trimmed);
    return checked.ok ? { ok: true, value: checked.normalized } : { ok: false, messages: checked.problems };
  }
  if (column === 'baselinePeriod') {
    if (trimmed === '') return { ok: true, value: null };
    const parsed = parsePeriod(trimmed);
    return parsed.ok ? { ok: true, value: parsed.value.id } : { ok: false, messages: [parsed.error] };
  }
  return { ok: true, value: trimmed === '' ? null : trimmed };
}

/** The row and column a problem of `PUT /plans/{code}/targets/batch` names (`targets[3].target`). */
export function problemPlace(field: string | undefined): { index: number; column: Column | null } | null {
  const m = /targets(?:\[(\d+)\]|\.(\d+))(?:\.(\w+))?/.exec(field ?? '');
  if (!m) return null;
  const index = Number(m[1] ?? m[2]);
  const part = m[3];
  const column = (COLUMNS as readonly string[]).includes(part ?? '') ? (part as Column) : null;
  return { index, column };
}
