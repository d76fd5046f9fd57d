import { Button, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { BANDS, type Band } from '../../../src/domain/band.js';
import { formatPercent } from '../../../src/domain/format-number.js';
import { actualOverTarget, indicatorName } from '../../../src/domain/report-narrative/phrases.js';
import type { DashboardTarget } from '../api/types';
import { formatCount } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { BAND_COLOURS } from './band-colours';
import { Sparkline } from './sparkline';
import type { OpenTrace } from './trace-drawer';

type ForecastKey = 'onTrack' | 'atRisk' | 'offTrack' | 'none';

interface Filters {
  band: Band | null;
  group: string | null;
  lead: string | null;
  forecast: ForecastKey | null;
}

const NO_FILTERS: Filters = { band: null, group: null, lead: null, forecast: null };

function forecastKey(x: DashboardTarget): ForecastKey {
  return x.forecastStatus ?? 'none';
}

/** The distinct values of a field, as select options sorted by their label. */
function optionsOf(
  targets: readonly DashboardTarget[],
  pick: (x: DashboardTarget) => { value: string; label: string } | null,
) {
  const byValue = new Map<string, string>();
  for (const x of targets) {
    const option = pick(x);
    if (option) byValue.set(option.value, option.label);
  }
  return [...byValue]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}

/** A band as a coloured tag with its short name. */
export function BandTag({ band }: { band: Band }) {
  const { t } = useI18n();
  return (
    <Tag color={BAND_COLOURS[band]} className="band-tag">
      {t.dashboard.bands[band]}
    </Tag>
  );
}

/**
 * Every target evaluated, with actual/target, ratio, band, forecast and trend, sortable, and filterable by band,
 * pillar, lead unit and forecast; each row opens its trace.
 */
export function TargetsTable({ targets, onTrace }: { targets: DashboardTarget[]; onTrace?: OpenTrace }) {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const shown = targets.filter(
    (x) =>
      (filters.band === null || x.band === filters.band) &&
      (filters.group === null || x.group?.code === filters.group) &&
      (filters.lead === null || x.leadUnit?.code === filters.lead) &&
      (filters.forecast === null || forecastKey(x) === filters.forecast),
  );
  const groups = useMemo(
    () => optionsOf(targets, (x) => (x.group ? { value: x.group.code, label: x.group.name } : null)),
    [targets],
  );
  const leads = useMemo(
    () => optionsOf(targets, (x) => (x.leadUnit ? { value: x.leadUnit.code, label: x.leadUnit.name } : null)),
    [targets],
  );
  const name = (x: DashboardTarget) => indicatorName(x, lang);
  const columns: ColumnsType<DashboardTarget> = [
    {
      title: t.dashboard.colIndicator,
      key: 'indicator',
      width: 340,
      sorter: (a, b) => name(a).localeCompare(name(b), lang),
      render: (_, x) => (
        <div>
          <div>{name(x)}</div>
          <Typography.Text type="secondary" className="target-meta">
            {x.group?.name}
            {x.actualSource === 'derived' ? ` · ${t.dashboard.derived}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t.dashboard.colLead,
      key: 'lead',
      render: (_, x) => x.leadUnit?.name ?? '—',
      responsive: ['md'],
    },
    {
      title: t.dashboard.colFigure,
      key: 'figure',
      render: (_, x) => <span className="figure">{actualOverTarget(x, lang)}</span>,
    },
    {
      title: t.dashboard.colRatio,
      key: 'ratio',
      sorter: (a, b) => (a.ratio ?? -1) - (b.ratio ?? -1),
      defaultSortOrder: undefined,
      render: (_, x) => (x.ratio === null ? t.dashboard.noRatio : formatPercent(x.ratio * 100, lang)),
    },
    {
      title: t.dashboard.colBand,
      key: 'band',
      sorter: (a, b) => BANDS.indexOf(a.band) - BANDS.indexOf(b.band),
      render: (_, x) => <BandTag band={x.band} />,
    },
    {
      title: t.dashboard.colForecast,
      key: 'forecast',
      responsive: ['lg'],
      render: (_, x) => t.dashboard.forecast[forecastKey(x)],
    },
    {
      title: t.dashboard.colTrend,
      key: 'trend',
      responsive: ['md'],
      render: (_, x) => <Sparkline trend={x.trend} />,
    },
  ];
  if (onTrace) {
    columns.push({
      title: t.dashboard.colTrace,
      key: 'trace',
      render: (_, x) => (
        <Button
          size="small"
          aria-label={t.dashboard.openTrace(name(x))}
          onClick={() => onTrace({ kind: 'link', title: name(x), link: x.trace })}
        >
          {t.dashboard.traceButton}
        </Button>
      ),
    });
  }
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <div>
      <div className="table-filters">
        <Select
          allowClear
          aria-label={t.dashboard.filterBand}
          placeholder={t.dashboard.filterBand}
          value={filters.band}
          onChange={(v: Band | undefined) => set({ band: v ?? null })}
          options={BANDS.map((b) => ({ value: b, label: t.dashboard.bands[b] }))}
        />
        <Select
          allowClear
          aria-label={t.dashboard.filterGroup}
          placeholder={t.dashboard.filterGroup}
          value={filters.group}
          onChange={(v: string | undefined) => set({ group: v ?? null })}
          options={groups}
        />
        <Select
          allowClear
          aria-label={t.dashboard.filterLead}
          placeholder={t.dashboard.filterLead}
          value={filters.lead}
          onChange={(v: string | undefined) => set({ lead: v ?? null })}
          options={leads}
          popupMatchSelectWidth={false}
        />
        <Select
          allowClear
          aria-label={t.dashboard.filterForecast}
          placeholder={t.dashboard.filterForecast}
          value={filters.forecast}
          onChange={(v: ForecastKey | undefined) => set({ forecast: v ?? null })}
          options={(['onTrack', 'atRisk', 'offTrack', 'none'] as const).map((k) => ({
            value: k,
            label: t.dashboard.forecast[k],
          }))}
        />
      </div>
      <p className="table-count" aria-live="polite">
        {t.dashboard.shownCount(formatCount(shown.length, lang), formatCount(targets.length, lang))}
      </p>
      <Table<DashboardTarget>
        rowKey={(x) => `${x.indicator}|${x.unit}|${x.period}`}
        columns={columns}
        dataSource={shown}
        pagination={false}
        size="small"
        scroll={{ x: 960 }}
        data-testid="targets-table"
      />
    </div>
  );
}
