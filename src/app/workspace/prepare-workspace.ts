import { fileURLToPath } from 'node:url';
import { countUnits } from '../../store/units.queries.js';
import { SYSTEM, type AppContext } from '../context.js';
import { importWorkbook, type ImportProgress, type ImportReport } from '../import/import-workbook.js';
import { loadOfficialUnits } from '../units/load-official-units.js';

/** The demo workspace: Lào Cai's 2024 DX plan as an import folder (also the reference example of the format). */
export const DEMO_DIR = fileURLToPath(new URL('../../../data/demo/lao-cai-2024/', import.meta.url));

/** A step of preparing a workspace, as told to `onStep` when it starts. */
export type PrepareStep = 'units-2025' | 'units-pre2025' | 'demo';

export interface PrepareOptions {
  demo: boolean;
  /** Told each step as it starts, with how many steps this preparation takes at most. */
  onStep?: (step: PrepareStep, index: number, steps: number) => void;
  /** Told how the demo's import goes (rows read, checked, values written). */
  onImportProgress?: (progress: ImportProgress) => void;
}

export interface PrepareResult {
  loadedSets: string[];
  /** What loading the demo did, when it was loaded (demo asked for and no plan yet). */
  demo: ImportReport | null;
}

/**
 * Makes a new workspace usable on first start: the current official unit tree is loaded when the
 * database has none (a ready workspace, nothing else to install), and with `demo` the
 * pre-2025 units the demo stands on, then the demo workspace itself when the workspace has no plan yet.
 */
export async function prepareWorkspace(ctx: AppContext, options: PrepareOptions): Promise<PrepareResult> {
  const loadedSets: string[] = [];
  const steps = options.demo ? 3 : 1;
  const onStep = options.onStep ?? (() => undefined);
  // A server told to stop while it prepares stops between steps (each step is one transaction).
  ctx.stopping?.throwIfAborted();
  if ((await countUnits(ctx.db, '2025')).province === 0) {
    onStep('units-2025', 1, steps);
    await loadOfficialUnits(ctx, '2025');
    loadedSets.push('2025');
  }
  if (!options.demo) return { loadedSets, demo: null };
  ctx.stopping?.throwIfAborted();
  // The demo plan is Lào Cai's 2024 plan, on the units as they were before the reform.
  if ((await countUnits(ctx.db, 'pre2025')).province === 0) {
    onStep('units-pre2025', 2, steps);
    await loadOfficialUnits(ctx, 'pre2025');
    loadedSets.push('pre2025');
  }
  ctx.stopping?.throwIfAborted();
  const plans = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plan');
  if ((plans[0]?.n ?? 0) > 0) return { loadedSets, demo: null };
  onStep('demo', 3, steps);
  const demo = await importWorkbook(ctx, SYSTEM, {
    path: DEMO_DIR,
    ...(options.onImportProgress ? { onProgress: options.onImportProgress } : {}),
  });
  return { loadedSets, demo };
}
