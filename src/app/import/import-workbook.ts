// The import use case (`dxmon import`, docs/import.md; issue 3 item 3): read, check
// everything against the file and the database, and either refuse the whole file listing every bad cell —
// the database untouched — or write every sheet in one transaction, in dependency order, writing only what
// changes (re-importing a file writes nothing), with the audit rows of every change.
import { AppError, type ProblemDetail } from '../../domain/app-error.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { ruleViolationMessage } from '../../domain/validation-rule.js';
import type { CellError, CellWarning, ParsedImport, SheetName } from '../../io/import-schema.js';
import {
  cellErrorAt,
  hasNoRows,
  matchColumn,
  noRowsMessage,
  matchSheet,
  parseImportWorkbook,
  SHEET_NAMES,
} from '../../io/import-schema.js';
import type { RawWorkbook } from '../../io/read-workbook.js';
import { TEMPLATE_INSTRUCTIONS_SHEET, TEMPLATE_LABEL_HEADERS } from '../../io/write-entry-template.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import { ensureIndicatorGroups, findIndicatorsByCodes } from '../../store/catalogue.queries.js';
import type { Queryable } from '../../store/db.js';
import {
  findChangingValues,
  findPlansByCodes,
  findUnitsByKeys,
  writeIndicators,
  writePlans,
  writeTargets,
  writeUnits,
  writeValues,
  type ImportAuthor,
  type ValueWrite,
  type WriteCounts,
} from '../../store/import.queries.js';
import { upsertTasks } from '../../store/tasks.queries.js';
import { refreshUnitPaths } from '../../store/units.queries.js';
import { valueEntityKey } from '../../store/values.queries.js';
import type { Actor, AppContext } from '../context.js';
import { importMethodologyNodes } from '../composite-index/import-methodology-nodes.js';
import { findLockedValues } from '../review/assert-values-editable.js';
import { findRuleFailures } from '../values/check-rules-for-values.js';
import { checkImport, unitKey, unitText, type CheckedImport, type UnitTarget } from './check-import.js';
import { outlierSettings } from '../values/outliers.js';
import {
  DHIS2_SHEET,
  dhis2Field,
  readImportFile,
  toDhis2Problem,
  type ImportFormat,
  type ImportSource,
} from './read-import-file.js';

/** How far an import has got: rows read, checked, and values written. */
export interface ImportProgress {
  phase: 'read' | 'check' | 'write' | 'done';
  done: number;
  total: number;
}

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

/** What an import did (or, dry, would do) to one sheet's rows. */
export interface SheetCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** The sheets an import reads and its report counts, in the order it applies them. */
export { SHEET_NAMES, type SheetName };

/** The report of an import: counts per sheet and what was ignored. */
export interface ImportReport {
  dryRun: boolean;
  format: ImportFormat;
  sheets: Record<SheetName, SheetCounts>;
  /** The sheets of the file that are none of the import's, by name or header row, as written (docs/import.md). */
  skippedSheets: string[];
  warnings: CellWarning[];
}

/** Thrown inside the transaction of a dry run so that it rolls back, carrying the report out. */
class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

const counts = (written: WriteCounts, rows: number): SheetCounts => ({
  inserted: written.inserted,
  updated: written.updated,
  unchanged: rows - written.inserted - written.updated,
});

const ZERO: SheetCounts = { inserted: 0, updated: 0, unchanged: 0 };

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

function refused(problems: readonly ProblemDetail[]): AppError {
  return new AppError(
    'badInput',
    {
      vi: `Tệp bị từ chối: ${problems.length} ô lỗi; không có gì được ghi vào cơ sở dữ liệu.`,
      en: `The file was refused: ${problems.length} bad cell(s); nothing was written to the database.`,
    },
    problems,
  );
}

const bilingual = (m: { message_vi: string; message_en: string }) => ({ vi: m.message_vi, en: m.message_en });

function detail(e: CellError): ProblemDetail {
  return { sheet: e.sheet, row: e.row, column: e.column, message_vi: e.message_vi, message_en: e.message_en };
}

