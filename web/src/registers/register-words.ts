import type { RegisterSummary } from '../../../src/contract/registers.js';
import type { Lang } from '../i18n/i18n';
import type { Messages } from '../i18n/vi';

/** A register's name in the reader's language. */
export function registerName(register: RegisterSummary, lang: Lang): string {
  return lang === 'en' ? (register.nameEn ?? register.nameVi) : register.nameVi;
}

/**
 * How the committee counts the units lacking a register: "6 thôn chưa có hạ tầng băng rộng di động" — the item
 * is what follows "có" in the name ("Thôn, bản có hạ tầng băng rộng di động"), or "has" in English; a name
 * without it is quoted whole.
 */
export function lackingSentence(
  t: Messages,
  lang: Lang,
  register: RegisterSummary,
  count: number,
  countText: string,
  noun: { vi: string; en: string },
): string {
  const name = registerName(register, lang);
  const marker = lang === 'en' ? ' has ' : ' có ';
  const at = name.indexOf(marker);
  // English nouns come plural ("villages"): one unit reads "1 village".
  const word = lang === 'en' ? (count === 1 ? noun.en.replace(/s$/, '') : noun.en) : noun.vi;
  return at >= 0
    ? t.registers.lacking(countText, word, name.slice(at + marker.length))
    : t.registers.lackingPlain(countText, word, name);
}

/** Matches a unit against what the reader typed, ignoring case and Vietnamese diacritics. */
export function matchesSearch(text: string, ...fields: (string | null)[]): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
  const needle = fold(text.trim());
  if (needle === '') return true;
  return fields.some((f) => f !== null && fold(f).includes(needle));
}
