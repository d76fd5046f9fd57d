import { useSearchParams } from 'react-router';
import { useSetAddressParams } from '../shell/address-params';
import { useSession } from '../api/session';
import type { Grant } from '../api/types';
import { grantsWith } from '../shell/permissions';

/** The unit a register screen looks under, the units the reader may pick, and whether they may enter values there. */
export interface RegisterScope {
  /** The unit as users write it (`pre2025:10`), or null for every unit (a reader over the whole installation). */
  unit: string | null;
  /** The session's units the reader may read, to pick from. */
  readable: Grant[];
  /** Whether some grant lets the reader enter values at the unit itself (the API checks every request anyway). */
  mayEnter: boolean;
  /** Moves the screen to another unit, keeping the rest of the address. */
  setUnit: (unit: string | null) => void;
}

/**
 * `?unit=` in the address, else the reader's first unit. Whether they may enter values follows `values:write` over
 * that very unit or the whole installation; a unit below their own is left to the API to allow.
 */
export function useRegisterScope(): RegisterScope {
  const session = useSession();
  const [search] = useSearchParams();
  const readable = grantsWith(session.data, 'read');
  const asked = search.get('unit');
  const first = readable.find((g) => g.unit !== '/')?.unit ?? null;
  const unit = asked ?? first;
  const mayEnter = grantsWith(session.data, 'values:write').some((g) => g.unit === unit || g.unit === '/');
  const setParams = useSetAddressParams();
  const setUnit = (next: string | null) => setParams({ unit: next });
  return { unit, readable, mayEnter, setUnit };
}

/** The unit's name from the reader's grants, else its code. */
export function unitLabel(scope: RegisterScope, allUnits: string): string {
  if (scope.unit === null) return allUnits;
  return scope.readable.find((g) => g.unit === scope.unit)?.unitName ?? scope.unit;
}
