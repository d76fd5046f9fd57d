import { countUnits } from '../../store/units.queries.js';
import type { AppContext } from '../context.js';
import { loadOfficialUnits } from '../units/load-official-units.js';

export interface PrepareResult {
  loadedSets: string[];
}

/**
 * Makes a new workspace usable on first start: the current official unit tree is loaded when the
 * database has none (DESIGN.md: a ready workspace, nothing else to install), and with `demo` the
 * units the demo workspace stands on.
 */
export async function prepareWorkspace(ctx: AppContext, options: { demo: boolean }): Promise<PrepareResult> {
  const loadedSets: string[] = [];
  if ((await countUnits(ctx.db, '2025')).province === 0) {
    await loadOfficialUnits(ctx, '2025');
    loadedSets.push('2025');
  }
  // The demo plan is Lào Cai's 2024 plan, on the units as they were before the reform.
  if (options.demo && (await countUnits(ctx.db, 'pre2025')).province === 0) {
    await loadOfficialUnits(ctx, 'pre2025');
    loadedSets.push('pre2025');
  }
  return { loadedSets };
}
