import type { RollupBatchProgress, RollupStatusView } from '../../app/rollup/rebuild-rollup.js';
import { formatNumber } from '../../domain/format-number.js';
import { formatVietnamTime } from '../../domain/vietnam-time.js';
import { processOutput, say, withWorkspace, type CliOutput, type Lang } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { lazy } from '../lazy.js';

const rebuildRollup = lazy(() => import('../../app/rollup/rebuild-rollup.js'), 'rebuildRollup');
const rollupStatus = lazy(() => import('../../app/rollup/rebuild-rollup.js'), 'rollupStatus');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

/** A time as the status shows it, in Vietnam's time zone: 21:40 05/12/2026. */
function when(iso: string): string {
  return formatVietnamTime(iso);
}

/** The state of the rollup rows in a sentence or two. */
export function rollupStatusText(s: RollupStatusView, lang: Lang): string {
  const n = (x: number) => formatNumber(x, lang, 0);
  const counts = say(lang, {
    vi: `${n(s.batchesDone)}/${n(s.batchesTotal)} chỉ tiêu, ${n(s.valuesDone)} giá trị, ${n(s.rowsDone)} dòng tổng hợp`,
    en: `${n(s.batchesDone)}/${n(s.batchesTotal)} indicators, ${n(s.valuesDone)} values, ${n(s.rowsDone)} rollup rows`,
  });
  const by = s.startedBy ?? '?';
  if (s.status === 'rebuilding') {
    const started = s.startedAt ? when(s.startedAt) : '?';
    return say(lang, {
      vi: `Số liệu tổng hợp: đang dựng lại (bắt đầu ${started} bởi ${by}; xong ${counts}).\nTrong lúc này, kết quả được tính trực tiếp từ số liệu. Chạy «dxmon rollup rebuild» để làm tiếp.`,
      en: `Rollup rows: being rebuilt (started ${started} by ${by}; done ${counts}).\nMeanwhile results are computed directly from the values. Run «dxmon rollup rebuild» to go on.`,
    });
  }
  if (!s.finishedAt) {
    return say(lang, {
      vi: 'Số liệu tổng hợp: đầy đủ (dựng khi cập nhật lược đồ, chưa dựng lại lần nào).',
      en: 'Rollup rows: complete (built when the schema was updated, never rebuilt since).',
    });
  }
  return say(lang, {
    vi: `Số liệu tổng hợp: đầy đủ (dựng lại xong ${when(s.finishedAt)}, bởi ${by}: ${counts}).`,
    en: `Rollup rows: complete (rebuilt ${when(s.finishedAt)} by ${by}: ${counts}).`,
  });
}

/** A duration as a reader takes it in: `45 s`, `3 min 20 s`, `1 h 05 min`. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** The run so far: values done, time spent, time left (estimated from the values per second). */
function runSoFar(p: RollupBatchProgress, lang: Lang): string {
  const n = (x: number) => formatNumber(x, lang, 0);
  const estimate = p.estimateMs === null ? '?' : duration(p.estimateMs);
  return say(lang, {
    vi: `${n(p.valuesDone)}/${n(p.valuesDone + p.valuesLeft)} giá trị, đã chạy ${duration(p.elapsedMs)}, còn khoảng ${estimate}`,
    en: `${n(p.valuesDone)}/${n(p.valuesDone + p.valuesLeft)} values, ${duration(p.elapsedMs)} so far, about ${estimate} left`,
  });
}

/**
 * One progress line, for a log or a pipe:
 * `[12/150] DX_CODE: 93.000 giá trị, 4.210 dòng tổng hợp, 5,2 s (1.115.000/13.800.000 giá trị, đã chạy 1 min 05 s, còn khoảng 12 min 10 s)`.
 */
export function progressLine(p: RollupBatchProgress, lang: Lang): string {
  return say(lang, {
    vi: `[${p.done}/${p.total}] ${p.indicator}: ${formatNumber(p.valueCount, lang, 0)} giá trị, ${formatNumber(p.rowCount, lang, 0)} dòng tổng hợp, ${formatNumber(p.ms / 1000, lang, 1)} s (${runSoFar(p, lang)})`,
    en: `[${p.done}/${p.total}] ${p.indicator}: ${formatNumber(p.valueCount, lang, 0)} values, ${formatNumber(p.rowCount, lang, 0)} rollup rows, ${formatNumber(p.ms / 1000, lang, 1)} s (${runSoFar(p, lang)})`,
  });
}

