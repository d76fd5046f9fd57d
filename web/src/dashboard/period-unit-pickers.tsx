import { Select } from 'antd';
import { Link } from 'react-router';
import type { Dashboard } from '../api/types';
import { useChildUnits } from '../api/units';
import { formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';

/** The pickers' words: the dashboard's, or the report's ("Kỳ báo cáo", "Về báo cáo của …"). */
export interface PickerTexts {
  period: string;
  unit: string;
  toPlanUnit: (name: string) => string;
}

/**
 * The period and unit pickers of a plan's page (the dashboard, the report): the periods with values, the unit shown
 * and the units under it, and a link back to the plan's unit.
 */
export function PeriodUnitPickers({
  dashboard,
  onChange,
  texts,
}: {
  dashboard: Dashboard;
  onChange: (patch: Record<string, string>) => void;
  texts: PickerTexts;
}) {
  const { lang } = useI18n();
  const children = useChildUnits(dashboard.unit.code);
  const units = [
    { value: dashboard.unit.code, label: dashboard.unit.name },
    ...(children.data ?? []).map((u) => ({ value: u.code, label: u.name })),
  ];
  return (
    <div className="dashboard-pickers">
      <label className="picker">
        <span>{texts.period}</span>
        <Select
          aria-label={texts.period}
          value={dashboard.period.id}
          onChange={(period: string) => onChange({ period })}
          options={dashboard.periods.map((p) => ({ value: p.id, label: formatPeriodId(p.id, lang) }))}
          popupMatchSelectWidth={false}
        />
      </label>
      <label className="picker">
        <span>{texts.unit}</span>
        <Select
          aria-label={texts.unit}
          showSearch={{ optionFilterProp: 'label' }}
          value={dashboard.unit.code}
          onChange={(unit: string) => onChange({ unit })}
          options={units}
          popupMatchSelectWidth={false}
          loading={children.isPending}
        />
      </label>
      {dashboard.unit.code !== dashboard.plan.unit && (
        <Link to={`?period=${encodeURIComponent(dashboard.period.id)}`}>
          {texts.toPlanUnit(dashboard.plan.unitName)}
        </Link>
      )}
    </div>
  );
}
