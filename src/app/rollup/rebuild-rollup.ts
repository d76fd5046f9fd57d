import { AppError } from '../../domain/app-error.js';
import {
  beginRollupRebuild,
  countValuesByIndicator,
  finishRollupRebuild,
  listRollupBatchesLeft,
  readRollupState,
  rebuildRollupBatch,
  type RollupState,
} from '../../store/rollup-state.queries.js';
import { isAdmin } from '../auth/scope.js';
import type { Actor, AppContext } from '../context.js';

/** The state of the rollup rows as `dxmon rollup status --json` and GET /api/v1/rollup show it. */
export interface RollupStatusView {
  status: RollupState['status'];
  startedAt: string | null;
  startedBy: string | null;
  finishedAt: string | null;
  /** Indicators (batches) rebuilt by the current or last rebuild, and of how many. */
  batchesDone: number;
  batchesTotal: number;
  valuesDone: number;
  rowsDone: number;
}

/** What the reader is told while reads are computed from the values (evaluation results, CLI, API). */
export const ROLLUP_REBUILDING_NOTICE = {
  vi: 'Đang dựng lại số liệu tổng hợp; kết quả được tính trực tiếp từ số liệu.',
  en: 'The rollup rows are being rebuilt; the results were computed directly from the values.',
};

/** Only an administrator of the whole installation (or the local administrator) rebuilds or inspects the rows. */
function authorizeRollup(actor: Actor): void {
  if (actor.kind === 'localAdmin' || actor.kind === 'system' || isAdmin(actor.grants, '/')) return;
  throw new AppError('forbidden', {
    vi: 'Chỉ quản trị viên toàn hệ thống mới được xem và dựng lại số liệu tổng hợp (bảng value_rollup).',
    en: 'Only an administrator of the whole installation may see and rebuild the rollup rows (table value_rollup).',
  });
}

function view(state: RollupState): RollupStatusView {
  return {
    status: state.status,
    startedAt: state.startedAt?.toISOString() ?? null,
    startedBy: state.startedBy,
    finishedAt: state.finishedAt?.toISOString() ?? null,
    batchesDone: state.batchesDone,
    batchesTotal: state.batchesDone + state.batchesLeft,
    valuesDone: state.valuesDone,
    rowsDone: state.rowsDone,
  };
}

/** The state of the rollup rows and of the current or last rebuild (administrators only). */
export async function rollupStatus(ctx: AppContext, actor: Actor): Promise<RollupStatusView> {
  authorizeRollup(actor);
  return view(await readRollupState(ctx.db));
}

/**
 * One indicator rebuilt: its place in the rebuild, its values and rollup rows, how long it took, and for this run
 * so far: the time spent, the values done and left, and the time left estimated from the values per second.
 */
export interface RollupBatchProgress {
  done: number;
  total: number;
  indicator: string;
  valueCount: number;
  rowCount: number;
  ms: number;
  elapsedMs: number;
  valuesDone: number;
  valuesLeft: number;
  /** Null until some values were done. */
  estimateMs: number | null;
}

export interface RebuildRollupOptions {
  /** Start over even when a rebuild is under way (its done indicators are done again). Default: go on with it. */
  restart?: boolean;
  /** Called once the rebuild has started or resumed, with the indicators done before and the total. */
  onStart?: (info: { resumed: boolean; done: number; total: number }) => void;
  /** Called after each indicator is rebuilt and committed; the next one waits for it. */
  onBatch?: (progress: RollupBatchProgress) => void | Promise<void>;
  /** Stops the rebuild after the batch under way (besides ctx.stopping: Ctrl+C, SIGTERM). */
  signal?: AbortSignal;
  /**
   * Indicators rebuilt side by side, each on a connection of its own (PostgreSQL server only; the embedded
   * database has one connection). Default 1.
   */
  workers?: number;
}

export interface RebuildRollupResult extends RollupStatusView {
  resumed: boolean;
  /** Indicators rebuilt by this run (those done by an earlier, stopped run are not done again). */
  batchesThisRun: number;
}

