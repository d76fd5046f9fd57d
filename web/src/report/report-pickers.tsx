import { Select } from 'antd';
import { Link } from 'react-router';
import type { Dashboard } from '../api/types';
import { useChildUnits } from '../api/units';
import { formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';

/** The report's period (the plan's periods with values) and unit (the unit shown and the units under it). */
export function ReportPickers({
  dashboard,
  onChange,
}: {
  dashboard: Dashboard;
  onChange: (patch: Record<string, string>) => void;
}) {
  const { t, lang } = useI18n();
  const children = useChildUnits(dashboard.unit.code);
  const units = [
    { value: dashboard.unit.code, label: dashboard.unit.name },
    ...(children.data ?? []).map((u) => ({ value: u.code, label: u.name })),
  ];
  return (
    <div className="dashboard-pickers">
      <label className="picker">
        <span>{t.report.period}</span>
        <Select
          aria-label={t.report.period}
          value={dashboard.period.id}
          onChange={(period: string) => onChange({ period })}
          options={dashboard.periods.map((p) => ({ value: p.id, label: formatPeriodId(p.id, lang) }))}
          popupMatchSelectWidth={false}
        />
      </label>
      <label className="picker">
        <span>{t.report.unit}</span>
        <Select
          aria-label={t.report.unit}
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
          {t.report.toPlanUnit(dashboard.plan.unitName)}
        </Link>
      )}
    </div>
  );
}
