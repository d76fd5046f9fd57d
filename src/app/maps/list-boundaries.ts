import { AppError } from '../../domain/app-error.js';
import { boundaryStatus, listChildBoundaries } from '../../store/boundaries.queries.js';
import type { AppContext } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import type { BoundarySet } from '../../domain/unit-vocabulary.js';
import type { BoundaryMap } from '../../contract/maps.js';

/**
 * The boundaries of the children of `parent` in a unit set, or of its provinces when no parent is named
 * (docs/maps.md). Boundaries are public knowledge about units: every signed-in user may read them.
 */
export async function boundaryMap(
  ctx: AppContext,
  input: { set?: BoundarySet | undefined; parent?: string | undefined },
): Promise<BoundaryMap> {
  const set = input.set ?? '2025';
  const parent = input.parent ? await resolveUnit(ctx.db, input.parent, 'parent') : null;
  if (parent && parent.set !== set) {
    throw new AppError(
      'badInput',
      {
        vi: `Đơn vị «${input.parent}» không thuộc bộ đơn vị ${set}.`,
        en: `Unit «${input.parent}» is not in unit set ${set}.`,
      },
      [{ field: 'parent', message_vi: `Không thuộc bộ ${set}.`, message_en: `Not in set ${set}.` }],
    );
  }
  const { rows, without } = await listChildBoundaries(ctx.db, set, parent?.id ?? null);
  return {
    type: 'FeatureCollection',
    set,
    parent: input.parent ?? null,
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.code,
      properties: { code: r.code, name: r.name, level: r.level },
      geometry: r.geometry,
    })),
    without,
    credit: [...new Set(rows.map((r) => r.source))].sort(),
  };
}

/** Which sets and levels have boundaries (docs/maps.md). */
export async function mapStatus(ctx: AppContext): Promise<{
  layers: { set: string; level: string; units: number; withBoundary: number; sources: string[] }[];
}> {
  return { layers: await boundaryStatus(ctx.db) };
}
