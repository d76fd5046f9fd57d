import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';

/** A unit as the unit register lists it. */
export interface UnitSummary {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

/** The units directly under a unit (districts of a province, communes of a district, departments), by name. */
export function useChildUnits(parent: string | null) {
  return useQuery({
    queryKey: ['units', 'children', parent],
    enabled: parent !== null,
    staleTime: 10 * 60_000,
    queryFn: async () => {
      const query = new URLSearchParams({ parent: parent ?? '' });
      const { units } = await apiRequest<{ units: UnitSummary[] }>(`/units?${query.toString()}`);
      return units;
    },
  });
}
