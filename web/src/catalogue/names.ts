import type { Lang } from '../i18n/i18n';

/** A catalogue entry's name in the reader's language: the English one when there is one, else the Vietnamese. */
export function nameIn(entry: { nameVi: string; nameEn: string | null }, lang: Lang): string {
  return lang === 'en' ? (entry.nameEn ?? entry.nameVi) : entry.nameVi;
}

/** A text input's value as the API takes it: trimmed, null when empty. */
export function textOrNull(text: string | undefined | null): string | null {
  const s = text?.trim() ?? '';
  return s === '' ? null : s;
}
