import { Button, Form, Input, Pagination, Select, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { AuditEntryItem } from '../admin/audit-entry';
import { UnitPicker } from '../admin/unit-picker';
import '../admin/admin.css';
import { useAudit, type AuditFilters } from '../api/admin';
import { formatCount } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';

const FILTERS = ['actor', 'action', 'entity', 'key', 'unit', 'from', 'to'] as const;
const PAGE_SIZE = 20;
const ACTIONS = ['create', 'update', 'delete', 'approve', 'return', 'submit', 'reopen', 'login', 'logout'];
const ENTITIES = [
  'user',
  'userGrant',
  'apiToken',
  'session',
  'value',
  'review',
  'plan',
  'target',
  'unit',
  'indicator',
  'task',
];

/**
 * The audit log (docs/web.md, "Administration"): newest first, filtered by who, what, which object, which unit and
 * when (dates in Vietnam's time), a page at a time; each entry's data before and after, and a link to its object
 * where a page shows it. The filters live in the address, so a filtered view can be shared or reloaded.
 */
export default function AuditPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const audit = useAudit(filters, page, PAGE_SIZE);
  const [form] = Form.useForm<AuditFilters>();
  const apply = (values: AuditFilters): void => {
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = values[name]?.trim();
      if (value) next.set(name, value);
    }
    setParams(next);
  };
  return (
    <div className="admin-page">
      <Typography.Title level={1}>{t.admin.audit.title}</Typography.Title>
      <Typography.Paragraph>{t.admin.audit.intro}</Typography.Paragraph>
      <Form
        form={form}
        name="audit-filter"
        layout="vertical"
        className="admin-filters"
        initialValues={filters}
        key={params.toString()}
        onFinish={apply}
        role="search"
        aria-label={t.admin.audit.filters}
      >
        <Form.Item name="actor" label={t.admin.audit.actor}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="action" label={t.admin.audit.action}>
          <Select
            allowClear
            options={ACTIONS.map((a) => ({ value: a, label: t.admin.audit.actions[a] ?? a }))}
          />
        </Form.Item>
        <Form.Item name="entity" label={t.admin.audit.entity}>
          <Select
            allowClear
            options={ENTITIES.map((e) => ({ value: e, label: t.admin.audit.entities[e] ?? e }))}
          />
        </Form.Item>
        <Form.Item name="key" label={t.admin.audit.key}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="unit" label={t.admin.unit}>
          <UnitPicker permission="audit:read" allowClear />
        </Form.Item>
        <Form.Item name="from" label={t.admin.audit.from}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="to" label={t.admin.audit.to}>
          <Input type="date" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t.admin.audit.apply}
          </Button>{' '}
          <Button onClick={() => setParams(new URLSearchParams())}>{t.admin.audit.clear}</Button>
        </Form.Item>
      </Form>
      {audit.isPending ? (
        <Loading />
      ) : audit.isError ? (
        <QueryError error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <>
          <p role="status" data-testid="audit-count">
            {t.admin.audit.count(formatCount(audit.data.total, lang))}
          </p>
          <ul className="admin-list">
            {audit.data.entries.map((entry) => (
              <AuditEntryItem key={entry.id} entry={entry} />
            ))}
          </ul>
          {audit.data.total > PAGE_SIZE && (
            <nav aria-label={t.admin.audit.pages}>
              <Pagination
                current={page}
                pageSize={PAGE_SIZE}
                total={audit.data.total}
                showSizeChanger={false}
                onChange={(p) => {
                  const next = new URLSearchParams(params);
                  next.set('page', String(p));
                  setParams(next);
                }}
              />
            </nav>
          )}
        </>
      )}
    </div>
  );
}
