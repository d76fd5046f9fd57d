import { useSearchParams } from 'react-router';

/**
 * Changes some parameters of the address and keeps the others. The change is made to the address as it is when
 * called, not as the page last drew it: the router applies a navigation in a transition, so a second change made
 * before the page draws again (a filter picked, then a search typed at once) would otherwise start from the address
 * before the first and undo it. A null or empty value removes the parameter.
 */
export function useSetAddressParams(): (
  values: Record<string, string | null>,
  options?: { replace?: boolean },
) => void {
  const [, setSearch] = useSearchParams();
  return (values, options) => {
    const next = new URLSearchParams(window.location.search);
    for (const [name, value] of Object.entries(values)) {
      if (value === null || value === '') next.delete(name);
      else next.set(name, value);
    }
    setSearch(next, options);
  };
}
