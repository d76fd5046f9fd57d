import { Select } from 'antd';
import { useI18n } from '../i18n/i18n';
import { unitLabel, type RegisterScope } from './register-scope';

/** The unit the registers are read under, among the reader's own units; a picker when they have more than one. */
function Picker({ scope }: { scope: RegisterScope }) {
  const { t } = useI18n();
  const options = scope.readable.map((g) => ({
    value: g.unit,
    label: g.unit === '/' ? t.registers.allUnits : `${g.unitName ?? g.unit} (${g.unit})`,
  }));
  if (scope.unit !== null && !options.some((o) => o.value === scope.unit))
    options.push({ value: scope.unit, label: scope.unit });
  if (options.length < 2) return null;
  return (
    <span className="registers-filter">
      <label htmlFor="registers-unit">{t.registers.unit}</label>
      <Select
        id="registers-unit"
        className="registers-select"
        value={scope.unit ?? '/'}
        onChange={(v: string) => scope.setUnit(v === '/' ? null : v)}
        options={options}
        popupMatchSelectWidth={false}
      />
    </span>
  );
}

/** The line under a register page's heading: the unit read under, and the picker of the reader's other units. */
export function UnitPicker({ scope }: { scope: RegisterScope }) {
  const { t } = useI18n();
  return (
    <div className="registers-filters">
      <Picker scope={scope} />
      <span className="registers-note">{unitLabel(scope, t.registers.allUnits)}</span>
    </div>
  );
}
