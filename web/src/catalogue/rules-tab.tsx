import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import type { IndicatorSummary, ValidationRuleSummary } from '../../../src/contract/catalogue.js';
import { useI18n } from '../i18n/i18n';
import { nameIn } from './names';
import { RuleFormDrawer } from './rule-form';

/** The validation rules: each with its expression as written and what it does when values are missing. */
export function RulesTab({
  rules,
  indicators,
  canEdit,
}: {
  rules: ValidationRuleSummary[];
  indicators: IndicatorSummary[];
  canEdit: boolean;
}) {
  const { t, lang } = useI18n();
  const c = t.catalogue;
  const [editing, setEditing] = useState<ValidationRuleSummary | 'new' | null>(null);
  const known = useMemo(() => new Set(indicators.map((i) => i.code)), [indicators]);

  const columns: ColumnsType<ValidationRuleSummary> = [
    { title: c.fields.code, dataIndex: 'code', key: 'code', render: (code: string) => <code>{code}</code> },
    {
      title: c.fields.name,
      key: 'name',
      render: (_: unknown, r) => nameIn(r, lang),
      className: 'catalogue-name-cell',
    },
    {
      title: c.fields.rule,
      key: 'rule',
      render: (_: unknown, r) => (
        <code className="catalogue-rule">{`${r.leftSide} ${r.operator} ${r.rightSide}`}</code>
      ),
    },
    {
      title: c.fields.missingValueStrategy,
      key: 'missing',
      render: (_: unknown, r) => c.strategies[r.missingValueStrategy],
    },
  ];
  if (canEdit) {
    columns.push({
      title: c.actions,
      key: 'actions',
      render: (_: unknown, r) => (
        <Button size="small" onClick={() => setEditing(r)} aria-label={c.editNamed(r.code)}>
          {c.edit}
        </Button>
      ),
    });
  }

  return (
    <section aria-labelledby="catalogue-rules-title">
      <Typography.Title level={2} id="catalogue-rules-title" className="catalogue-tab-title">
        {c.tabs.rules}
      </Typography.Title>
      {canEdit && (
        <div className="catalogue-toolbar">
          <Button type="primary" onClick={() => setEditing('new')}>
            {c.newRule}
          </Button>
        </div>
      )}
      <div className="catalogue-scroll" role="region" aria-label={c.rulesCaption} tabIndex={0}>
        <Table<ValidationRuleSummary>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={rules}
          pagination={{ pageSize: 25, showSizeChanger: false, hideOnSinglePage: true }}
          title={() => c.rulesCaption}
          className="catalogue-table"
          data-testid="catalogue-rules"
        />
      </div>
      {canEdit && (
        <RuleFormDrawer
          key={editing === null ? 'closed' : editing === 'new' ? 'new' : editing.code}
          open={editing !== null}
          rule={editing === 'new' || editing === null ? null : editing}
          known={known}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}
