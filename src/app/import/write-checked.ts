// Writing a checked import (docs/import.md): its sheets in dependency order, only what changes, with the audit
// rows of every change — and, before anything is written, the validation rules on the values as they will stand.
import { AppError } from '../../domain/app-error.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { ruleViolationMessage } from '../../domain/validation-rule.js';
import type { CellWarning, ParsedImport, SheetName } from '../../io/import-schema.js';
import { cellErrorAt } from '../../io/import-schema.js';
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
} from '../../store/import.queries.js';
import { deferValueRollup, flushValueRollup } from '../../store/rollup-deferral.queries.js';
import { upsertTasks } from '../../store/tasks.queries.js';
import { refreshUnitPaths } from '../../store/units.queries.js';
import { valueEntityKey } from '../../store/values.queries.js';
import type { Actor } from '../context.js';
import { importMethodologyNodes } from '../composite-index/import-methodology-nodes.js';
import { findLockedValues } from '../review/assert-values-editable.js';
import { findRuleFailures } from '../values/check-rules-for-values.js';
import { unitKey, unitText, type CheckedImport, type UnitTarget } from './check-import.js';
import { counts, detail, refused, ZERO, type ImportProgress, type ImportReport } from './import-report.js';
import type { SheetCounts } from '../../contract/imports.js';
import type { ImportFormat } from './read-import-file.js';

/** Who an import's rows are written by, as the audit log and the `*_by` columns record it. */
export function importAuthor(actor: Actor): ImportAuthor {
  return {
    name: actor.name,
    source: actor.source === 'demo' ? 'demo' : 'import',
    address: actor.address ?? null,
  };
}

/**
 * Writes a checked file in TX, sheet by sheet in dependency order, writing only what changes, with the audit rows
 * of every change; refuses it (`locked`) when a value it changes lies in an approved period. `values`: 'write'
 * writes the values too; 'inSteps' only checks them against the approvals, for the caller to write them in steps
 * (import-in-steps.ts).
 */
export async function writeChecked(
  tx: Queryable,
  actor: Actor,
  checked: CheckedImport,
  parsed: ParsedImport,
  format: ImportFormat,
  warnings: CellWarning[],
  progress: (p: ImportProgress) => void,
  values: 'write' | 'inSteps' = 'write',
): Promise<ImportReport> {
  const author = importAuthor(actor);
  const sheets: Record<SheetName, SheetCounts> = {
    units: ZERO,
    indicators: ZERO,
    plans: ZERO,
    targets: ZERO,
    values: ZERO,
    tasks: ZERO,
    index_nodes: ZERO,
  };

  // The rollup rows are brought up to date once for all the values written, not once per statement
  // (migration 0017): deferred mode is entered before the first write, and flushed once the values are written.
  const writesValues = values === 'write' && checked.values.length > 0;
  if (writesValues) await deferValueRollup(tx);

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

  // Values: approved periods are locked, then one batched upsert (the validation rules were checked before).
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
    if (values === 'write') {
      const total = rows.length;
      const valuesWritten = await writeValues(tx, rows, checked.keepComment, author, (done) =>
        progress({ phase: 'write', done, total }),
      );
      sheets.values = counts(valuesWritten, rows.length);
      if (valuesWritten.inserted > 10_000) await tx.exec('ANALYZE data_value');
      // After the statistics, which the refresh's plan reads.
      await flushValueRollup(tx);
    }
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
 * Refuses the file (`badInput`) when its values would break a validation rule (docs/domain.md §4): the rules that
 * name an indicator of the file's values, checked for every unit and period it writes against the values as they
 * will stand after the import (findRuleFailures: a few queries whatever the number of rows), each failure placed on
 * the file's rows of that unit and period whose indicator the rule names. Checked before anything is written, so
 * that a file written in steps can no longer be refused once its first step is.
 */
export async function refuseBrokenRules(
  q: Queryable,
  checked: CheckedImport,
  parsed: ParsedImport,
): Promise<void> {
  // A unit the file adds has no stored values yet: it is checked under a stand-in id no stored unit has.
  const standIns = new Map<string, number>();
  const unitIdOf = (u: UnitTarget): number => {
    if (u.kind === 'db') return u.row.id;
    const key = unitKey(u);
    let id = standIns.get(key);
    if (id === undefined) standIns.set(key, (id = -(standIns.size + 1)));
    return id;
  };
  const touched = checked.values.map((v) => ({
    unitId: unitIdOf(v.unit),
    period: v.period,
    indicatorCode: v.indicatorCode,
    value: v.value,
    row: v.row,
  }));
  const failures = await findRuleFailures(q, touched);
  if (failures.length === 0) return;
  // The file's rows by cell (unit, period).
  const cells = new Map<string, { code: string; row: number }[]>();
  for (const t of touched) {
    const key = `${t.unitId}|${t.period}`;
    const cell = cells.get(key) ?? [];
    cell.push({ code: t.indicatorCode, row: t.row });
    cells.set(key, cell);
  }
  const violations: RuleViolation[] = [];
  for (const f of failures) {
    const message = ruleViolationMessage(f.rule, f.left, f.right);
    const touching = (cells.get(`${f.unitId}|${f.period}`) ?? []).filter((r) => f.codes.includes(r.code));
    for (const r of touching) {
      violations.push({ row: r.row, message_vi: message.message_vi, message_en: message.message_en });
    }
  }
  violations.sort((a, b) => a.row - b.row);
  throw refused(
    violations.map((v) =>
      detail(cellErrorAt(parsed.layout, 'values', v.row, 'value', v.message_vi, v.message_en)),
    ),
  );
}
