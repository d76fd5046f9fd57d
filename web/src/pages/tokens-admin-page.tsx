import { Alert, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ApiTokenSummary } from '../../../src/contract/tokens.js';
import type { Role } from '../../../src/domain/approval.js';
import { ActionError, SecretOnce, useGrantUnitText, useRoleOptions } from '../admin/admin-parts';
import { UnitPicker } from '../admin/unit-picker';
import '../admin/admin.css';
import { useCreateToken, useRevokeToken, useTokens } from '../api/admin';
import { formatCount, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { showFormErrors } from '../shell/form-errors';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';

interface NewTokenForm {
  name: string;
  role: Role;
  unit: string;
  expiresInDays: number;
}

const TOKEN_FIELDS = ['name', 'role', 'unit', 'expiresInDays'] as const;
const STATUS_COLOURS = { active: 'green', expired: 'default', revoked: 'red' } as const;

/** The form creating a token; the token itself shown once, with a copy button and a warning. */
function CreateToken() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<NewTokenForm>();
  const create = useCreateToken();
  const roles = useRoleOptions();
  const [formError, setFormError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  return (
    <Card title={<h2 className="admin-card-title">{t.admin.tokens.createTitle}</h2>} className="admin-card">
      <Form
        form={form}
        name="new-token"
        layout="vertical"
        className="admin-form"
        requiredMark={false}
        initialValues={{ expiresInDays: 90 }}
        onFinish={(values) => {
          setFormError(null);
          setSecret(null);
          create.mutate(values, {
            onSuccess: (answer) => {
              setSecret({ name: answer.summary.name, token: answer.token });
              form.resetFields();
            },
            onError: (error) => setFormError(showFormErrors(form, TOKEN_FIELDS, error, lang, t)),
          });
        }}
      >
        <Form.Item
          name="name"
          label={t.admin.tokens.name}
          extra={t.admin.tokens.nameHint}
          rules={[{ required: true, message: t.admin.required }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t.admin.role} rules={[{ required: true, message: t.admin.required }]}>
          <Select options={roles} />
        </Form.Item>
        <Form.Item name="unit" label={t.admin.unit} rules={[{ required: true, message: t.admin.required }]}>
          <UnitPicker permission="tokens:manage" />
        </Form.Item>
        <Form.Item
          name="expiresInDays"
          label={t.admin.tokens.days}
          extra={t.admin.tokens.daysHint}
          rules={[{ required: true, message: t.admin.required }]}
        >
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <div className="admin-form-actions">
          {formError && (
            <Alert type="error" showIcon role="alert" title={formError} className="admin-alert" />
          )}
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t.admin.tokens.create}
          </Button>
        </div>
      </Form>
      {secret && (
        <SecretOnce
          title={t.admin.tokens.createdTitle(secret.name)}
          secret={secret.token}
          warning={t.admin.tokens.secretWarning}
          onDone={() => setSecret(null)}
        />
      )}
    </Card>
  );
}

function TokenItem({ token }: { token: ApiTokenSummary }) {
  const { t } = useI18n();
  const unitText = useGrantUnitText();
  const revoke = useRevokeToken();
  return (
    <li className="admin-item" data-testid={`token-${token.id}`}>
      <h2>
        {token.name} <Tag color={STATUS_COLOURS[token.status]}>{t.admin.tokens.statuses[token.status]}</Tag>
      </h2>
      <div>
        <strong>{t.roles[token.role]}</strong> · {unitText({ unit: token.unit })}
      </div>
      <div className="admin-meta">
        {t.admin.tokens.createdBy(token.createdBy, formatTime(token.createdAt))} ·{' '}
        {token.revokedAt
          ? t.admin.tokens.revokedAt(formatTime(token.revokedAt))
          : t.admin.tokens.expiresAt(formatTime(token.expiresAt))}{' '}
        ·{' '}
        {token.lastUsedAt ? t.admin.tokens.lastUsed(formatTime(token.lastUsedAt)) : t.admin.tokens.neverUsed}
      </div>
      {token.status === 'active' && (
        <div className="admin-actions">
          <Popconfirm
            title={t.admin.tokens.revokeConfirm(token.name)}
            okText={t.admin.tokens.revoke}
            cancelText={t.admin.cancel}
            onConfirm={() => revoke.mutate(token.id)}
          >
            <Button danger aria-label={t.admin.tokens.revokeLabel(token.name)}>
              {t.admin.tokens.revoke}
            </Button>
          </Popconfirm>
        </div>
      )}
      <ActionError error={revoke.error} />
    </li>
  );
}

/**
 * The API tokens over the units where the administrator manages tokens (docs/web.md, "Administration"): create one
 * for a role over a unit with an expiry — the token shown once — and revoke one.
 */
export default function TokensAdminPage() {
  const { t, lang } = useI18n();
  const tokens = useTokens();
  return (
    <div className="admin-page">
      <Typography.Title level={1}>{t.admin.tokens.title}</Typography.Title>
      <Typography.Paragraph>{t.admin.tokens.intro}</Typography.Paragraph>
      {tokens.isPending ? (
        <Loading />
      ) : tokens.isError ? (
        <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <>
          <CreateToken />
          <p>{t.admin.tokens.count(formatCount(tokens.data.length, lang))}</p>
          <ul className="admin-list">
            {[...tokens.data].reverse().map((token) => (
              <TokenItem key={token.id} token={token} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
