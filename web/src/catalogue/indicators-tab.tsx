import { Button, Input, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import type { IndicatorGroupSummary, IndicatorSummary } from '../../../src/contract/catalogue.js';
import { DIRECTIONS } from '../../../src/domain/achievement.js';
import { TIME_AGGREGATIONS, VALUE_TYPES } from '../../../src/domain/aggregate.js';
import { formatCount, formatFigure } from '../format/format';
import { useI18n, type Lang } from '../i18n/i18n';
import { IndicatorFormDrawer } from './indicator-form';
import { nameIn } from './names';

/** The list's filters; '' is "all", NO_GROUP the indicators in no group. */
interface Filters {
  text: string;
  group: string;
  valueType: string;
  direction: string;
  timeAggregation: string;
}

const NO_GROUP = '\u0000none';
const EMPTY: Filters = { text: '', group: '', valueType: '', direction: '', timeAggregation: '' };

/** Lower case without Vietnamese marks, so «dien thoai» finds «điện thoại». */
const folded = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

function matches(i: IndicatorSummary, f: Filters): boolean {
  if (f.group && (f.group === NO_GROUP ? i.group !== null : i.group !== f.group)) return false;
  if (f.valueType && i.valueType !== f.valueType) return false;
  if (f.direction && i.direction !== f.direction) return false;
  if (f.timeAggregation && i.timeAggregation !== f.timeAggregation) return false;
  const text = folded(f.text.trim());
  if (!text) return true;
  return [i.code, i.nameVi, i.nameEn ?? ''].some((s) => folded(s).includes(text));
}

function bounds(i: IndicatorSummary, lang: Lang, none: string): string {
  if (i.min === null && i.max === null) return none;
  const at = (n: number | null) => (n === null ? '…' : formatFigure(n, lang));
  return `${at(i.min)} – ${at(i.max)}`;
}

/**
 * The indicators: searchable by code or name (with or without Vietnamese marks), filterable by group, value type,
 * direction and aggregation over time; those who may change the catalogue add and edit in a side panel.
 */
export function IndicatorsTab({
  indicators,
  groups,
  canEdit,
}: {
  indicators: IndicatorSummary[];
  groups: IndicatorGroupSummary[];
  canEdit: boolean;
}) {
  const { t, lang } = useI18n();
  const c = t.catalogue;
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [editing, setEditing] = useState<IndicatorSummary | 'new' | null>(null);
  const shown = useMemo(() => indicators.filter((i) => matches(i, filters)), [indicators, filters]);
  const groupName = useMemo(() => new Map(groups.map((g) => [g.code, nameIn(g, lang)])), [groups, lang]);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const all = { value: '', label: c.all };

  const columns: ColumnsType<IndicatorSummary> = [
    { title: c.fields.code, dataIndex: 'code', key: 'code', render: (code: string) => <code>{code}</code> },
    {
      title: c.fields.name,
      key: 'name',
      render: (_: unknown, i) => nameIn(i, lang),
      className: 'catalogue-name-cell',
    },
    {
      title: c.fields.group,
      key: 'group',
      render: (_: unknown, i) => (i.group ? (groupName.get(i.group) ?? i.group) : c.none),
    },
    { title: c.fields.valueType, key: 'valueType', render: (_: unknown, i) => c.valueTypes[i.valueType] },
    { title: c.fields.measureUnit, key: 'measureUnit', render: (_: unknown, i) => i.measureUnit ?? c.none },
    { title: c.fields.direction, key: 'direction', render: (_: unknown, i) => c.directions[i.direction] },
    {
      title: c.fields.timeAggregation,
      key: 'timeAggregation',
      render: (_: unknown, i) => c.aggregations[i.timeAggregation],
    },
    { title: c.bounds, key: 'bounds', render: (_: unknown, i) => bounds(i, lang, c.none) },
  ];
  if (canEdit) {
    columns.push({
      title: c.actions,
      key: 'actions',
      render: (_: unknown, i) => (
        <Button size="small" onClick={() => setEditing(i)} aria-label={c.editNamed(i.code)}>
          {c.edit}
        </Button>
      ),
    });
  }

  return (
    <section aria-labelledby="catalogue-indicators-title">
      <Typography.Title level={2} id="catalogue-indicators-title" className="catalogue-tab-title">
        {c.tabs.indicators}
      </Typography.Title>
      <div className="catalogue-toolbar" role="search" aria-label={c.filters}>
        <label className="picker catalogue-search">
          <span>{c.search}</span>
          <Input
            type="search"
            allowClear
            value={filters.text}
            onChange={(e) => set({ text: e.target.value })}
          />
        </label>
        <label className="picker">
          <span>{c.fields.group}</span>
          <Select
            aria-label={c.fields.group}
            value={filters.group}
            onChange={(group: string) => set({ group })}
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={false}
            options={[
              all,
              ...groups.map((g) => ({ value: g.code, label: nameIn(g, lang) })),
              { value: NO_GROUP, label: c.noGroup },
            ]}
          />
        </label>
        <label className="picker">
          <span>{c.fields.valueType}</span>
          <Select
            aria-label={c.fields.valueType}
            value={filters.valueType}
            onChange={(valueType: string) => set({ valueType })}
            popupMatchSelectWidth={false}
            options={[all, ...VALUE_TYPES.map((v) => ({ value: v, label: c.valueTypes[v] }))]}
          />
        </label>
        <label className="picker">
          <span>{c.fields.direction}</span>
          <Select
            aria-label={c.fields.direction}
            value={filters.direction}
            onChange={(direction: string) => set({ direction })}
            popupMatchSelectWidth={false}
            options={[all, ...DIRECTIONS.map((d) => ({ value: d, label: c.directions[d] }))]}
          />
        </label>
        <label className="picker">
          <span>{c.fields.timeAggregation}</span>
          <Select
            aria-label={c.fields.timeAggregation}
            value={filters.timeAggregation}
            onChange={(timeAggregation: string) => set({ timeAggregation })}
            popupMatchSelectWidth={false}
            options={[all, ...TIME_AGGREGATIONS.map((a) => ({ value: a, label: c.aggregations[a] }))]}
          />
        </label>
        {canEdit && (
          <Button type="primary" onClick={() => setEditing('new')}>
            {c.newIndicator}
          </Button>
        )}
      </div>
      <p role="status" className="catalogue-count">
        {c.shown(formatCount(shown.length, lang), formatCount(indicators.length, lang))}
      </p>
      <div className="catalogue-scroll" role="region" aria-label={c.indicatorsCaption} tabIndex={0}>
        <Table<IndicatorSummary>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={shown}
          pagination={{ pageSize: 25, showSizeChanger: false, hideOnSinglePage: true }}
          title={() => c.indicatorsCaption}
          className="catalogue-table"
          data-testid="catalogue-indicators"
        />
      </div>
      {canEdit && (
        <IndicatorFormDrawer
          key={editing === null ? 'closed' : editing === 'new' ? 'new' : editing.code}
          open={editing !== null}
          indicator={editing === 'new' || editing === null ? null : editing}
          groups={groups}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}
