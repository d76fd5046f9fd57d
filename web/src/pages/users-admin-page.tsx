import { Alert, Button, Card, Form, Input, Popconfirm, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { UserSummary } from '../../../src/contract/users.js';
import type { Role } from '../../../src/domain/approval.js';
import { foldVietnamese } from '../../../src/domain/text.js';
import {
  ActionError,
  PermissionWords,
  SecretOnce,
  useGrantUnitText,
  useRoleOptions,
} from '../admin/admin-parts';
import { UnitPicker } from '../admin/unit-picker';
import '../admin/admin.css';
import {
  useAddUser,
  useGrantRole,
  useResetPassword,
  useRevokeRole,
  useSetUserDisabled,
  useUsers,
} from '../api/admin';
import { formatCount, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { showFormErrors } from '../shell/form-errors';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';

interface NewUserForm {
  login: string;
  displayName: string;
  email?: string;
  password?: string;
  role: Role;
  unit: string;
}

const NEW_USER_FIELDS = ['login', 'displayName', 'email', 'password', 'role', 'unit'] as const;

/** The form adding a user with a first role over a unit; the temporary password shown once. */
function AddUser() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<NewUserForm>();
  const add = useAddUser();
  const roles = useRoleOptions();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ login: string; password: string | null } | null>(null);
  const submit = (values: NewUserForm): void => {
    setFormError(null);
    setCreated(null);
    add.mutate(
      {
        login: values.login,
        displayName: values.displayName,
        email: values.email?.trim() ? values.email.trim() : null,
        ...(values.password ? { password: values.password } : {}),
        grants: [{ role: values.role, unit: values.unit }],
      },
      {
        onSuccess: (answer) => {
          setCreated({ login: answer.user.login, password: answer.temporaryPassword });
          form.resetFields();
        },
        onError: (error) => setFormError(showFormErrors(form, NEW_USER_FIELDS, error, lang, t)),
      },
    );
  };
  return (
    <Card title={<h2 className="admin-card-title">{t.admin.users.addTitle}</h2>} className="admin-card">
      <Form
        form={form}
        name="new-user"
        layout="vertical"
        className="admin-form"
        onFinish={submit}
        requiredMark={false}
      >
        <Form.Item
          name="login"
          label={t.admin.users.login}
          extra={t.admin.users.loginHint}
          rules={[{ required: true, message: t.admin.required }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t.admin.users.displayName}
          rules={[{ required: true, message: t.admin.required }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t.admin.users.email}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label={t.admin.users.password} extra={t.admin.users.passwordHint}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t.admin.role} rules={[{ required: true, message: t.admin.required }]}>
          <Select options={roles} />
        </Form.Item>
        <Form.Item name="unit" label={t.admin.unit} rules={[{ required: true, message: t.admin.required }]}>
          <UnitPicker permission="users:manage" />
        </Form.Item>
        <div className="admin-form-actions">
          {formError && (
            <Alert type="error" showIcon role="alert" title={formError} className="admin-alert" />
          )}
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t.admin.users.add}
          </Button>
        </div>
      </Form>
      <div role="status">
        {created && (
          <Alert type="success" showIcon title={t.admin.users.added(created.login)} className="admin-alert" />
        )}
      </div>
      {created?.password && (
        <SecretOnce
          title={t.admin.users.temporaryTitle(created.login)}
          secret={created.password}
          warning={t.admin.users.temporaryWarning}
          onDone={() => setCreated(null)}
        />
      )}
    </Card>
  );
}

interface GrantForm {
  role: Role;
  unit: string;
}

