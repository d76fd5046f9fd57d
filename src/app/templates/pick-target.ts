import { comparePeriods, contains, parsePeriod, type Period } from '../../domain/period.js';

/**
 * The target a row shows for the reporting period (docs/domain.md §6): the one due in a period containing it,
 * else the next one due after it, else the latest before it.
 */
export function pickTarget<T extends { targetPeriod: string }>(
  targets: readonly T[],
  period: Period,
): T | undefined {
  const parsed = targets.flatMap((t) => {
    const p = parsePeriod(t.targetPeriod);
    return p.ok ? [{ t, p: p.value }] : [];
  });
  return (
    parsed.find(({ p }) => p.id === period.id || contains(p, period))?.t ??
    parsed.filter(({ p }) => comparePeriods(p, period) > 0).sort((a, b) => comparePeriods(a.p, b.p))[0]?.t ??
    parsed.sort((a, b) => comparePeriods(b.p, a.p))[0]?.t
  );
}
