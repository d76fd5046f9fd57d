import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useChangePassword, useSession } from '../api/session';
import { useI18n } from '../i18n/i18n';
import { showFormErrors } from '../shell/form-errors';
import { safeNext } from '../shell/next-path';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Changes the signed-in user's password: required at first sign-in with a temporary password. */
export default function ChangePasswordPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const session = useSession();
  const change = useChangePassword();
  const [form] = Form.useForm<PasswordForm>();
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (values: PasswordForm) => {
    setFormError(null);
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          void message.success(t.changePassword.done);
          navigate(next, { replace: true });
        },
        onError: (error) =>
          setFormError(showFormErrors(form, ['currentPassword', 'newPassword'], error, lang, t)),
      },
    );
  };

  return (
    <div className="narrow-page">
      <Card>
        <Typography.Title level={1}>{t.changePassword.title}</Typography.Title>
        {session.data?.mustChangePassword && (
          <Alert type="warning" showIcon title={t.changePassword.required} role="status" />
        )}
        <Typography.Paragraph>{t.changePassword.intro}</Typography.Paragraph>
        {formError && <Alert type="error" showIcon title={formError} role="alert" />}
        <Form<PasswordForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label={t.changePassword.current}
            name="currentPassword"
            rules={[{ required: true, message: t.changePassword.currentRequired }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label={t.changePassword.next}
            name="newPassword"
            rules={[{ required: true, message: t.changePassword.nextRequired }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t.changePassword.confirm}
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t.changePassword.nextRequired },
              ({ getFieldValue }) => ({
                validator: (_rule, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t.changePassword.confirmMismatch)),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            {t.changePassword.submit}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
