// A large import on a database that serves one transaction at a time (the embedded one; docs/import.md "A large
// import on the embedded database"). Written in one transaction, a hundred thousand values would keep every other
// request — a sign-in, a dashboard — waiting for as long as the write takes. Instead, once every check has passed:
//   1. its values are staged, a step of IMPORT_STEP_ROWS at a time, nothing of the file decided yet;
//   2. one transaction writes its other sheets, checks its values against the approvals and marks the run
//      `applying` — from that commit on, the import is decided;
//   3. its values are applied a step at a time, each step a short transaction, other requests taking their turns
//      between steps. A stop between steps leaves the rest to be applied when the database next opens
//      (settleInterruptedImports), so a decided import is always written whole.
// While its steps are applied, its values appear step by step, and approvals wait (apply-review-event.ts).
import { AppError } from '../../domain/app-error.js';
import type { CellWarning, ParsedImport } from '../../io/import-schema.js';
import {
  IMPORT_STEP_ROWS,
  applyImportStep,
  createImportRun,
  discardImportRun,
  markImportRunApplying,
  stageImportStep,
  type StagedValue,
} from '../../store/import-runs.queries.js';
import { valueEntityKey } from '../../store/values.queries.js';
import type { Actor, AppContext } from '../context.js';
import type { CheckedImport } from './check-import.js';
import type { ImportProgress, ImportReport } from './import-report.js';
import type { ImportFormat } from './read-import-file.js';
import { importAuthor, writeChecked } from './write-checked.js';

/** Whether a checked file is written in steps: many values, on a database that serves one transaction at a time. */
export function writesInSteps(ctx: AppContext, checked: CheckedImport, dryRun: boolean): boolean {
  return !dryRun && ctx.db.oneAtATime && checked.values.length > IMPORT_STEP_ROWS;
}

export interface StepsInput {
  actor: Actor;
  checked: CheckedImport;
  parsed: ParsedImport;
  format: ImportFormat;
  fileName: string;
  warnings: CellWarning[];
  /** Reports progress; throws when the import is aborted (before it is decided, an abort takes effect). */
  progress: (p: ImportProgress) => void;
  /** Reports progress without ever throwing (once decided, the import is written whole). */
  report: (p: ImportProgress) => void;
}

function stagedValues(checked: CheckedImport): StagedValue[] {
  return checked.values.map((v) => {
    const unit =
      v.unit.kind === 'db'
        ? { set: v.unit.row.set, code: v.unit.row.code }
        : { set: 'workspace', code: v.unit.code };
    return {
      indicatorCode: v.indicatorCode,
      unitSet: unit.set,
      unitCode: unit.code,
      period: v.period,
      periodType: v.periodType,
      periodStart: v.periodStart,
      periodEnd: v.periodEnd,
      entityKey: valueEntityKey(v.indicatorCode, unit, v.period),
      value: v.value,
      numerator: v.numerator,
      denominator: v.denominator,
      comment: v.comment,
    };
  });
}

/** Writes a checked file in steps (see the top of this file) and reports what it wrote. */
export async function importInSteps(ctx: AppContext, input: StepsInput): Promise<ImportReport> {
  const { checked, progress, report } = input;
  const values = stagedValues(checked);
  const total = values.length;
  const runId = await createImportRun(ctx.db, {
    fileName: input.fileName,
    author: importAuthor(input.actor),
    keepComment: checked.keepComment,
    total,
  });
  let decided: ImportReport | null = null;
  try {
    for (let seq = 0; seq * IMPORT_STEP_ROWS < total; seq++) {
      progress({ phase: 'check', done: seq * IMPORT_STEP_ROWS, total });
      await stageImportStep(
        ctx.db,
        runId,
        seq,
        values.slice(seq * IMPORT_STEP_ROWS, (seq + 1) * IMPORT_STEP_ROWS),
      );
    }
    progress({ phase: 'write', done: 0, total });
    decided = await ctx.db.transaction(async (tx) => {
      const written = await writeChecked(
        tx,
        input.actor,
        checked,
        input.parsed,
        input.format,
        input.warnings,
        progress,
        'inSteps',
      );
      progress({ phase: 'write', done: 0, total });
      await markImportRunApplying(tx, runId);
      return written;
    });
  } finally {
    // Undecided: its staged steps go (should that fail too, the next opening of the database discards them).
    if (decided === null) await discardImportRun(ctx.db, runId).catch(() => undefined);
  }
  let run = await applyImportStep(ctx.db, runId);
  while (run.state === 'applying') {
    report({ phase: 'write', done: run.applied, total });
    if (ctx.stopping?.aborted) {
      throw new AppError('unavailable', {
        vi: `Việc nhập bị dừng khi đang ghi tệp «${input.fileName}» (${run.applied}/${total} số liệu): tệp đã được chấp nhận, phần còn lại sẽ được ghi khi mở lại cơ sở dữ liệu.`,
        en: `The import was stopped while writing «${input.fileName}» (${run.applied}/${total} values): the file was accepted, and the rest is written when the database is next opened.`,
      });
    }
    run = await applyImportStep(ctx.db, runId);
  }
  report({ phase: 'done', done: total, total });
  const warnings = [...decided.warnings];
  if (run.skipped > 0) {
    warnings.push({
      sheet: input.parsed.layout.values?.name ?? 'values',
      row: null,
      column: null,
      message_vi: `${run.skipped} số liệu không được ghi: đơn vị hoặc chỉ tiêu của chúng đã bị xóa trong lúc tệp đang được ghi.`,
      message_en: `${run.skipped} value(s) were not written: their unit or indicator was deleted while the file was being written.`,
    });
  }
  return {
    ...decided,
    warnings,
    sheets: {
      ...decided.sheets,
      values: { inserted: run.inserted, updated: run.updated, unchanged: total - run.inserted - run.updated },
    },
  };
}
