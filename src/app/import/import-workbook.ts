// The import use case (`dxmon import`, docs/import.md; issue 3 item 3): read, check everything against the file
// and the database, and either refuse the whole file listing every bad cell — the database untouched — or write
// every sheet in one transaction, in dependency order, writing only what changes (re-importing a file writes
// nothing), with the audit rows of every change. A file of many values on the embedded database is written in
// short steps instead, once decided (import-in-steps.ts), so that other requests are answered meanwhile.
import { AppError } from '../../domain/app-error.js';
import type { CellWarning, ParsedImport, SheetName } from '../../io/import-schema.js';
import {
  hasNoRows,
  matchColumn,
  noRowsMessage,
  matchSheet,
  parseImportWorkbook,
  SHEET_NAMES,
} from '../../io/import-schema.js';
import type { RawWorkbook } from '../../io/read-workbook.js';
import { TEMPLATE_INSTRUCTIONS_SHEET, TEMPLATE_LABEL_HEADERS } from '../../io/write-entry-template.js';
import type { Actor, AppContext } from '../context.js';
import { outlierSettings } from '../values/outliers.js';
import { checkImport, type CheckedImport } from './check-import.js';
import { importInSteps, writesInSteps } from './import-in-steps.js';
import { detail, refused, withFileRows, type ImportProgress, type ImportReport } from './import-report.js';
import { valueChanges } from './value-changes.js';
import type { ValueChanges } from '../../contract/imports.js';
import {
  DHIS2_SHEET,
  dhis2Field,
  readImportFile,
  toDhis2Problem,
  type ImportSource,
} from './read-import-file.js';
import { refuseBrokenRules, writeChecked } from './write-checked.js';

export type { ImportProgress, ImportReport } from './import-report.js';
export type { SheetCounts } from '../../contract/imports.js';

/** The sheets an import reads and its report counts, in the order it applies them. */
export { SHEET_NAMES, type SheetName };

export type ImportWorkbookInput = ImportSource & {
  /** Check and compute the report, then roll everything back. */
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Stops the import where it is — while reading, before or while writing — rolling back whatever was written
   * (the client went away, the server stops). Aborted with an AppError as its reason, that error is thrown.
   */
  signal?: AbortSignal;
};

/** Thrown inside the transaction of a dry run so that it rolls back, carrying the report out. */
class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/** Drops what a template adds for readers (its instructions sheet, its label columns): no need to warn. */
function usefulWarnings(warnings: readonly CellWarning[]): CellWarning[] {
  const labels = new Set<string>(TEMPLATE_LABEL_HEADERS);
  return warnings.filter(
    (w) =>
      !(w.sheet === TEMPLATE_INSTRUCTIONS_SHEET && w.row === null) &&
      !(w.row === 1 && w.column !== null && labels.has(w.column)),
  );
}

/**
 * In an entry template (it carries its instructions sheet or label columns), a row whose value, parts and
 * comment are all empty was not reported: it is left out, with one warning, rather than refused.
 */
function skipUnfilledTemplateRows(workbook: RawWorkbook): CellWarning[] {
  const sheet = [...workbook.sheets.values()].find((s) => matchSheet(s.name) === 'values');
  const isTemplate =
    workbook.sheets.has(TEMPLATE_INSTRUCTIONS_SHEET) ||
    (sheet?.headers.some((h) => (TEMPLATE_LABEL_HEADERS as readonly string[]).includes(h.trim())) ?? false);
  if (!sheet || !isTemplate) return [];
  const input = sheet.headers.filter((h) =>
    ['value', 'numerator', 'denominator', 'comment'].includes(matchColumn('values', h)?.name ?? ''),
  );
  const kept = sheet.rows.filter((r) => input.some((h) => (r.cells[h] ?? '').trim() !== ''));
  const skipped = sheet.rows.length - kept.length;
  if (skipped === 0) return [];
  sheet.rows = kept;
  return [
    {
      sheet: sheet.name,
      row: null,
      column: null,
      message_vi: `Bỏ qua ${skipped} dòng của mẫu nhập chưa điền giá trị.`,
      message_en: `Skipped ${skipped} template row(s) left without a value.`,
    },
  ];
}

/** Orders problems as the file reads: sheet by sheet in import order, then by row. */
function sortProblems<T extends { sheet?: string; row?: number }>(problems: T[], parsed: ParsedImport): T[] {
  const order = new Map<string, number>();
  SHEET_NAMES.forEach((name, i) => {
    order.set(name, i);
    const written = parsed.layout[name]?.name;
    if (written) order.set(written, i);
  });
  order.set(DHIS2_SHEET, SHEET_NAMES.indexOf('values'));
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        (order.get(a.p.sheet ?? '') ?? -1) - (order.get(b.p.sheet ?? '') ?? -1) ||
        (a.p.row ?? 0) - (b.p.row ?? 0) ||
        a.i - b.i,
    )
    .map(({ p }) => p);
}

const bilingual = (m: { message_vi: string; message_en: string }) => ({ vi: m.message_vi, en: m.message_en });

