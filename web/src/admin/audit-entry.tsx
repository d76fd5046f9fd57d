import { Tag } from 'antd';
import { Link } from 'react-router';
import type { AuditEntry } from '../../../src/contract/audit.js';
import { formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';

/** Where an entry's object can be seen in the app, if a page shows it. */
export function entryLink(entry: AuditEntry): string | null {
  const parts = entry.key.split('|');
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  switch (entry.entity) {
    case 'plan':
      return `/plans/${encodeURIComponent(entry.key)}`;
    case 'target':
    case 'planReportSettings':
    case 'reportNote':
      return parts[0] ? `/plans/${encodeURIComponent(parts[0])}` : null;
    case 'review':
      return parts.length === 3 && parts[0] && parts[2]
        ? `/plans/${encodeURIComponent(parts[0])}/reviews?${q({ period: parts[2] })}`
        : null;
    case 'user':
      return `/admin/users?${q({ q: entry.key })}`;
    case 'userGrant':
      return parts[0] ? `/admin/users?${q({ q: parts[0] })}` : null;
    case 'apiToken':
      return '/admin/tokens';
    default:
      return null;
  }
}

/** A recorded datum as text: strings as they are, anything else as JSON. */
function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 1);
}

/**
 * The data before and after, field by field side by side (the fields that changed marked); data that is not an
 * object is shown whole.
 */
function DataChange({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if ((before === null || isObject(before)) && (after === null || isObject(after))) {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    return (
      <table className="admin-change">
        <caption className="admin-meta">{t.admin.audit.changeCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.admin.audit.field}</th>
            <th scope="col">{t.admin.audit.old}</th>
            <th scope="col">{t.admin.audit.new}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const o = before?.[k];
            const n = after?.[k];
            const changed = JSON.stringify(o) !== JSON.stringify(n);
            return (
              <tr key={k} className={changed ? 'admin-changed' : undefined}>
                <th scope="row">{k}</th>
                <td>
                  <pre>{before === null ? '—' : show(o)}</pre>
                </td>
                <td>
                  <pre>{after === null ? '—' : show(n)}</pre>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }
  return (
    <dl className="admin-data">
      <div>
        <dt>{t.admin.audit.old}</dt>
        <dd>
          <pre>{show(before)}</pre>
        </dd>
      </div>
      <div>
        <dt>{t.admin.audit.new}</dt>
        <dd>
          <pre>{show(after)}</pre>
        </dd>
      </div>
    </dl>
  );
}

const ACTION_COLOURS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  approve: 'green',
  return: 'orange',
  submit: 'cyan',
  reopen: 'purple',
};

/** One audit entry: when, who and from where, what was done to which object, and its data before and after. */
export function AuditEntryItem({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const link = entryLink(entry);
  const entity = t.admin.audit.entities[entry.entity] ?? entry.entity;
  return (
    <li className="admin-item" data-testid="audit-entry">
      <h2>
        <Tag color={ACTION_COLOURS[entry.action] ?? 'default'}>
          {t.admin.audit.actions[entry.action] ?? entry.action}
        </Tag>
        {entity} ·{' '}
        {link ? (
          <Link to={link} aria-label={t.admin.audit.open(entity, entry.key)}>
            {entry.key}
          </Link>
        ) : (
          <code>{entry.key}</code>
        )}
      </h2>
      <div className="admin-meta">
        {formatTime(entry.at)} · {entry.actor ?? t.admin.audit.noActor} ·{' '}
        {t.admin.audit.sources[entry.source] ?? entry.source}
        {entry.address ? ` · ${entry.address}` : ''}
      </div>
      <details>
        <summary>{t.admin.audit.showData}</summary>
        <DataChange before={entry.old} after={entry.new} />
      </details>
    </li>
  );
}