const BAR_WIDTH = 30;

/** The progress bar a terminal shows on one line: `[██████░░░░] 12/150 (8%) DX_CODE`, then the run so far. */
export function progressBar(
  done: number,
  total: number,
  indicator: string,
  lang: Lang,
  run?: RollupBatchProgress,
): string {
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * BAR_WIDTH);
  const percent = formatNumber(share * 100, lang, 0);
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${done}/${total} (${percent}%) ${indicator}`;
  return run ? `${bar} — ${runSoFar(run, lang)}` : bar;
}

/** Progress on stderr: a bar redrawn in place on a terminal, a line per indicator otherwise. */
function progressReporter(output: CliOutput, lang: Lang) {
  const tty = output === processOutput && process.stderr.isTTY === true;
  let drawn = false;
  return {
    start(done: number, total: number, resumed: boolean) {
      output.stderr(
        resumed
          ? say(lang, {
              vi: `Tiếp tục dựng lại số liệu tổng hợp: đã xong ${done}/${total} chỉ tiêu.`,
              en: `Going on with the rebuild of the rollup rows: ${done}/${total} indicators done.`,
            })
          : say(lang, {
              vi: `Dựng lại số liệu tổng hợp: ${total} chỉ tiêu, từng chỉ tiêu một.`,
              en: `Rebuilding the rollup rows: ${total} indicators, one at a time.`,
            }),
      );
    },
    batch(p: RollupBatchProgress) {
      if (tty) {
        process.stderr.write(`\r\x1b[2K${progressBar(p.done, p.total, p.indicator, lang, p)}`);
        drawn = true;
      } else output.stderr(progressLine(p, lang));
    },
    end() {
      if (drawn) process.stderr.write('\n');
      drawn = false;
    },
  };
}

export const registerRollup: RegisterCommand = (program, runtime) => {
  const rollup = program
    .command('rollup')
    .description('Số liệu tổng hợp duy trì khi ghi (value_rollup) / the rollup rows kept on write');

  rollup
    .command('status')
    .description('Trạng thái số liệu tổng hợp / whether the rollup rows are complete or being rebuilt')
    .action(async () => {
      const globals = runtime.globals();
      const status = await withWorkspace(globals, 'rollup status', async (ctx) =>
        rollupStatus(ctx, await cliActor(ctx, globals)),
      );
      runtime.print(status, (lang) => rollupStatusText(status, lang));
    });

  rollup
    .command('rebuild')
    .description(
      'Dựng lại số liệu tổng hợp từ số liệu gốc, từng chỉ tiêu, tiếp tục được nếu bị dừng / rebuild the rollup rows from the values, one indicator at a time, resumable',
    )
    .option('--restart', 'làm lại từ đầu dù đang dở / start over even when a rebuild is under way', false)
    .option(
      '--workers <n>',
      'số chỉ tiêu dựng song song trên máy chủ PostgreSQL (mặc định 2) / indicators rebuilt side by side on a PostgreSQL server (default 2)',
      (v) => Number.parseInt(v, 10),
    )
    .action(async (options: { restart: boolean; workers?: number }) => {
      const globals = runtime.globals();
      const progress = progressReporter(runtime.output, globals.lang);
      const result = await withWorkspace(globals, 'rollup rebuild', async (ctx) => {
        try {
          return await rebuildRollup(ctx, await cliActor(ctx, globals), {
            restart: options.restart,
            workers: Number.isInteger(options.workers) && (options.workers ?? 0) > 0 ? options.workers : 2,
            onStart: ({ resumed, done, total }) => progress.start(done, total, resumed),
            onBatch: (p) => progress.batch(p),
          });
        } finally {
          progress.end();
        }
      });
      runtime.print(result, (lang) => rollupStatusText(result, lang));
    });
};
