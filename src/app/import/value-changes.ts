// What a dry run shows of a file's values (docs/import.md): each row's stored value beside the file's, so that a
// reader sees what the import would add and change before committing it.
import type { Queryable } from '../../store/db.js';
import { findStoredValues, type StoredValue } from '../../store/value-changes.queries.js';
import { unitText, type CheckedImport, type CheckedValue } from './check-import.js';
import type { ValueChange, ValueChanges } from '../../contract/imports.js';

/** The most value rows a dry run lists; `total` counts them all. */
export const VALUE_CHANGES_LIMIT = 1000;

function statusOf(v: CheckedValue, stored: StoredValue | null, keepComment: boolean): ValueChange['status'] {
  if (stored === null) return 'added';
  const same =
    stored.value === v.value &&
    stored.numerator === v.numerator &&
    stored.denominator === v.denominator &&
    (keepComment || stored.comment === v.comment);
  return same ? 'unchanged' : 'changed';
}

/** The values sheet's rows with their stored values; `sheet` is its name as written. */
export async function valueChanges(
  q: Queryable,
  checked: CheckedImport,
  sheet: string,
): Promise<ValueChanges> {
  const stored = await findStoredValues(
    q,
    checked.values.map((v) => ({
      indicatorCode: v.indicatorCode,
      unitId: v.unit.kind === 'db' ? v.unit.row.id : null,
      period: v.period,
    })),
  );
  const all = checked.values.map((v, i): ValueChange => {
    const before = stored[i] ?? null;
    return {
      row: v.row,
      indicator: v.indicatorCode,
      unit: unitText(v.unit),
      period: v.period,
      status: statusOf(v, before, checked.keepComment),
      old: before?.value ?? null,
      new: v.value,
    };
  });
  const changed = all.filter((c) => c.status !== 'unchanged');
  const items = [...changed, ...all.filter((c) => c.status === 'unchanged')].slice(0, VALUE_CHANGES_LIMIT);
  return { sheet, total: all.length, items };
}
