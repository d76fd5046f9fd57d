/** The administrative prefixes that open an official unit name (docs/domain.md §2), in their canonical spelling. */
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

/** Collapses every run of whitespace to one space, trims the ends and composes Unicode (NFC); a helper of docs/domain.md §2 name matching. */
export function normalizeSpaces(s: string): string {
  return s.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Removes Vietnamese diacritics (đ→d, Đ→D) and makes typographic apostrophes (’ ‘ ʼ) plain, keeping letter case and collapsing whitespace: the ASCII spelling of a name (docs/domain.md §2). */
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

/** Folds a name for matching: lowercase, no diacritics (đ→d), plain apostrophes, whitespace collapsed, so "DA  NANG" equals "Đà Nẵng" (docs/domain.md §2). */
export function foldVietnamese(s: string): string {
  return removeDiacritics(s).toLowerCase();
}

/** Splits an official unit name into its administrative prefix (Tỉnh, Thành phố, Xã, …; any letter case) and bare name (docs/domain.md §2). */
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

/**
 * What keeps a text from being stored: a NUL character (U+0000), which PostgreSQL text cannot hold, or a lone UTF-16
 * surrogate (half of a pair), which is not Unicode at all. No field of DX Monitor has a use for either.
 */
export type TextFault = 'nul' | 'loneSurrogate';

/** With the u flag a well-formed pair is one code point, so only a lone half matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The first reason a text cannot be stored, or null when it can. */
export function textFault(s: string): TextFault | null {
  if (s.includes('\u0000')) return 'nul';
  return LONE_SURROGATE.test(s) ? 'loneSurrogate' : null;
}

/** What each fault is, to finish a sentence naming the field or cell: "«comment» contains …". */
export const TEXT_FAULT_MESSAGES: Readonly<Record<TextFault, { vi: string; en: string }>> = {
  nul: { vi: 'chứa ký tự NUL (U+0000)', en: 'contains a NUL character (U+0000)' },
  loneSurrogate: {
    vi: 'chứa ký tự Unicode không hợp lệ (nửa cặp thay thế UTF-16 đơn lẻ)',
    en: 'contains invalid Unicode (a lone UTF-16 surrogate)',
  },
};