/** One user: status, roles with what they allow, and the actions on them. */
function UserItem({ user }: { user: UserSummary }) {
  const { t, lang } = useI18n();
  const unitText = useGrantUnitText();
  const roles = useRoleOptions();
  const setDisabled = useSetUserDisabled();
  const reset = useResetPassword();
  const grant = useGrantRole();
  const revoke = useRevokeRole();
  const [granting, setGranting] = useState(false);
  const [form] = Form.useForm<GrantForm>();
  const [grantError, setGrantError] = useState<string | null>(null);
  const [temporary, setTemporary] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const formName = `grant-${user.login.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const lastError = setDisabled.error ?? reset.error ?? revoke.error;
  const clear = (): void => {
    setDone(null);
    setDisabled.reset();
    reset.reset();
    revoke.reset();
  };
  return (
    <li className="admin-item" data-testid={`user-${user.login}`}>
      <h2>
        {user.displayName} <Typography.Text code>{user.login}</Typography.Text>{' '}
        {user.disabled ? (
          <Tag color="red">{t.admin.users.disabled}</Tag>
        ) : (
          <Tag color="green">{t.admin.users.enabled}</Tag>
        )}
        {user.mustChangePassword && <Tag color="orange">{t.admin.users.mustChange}</Tag>}
      </h2>
      <div className="admin-meta">
        {user.email && <span>{user.email} · </span>}
        {t.admin.users.created(formatTime(user.createdAt))} ·{' '}
        {user.lastLoginAt
          ? t.admin.users.lastLogin(formatTime(user.lastLoginAt))
          : t.admin.users.neverLoggedIn}
      </div>
      {user.grants.length === 0 ? (
        <p>{t.admin.users.noRoles}</p>
      ) : (
        <ul className="admin-grants" aria-label={t.admin.users.rolesOf(user.login)}>
          {user.grants.map((g) => (
            <li key={`${g.role}|${g.unit}`}>
              <strong>{t.roles[g.role]}</strong> · {unitText(g)}{' '}
              <Popconfirm
                title={t.admin.users.revokeConfirm(t.roles[g.role], unitText(g))}
                okText={t.admin.users.revoke}
                cancelText={t.admin.cancel}
                onConfirm={() => {
                  clear();
                  revoke.mutate(
                    { login: user.login, role: g.role, unit: g.unit },
                    { onSuccess: () => setDone(t.admin.users.revoked(t.roles[g.role], unitText(g))) },
                  );
                }}
              >
                <Button
                  size="small"
                  danger
                  aria-label={t.admin.users.revokeLabel(t.roles[g.role], unitText(g))}
                >
                  {t.admin.users.revoke}
                </Button>
              </Popconfirm>
              <PermissionWords grant={g} />
            </li>
          ))}
        </ul>
      )}
      <div className="admin-actions">
        <Button onClick={() => setGranting((v) => !v)} aria-expanded={granting}>
          {t.admin.users.grant}
        </Button>
        <Popconfirm
          title={
            user.disabled ? t.admin.users.enableConfirm(user.login) : t.admin.users.disableConfirm(user.login)
          }
          okText={user.disabled ? t.admin.users.enable : t.admin.users.disable}
          cancelText={t.admin.cancel}
          onConfirm={() => {
            clear();
            setDisabled.mutate(
              { login: user.login, disabled: !user.disabled },
              {
                onSuccess: () =>
                  setDone(
                    user.disabled
                      ? t.admin.users.enabledDone(user.login)
                      : t.admin.users.disabledDone(user.login),
                  ),
              },
            );
          }}
        >
          <Button danger={!user.disabled}>
            {user.disabled ? t.admin.users.enable : t.admin.users.disable}
          </Button>
        </Popconfirm>
        <Popconfirm
          title={t.admin.users.resetConfirm(user.login)}
          okText={t.admin.users.reset}
          cancelText={t.admin.cancel}
          onConfirm={() => {
            clear();
            reset.mutate(user.login, { onSuccess: (answer) => setTemporary(answer.temporaryPassword) });
          }}
        >
          <Button>{t.admin.users.reset}</Button>
        </Popconfirm>
      </div>
      {granting && (
        <Form
          form={form}
          name={formName}
          layout="vertical"
          className="admin-form"
          requiredMark={false}
          onFinish={(values) => {
            setGrantError(null);
            clear();
            grant.mutate(
              { login: user.login, ...values },
              {
                onSuccess: (answer) => {
                  setDone(
                    answer.changed
                      ? t.admin.users.granted(t.roles[values.role], values.unit)
                      : t.admin.users.alreadyHeld,
                  );
                  setGranting(false);
                  form.resetFields();
                },
                onError: (error) => setGrantError(showFormErrors(form, ['role', 'unit'], error, lang, t)),
              },
            );
          }}
        >
          <Form.Item name="role" label={t.admin.role} rules={[{ required: true, message: t.admin.required }]}>
            <Select options={roles} />
          </Form.Item>
          <Form.Item name="unit" label={t.admin.unit} rules={[{ required: true, message: t.admin.required }]}>
            <UnitPicker permission="users:manage" />
          </Form.Item>
          <div className="admin-form-actions">
            {grantError && (
              <Alert type="error" showIcon role="alert" title={grantError} className="admin-alert" />
            )}
            <Button type="primary" htmlType="submit" loading={grant.isPending}>
              {t.admin.users.grantSubmit}
            </Button>
          </div>
        </Form>
      )}
      <ActionError error={lastError} />
      <div role="status">
        {done && <Alert type="success" showIcon title={done} className="admin-alert" />}
      </div>
      {temporary && (
        <SecretOnce
          title={t.admin.users.temporaryTitle(user.login)}
          secret={temporary}
          warning={t.admin.users.temporaryWarning}
          onDone={() => setTemporary(null)}
        />
      )}
    </li>
  );
}

/**
 * The users an administrator manages (docs/web.md, "Administration"): search, add one with a first role, disable
 * or enable, reset a password (the temporary one shown once), grant and revoke roles over units in their scope.
 */
export default function UsersAdminPage() {
  const { t, lang } = useI18n();
  const users = useUsers();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const folded = foldVietnamese(search.trim());
  const shown = (users.data ?? []).filter(
    (u) =>
      folded === '' ||
      [u.login, u.displayName, u.email ?? '', ...u.grants.flatMap((g) => [g.unit, g.unitName ?? ''])].some(
        (text) => foldVietnamese(text).includes(folded),
      ),
  );
  return (
    <div className="admin-page">
      <Typography.Title level={1}>{t.admin.users.title}</Typography.Title>
      <Typography.Paragraph>{t.admin.users.intro}</Typography.Paragraph>
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <>
          <AddUser />
          <label htmlFor="user-search">{t.admin.users.search}</label>
          <Input.Search
            id="user-search"
            allowClear
            value={search}
            onChange={(e) => setParams(e.target.value ? { q: e.target.value } : {}, { replace: true })}
            style={{ marginBottom: 12 }}
          />
          <p role="status">
            {t.admin.users.count(formatCount(shown.length, lang), formatCount(users.data.length, lang))}
          </p>
          <ul className="admin-list">
            {shown.map((u) => (
              <UserItem key={u.login} user={u} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
