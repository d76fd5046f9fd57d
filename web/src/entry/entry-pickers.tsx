import type { EntryForm } from '../api/entry';
import { formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { useEntryUnits } from './entry-address';

/** The unit, period and plan pickers of the entry pages: labelled native selects, usable by keyboard alone. */
export function EntryPickers({
  form,
  onChange,
}: {
  form: EntryForm;
  onChange: (patch: Record<string, string>) => void;
}) {
  const { t, lang } = useI18n();
  const units = useEntryUnits();
  const unitOptions = units.some((u) => u.code === form.unit.code)
    ? units
    : [{ code: form.unit.code, name: form.unit.name }, ...units];
  return (
    <div className="entry-pickers">
      <label className="entry-picker">
        <span>{t.entry.unit}</span>
        <select
          className="entry-select"
          value={form.unit.code}
          onChange={(e) => onChange({ unit: e.target.value })}
        >
          {unitOptions.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label className="entry-picker">
        <span>{t.entry.period}</span>
        <select
          className="entry-select"
          value={form.period}
          onChange={(e) => onChange({ period: e.target.value })}
        >
          {(form.periods.some((p) => p.id === form.period)
            ? form.periods
            : [{ id: form.period, state: 'open' as const }, ...form.periods]
          ).map((p) => (
            <option key={p.id} value={p.id}>
              {p.state === 'open'
                ? formatPeriodId(p.id, lang)
                : t.entry.periodState(formatPeriodId(p.id, lang), t.entry.review.state[p.state])}
            </option>
          ))}
        </select>
      </label>
      {form.plans.length > 1 && form.plan && (
        <label className="entry-picker">
          <span>{t.entry.plan}</span>
          <select
            className="entry-select"
            value={form.plan.code}
            onChange={(e) => onChange({ plan: e.target.value })}
          >
            {form.plans.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
