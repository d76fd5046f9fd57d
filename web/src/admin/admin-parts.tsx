import { Alert, Button, Input, Space, Typography } from 'antd';
import { useId, useState } from 'react';
import type { GrantSummary } from '../../../src/contract/session.js';
import { ROLES } from '../../../src/domain/approval.js';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** The roles as choices of a select, in the reader's language. */
export function useRoleOptions() {
  const { t } = useI18n();
  return ROLES.map((role) => ({ value: role, label: t.roles[role] }));
}

/** A grant's unit in words: its name and code, or the whole installation. */
export function useGrantUnitText() {
  const { t } = useI18n();
  return (grant: { unit: string; unitName?: string | null }) =>
    grant.unit === '/'
      ? t.admin.wholeInstallation
      : grant.unitName
        ? `${grant.unitName} (${grant.unit})`
        : grant.unit;
}

/** What a role allows over its unit, in words ("xem số liệu, nhập số liệu, …"). */
export function PermissionWords({ grant }: { grant: GrantSummary }) {
  const { t } = useI18n();
  return (
    <span className="admin-permissions">
      {t.admin.allows}: {grant.permissions.map((p) => t.admin.permissions[p]).join('; ')}
    </span>
  );
}

/** An API refusal (or any failure) in the reader's language, as an alert where the user acted. */
export function ActionError({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const text =
    error instanceof ApiError
      ? error.status === 0
        ? t.errors.network
        : (error.messageIn(lang) ?? t.errors.unexpected)
      : t.errors.unexpected;
  return <Alert type="error" showIcon role="alert" title={text} className="admin-alert" />;
}

/**
 * A secret the server gives once (a temporary password, an API token): shown in a read-only field with a copy
 * button and a warning that it will not be shown again; gone when the page is left or reloaded.
 */
export function SecretOnce({
  title,
  secret,
  warning,
  onDone,
}: {
  title: string;
  secret: string;
  warning: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Alert
      type="warning"
      showIcon
      className="admin-secret"
      data-testid="secret-once"
      title={title}
      description={
        <>
          <Typography.Paragraph strong>{warning}</Typography.Paragraph>
          <label htmlFor={id} className="admin-secret-label">
            {t.admin.secretLabel}
          </label>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              id={id}
              readOnly
              value={secret}
              className="admin-secret-value"
              onFocus={(e) => e.target.select()}
            />
            <Button onClick={() => void copy()}>{t.admin.copy}</Button>
          </Space.Compact>
          <div role="status" className="admin-secret-status">
            {copied === true ? t.admin.copied : copied === false ? t.admin.copyFailed : ''}
          </div>
          <Button type="primary" onClick={onDone} className="admin-secret-done">
            {t.admin.secretDone}
          </Button>
        </>
      }
    />
  );
}
