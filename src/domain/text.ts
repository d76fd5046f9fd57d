/** The administrative prefixes that open an official unit name (DOMAIN.md §2), in their canonical spelling. */
export const UNIT_PREFIXES = [
  'Thành phố',
  'Thị trấn',
  'Thị xã',
  'Đặc khu',
  'Phường',
  'Huyện',
  'Quận',
  'Tỉnh',
  'Xã',
] as const;

export type UnitPrefix = (typeof UNIT_PREFIXES)[number];

export interface StrippedUnitName {
  /** The prefix found, in canonical spelling (`Thành phố`, not `Thành Phố`), or null when there is none. */
  prefix: UnitPrefix | null;
  /** The name without its prefix, whitespace collapsed. */
  bareName: string;
}

/** Collapses every run of whitespace to one space, trims the ends and composes Unicode (NFC); a helper of DOMAIN.md §2 name matching. */
export function normalizeSpaces(s: string): string {
  return s.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Removes Vietnamese diacritics (đ→d, Đ→D) and makes typographic apostrophes (’ ‘ ʼ) plain, keeping letter case and collapsing whitespace: the ASCII spelling of a name (DOMAIN.md §2). */
export function removeDiacritics(s: string): string {
  return normalizeSpaces(
    s
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .replace(/đ/gu, 'd')
      .replace(/Đ/gu, 'D')
      .replace(/[\u2018\u2019\u02bc]/gu, "'"),
  );
}

/** Folds a name for matching: lowercase, no diacritics (đ→d), plain apostrophes, whitespace collapsed, so "DA  NANG" equals "Đà Nẵng" (DOMAIN.md §2). */
export function foldVietnamese(s: string): string {
  return removeDiacritics(s).toLowerCase();
}

/** Splits an official unit name into its administrative prefix (Tỉnh, Thành phố, Xã, …; any letter case) and bare name (DOMAIN.md §2). */
export function stripUnitPrefix(name: string): StrippedUnitName {
  const normalized = normalizeSpaces(name);
  const lower = normalized.toLowerCase();
  for (const prefix of UNIT_PREFIXES) {
    const head = `${prefix.toLowerCase()} `;
    if (lower.startsWith(head) && normalized.length > head.length) {
      return { prefix, bareName: normalized.slice(head.length) };
    }
  }
  return { prefix: null, bareName: normalized };
}
