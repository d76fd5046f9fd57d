import { useSearchParams } from 'react-router';
import { useSession } from '../api/session';
import type { EntryQuery } from '../api/entry';
import { grantsWith } from '../shell/permissions';

/**
 * The units the signed-in user may enter values for, as their grants name them (no duplicates). Reads the session
 * the route already asked for, never asks itself (a public page asks for none).
 */
export function useEntryUnits(): { code: string; name: string }[] {
  const session = useSession(false);
  const units = new Map<string, string>();
  for (const g of grantsWith(session.data, 'values:write')) {
    if (g.unit !== '/') units.set(g.unit, g.unitName ?? g.unit);
  }
  return [...units].map(([code, name]) => ({ code, name }));
}

/**
 * The unit, period and plan of the address (`/entry?unit=&period=&plan=`), the unit defaulting to the user's first
 * unit they may enter values for; and a setter that keeps the rest of the address.
 */
export function useEntryAddress(): { query: EntryQuery; change: (patch: Record<string, string>) => void } {
  const [search, setSearch] = useSearchParams();
  const units = useEntryUnits();
  const query: EntryQuery = {
    unit: search.get('unit') ?? units[0]?.code ?? '',
    period: search.get('period'),
    plan: search.get('plan'),
  };
  const change = (patch: Record<string, string>) => {
    const next = new URLSearchParams(search);
    if (!next.get('unit') && query.unit) next.set('unit', query.unit);
    for (const [key, value] of Object.entries(patch)) next.set(key, value);
    setSearch(next);
  };
  return { query, change };
}
