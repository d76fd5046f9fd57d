import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import type { IndicatorGroupSummary, IndicatorSummary } from '../../../src/contract/catalogue.js';
import { formatCount } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { GroupFormDrawer } from './group-form';

/** The groups of indicators (pillars, foundations, the workspace's own) with how many indicators each holds. */
export function GroupsTab({
  groups,
  indicators,
  canEdit,
}: {
  groups: IndicatorGroupSummary[];
  indicators: IndicatorSummary[];
  canEdit: boolean;
}) {
  const { t, lang } = useI18n();
  const c = t.catalogue;
  const [editing, setEditing] = useState<IndicatorGroupSummary | 'new' | null>(null);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const i of indicators) if (i.group) m.set(i.group, (m.get(i.group) ?? 0) + 1);
    return m;
  }, [indicators]);

  const columns: ColumnsType<IndicatorGroupSummary> = [
    { title: c.fields.code, dataIndex: 'code', key: 'code', render: (code: string) => <code>{code}</code> },
    { title: c.fields.nameVi, dataIndex: 'nameVi', key: 'nameVi', className: 'catalogue-name-cell' },
    { title: c.fields.nameEn, dataIndex: 'nameEn', key: 'nameEn', className: 'catalogue-name-cell' },
    { title: c.fields.kind, key: 'kind', render: (_: unknown, g) => c.groupKinds[g.kind] },
    { title: c.fields.sort, key: 'sort', render: (_: unknown, g) => formatCount(g.sort, lang) },
    {
      title: c.indicatorCount,
      key: 'count',
      render: (_: unknown, g) => formatCount(counts.get(g.code) ?? 0, lang),
    },
  ];
  if (canEdit) {
    columns.push({
      title: c.actions,
      key: 'actions',
      render: (_: unknown, g) => (
        <Button size="small" onClick={() => setEditing(g)} aria-label={c.editNamed(g.code)}>
          {c.edit}
        </Button>
      ),
    });
  }

  return (
    <section aria-labelledby="catalogue-groups-title">
      <Typography.Title level={2} id="catalogue-groups-title" className="catalogue-tab-title">
        {c.tabs.groups}
      </Typography.Title>
      {canEdit && (
        <div className="catalogue-toolbar">
          <Button type="primary" onClick={() => setEditing('new')}>
            {c.newGroup}
          </Button>
        </div>
      )}
      <div className="catalogue-scroll" role="region" aria-label={c.groupsCaption} tabIndex={0}>
        <Table<IndicatorGroupSummary>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={groups}
          pagination={false}
          title={() => c.groupsCaption}
          className="catalogue-table"
          data-testid="catalogue-groups"
        />
      </div>
      {canEdit && (
        <GroupFormDrawer
          key={editing === null ? 'closed' : editing === 'new' ? 'new' : editing.code}
          open={editing !== null}
          group={editing === 'new' || editing === null ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}