/** Refuses the file for the problems found: rows outside the actor's units (`forbidden`), else bad cells. */
function refuseProblems(parsed: ParsedImport, checked: CheckedImport): void {
  const errors = sortProblems([...parsed.errors, ...checked.errors], parsed).map(detail);
  if (checked.forbidden.length > 0) {
    throw new AppError(
      'forbidden',
      {
        vi: `Tệp bị từ chối: ${checked.forbidden.length} dòng thuộc đơn vị bạn không có quyền; không có gì được ghi.`,
        en: `The file was refused: ${checked.forbidden.length} row(s) concern units you may not change; nothing was written.`,
      },
      [...sortProblems(checked.forbidden, parsed), ...errors],
    );
  }
  if (errors.length > 0) throw refused(errors);
}

/** How many times a file is checked and written when other writers keep creating its values meanwhile. */
const WRITE_ATTEMPTS = 3;

/** The database's refusal of a value whose (indicator, unit, period) another transaction has just created. */
function isValueKeyTaken(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  return (
    e?.code === '23505' &&
    (e.constraint === 'data_value_indicator_id_unit_id_period_key' ||
      String(e.message).includes('data_value_indicator_id_unit_id_period_key'))
  );
}

function valuesWrittenMeanwhile(): AppError {
  return new AppError('conflict', {
    vi: `Trong lúc tệp được kiểm tra và ghi, người khác đã ghi cùng các số liệu đó (đã thử ${WRITE_ATTEMPTS} lần); không có gì được ghi. Hãy nhập lại tệp.`,
    en: `Others wrote the same values while the file was being checked and written (tried ${WRITE_ATTEMPTS} times); nothing was written. Import the file again.`,
  });
}

/**
 * Imports a workbook, a CSV folder or sheet, or a DHIS2 dataValueSet (docs/import.md): refuses it whole with
 * every bad cell listed (`badInput`, or `forbidden` when rows lie outside the actor's units) and the
 * database untouched, or writes all sheets in one transaction and reports what was inserted, updated and
 * left unchanged per sheet. A dry run computes the same report and rolls back. The file is read and checked
 * outside any transaction, giving other requests their turns; on the embedded database a file of many values
 * is then written in steps (import-in-steps.ts).
 */
export async function importWorkbook(
  ctx: AppContext,
  actor: Actor,
  input: ImportWorkbookInput,
): Promise<ImportReport> {
  const signals = [input.signal, ctx.stopping].filter((x): x is AbortSignal => x !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  const report = input.onProgress ?? (() => undefined);
  // Every step reports its progress, and every report is a point where an abort takes effect.
  const progress = (p: ImportProgress): void => {
    signal?.throwIfAborted();
    report(p);
  };
  const read = await readImportFile(input, signal);
  const skipped = skipUnfilledTemplateRows(read.workbook);
  const parsed = await parseImportWorkbook(read.workbook);
  const dhis2 = read.format === 'dhis2';
  // Never "0 rows, success": a file of which no row was recognised says what was expected and what it holds.
  if (hasNoRows(parsed)) throw new AppError('badInput', bilingual(noRowsMessage(read.workbook, skipped)));
  const total = SHEET_NAMES.reduce((n, s) => n + parsed.records[s].length, 0);
  progress({ phase: 'read', done: total, total });
  const fileWarnings = [...skipped, ...usefulWarnings(parsed.warnings)].map((w) =>
    dhis2 ? toDhis2Problem(w) : w,
  );
  let changes: ValueChanges | undefined;
  // Checked, then written: a value another writer created in between (the same file imported twice at once) makes
  // the write fail on the values' unique key, rolled back whole; the file is then checked and written again against
  // what that writer committed, at most WRITE_ATTEMPTS times.
  const checkAndWrite = async (): Promise<ImportReport> => {
    signal?.throwIfAborted();
    const checked = await checkImport(ctx.db, actor, parsed, outlierSettings(ctx));
    const warnings = [...fileWarnings, ...checked.warnings.map((w) => (dhis2 ? toDhis2Problem(w) : w))];
    progress({ phase: 'check', done: total, total });
    refuseProblems(parsed, checked);
    await refuseBrokenRules(ctx.db, checked, parsed);
    if (input.dryRun) changes = await valueChanges(ctx.db, checked, parsed.layout.values?.name ?? 'values');
    if (writesInSteps(ctx, checked, input.dryRun === true)) {
      const fileName = 'path' in input ? input.path : (input.name ?? 'upload');
      return await importInSteps(ctx, {
        actor,
        checked,
        parsed,
        format: read.format,
        fileName,
        warnings,
        progress,
        report,
      });
    }
    return await ctx.db.transaction(async (tx) => {
      signal?.throwIfAborted();
      const written = await writeChecked(tx, actor, checked, parsed, read.format, warnings, progress);
      if (input.dryRun) throw new DryRunRollback(written);
      progress({ phase: 'done', done: total, total });
      return written;
    });
  };
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await checkAndWrite();
      } catch (error) {
        if (!isValueKeyTaken(error)) throw error;
        if (attempt >= WRITE_ATTEMPTS) throw valuesWrittenMeanwhile();
      }
    }
  } catch (error) {
    if (error instanceof DryRunRollback) {
      report({ phase: 'done', done: total, total });
      return { ...error.report, dryRun: true, ...(changes ? { changes } : {}) };
    }
    if (error instanceof AppError && dhis2) {
      const details = error.details.map((d) =>
        d.sheet === 'values' ? { ...d, sheet: DHIS2_SHEET, column: dhis2Field(d.column) } : d,
      );
      throw new AppError(error.code, { vi: error.message_vi, en: error.message_en }, details);
    }
    if (error instanceof AppError) throw withFileRows(error, read.workbook);
    throw error;
  }
}
