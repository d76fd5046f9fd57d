import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDemoAccounts, useSignIn } from '../api/session';
import type { DemoAccount } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { showFormErrors } from '../shell/form-errors';
import { safeNext } from '../shell/next-path';

interface SignInForm {
  login: string;
  password: string;
}

/** The demo accounts of a demo server on a loopback address, each with a button that fills the form. */
function DemoAccounts({ onUse }: { onUse: (account: DemoAccount) => void }) {
  const { t, lang } = useI18n();
  const demo = useDemoAccounts();
  if (!demo.data || demo.data.length === 0) return null;
  return (
    <Card className="demo-accounts" title={<h2 className="card-heading">{t.signIn.demoTitle}</h2>}>
      <Typography.Paragraph>{t.signIn.demoIntro}</Typography.Paragraph>
      <ul className="demo-list">
        {demo.data.map((account) => (
          <li key={account.login}>
            <div>
              <strong>{account.persona[lang]}</strong>
              <div>
                {t.signIn.demoLogin}:{' '}
                <Typography.Text code copyable>
                  {account.login}
                </Typography.Text>
              </div>
              <div>
                {t.signIn.demoPassword}:{' '}
                <Typography.Text code copyable>
                  {account.password}
                </Typography.Text>
              </div>
            </div>
            <Button aria-label={t.signIn.demoUseFor(account.login)} onClick={() => onUse(account)}>
              {t.signIn.demoUse}
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** Sign-in: login and password; then back where the user was (`?next=`), or to change a temporary password. */
export default function SignInPage() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const reason = params.get('reason');
  const [form] = Form.useForm<SignInForm>();
  const [formError, setFormError] = useState<string | null>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  const navigate = useNavigate();
  const signIn = useSignIn();

  const submit = (values: SignInForm) => {
    setFormError(null);
    signIn.mutate(values, {
      onSuccess: (session) =>
        navigate(session.mustChangePassword ? `/change-password?next=${encodeURIComponent(next)}` : next, {
          replace: true,
        }),
      onError: (error) => setFormError(showFormErrors(form, ['login', 'password'], error, lang, t)),
    });
  };

  return (
    <div className="narrow-page">
      <Card>
        <Typography.Title level={1}>{t.signIn.title}</Typography.Title>
        {reason === 'expired' && <Alert type="warning" showIcon title={t.signIn.expired} role="status" />}
        {reason === 'signedOut' && <Alert type="info" showIcon title={t.signIn.signedOut} role="status" />}
        <Typography.Paragraph>{t.signIn.intro}</Typography.Paragraph>
        {formError && <Alert type="error" showIcon title={formError} role="alert" />}
        <Form<SignInForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label={t.signIn.login}
            name="login"
            rules={[{ required: true, whitespace: true, message: t.signIn.loginRequired }]}
          >
            <Input autoComplete="username" autoCapitalize="none" spellCheck={false} />
          </Form.Item>
          <Form.Item
            label={t.signIn.password}
            name="password"
            rules={[{ required: true, message: t.signIn.passwordRequired }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button ref={submitButton} type="primary" htmlType="submit" block loading={signIn.isPending}>
            {t.signIn.submit}
          </Button>
        </Form>
      </Card>
      <Typography.Paragraph>
        <Link to="/public">{t.signIn.publicLink}</Link>
      </Typography.Paragraph>
      <DemoAccounts
        onUse={(account) => {
          form.setFieldsValue({ login: account.login, password: account.password });
          setFormError(null);
          // Filled: the next key press (Enter) signs in.
          submitButton.current?.focus();
        }}
      />
    </div>
  );
}
