import { AppError } from '../../domain/app-error.js';
import { boundaryStatus, listChildBoundaries } from '../../store/boundaries.queries.js';
import type { AppContext } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import type { BoundarySet } from './load-boundaries.js';

/** A map layer: the boundaries of a unit's children as a GeoJSON FeatureCollection, with the sources credited. */
export interface BoundaryMap {
  type: 'FeatureCollection';
  set: BoundarySet;
  /** The unit whose children are drawn; null for the set's provinces. */
  parent: string | null;
  features: {
    type: 'Feature';
    id: string;
    properties: { code: string; name: string; level: string };
    geometry: Record<string, unknown>;
  }[];
  /** The units of the layer without a boundary (a map shows them in its list instead). */
  without: string[];
  /** The sources of the boundaries shown, as their files credit them. */
  credit: string[];
}

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