/**
 * Rebuilds the rollup rows from the values, indicator by indicator (several side by side if asked, on a PostgreSQL
 * server), each in a transaction of its own that takes the indicator's write lock, recording each one done (docs/evaluation.md, "Rebuilding the rollup rows"). Until
 * every indicator is done, reads compute their answers from the values. Stopped (a signal, Ctrl+C, a killed
 * process), it leaves the indicators done so far recorded, and the next run goes on with the others. Values saved
 * meanwhile are counted: the triggers keep the rows of indicators already done, and an indicator being rebuilt
 * waits for (or is waited for by) a writer of it.
 */
export async function rebuildRollup(
  ctx: AppContext,
  actor: Actor,
  options: RebuildRollupOptions = {},
): Promise<RebuildRollupResult> {
  authorizeRollup(actor);
  const signals = [options.signal, ctx.stopping].filter((s): s is AbortSignal => s !== undefined);
  const { resumed } = await beginRollupRebuild(ctx.db, actor.name, ctx.now(), options.restart ?? false);
  const before = await readRollupState(ctx.db);
  options.onStart?.({ resumed, done: before.batchesDone, total: before.batchesDone + before.batchesLeft });
  let thisRun = 0;
  const runStarted = performance.now();
  const valuesOf = await countValuesByIndicator(ctx.db);
  const left = new Set((await listRollupBatchesLeft(ctx.db)).map((b) => b.indicatorId));
  let valuesLeft = [...left].reduce((sum, id) => sum + (valuesOf.get(id) ?? 0), 0);
  let valuesDone = 0;
  const workers = ctx.db.kind === 'postgres' ? Math.max(1, Math.floor(options.workers ?? 1)) : 1;
  for (;;) {
    const queue = rebuildOrder(await listRollupBatchesLeft(ctx.db), valuesOf, workers);
    const work = async (): Promise<void> => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        if (signals.some((s) => s.aborted)) return;
        const started = performance.now();
        const result = await rebuildRollupBatch(ctx.db, batch.indicatorId, ctx.now());
        if (!result) continue;
        thisRun += 1;
        valuesDone += result.valueCount;
        if (left.delete(batch.indicatorId))
          valuesLeft = Math.max(0, valuesLeft - (valuesOf.get(batch.indicatorId) ?? 0));
        const state = await readRollupState(ctx.db);
        const elapsedMs = performance.now() - runStarted;
        await options.onBatch?.({
          done: state.batchesDone,
          total: state.batchesDone + state.batchesLeft,
          indicator: batch.code,
          valueCount: result.valueCount,
          rowCount: result.rowCount,
          ms: performance.now() - started,
          elapsedMs,
          valuesDone,
          valuesLeft,
          estimateMs: valuesDone > 0 ? (elapsedMs / valuesDone) * valuesLeft : null,
        });
      }
    };
    await Promise.all(Array.from({ length: workers }, work));
    if (signals.some((s) => s.aborted)) {
      const state = await readRollupState(ctx.db);
      throw stoppedError(state.batchesDone, state.batchesDone + state.batchesLeft);
    }
    if (await finishRollupRebuild(ctx.db, ctx.now())) break;
  }
  return { ...view(await readRollupState(ctx.db)), resumed, batchesThisRun: thisRun };
}

/**
 * The order the indicators left are rebuilt in: one worker takes them by id; side by side, those with most values go
 * first (ties by id), so that the last to start is a short one and the workers finish close together instead of one
 * rebuilding a large indicator alone at the end.
 */
export function rebuildOrder<T extends { indicatorId: number }>(
  left: readonly T[],
  valuesOf: ReadonlyMap<number, number>,
  workers: number,
): T[] {
  const byId = [...left].sort((a, b) => a.indicatorId - b.indicatorId);
  if (workers <= 1) return byId;
  return byId.sort((a, b) => (valuesOf.get(b.indicatorId) ?? 0) - (valuesOf.get(a.indicatorId) ?? 0));
}

function stoppedError(done: number, total: number): AppError {
  return new AppError('unavailable', {
    vi: `Đã dừng dựng lại số liệu tổng hợp sau ${done}/${total} chỉ tiêu; các chỉ tiêu đã xong được giữ lại. Chạy lại «dxmon rollup rebuild» để làm tiếp; trong lúc chờ, kết quả được tính trực tiếp từ số liệu.`,
    en: `Rebuilding the rollup rows stopped after ${done}/${total} indicators; those done are kept. Run «dxmon rollup rebuild» again to go on; meanwhile results are computed directly from the values.`,
  });
}