/**
 * Imports a workbook, a CSV folder or sheet, or a DHIS2 dataValueSet (docs/import.md): refuses it whole with
 * every bad cell listed (`badInput`, or `forbidden` when rows lie outside the actor's units) and the
 * database untouched, or writes all sheets in one transaction and reports what was inserted, updated and
 * left unchanged per sheet. A dry run computes the same report and rolls back.
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
  const parsed = parseImportWorkbook(read.workbook);
  const dhis2 = read.format === 'dhis2';
  // Never "0 rows, success": a file of which no row was recognised says what was expected and what it holds.
  if (hasNoRows(parsed)) throw new AppError('badInput', bilingual(noRowsMessage(read.workbook, skipped)));
  const total = SHEET_NAMES.reduce((n, s) => n + parsed.records[s].length, 0);
  progress({ phase: 'read', done: total, total });
  const warnings = [...skipped, ...usefulWarnings(parsed.warnings)].map((w) =>
    dhis2 ? toDhis2Problem(w) : w,
  );
  try {
    signal?.throwIfAborted();
    return await ctx.db.transaction(async (tx) => {
      signal?.throwIfAborted();
      const checked = await checkImport(tx, actor, parsed, outlierSettings(ctx));
      warnings.push(...checked.warnings.map((w) => (dhis2 ? toDhis2Problem(w) : w)));
      progress({ phase: 'check', done: total, total });
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
      const written = await writeChecked(tx, actor, checked, parsed, read.format, warnings, progress);
      if (input.dryRun) throw new DryRunRollback(written);
      progress({ phase: 'done', done: total, total });
      return written;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) {
      report({ phase: 'done', done: total, total });
      return { ...error.report, dryRun: true };
    }
    if (error instanceof AppError && dhis2) {
      const details = error.details.map((d) =>
        d.sheet === 'values' ? { ...d, sheet: DHIS2_SHEET, column: dhis2Field(d.column) } : d,
      );
      throw new AppError(error.code, { vi: error.message_vi, en: error.message_en }, details);
    }
    throw error;
  }
}

async function writeChecked(
  tx: Queryable,
  actor: Actor,
  checked: CheckedImport,
  parsed: ParsedImport,
  format: ImportFormat,
  warnings: CellWarning[],
  progress: (p: ImportProgress) => void,
): Promise<ImportReport> {
  const author: ImportAuthor = {
    name: actor.name,
    source: actor.source === 'demo' ? 'demo' : 'import',
    address: actor.address ?? null,
  };
  const sheets: Record<SheetName, SheetCounts> = {
    units: ZERO,
    indicators: ZERO,
    plans: ZERO,
    targets: ZERO,
    values: ZERO,
    tasks: ZERO,
    index_nodes: ZERO,
  };

  // Units, then the ids of those the file adds.
  const unitsWritten = await writeUnits(tx, checked.unitGenerations, author);
  if (unitsWritten.inserted + unitsWritten.updated > 0) await refreshUnitPaths(tx);
  sheets.units = counts(unitsWritten, checked.unitCount);
  const fileUnitIds = new Map<string, number>();
  const fileCodes = checked.unitGenerations.flat().map((u) => ({ set: 'workspace', code: u.code }));
  for (const row of await findUnitsByKeys(tx, fileCodes)) fileUnitIds.set(`workspace:${row.code}`, row.id);
  const unitId = (u: UnitTarget): number => {
    const id = u.kind === 'db' ? u.row.id : fileUnitIds.get(unitKey(u));
    if (id === undefined) throw new Error(`unit ${unitKey(u)} was not written`);
    return id;
  };
  const unitRef = (u: UnitTarget): { set: string; code: string } =>
    u.kind === 'db' ? { set: u.row.set, code: u.row.code } : { set: 'workspace', code: u.code };

  // Indicators (and the groups they name), then the ids of every indicator used.
  await ensureIndicatorGroups(tx, checked.newGroups);
  sheets.indicators = counts(
    await writeIndicators(tx, checked.indicators, author),
    checked.indicators.length,
  );
  const usedIndicators = new Set([
    ...checked.targets.map((t) => t.indicatorCode),
    ...checked.values.map((v) => v.indicatorCode),
  ]);
  const usedRows = await findIndicatorsByCodes(tx, [...usedIndicators]);
  const indicatorId = (code: string): number => {
    const id = usedRows.get(code)?.id;
    if (id === undefined) throw new Error(`indicator ${code} was not written`);
    return id;
  };

  // Plans and targets.
  const plansWritten = await writePlans(
    tx,
    checked.plans.map((p) => ({
      code: p.code,
      name: p.name,
      unitId: unitId(p.unit),
      startYear: p.startYear,
      endYear: p.endYear,
    })),
    author,
  );
  sheets.plans = counts(plansWritten, checked.plans.length);
  if (checked.targets.length > 0) {
    const planIds = new Map(
      (
        await findPlansByCodes(
          tx,
          checked.targets.map((t) => t.planCode),
        )
      ).map((p) => [p.code, p.id] as const),
    );
    const targetsWritten = await writeTargets(
      tx,
      checked.targets.map((t) => ({
        planId: planIds.get(t.planCode) ?? 0,
        indicatorId: indicatorId(t.indicatorCode),
        unitId: unitId(t.unit),
        period: t.period,
        entityKey: `${t.planCode}|${t.indicatorCode}|${unitText(t.unit)}|${t.period}`,
        target: t.target,
        baseline: t.baseline,
        baselinePeriod: t.baselinePeriod,
        leadUnitId: t.leadUnit ? unitId(t.leadUnit) : null,
        note: t.note,
      })),
      checked.targetColumns,
      author,
    );
    sheets.targets = counts(targetsWritten, checked.targets.length);
  }

  // Values: approved periods are locked, then one batched upsert, then the validation rules on the result.
  if (checked.values.length > 0) {
    const rows: ValueWrite[] = checked.values.map((v) => ({
      indicatorId: indicatorId(v.indicatorCode),
      unitId: unitId(v.unit),
      period: v.period,
      periodType: v.periodType,
      periodStart: v.periodStart,
      periodEnd: v.periodEnd,
      entityKey: valueEntityKey(v.indicatorCode, unitRef(v.unit), v.period),
      value: v.value,
      numerator: v.numerator,
      denominator: v.denominator,
      comment: v.comment,
    }));
    // Approved periods are locked (issue 7): a value inside one may not change, though a file restating it
    // unchanged is fine, so that re-importing a file stays possible after approval.
    const locks = await findLockedValues(tx, rows);
    if (locks.length > 0) {
      const lockedRows = locks.flatMap((l) => {
        const r = rows[l.index];
        return r ? [r] : [];
      });
      const changing = new Set(await findChangingValues(tx, lockedRows, checked.keepComment));
      const refusedLocks = locks.filter((_, i) => changing.has(i));
      if (refusedLocks.length > 0) {
        const details = refusedLocks.map((lock) => {
          const v = checked.values[lock.index];
          const unit = formatUnitRef({ set: lock.unitSet, code: lock.unitCode });
          return detail(
            cellErrorAt(
              parsed.layout,
              'values',
              v?.row ?? 0,
              'value',
              `Số liệu đã bị khóa: kỳ ${lock.period} của đơn vị ${unit} trong kế hoạch ${lock.planCode} đã được phê duyệt; cần mở lại (kèm lý do) trước khi sửa.`,
              `The value is locked: period ${lock.period} of unit ${unit} in plan ${lock.planCode} has been approved; it must be reopened (with a reason) before any change.`,
            ),
          );
        });
        throw new AppError(
          'locked',
          {
            vi: `Tệp bị từ chối: ${details.length} số liệu thuộc kỳ đã phê duyệt và bị khóa; không có gì được ghi.`,
            en: `The file was refused: ${details.length} value(s) lie in approved periods and are locked; nothing was written.`,
          },
          details,
        );
      }
    }
    const total = rows.length;
    const valuesWritten = await writeValues(tx, rows, checked.keepComment, author, (done) =>
      progress({ phase: 'write', done, total }),
    );
    sheets.values = counts(valuesWritten, rows.length);
    const violations = await checkRules(tx, checked, rows);
    if (violations.length > 0) {
      throw refused(
        violations.map((v) =>
          detail(cellErrorAt(parsed.layout, 'values', v.row, 'value', v.message_vi, v.message_en)),
        ),
      );
    }
    if (valuesWritten.inserted > 10_000) await tx.exec('ANALYZE data_value');
  }

  // Tasks and index methodologies, through their own modules.
  if (checked.tasks.length > 0) {
    const written = await upsertTasks(
      tx,
      checked.tasks.map((t) => ({
        code: t.code,
        programme: t.programme,
        title: t.title,
        leadUnitId: unitId(t.leadUnit),
        start: t.start,
        due: t.due,
        recurring: t.recurring,
        status: t.status,
        note: t.note,
      })),
      actor.name,
    );
    const byCode = new Map(checked.tasks.map((t) => [t.code, t]));
    await insertAuditRows(
      tx,
      written.written.map((w) => {
        const t = byCode.get(w.code);
        return {
          actor: author.name,
          source: author.source as 'import' | 'demo',
          address: author.address,
          action: w.inserted ? 'create' : 'update',
          entity: 'task',
          entityKey: w.code,
          oldData: null,
          newData: t ? { ...t, leadUnit: unitText(t.leadUnit) } : null,
        };
      }),
    );
    sheets.tasks = counts(written, checked.tasks.length);
  }
  if (checked.indexNodes.length > 0) {
    const result = await importMethodologyNodes(tx, actor, checked.indexNodes);
    const rowsOf = (code: string) => checked.indexNodes.filter((n) => n.methodology === code).length;
    const c = { inserted: 0, updated: 0, unchanged: 0 };
    for (const m of result) {
      if (m.status === 'created') c.inserted += rowsOf(m.code);
      else if (m.status === 'updated') c.updated += rowsOf(m.code);
      else c.unchanged += rowsOf(m.code);
    }
    sheets.index_nodes = c;
  }
  return { dryRun: false, format, sheets, skippedSheets: parsed.skippedSheets, warnings };
}

/** A broken validation rule, placed on the file's row that gave one of its values. */
interface RuleViolation {
  row: number;
  message_vi: string;
  message_en: string;
}

