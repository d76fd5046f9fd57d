/** A set of units and its size. */
export type UnitSet = { count: number; units: string[] };

/** The change of a boolean register between two periods, as `dxmon registers change` prints it. */
export type RegisterChange = { from: UnitSet; to: UnitSet; closed: UnitSet; opened: UnitSet };

/** A register's values for one period: unit code → recorded value (absent or undefined: no value). */
export type RegisterValues = ReadonlyMap<string, boolean | undefined>;

function unitSet(codes: Iterable<string>): UnitSet {
  const units = [...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { count: units.length, units };
}

function lacking(values: RegisterValues): string[] {
  return [...values].filter(([, v]) => v === false).map(([code]) => code);
}

/**
 * The units lacking a boolean register (value false) at P1 and at P2, those whose gap was closed (false at P1,
 * recorded true at P2) and those where one opened (false at P2 and not false at P1, absent included),
 * unit codes sorted ascending (docs/domain.md §4, §9). A unit lacking at P1 with no value at P2 is neither closed
 * nor still lacking: closing a gap is a claim of progress and needs a recorded true; a new gap, even in a
 * unit added since P1, is always shown.
 */
export function registerChange(from: RegisterValues, to: RegisterValues): RegisterChange {
  const lackingFrom = lacking(from);
  const lackingTo = lacking(to);
  return {
    from: unitSet(lackingFrom),
    to: unitSet(lackingTo),
    closed: unitSet(lackingFrom.filter((code) => to.get(code) === true)),
    opened: unitSet(lackingTo.filter((code) => from.get(code) !== false)),
  };
}

/** How the report names the units counted, e.g. { vi: 'thôn', enOne: 'village', enMany: 'villages' }. */
export type UnitNoun = { vi: string; enOne: string; enMany: string };

function formatCount(n: number, separator: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * The report's sentence for a register change: gaps closed and still open, e.g. "xóa được 4 thôn, còn 6 thôn",
 * counts with the locale's thousands separator (docs/domain.md §9).
 */
export function registerChangePhrase(change: RegisterChange, noun: UnitNoun): { vi: string; en: string } {
  const en = (n: number): string => `${formatCount(n, ',')} ${n === 1 ? noun.enOne : noun.enMany}`;
  return {
    vi: `xóa được ${formatCount(change.closed.count, '.')} ${noun.vi}, còn ${formatCount(change.to.count, '.')} ${noun.vi}`,
    en: `${en(change.closed.count)} no longer lacking, ${en(change.to.count)} still lacking`,
  };
}
