// Imports a stop interrupted (import-in-steps.ts): settled when the embedded database is opened, before anything
// else reads it — an undecided one discarded, a decided one written whole.
import { formatNumber } from '../../domain/format-number.js';
import { settleInterruptedImports, type InterruptedImports } from '../../store/import-runs.queries.js';
import type { AppContext } from '../context.js';
import type { ImportProgress } from './import-report.js';

export type { InterruptedImports };

/** Discards the undecided imports a stop interrupted and writes the rest of the decided ones. */
export function finishInterruptedImports(
  ctx: AppContext,
  onProgress?: (p: ImportProgress & { fileName: string }) => void,
): Promise<InterruptedImports> {
  return settleInterruptedImports(ctx.db, (run) =>
    onProgress?.({ phase: 'write', done: run.applied, total: run.total, fileName: run.fileName }),
  );
}

/** What settling found, for the console; null when there was nothing to settle. */
export function interruptedImportsNotice(settled: InterruptedImports): { vi: string; en: string } | null {
  const parts: { vi: string; en: string }[] = settled.finished.map((run) => ({
    vi: `đã ghi nốt tệp «${run.fileName}» bị dừng giữa chừng (${formatNumber(run.total, 'vi')} số liệu)`,
    en: `finished writing «${run.fileName}», which a stop had interrupted (${formatNumber(run.total, 'en')} values)`,
  }));
  if (settled.discarded > 0) {
    parts.push({
      vi: `bỏ ${settled.discarded} lần nhập bị dừng trước khi được quyết định (không có gì của chúng đã được ghi)`,
      en: `discarded ${settled.discarded} import(s) stopped before they were decided (nothing of them had been written)`,
    });
  }
  if (parts.length === 0) return null;
  return {
    vi: `Nhập tệp dở dang: ${parts.map((p) => p.vi).join('; ')}.`,
    en: `Interrupted imports: ${parts.map((p) => p.en).join('; ')}.`,
  };
}
