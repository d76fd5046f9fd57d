import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BOUNDARY_SETS, type BoundarySet } from '../../../src/domain/unit-vocabulary.js';
import type { BoundaryLoadReport, BoundaryMap, IndicatorAcrossUnits } from '../../../src/contract/maps.js';
import { parseUnitRef } from '../../../src/domain/unit-ref.js';
import { apiRequest } from './client';
import { LIVE_KEY } from './dashboard';

export { BOUNDARY_SETS, type BoundarySet } from '../../../src/domain/unit-vocabulary.js';
export type {
  BoundaryLoadReport,
  BoundaryMap,
  IndicatorAcrossUnits,
  UnitEvaluation as UnitFigure,
} from '../../../src/contract/maps.js';

/** Per set and level with boundaries: how many units, how many have one, the sources (`GET /maps/status`). */
export interface MapLayerStatus {
  set: string;
  level: string;
  units: number;
  withBoundary: number;
  sources: string[];
}

/** The boundary set of a unit reference (`pre2025:10` → pre2025, a bare code → 2025); null for a set without maps. */
export function boundarySetOf(unit: string): BoundarySet | null {
  const parsed = parseUnitRef(unit);
  if (!parsed.ok) return null;
  return BOUNDARY_SETS.find((s) => s === parsed.value.set) ?? null;
}

/** The boundaries of the children of `parent` in `set`; not asked when `set` is null (a set without maps). */
export function useBoundaryMap(set: BoundarySet | null, parent: string) {
  return useQuery({
    queryKey: [LIVE_KEY, 'maps', set, parent],
    enabled: set !== null,
    queryFn: () =>
      apiRequest<BoundaryMap>(`/maps?${new URLSearchParams({ set: set ?? '', parent }).toString()}`),
  });
}

/** One indicator of a plan at every child of `parent` in a period, ranked. */
export function useIndicatorAcrossUnits(input: {
  plan: string;
  indicator: string;
  period: string;
  parent: string;
}) {
  const { plan, indicator, period, parent } = input;
  return useQuery({
    queryKey: [LIVE_KEY, 'indicator-units', plan, indicator, period, parent],
    enabled: indicator !== '',
    queryFn: () =>
      apiRequest<IndicatorAcrossUnits>(
        `/indicators/${encodeURIComponent(indicator)}/evaluation?${new URLSearchParams({ plan, period, parent }).toString()}`,
      ),
  });
}

/** Which sets and levels have boundaries. */
export function useMapStatus() {
  return useQuery({
    queryKey: [LIVE_KEY, 'maps-status'],
    queryFn: async () => (await apiRequest<{ layers: MapLayerStatus[] }>('/maps/status')).layers,
  });
}

/** Uploads a parsed boundary file; on success every live query (maps, status, evaluations) reads again. */
export function useUploadBoundaries() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { set: BoundarySet; name: string; document: unknown }) =>
      apiRequest<BoundaryLoadReport>(
        `/maps?${new URLSearchParams({ set: input.set, name: input.name }).toString()}`,
        { method: 'PUT', body: input.document },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: [LIVE_KEY] }),
  });
}
