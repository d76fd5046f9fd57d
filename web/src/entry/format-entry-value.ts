import type { ValueType } from '../../../src/domain/aggregate.js';
import { formatFigure } from '../format/format';
import type { Lang } from '../i18n/i18n';
import type { Messages } from '../i18n/vi';

/** A stored value, target or previous value as the form shows it: yes/no, or the number with its % when a share. */
export function formatEntryValue(
  value: number | boolean | null,
  valueType: ValueType,
  t: Messages,
  lang: Lang,
): string {
  if (value === null) return '—';
  if (typeof value === 'boolean' || valueType === 'boolean') return value ? t.entry.yes : t.entry.no;
  const text = formatFigure(value, lang);
  return valueType === 'percent' || valueType === 'ratio' ? `${text}%` : text;
}