/**
 * Checks the validation rules that name an indicator of the file's values (docs/domain.md §4) against the values of
 * every unit and period the file wrote, as they stand after the import (findRuleFailures: a few queries
 * whatever the number of rows), and places each failure on the file's rows of that unit and period whose
 * indicator the rule names.
 */
async function checkRules(
  tx: Queryable,
  checked: CheckedImport,
  rows: readonly ValueWrite[],
): Promise<RuleViolation[]> {
  const failures = await findRuleFailures(
    tx,
    rows.flatMap((r, i) => {
      const v = checked.values[i];
      return v ? [{ unitId: r.unitId, period: r.period, indicatorCode: v.indicatorCode }] : [];
    }),
  );
  if (failures.length === 0) return [];
  // The file's rows by cell (unit, period).
  const cells = new Map<string, { code: string; row: number }[]>();
  rows.forEach((r, i) => {
    const v = checked.values[i];
    if (!v) return;
    const key = `${r.unitId}|${r.period}`;
    const cell = cells.get(key) ?? [];
    cell.push({ code: v.indicatorCode, row: v.row });
    cells.set(key, cell);
  });
  const violations: RuleViolation[] = [];
  for (const f of failures) {
    const message = ruleViolationMessage(f.rule, f.left, f.right);
    const touching = (cells.get(`${f.unitId}|${f.period}`) ?? []).filter((r) => f.codes.includes(r.code));
    for (const r of touching) {
      violations.push({ row: r.row, message_vi: message.message_vi, message_en: message.message_en });
    }
  }
  return violations.sort((a, b) => a.row - b.row);
}
